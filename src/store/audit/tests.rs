//! The chain of why on the bundled forum (read through the store, as the app reads it).

use super::*;
use crate::domain::analysis::analyse;
use crate::domain::audit::chain;
use crate::domain::snapshot::Snapshot;
use crate::store::repo::assemble;
use crate::store::source::read_worktree;
use std::path::Path;

fn bundled() -> Snapshot {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    assemble("fy2027-cx", read_worktree(root, "fy2027-cx"))
        .unwrap()
        .snapshot
}

#[test]
fn every_initiative_of_the_bundled_forum_has_a_chain_that_matches_the_analysis() {
    let s = bundled();
    let a = analyse(&s);
    for (id, p) in &s.initiatives {
        let c = chain(&s, &a, id).unwrap();
        let v = a.valuation(id).unwrap();
        assert_eq!(c.initiative.silo, p.silo);
        assert_eq!(c.value, v.value, "{id}");
        assert_eq!(c.rule.funded, a.portfolio().funds(id), "{id}");
        for addressed in &p.initiative.addresses {
            let link = c.priorities.iter().find(|l| &l.id == addressed).unwrap();
            let ranked = a.priorities.iter().find(|r| &r.id == addressed).unwrap();
            assert_eq!(link.rank, Some(ranked.rank));
            assert_eq!(link.weight, ranked.weight);
            assert!(
                link.evidence.iter().all(|e| e.known),
                "{id}: evidence resolves"
            );
        }
        let sum: f64 = c.priorities.iter().map(|l| l.contribution).sum();
        assert!((sum - c.value).abs() < 1e-9, "{id}: contributions add up");
        assert!(c.ranking.decided && c.ranking.locked);
        assert!(
            c.decision.is_none(),
            "the bundled forum has no allocation yet"
        );
    }
}

#[test]
fn the_bundled_invoice_explainer_chain() {
    let s = bundled();
    let a = analyse(&s);
    let c = chain(&s, &a, "invoice-explainer").unwrap();
    assert_eq!(c.initiative.silo, "product");
    assert_eq!(c.initiative.depends_on, vec!["billing-plan-cleanup"]);
    let ids: Vec<&str> = c.priorities.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, ["billing-clarity", "first-contact"]);
    assert_eq!(c.priorities[0].rank, Some(2));
    // lee (product) proposed it and is recused when scoring it, if lee scored it at all.
    for sc in &c.scoring.scorers {
        let silo = &s.member(&sc.member).unwrap().silo;
        assert_eq!(sc.recused, silo == "product", "{}", sc.member);
    }
    assert!(c.scoring.flags.iter().any(|f| f.contains("first-contact")));
    let f = follow(&c);
    assert_eq!(f.initiative, "invoice-explainer");
    assert!(f.evidence.contains(&"complaints-2026-q3".to_string()));
    assert_eq!(f.cards.len(), c.scoring.scorers.len());
}

/// A linear history written with git2: each commit sets some files of forum `f`.
fn history(dir: &Path, steps: &[Vec<(&str, Option<String>)>]) -> (git2::Repository, Vec<Oid>) {
    let repo = git2::Repository::init(dir).unwrap();
    let sig =
        git2::Signature::new("T", "t@example.com", &git2::Time::new(1_767_600_000, 0)).unwrap();
    let mut files: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    let mut parent: Option<Oid> = None;
    let mut commits = Vec::new();
    for (n, step) in steps.iter().enumerate() {
        for (path, text) in step {
            match text {
                Some(t) => files.insert(format!("forums/f/{path}"), t.clone().into_bytes()),
                None => files.remove(&format!("forums/f/{path}")),
            };
        }
        let mut index = git2::Index::new().unwrap();
        for (path, bytes) in &files {
            let blob = repo.blob(bytes).unwrap();
            let entry = git2::IndexEntry {
                ctime: git2::IndexTime::new(0, 0),
                mtime: git2::IndexTime::new(0, 0),
                dev: 0,
                ino: 0,
                mode: 0o100644,
                uid: 0,
                gid: 0,
                file_size: 0,
                id: blob,
                flags: 0,
                flags_extended: 0,
                path: path.as_bytes().to_vec(),
            };
            index.add(&entry).unwrap();
        }
        let tree = repo.find_tree(index.write_tree_to(&repo).unwrap()).unwrap();
        let parents: Vec<git2::Commit> = parent
            .map(|p| repo.find_commit(p).unwrap())
            .into_iter()
            .collect();
        let refs: Vec<&git2::Commit> = parents.iter().collect();
        let oid = repo
            .commit(None, &sig, &sig, &format!("step {n}"), &tree, &refs)
            .unwrap();
        parent = Some(oid);
        commits.push(oid);
    }
    (repo, commits)
}

fn card(rows: &[(&str, u8)]) -> Option<String> {
    let body: Vec<String> = rows
        .iter()
        .map(|(i, s)| format!("\"{i}\": {{\"p\": {s}}}"))
        .collect();
    Some(format!("Scorecard(scores: {{{}}})", body.join(", ")))
}

#[test]
fn the_walk_finds_the_commit_that_set_each_thing_in_force() {
    let dir = tempfile::tempdir().unwrap();
    let forum =
        "Forum(title: \"t\", cycle: \"c\", currency: \"EUR\", budget: 1,\n  phase: Ranking)";
    let locked = forum.replace("Ranking", "Scoring");
    let init = "Initiative(title: \"I\", owner: \"o\", cost: 1)";
    let mut steps = vec![
        vec![("forum.ron", Some(forum.to_string()))],
        vec![("initiatives/a/i.ron", Some(init.to_string()))],
        vec![("ranking.ron", Some("Ranking(order: [])".to_string()))],
        vec![("forum.ron", Some(locked.clone()))],
        vec![("scores/x.ron", card(&[("other", 1)]))],
        vec![("scores/x.ron", card(&[("other", 1), ("i", 2)]))],
        vec![("scores/x.ron", card(&[("other", 1), ("i", 3)]))], // 6: sets the row in force
    ];
    // Thirty later versions of the card that leave i's row alone.
    for n in 0..30u8 {
        steps.push(vec![("scores/x.ron", card(&[("other", n % 5), ("i", 3)]))]);
    }
    // The silo folder is renamed, then a budget change touches forum.ron (still locked).
    steps.push(vec![
        ("initiatives/a/i.ron", None),
        ("initiatives/b/i.ron", Some(init.to_string())),
    ]);
    steps.push(vec![(
        "forum.ron",
        Some(locked.replace("budget: 1", "budget: 2")),
    )]);
    let (repo, commits) = history(dir.path(), &steps);
    let odb = repo.odb().unwrap();
    let follow = Follow {
        initiative: "i".into(),
        cards: vec!["x".into()],
        ..Follow::default()
    };
    let tip = *commits.last().unwrap();
    let found = walk::walk(&odb, "f", tip, &follow).unwrap();
    assert_eq!(found.introduced, Some(commits[1]));
    assert_eq!(found.ranked, Some(commits[2]));
    assert_eq!(
        found.locked,
        Some(commits[3]),
        "the advance, not the budget change"
    );
    assert_eq!(found.cards.get("x"), Some(&commits[6]));
    let moved = commits[commits.len() - 2];
    assert_eq!(
        found.changes,
        vec![(moved, Some(("a".to_string(), "b".to_string())))]
    );
    // At the commit that first scored i (row 2), that commit set it.
    let found = walk::walk(&odb, "f", commits[5], &follow).unwrap();
    assert_eq!(found.cards.get("x"), Some(&commits[5]));
}

/// The local branches of a repository, by name (the demo has one per story).
pub(super) fn local_branches(repo: &ForumRepo) -> Vec<String> {
    repo.repo
        .branches(Some(git2::BranchType::Local))
        .unwrap()
        .map(|b| b.unwrap().0.name().unwrap().unwrap().to_string())
        .collect()
}
