//! The held path against the whole path: the same decision on two copies of one generated
//! forum must give the same answer, the same commit and the same forum after.

use super::TAKEN;
use crate::domain::phase::DecisionKind;
use crate::domain::records::Phase;
use crate::domain::snapshot::{RecordKind, RecordRef, Snapshot};
use crate::store::decide::{Decision, branch_tip, decide, decide_held};
use crate::store::generate::{Plan, generate};
use crate::store::repo::{ForumRepo, Loaded};
use proptest::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

const FORUM: &str = "fy-held";
const BRANCH: &str = "refs/heads/main";

/// One generated forum (Scoring phase, 30 initiatives, scorecards), checked out, made once.
fn original() -> &'static Path {
    static DIR: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    let (_, dir) = DIR.get_or_init(|| {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("forum");
        std::fs::create_dir_all(&dir).unwrap();
        let plan = Plan {
            forum_id: FORUM.into(),
            silos: 5,
            initiatives: 30,
            commits: 260,
            seed: 7,
        };
        generate(&dir, &plan).unwrap();
        let repo = git2::Repository::open(&dir).unwrap();
        repo.checkout_head(Some(git2::build::CheckoutBuilder::new().force()))
            .unwrap();
        (tmp, dir)
    });
    dir
}

fn copy(to: &Path) -> ForumRepo {
    let status = std::process::Command::new("cp")
        .arg("-a")
        .arg(original())
        .arg(to)
        .status()
        .unwrap();
    assert!(status.success());
    ForumRepo::open(to).unwrap()
}

fn tip_forum(repo: &ForumRepo) -> Loaded {
    let tip = branch_tip(repo, BRANCH).unwrap().unwrap();
    repo.load_at(FORUM, &tip.to_string()).unwrap()
}

fn decision(s: &Snapshot, kind: DecisionKind, summary: &str) -> Decision {
    let mut d = Decision::new(FORUM, kind, summary, "Because.", &s.forum.members[0].id);
    d.when = Some((1_800_000_000, 60));
    d
}

/// Makes the decision both ways and compares everything; returns whether the held path
/// was taken and the answer.
fn both(make: impl Fn(&Snapshot) -> Decision) -> (bool, Result<String, String>) {
    both_after(|_| {}, |s, _| make(s))
}

/// As [`both`], after `prepare` ran on each copy (the same steps, so the same commits), and
/// with the copy at hand to build the decision (`accept` reads a branch).
fn both_after(
    prepare: impl Fn(&ForumRepo),
    make: impl Fn(&Snapshot, &ForumRepo) -> Decision,
) -> (bool, Result<String, String>) {
    let tmp = tempfile::tempdir().unwrap();
    let (whole, quick) = (copy(&tmp.path().join("a")), copy(&tmp.path().join("b")));
    prepare(&whole);
    prepare(&quick);
    let d = make(&tip_forum(&whole).snapshot, &whole);
    let expected = branch_tip(&whole, BRANCH).unwrap();
    let a = decide(&whole, BRANCH, expected, &d);
    let mut held = Some(tip_forum(&quick));
    let before = TAKEN.with(|t| t.get());
    let b = decide_held(&quick, BRANCH, expected, &d, &mut held);
    let taken = TAKEN.with(|t| t.get()) > before;
    match (&a, &b) {
        (Ok(a), Ok(b)) => {
            assert_eq!(a.commit, b.commit, "same commit");
            assert_eq!(a.loaded.commit, b.loaded.commit);
            assert_eq!(a.loaded.snapshot, b.loaded.snapshot);
            assert_eq!(a.loaded.problems, b.loaded.problems);
            assert_eq!(a.loaded.sources, b.loaded.sources);
            // And what was returned is what a fresh load reads.
            let fresh = tip_forum(&quick);
            assert_eq!(fresh.snapshot, b.loaded.snapshot);
            assert_eq!(fresh.problems, b.loaded.problems);
            assert_eq!(fresh.sources, b.loaded.sources);
            assert!(!taken || held.is_none(), "the held forum is taken");
        }
        (Err(a), Err(b)) => {
            assert_eq!(a.to_string(), b.to_string());
            // A refusal leaves the held forum as it was.
            let held = held.expect("left in place");
            let fresh = tip_forum(&quick);
            assert_eq!(held.snapshot, fresh.snapshot);
            assert_eq!(held.problems, fresh.problems);
            assert_eq!(held.sources, fresh.sources);
            assert_eq!(held.commit, fresh.commit);
        }
        _ => panic!(
            "the paths disagree: {:?} vs {:?}",
            a.as_ref().map(|d| d.commit),
            b.as_ref().map(|d| d.commit)
        ),
    }
    (
        taken,
        a.map(|d| d.commit.to_string()).map_err(|e| e.to_string()),
    )
}

fn forum_ref() -> RecordRef {
    RecordRef::new(RecordKind::Forum, "")
}

fn some_initiative(s: &Snapshot, n: usize) -> (RecordRef, crate::domain::records::Initiative) {
    let (id, p) = s.initiatives.iter().nth(n % s.initiatives.len()).unwrap();
    (RecordRef::initiative(&p.silo, id), p.initiative.clone())
}

#[test]
fn the_forum_is_in_scoring_with_findings() {
    let tmp = tempfile::tempdir().unwrap();
    let loaded = tip_forum(&copy(&tmp.path().join("x")));
    assert_eq!(loaded.snapshot.forum.phase, Phase::Scoring);
    assert!(!loaded.snapshot.scorecards.is_empty());
}

#[test]
fn budget() {
    let (taken, answer) = both(|s| {
        let mut d = decision(s, DecisionKind::Budget, "Set the budget");
        let mut f = s.forum.clone();
        f.budget += 1_000;
        d.put(&forum_ref(), &f).unwrap();
        d
    });
    assert!(taken && answer.is_ok(), "{answer:?}");
}

#[test]
fn a_stranger_in_present_is_refused_on_both_paths() {
    let (taken, answer) = both(|s| {
        let mut d = decision(s, DecisionKind::Budget, "Set the budget");
        let first = s.forum.members[0].id.clone();
        d.present = vec![first.clone(), format!("{first}x")];
        let mut f = s.forum.clone();
        f.budget += 1_000;
        d.put(&forum_ref(), &f).unwrap();
        d
    });
    assert!(taken, "judged on the held forum");
    let why = answer.unwrap_err();
    assert!(
        why.contains("in Present is not a member of the forum"),
        "{why}"
    );
    assert!(why.contains("did you mean"), "{why}");
}

#[test]
fn score() {
    let (taken, answer) = both(|s| {
        let (member, card) = s.scorecards.iter().next().unwrap();
        let mut card = card.clone();
        let (init, row) = card.scores.iter_mut().next().unwrap();
        let init = init.clone();
        for v in row.values_mut() {
            *v = (*v + 1) % (s.forum.scale + 1);
        }
        card.notes.insert(init, "Looked again.".into());
        let mut d = decision(s, DecisionKind::Score, "Scores");
        d.decided_by = member.clone();
        d.put(&RecordRef::new(RecordKind::Scorecard, member), &card)
            .unwrap();
        d
    });
    assert!(taken && answer.is_ok(), "{answer:?}");
}

#[test]
fn a_score_outside_the_scale_is_a_broken_record() {
    let (taken, answer) = both(|s| {
        let (member, card) = s.scorecards.iter().next().unwrap();
        let mut card = card.clone();
        for v in card.scores.values_mut().next().unwrap().values_mut() {
            *v = 99;
        }
        let mut d = decision(s, DecisionKind::Score, "Scores");
        d.decided_by = member.clone();
        d.put(&RecordRef::new(RecordKind::Scorecard, member), &card)
            .unwrap();
        d
    });
    assert!(taken);
    assert!(
        answer.unwrap_err().contains("would write a broken record"),
        "refused"
    );
}

#[test]
fn a_new_scorecard_naming_unknown_initiatives() {
    let (taken, answer) = both(|s| {
        let (member, card) = s.scorecards.iter().next().unwrap();
        let mut card = card.clone();
        card.notes.insert("no-such-initiative".into(), "?".into());
        let mut d = decision(s, DecisionKind::Score, "Scores");
        d.decided_by = member.clone();
        d.put(&RecordRef::new(RecordKind::Scorecard, member), &card)
            .unwrap();
        d
    });
    assert!(taken);
    assert!(answer.is_err());
}

#[test]
fn propose() {
    let (taken, answer) = both(|s| {
        let (r, mut i) = some_initiative(s, 3);
        i.title = "A brand new idea".into();
        i.depends_on = vec![r.id.clone()];
        let mut d = decision(s, DecisionKind::Propose, "Propose");
        let new = RecordRef::initiative(r.silo.clone().unwrap(), "brand-new-idea");
        d.put(&new, &i).unwrap();
        d
    });
    assert!(taken && answer.is_ok(), "{answer:?}");
}

#[test]
fn edit() {
    let (taken, answer) = both(|s| {
        let (r, mut i) = some_initiative(s, 5);
        i.cost += 7;
        i.summary = "Reworded.".into();
        i.mandatory = !i.mandatory;
        let mut d = decision(s, DecisionKind::Edit, "Edit");
        d.put(&r, &i).unwrap();
        d
    });
    assert!(taken && answer.is_ok(), "{answer:?}");
}

#[test]
fn an_edit_that_closes_a_dependency_cycle() {
    // b depends on a; a now depends on b: a cycle, reported on the smaller id, which may be
    // a record the decision did not write.
    for (x, y) in [(1, 2), (2, 1)] {
        let _ = both(|s| {
            let (ra, mut a) = some_initiative(s, x);
            let (rb, mut b) = some_initiative(s, y);
            let mut d = decision(s, DecisionKind::Edit, "Edit");
            b.depends_on.push(ra.id.clone());
            a.depends_on.push(rb.id.clone());
            d.put(&rb, &b).unwrap();
            d.put(&ra, &a).unwrap();
            d
        });
        let (taken, _) = both(|s| {
            let (ra, mut a) = some_initiative(s, x);
            let (rb, _) = some_initiative(s, y);
            a.depends_on.push(rb.id.clone());
            let mut d = decision(s, DecisionKind::Edit, "Edit");
            d.put(&ra, &a).unwrap();
            d
        });
        assert!(taken);
    }
}

#[test]
fn withdraw_an_initiative_others_name() {
    let (taken, answer) = both(|s| {
        let (r, _) = some_initiative(s, 0);
        let mut d = decision(s, DecisionKind::Edit, "Withdraw");
        d.remove(&r);
        d
    });
    assert!(taken, "{answer:?}");
}

#[test]
fn a_ranking_change_is_refused_in_scoring() {
    let (taken, answer) = both(|s| {
        let mut ranking = s.ranking.clone().unwrap();
        ranking.order.reverse();
        let mut d = decision(s, DecisionKind::Rank, "Rank");
        d.put(&RecordRef::new(RecordKind::Ranking, ""), &ranking)
            .unwrap();
        d
    });
    assert!(taken);
    assert!(answer.unwrap_err().contains("locked"));
}

#[test]
fn advance_and_nothing_to_decide() {
    let (taken, answer) = both(|s| {
        let mut f = s.forum.clone();
        f.phase = Phase::Allocation;
        let mut d = decision(s, DecisionKind::Advance, "Advance");
        d.put(&forum_ref(), &f).unwrap();
        d
    });
    assert!(taken && answer.is_ok(), "{answer:?}");
    let (_, answer) = both(|s| {
        let mut d = decision(s, DecisionKind::Budget, "Same");
        d.put(&forum_ref(), &s.forum).unwrap();
        d
    });
    assert!(answer.unwrap_err().contains("nothing to decide"));
}

/// The records a motion writes, through the one builder the CLI and the app share.
fn from_motion(s: &Snapshot, motion: &crate::domain::decision::Motion) -> Decision {
    use crate::domain::decision::{Written, plan};
    let p = plan(s, motion, "Because.", &[]).unwrap_or_else(|e| panic!("{motion:?}: {e}"));
    let mut d = decision(s, p.kind, &p.summary);
    for (r, w) in &p.writes {
        match w {
            Written::Forum(f) => d.put(r, f),
            Written::Ranking(x) => d.put(r, x),
            Written::Scorecard(x) => d.put(r, x),
            Written::Allocation(x) => d.put(r, x),
            Written::Ballot(x) => d.put(r, x),
            Written::Evidence(x) => d.put(r, x),
            Written::Priority(x) => d.put(r, x),
            Written::Withdrawn => {
                d.remove(r);
                Ok(())
            }
        }
        .unwrap();
    }
    d
}

/// Commits the decision on the forum's branch (the whole path), as a prepare step.
fn decided(repo: &ForumRepo, make: impl Fn(&Snapshot) -> Decision) {
    let tip = branch_tip(repo, BRANCH).unwrap();
    let d = make(&tip_forum(repo).snapshot);
    decide(repo, BRANCH, tip, &d).unwrap();
}

fn advance(s: &Snapshot) -> Decision {
    from_motion(s, &crate::domain::decision::Motion::Advance)
}

#[test]
fn ballot() {
    // Ballots are frozen once the ranking is locked: refused alike on both paths …
    let (taken, answer) = both(|s| {
        let (member, ballot) = s.ballots.iter().next().unwrap();
        let mut order = ballot.order.clone();
        order.reverse();
        let mut d = from_motion(
            s,
            &crate::domain::decision::Motion::Ballot {
                member: member.clone(),
                order,
            },
        );
        d.decided_by = member.clone();
        d
    });
    assert!(taken, "judged on the held forum");
    let why = answer.unwrap_err();
    assert!(why.contains("ballot"), "{why}");
    // … and accepted alike after the forum is reopened to Ranking.
    let (taken, answer) = both_after(
        |repo| {
            decided(repo, |s| {
                from_motion(
                    s,
                    &crate::domain::decision::Motion::Reopen { to: Phase::Ranking },
                )
            })
        },
        |s, _| {
            let (member, ballot) = s.ballots.iter().next().unwrap();
            let mut order = ballot.order.clone();
            order.reverse();
            let mut d = from_motion(
                s,
                &crate::domain::decision::Motion::Ballot {
                    member: member.clone(),
                    order,
                },
            );
            d.decided_by = member.clone();
            d
        },
    );
    assert!(taken && answer.is_ok(), "{answer:?}");
}

#[test]
fn reopen() {
    let (taken, answer) = both(|s| {
        from_motion(
            s,
            &crate::domain::decision::Motion::Reopen { to: Phase::Ranking },
        )
    });
    assert!(taken && answer.is_ok(), "{answer:?}");
    // From Allocation back to Scoring, with an allocation decided: it is withdrawn.
    let (taken, answer) = both_after(
        |repo| {
            decided(repo, advance);
            decided(repo, greedy_allocation);
        },
        |s, _| {
            from_motion(
                s,
                &crate::domain::decision::Motion::Reopen { to: Phase::Scoring },
            )
        },
    );
    assert!(taken && answer.is_ok(), "{answer:?}");
}

/// The greedy allocation of the forum as it stands, every funded line at its cost.
fn greedy_allocation(s: &Snapshot) -> Decision {
    let analysis = crate::domain::analysis::analyse(s);
    let lines = analysis
        .greedy
        .funded
        .iter()
        .map(|id| crate::domain::records::Line {
            initiative: id.clone(),
            amount: s.initiative(id).map_or(0, |i| i.cost),
            reason: "Funded by the greedy rule.".into(),
        })
        .collect();
    from_motion(
        s,
        &crate::domain::decision::Motion::Allocate {
            rule: crate::domain::records::AllocationRule::Greedy,
            budget: s.forum.budget,
            lines,
        },
    )
}

#[test]
fn allocate() {
    // Refused in Scoring on both paths …
    let (taken, answer) = both(greedy_allocation);
    assert!(taken);
    assert!(answer.is_err(), "{answer:?}");
    // … and decided alike in Allocation.
    let (taken, answer) = both_after(|repo| decided(repo, advance), |s, _| greedy_allocation(s));
    assert!(taken && answer.is_ok(), "{answer:?}");
}

#[test]
fn accept() {
    // The same proposal commit in both copies (same tree, author and time: the same id).
    let propose = |repo: &ForumRepo| {
        let git = &repo.repo;
        let tip = git
            .find_commit(branch_tip(repo, BRANCH).unwrap().unwrap())
            .unwrap();
        let s = tip_forum(repo).snapshot;
        let (_, p) = s.initiatives.iter().next().unwrap();
        let silo = p.silo.clone();
        let owner = p.initiative.owner.clone();
        let text = format!(
            "Initiative(title: \"Held or whole\", summary: \"A proposal.\", owner: \"{owner}\", cost: 1000, addresses: [{}])\n",
            s.ranking
                .as_ref()
                .and_then(|r| r.order.first())
                .map(|p| format!("\"{p}\""))
                .unwrap_or_default()
        );
        let blob = git.blob(text.as_bytes()).unwrap();
        let path = format!("forums/{FORUM}/initiatives/{silo}/held-or-whole.ron");
        let mut index = git2::Index::new().unwrap();
        index.read_tree(&tip.tree().unwrap()).unwrap();
        index
            .add(&git2::IndexEntry {
                ctime: git2::IndexTime::new(0, 0),
                mtime: git2::IndexTime::new(0, 0),
                dev: 0,
                ino: 0,
                mode: 0o100644,
                uid: 0,
                gid: 0,
                file_size: text.len() as u32,
                id: blob,
                flags: path.len() as u16,
                flags_extended: 0,
                path: path.into_bytes(),
            })
            .unwrap();
        let tree = git.find_tree(index.write_tree_to(git).unwrap()).unwrap();
        let who = git2::Signature::new(
            "Owner",
            "owner@example.com",
            &git2::Time::new(1_800_000_000, 0),
        )
        .unwrap();
        git.commit(
            Some(&format!("refs/heads/proposal/{silo}/held")),
            &who,
            &who,
            "Propose held-or-whole",
            &tree,
            &[&tip],
        )
        .unwrap();
    };
    let (taken, answer) = both_after(propose, |s, repo| {
        let by = s.forum.members[0].id.clone();
        let (_, p) = s.initiatives.iter().next().unwrap();
        let mut d = crate::store::proposals::accept_decision(
            repo,
            FORUM,
            &format!("proposal/{}/held", p.silo),
            &by,
            "Because.",
            &[],
        )
        .unwrap_or_else(|e| panic!("{e}"));
        d.when = Some((1_800_000_000, 60));
        d
    });
    assert!(taken, "judged on the held forum");
    assert!(answer.is_ok(), "{answer:?}");
}

#[test]
fn a_file_that_does_not_decode_takes_the_whole_path() {
    let (taken, answer) = both(|s| {
        let mut d = decision(s, DecisionKind::Score, "Scores");
        let path = RecordRef::new(RecordKind::Scorecard, &s.forum.members[1].id).repo_path(FORUM);
        d.changes
            .insert(path, Some(b"Scorecard(scores: {".to_vec()));
        d
    });
    assert!(!taken);
    assert!(answer.is_err());
}

#[test]
fn a_stale_held_forum_takes_the_whole_path() {
    let tmp = tempfile::tempdir().unwrap();
    let repo = copy(&tmp.path().join("a"));
    let old = tip_forum(&repo);
    let tip = branch_tip(&repo, BRANCH).unwrap();
    let budget = |s: &Snapshot, amount| {
        let mut d = decision(s, DecisionKind::Budget, "Budget");
        let mut f = s.forum.clone();
        f.budget = amount;
        d.put(&forum_ref(), &f).unwrap();
        d
    };
    let first = decide(&repo, BRANCH, tip, &budget(&old.snapshot, 1)).unwrap();
    let mut held = Some(old.clone());
    let before = TAKEN.with(|t| t.get());
    let second = decide_held(
        &repo,
        BRANCH,
        Some(first.commit),
        &budget(&old.snapshot, 2),
        &mut held,
    )
    .unwrap();
    assert_eq!(TAKEN.with(|t| t.get()), before, "whole path");
    assert!(held.is_some(), "a stale held forum is not taken");
    assert_eq!(second.loaded.snapshot.forum.budget, 2);
    // The forum returned is held for the next decision, which takes the quick path.
    let mut held = Some(second.loaded);
    let third = decide_held(
        &repo,
        BRANCH,
        Some(second.commit),
        &budget(&old.snapshot, 3),
        &mut held,
    )
    .unwrap();
    assert!(TAKEN.with(|t| t.get()) > before);
    assert_eq!(third.loaded.problems, tip_forum(&repo).problems);
}

#[test]
fn validation_split_over_two_threads_finds_what_one_finds() {
    use crate::domain::validate::validate_around;
    use crate::store::repo::validate_split;
    let tmp = tempfile::tempdir().unwrap();
    let loaded = tip_forum(&copy(&tmp.path().join("x")));
    let mut s = loaded.snapshot;
    let same = |s: &Snapshot, broken: &[RecordRef]| {
        let one = validate_around(s, broken);
        assert_eq!(one, validate_split(s, broken));
        one.len()
    };
    same(&s, &[]);
    // Findings on scorecards and elsewhere, warnings and errors, hints naming ids.
    let member = s.forum.members[1].id.clone();
    let card = s.scorecards.get_mut(&member).unwrap();
    card.notes.insert("unknown-one".into(), "?".into());
    if let Some(row) = card.scores.values_mut().next() {
        row.insert("no-priority".into(), 99);
    }
    let mut stray = s.scorecards.get(&member).unwrap().clone();
    stray.notes.insert("x".into(), "\u{202e}".into());
    s.scorecards.insert("not-a-member".into(), stray);
    let (_, p) = s.initiatives.iter_mut().next().unwrap();
    p.initiative.depends_on.push("missing".into());
    p.initiative.title = String::new();
    let found = same(&s, &[RecordRef::initiative("x", "missing")]);
    assert!(found >= 5, "{found}");
    s.forum.phase = Phase::Ranking;
    same(&s, &[]);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 6, ..ProptestConfig::default() })]

    /// Scores, notes and costs changed at random agree both ways (in or out of the scale,
    /// naming known or unknown initiatives).
    #[test]
    fn random_changes_agree(card in 0usize..40, row in 0usize..40, value in 0u8..8,
                            init in 0usize..40, cost in 0u64..1000, unknown in any::<bool>()) {
        let (taken, _) = both(|s| {
            let mut d = decision(s, DecisionKind::Score, "Scores");
            let (member, c) = s.scorecards.iter().nth(card % s.scorecards.len()).unwrap();
            let mut c = c.clone();
            if let Some((_, r)) = c.scores.iter_mut().nth(row % 30) {
                for v in r.values_mut() {
                    *v = value;
                }
            }
            if unknown {
                c.notes.insert("nobody-knows".into(), "?".into());
            }
            d.put(&RecordRef::new(RecordKind::Scorecard, member), &c).unwrap();
            let (r, mut i) = some_initiative(s, init);
            i.cost = cost;
            d.put(&r, &i).unwrap();
            d
        });
        prop_assert!(taken);
    }
}
