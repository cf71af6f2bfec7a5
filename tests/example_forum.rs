//! The bundled example forum `forums/fy2027-cx` loads cleanly and tells the story the demo needs.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::common::kit::copy_dir;
use roundtable::domain::records::{Phase, RankingMethod};
use roundtable::domain::snapshot::Snapshot;
use roundtable::domain::text::{check_line, check_long};
use roundtable::store::repo::{ForumRepo, Loaded, assemble};
use roundtable::store::source::read_worktree;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const FORUM: &str = "fy2027-cx";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn load_worktree() -> Loaded {
    assemble(FORUM, read_worktree(&root(), FORUM)).expect("the example forum loads")
}

fn errors(loaded: &Loaded) -> Vec<String> {
    loaded
        .problems
        .iter()
        .filter(|p| p.is_error())
        .map(|p| format!("{p:?}"))
        .collect()
}

#[test]
fn every_file_decodes_without_errors() {
    let loaded = load_worktree();
    assert_eq!(errors(&loaded), Vec::<String>::new());
    // Every .ron file on disk became a record: nothing was left out.
    let on_disk = count_ron_files(&root().join("forums").join(FORUM));
    assert_eq!(loaded.sources.len(), on_disk);
}

fn count_ron_files(dir: &Path) -> usize {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| {
            if p.is_dir() {
                count_ron_files(&p)
            } else {
                usize::from(p.extension().is_some_and(|x| x == "ron"))
            }
        })
        .sum()
}

#[test]
fn the_forum_has_the_size_and_shape_of_a_real_one() {
    let s = load_worktree().snapshot;
    let f = &s.forum;
    assert_eq!(f.title, "FY2027 Customer Experience Forum");
    assert_eq!(f.cycle, "FY2027");
    assert_eq!(f.currency, "EUR");
    assert_eq!(f.budget, 2_400_000);
    assert_eq!(f.phase, Phase::Scoring);
    assert_eq!(f.scale, 4);
    assert!(f.recusal);
    assert!((5..=8).contains(&f.members.len()));
    assert!((6..=7).contains(&s.silos.len()), "{} silos", s.silos.len());
    assert!(s.silos.values().all(|silo| !silo.commitment.is_empty()));
    assert!(s.evidence.len() >= 8);
    let kinds: BTreeSet<_> = s.evidence.values().map(|e| e.kind).collect();
    assert!(kinds.len() >= 8, "evidence of {} kinds", kinds.len());
    assert!(s.evidence.values().all(|e| !e.metrics.is_empty()));
    assert!((6..=7).contains(&s.priorities.len()));
    assert!(s.priorities.values().all(|p| !p.evidence.is_empty()));
    assert!(s.allocation.is_none(), "no allocation in phase Scoring");
}

#[test]
fn initiatives_cost_about_one_and_a_half_times_the_budget() {
    let s = load_worktree().snapshot;
    assert!((20..=25).contains(&s.initiatives.len()));
    let total: u64 = s.initiatives.values().map(|p| p.initiative.cost).sum();
    let ratio = total as f64 / s.forum.budget as f64;
    assert!(
        (1.3..=1.7).contains(&ratio),
        "costs are {ratio:.2}× the budget"
    );
    let silos_proposing: BTreeSet<_> = s.initiatives.values().map(|p| p.silo.as_str()).collect();
    let silos: BTreeSet<_> = s.silos.keys().map(String::as_str).collect();
    assert_eq!(silos_proposing, silos, "every silo proposes something");
}

#[test]
fn constraints_are_all_represented() {
    let s = load_worktree().snapshot;
    let inits = || s.initiatives.iter().map(|(id, p)| (id, &p.initiative));
    assert!(inits().any(|(_, i)| i.mandatory), "a mandatory item");
    assert!(
        inits().any(|(_, i)| !i.depends_on.is_empty()),
        "a dependency"
    );
    // Alternatives are declared in both directions.
    let mut pairs = 0;
    for (id, i) in inits() {
        for other in &i.excludes {
            let back = s.initiative(other).expect("excluded initiative exists");
            assert!(back.excludes.contains(id), "{other} must exclude {id} too");
            pairs += 1;
        }
    }
    assert!(pairs >= 2, "a pair of alternatives");
}

#[test]
fn every_reference_resolves() {
    let s = load_worktree().snapshot;
    let members: BTreeSet<_> = s.forum.members.iter().map(|m| m.id.as_str()).collect();
    for m in &s.forum.members {
        assert!(
            s.silos.contains_key(&m.silo),
            "member {} silo {}",
            m.id,
            m.silo
        );
    }
    for (id, silo) in &s.silos {
        assert!(members.contains(silo.lead.as_str()), "silo {id} lead");
    }
    for (id, p) in &s.priorities {
        for e in &p.evidence {
            assert!(s.evidence.contains_key(e), "priority {id} evidence {e}");
        }
    }
    for (id, p) in &s.initiatives {
        let i = &p.initiative;
        assert!(members.contains(i.owner.as_str()), "{id} owner");
        assert!(!i.addresses.is_empty(), "{id} addresses a priority");
        for a in &i.addresses {
            assert!(s.priorities.contains_key(a), "{id} addresses {a}");
        }
        for d in i.depends_on.iter().chain(&i.excludes) {
            assert!(s.initiatives.contains_key(d), "{id} refers to {d}");
        }
    }
    for (member, ballot) in &s.ballots {
        assert!(members.contains(member.as_str()), "ballot of {member}");
        assert!(is_permutation(&ballot.order, &s), "ballot of {member}");
    }
    assert_eq!(s.ballots.len(), s.forum.members.len(), "everyone voted");
    for (member, card) in &s.scorecards {
        assert!(members.contains(member.as_str()), "scorecard of {member}");
        for (init, scores) in card.scores.iter() {
            assert!(s.initiatives.contains_key(init), "{member} scores {init}");
            for (prio, score) in scores.iter() {
                assert!(s.priorities.contains_key(prio), "{member}: {init}/{prio}");
                assert!(*score <= s.forum.scale, "{member}: {init}/{prio}");
            }
        }
        for init in card.notes.keys() {
            assert!(card.scores.contains_key(init), "{member} notes {init}");
        }
    }
}

#[test]
fn text_is_clean_and_only_long_fields_span_lines() {
    let s = load_worktree().snapshot;
    let mut lines: Vec<&str> = vec![&s.forum.title, &s.forum.cycle, &s.forum.currency];
    let mut long: Vec<&str> = Vec::new();
    for m in &s.forum.members {
        lines.extend([m.name.as_str(), &m.email, m.handle.as_deref().unwrap_or("")]);
    }
    for silo in s.silos.values() {
        lines.extend([silo.name.as_str(), &silo.commitment]);
    }
    for e in s.evidence.values() {
        lines.extend([e.title.as_str(), &e.period, &e.source]);
        lines.extend(e.metrics.iter().flat_map(|m| [m.name.as_str(), &m.unit]));
        long.push(&e.summary);
    }
    for p in s.priorities.values() {
        lines.extend([
            p.title.as_str(),
            &p.customer_problem,
            &p.goal.metric,
            &p.goal.unit,
        ]);
    }
    for p in s.initiatives.values() {
        let i = &p.initiative;
        lines.push(&i.title);
        lines.extend(i.goal.iter().flat_map(|g| [g.metric.as_str(), &g.unit]));
        long.push(&i.summary);
    }
    for card in s.scorecards.values() {
        long.extend(card.notes.values().map(String::as_str));
    }
    for text in lines {
        assert_eq!(check_line(text), Ok(()), "{text:?}");
    }
    for text in long {
        assert_eq!(check_long(text), Ok(()), "{text:?}");
    }
}

fn is_permutation(order: &[String], s: &Snapshot) -> bool {
    let set: BTreeSet<_> = order.iter().collect();
    set.len() == order.len()
        && set.len() == s.priorities.len()
        && set.iter().all(|id| s.priorities.contains_key(id.as_str()))
}

#[test]
fn scorecards_cover_the_initiatives_with_one_recused_score() {
    let s = load_worktree().snapshot;
    assert!(s.scorecards.len() >= 4);
    let silo_of = |member: &str| s.member(member).map(|m| m.silo.clone()).unwrap();
    let mut recused = 0;
    for (id, p) in &s.initiatives {
        let scorers: Vec<_> = s
            .scorecards
            .iter()
            .filter(|(_, c)| c.scores.contains_key(id))
            .map(|(m, _)| m.as_str())
            .collect();
        assert!(scorers.len() >= 3, "{id} has {} scorers", scorers.len());
        recused += scorers.iter().filter(|m| silo_of(m) == p.silo).count();
    }
    assert_eq!(
        recused, 1,
        "exactly one recused score, so the warning shows"
    );
}

#[test]
fn the_ranking_is_the_schulze_order_of_the_ballots() {
    let s = load_worktree().snapshot;
    let ranking = s.ranking.as_ref().expect("the ranking is decided");
    assert_eq!(ranking.method, RankingMethod::Schulze);
    assert!(is_permutation(&ranking.order, &s));
    let ballots: Vec<&[String]> = s.ballots.values().map(|b| b.order.as_slice()).collect();
    let ids: Vec<&str> = s.priorities.keys().map(String::as_str).collect();
    assert_eq!(schulze(&ids, &ballots), ranking.order);
}

/// METHODS.md §1, written out independently: Schulze, ties by Borda, then by id.
fn schulze(ids: &[&str], ballots: &[&[String]]) -> Vec<String> {
    let n = ids.len();
    let pos = |b: &[String], id: &str| b.iter().position(|x| x == id).unwrap_or(b.len());
    let mut d = vec![vec![0i64; n]; n];
    let mut borda: BTreeMap<&str, usize> = BTreeMap::new();
    for b in ballots {
        for (i, a) in ids.iter().enumerate() {
            *borda.entry(a).or_default() += n - 1 - pos(b, a).min(n - 1);
            for (j, c) in ids.iter().enumerate() {
                if pos(b, a) < pos(b, c) {
                    d[i][j] += 1;
                }
            }
        }
    }
    let mut p = vec![vec![0i64; n]; n];
    for i in 0..n {
        for j in 0..n {
            if i != j && d[i][j] > d[j][i] {
                p[i][j] = d[i][j] - d[j][i];
            }
        }
    }
    for k in 0..n {
        for i in 0..n {
            for j in 0..n {
                if i != j && i != k && j != k {
                    p[i][j] = p[i][j].max(p[i][k].min(p[k][j]));
                }
            }
        }
    }
    let wins = |i: usize| (0..n).filter(|&j| p[i][j] > p[j][i]).count();
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| {
        wins(b)
            .cmp(&wins(a))
            .then(borda[ids[b]].cmp(&borda[ids[a]]))
            .then(ids[a].cmp(ids[b]))
    });
    order.into_iter().map(|i| ids[i].to_string()).collect()
}

#[test]
fn a_commit_of_the_forum_loads_the_same_as_the_work_tree() {
    let dir = tempfile::tempdir().unwrap();
    let repo = git2::Repository::init(dir.path()).unwrap();
    copy_dir(
        &root().join("forums").join(FORUM),
        &dir.path().join("forums").join(FORUM),
    );
    let mut index = repo.index().unwrap();
    index
        .add_all(["forums"], git2::IndexAddOption::DEFAULT, None)
        .unwrap();
    index.write().unwrap();
    let tree = repo.find_tree(index.write_tree().unwrap()).unwrap();
    let time = git2::Time::new(1_790_000_000, 0);
    let sig = git2::Signature::new("Dana Whitfield", "dana.whitfield@example.com", &time).unwrap();
    repo.commit(Some("HEAD"), &sig, &sig, "Example forum", &tree, &[])
        .unwrap();

    let forum_repo = ForumRepo::open(dir.path()).unwrap();
    assert_eq!(forum_repo.pick_forum(None, "HEAD").unwrap(), FORUM);
    let at_head = forum_repo.load_at(FORUM, "HEAD").unwrap();
    assert_eq!(errors(&at_head), Vec::<String>::new());
    assert_eq!(at_head.snapshot, load_worktree().snapshot);
}
