//! The audit on both cores is the audit worked out step by step: the same chain, trail, chain
//! as decided and allocation history, on every branch of the demo and on a long generated
//! history; and what it follows ahead of the chain is what the chain follows.

use super::*;
use crate::domain::analysis::analyse;
use crate::store::audit::assemble;
use crate::store::generate::{Plan, generate};

/// The audit the slow way: the whole forum analysed, then the chain's history assembled.
fn step_by_step(repo: &ForumRepo, forum: &str, tip: Oid, id: &str) -> Audit {
    let loaded = repo.load_at(forum, &tip.to_string()).unwrap();
    let analysis = analyse(&loaded.snapshot);
    let chain = chain(&loaded.snapshot, &analysis, id).unwrap();
    assemble(repo, forum, tip, &loaded.snapshot, chain).unwrap()
}

/// Compares both ways for every initiative at `rev`; returns how many, and how many of them
/// were told as of an allocation decision the forum changed after.
fn compare_at(repo: &ForumRepo, forum: &str, rev: &str) -> (usize, usize) {
    let mut decided = 0;
    let tip = repo.resolve(rev).unwrap();
    let loaded = repo.load_at(forum, rev).unwrap();
    let snapshot = &loaded.snapshot;
    // The records read without judging them are the same records.
    assert_eq!(
        &repo.load_records_at(forum, rev).unwrap().snapshot,
        snapshot
    );
    let valued = value_around(snapshot, analyse_ranking(snapshot), "");
    let whole = analyse(snapshot);
    let index = Index::for_tip(repo, forum, tip).unwrap();
    let guessed = last_allocation(&index, index.position(tip).unwrap());
    for id in snapshot.initiatives.keys() {
        let fast = audit(repo, forum, rev, id).unwrap();
        assert_eq!(fast, step_by_step(repo, forum, tip, id), "{id} at {rev}");
        // The allocation decision found ahead of the trail is the one the trail names.
        let named = fast.trail.allocated.as_ref();
        assert_eq!(
            guessed,
            named.map(|e| Oid::from_str(&e.commit).unwrap()),
            "{rev}"
        );
        // As of the allocation decision, too, the chain is the one a whole analysis gives.
        if let Some(then) = &fast.as_decided {
            let at = repo.load_at(forum, &then.commit.commit).unwrap().snapshot;
            let whole_then = chain(&at, &analyse(&at), id).unwrap();
            assert_eq!(then.chain, whole_then, "{id} as decided, at {rev}");
            decided += 1;
        }
        // What is followed ahead is what the chain follows: the trail walked alongside
        // is the one used.
        let around = value_around(snapshot, analyse_ranking(snapshot), id);
        let ahead = follow_ahead(snapshot, &around, id).unwrap();
        assert_eq!(ahead, follow(&fast.chain), "{id} at {rev}");
        // Every value, bit for bit, whichever initiative is broken down.
        for v in &whole.initiatives {
            let w = valued.valuation(&v.id).unwrap();
            assert_eq!(w.value.to_bits(), v.value.to_bits(), "{}", v.id);
        }
    }
    (snapshot.initiatives.len(), decided)
}

#[test]
fn on_every_branch_of_the_demo_the_audit_is_the_step_by_step_one() {
    let tmp = tempfile::tempdir().unwrap();
    let built = crate::store::demo::build(&tmp.path().join("demo")).unwrap();
    let repo = ForumRepo::open(&built.dir).unwrap();
    let branches = crate::store::audit::tests::local_branches(&repo);
    let (mut compared, mut decided) = (0, 0);
    for branch in &branches {
        if let Ok(forum) = repo.pick_forum(None, branch) {
            let (n, d) = compare_at(&repo, &forum, branch);
            compared += n;
            decided += d;
        }
    }
    assert!(compared > 20, "{compared}");
    assert!(
        decided > 0,
        "no demo branch audits as of an earlier allocation"
    );
}

#[test]
fn on_a_long_generated_history_the_audit_is_the_step_by_step_one() {
    let tmp = tempfile::tempdir().unwrap();
    let plan = Plan {
        forum_id: "fy2027-gen".into(),
        silos: 4,
        initiatives: 24,
        commits: 220,
        seed: 5,
    };
    generate(tmp.path(), &plan).unwrap();
    let repo = ForumRepo::open(tmp.path()).unwrap();
    assert_eq!(compare_at(&repo, "fy2027-gen", "HEAD").0, 24);
    assert_eq!(compare_at(&repo, "fy2027-gen", "HEAD~40").0, 24);
}

#[test]
fn an_unknown_initiative_is_named_with_the_closest_known_one() {
    let tmp = tempfile::tempdir().unwrap();
    let built = crate::store::demo::build(&tmp.path().join("demo")).unwrap();
    let repo = ForumRepo::open(&built.dir).unwrap();
    let forum = repo.pick_forum(None, "HEAD").unwrap();
    let some = repo
        .load_at(&forum, "HEAD")
        .unwrap()
        .snapshot
        .initiatives
        .keys()
        .next()
        .cloned()
        .unwrap();
    let typo = format!("{some}x");
    match audit(&repo, &forum, "HEAD", &typo) {
        Err(AuditError::Unknown { id, closest, .. }) => {
            assert_eq!(id, typo);
            assert_eq!(closest.as_deref(), Some(some.as_str()));
        }
        other => panic!("{other:?}"),
    }
}
