//! Reorganisation plans on the bundled forum: files move unchanged, references are edited in
//! place, and the forum after the plan is the intended one.

use roundtable::store::reorg::{Changes, merge_silo, reassign_member, rename_silo};
use roundtable::store::repo::{Loaded, assemble};
use roundtable::store::source::{Listing, RawFile, read_worktree};
use std::path::PathBuf;

fn listing() -> Listing {
    read_worktree(&PathBuf::from(env!("CARGO_MANIFEST_DIR")), "fy2027-cx")
}

fn loaded() -> Loaded {
    assemble("fy2027-cx", listing()).unwrap()
}

fn apply(changes: &Changes) -> Loaded {
    let mut files: std::collections::BTreeMap<String, Vec<u8>> = listing()
        .files
        .into_iter()
        .map(|f| (f.path, f.bytes))
        .collect();
    for (path, bytes) in changes {
        match bytes {
            Some(b) => files.insert(path.clone(), b.clone()),
            None => files.remove(path),
        };
    }
    let files = files
        .into_iter()
        .map(|(path, bytes)| RawFile { path, bytes })
        .collect();
    let after = assemble(
        "fy2027-cx",
        Listing {
            files,
            problems: Vec::new(),
        },
    )
    .unwrap();
    assert!(!after.has_errors(), "{:?}", after.problems);
    after
}

#[test]
fn renaming_a_silo_moves_its_record_initiatives_and_members() {
    let before = loaded();
    let plan = rename_silo(&before, "support", "customer-care").unwrap();
    let after = apply(&plan.changes).snapshot;
    assert!(!after.silos.contains_key("support"));
    assert_eq!(
        after.silos["customer-care"],
        before.snapshot.silos["support"]
    );
    let moved: Vec<&String> = after
        .initiatives
        .iter()
        .filter(|(_, p)| p.silo == "customer-care")
        .map(|(id, _)| id)
        .collect();
    assert_eq!(moved.len(), 4);
    assert_eq!(after.member("sam").unwrap().silo, "customer-care");
    // Moved files keep their bytes; forum.ron keeps its comments.
    let concierge = "forums/fy2027-cx/initiatives/customer-care/onboarding-concierge.ron";
    let old = "forums/fy2027-cx/initiatives/support/onboarding-concierge.ron";
    assert_eq!(plan.changes[concierge], Some(before.sources[old].clone()));
    let forum =
        String::from_utf8(plan.changes["forums/fy2027-cx/forum.ron"].clone().unwrap()).unwrap();
    assert!(forum.starts_with("// The bundled example"));
    assert!(rename_silo(&before, "support", "product").is_err());
    assert!(rename_silo(&before, "nope", "x").is_err());
    assert!(rename_silo(&before, "support", "support").is_err());
    assert!(rename_silo(&before, "support", "Bad Id").is_err());
}

#[test]
fn merging_a_silo_moves_everything_into_the_other() {
    let before = loaded();
    let plan = merge_silo(&before, "sales", "marketing").unwrap();
    let after = apply(&plan.changes).snapshot;
    assert!(!after.silos.contains_key("sales"));
    assert_eq!(after.initiatives["quote-matches-invoice"].silo, "marketing");
    assert_eq!(after.member("marco").unwrap().silo, "marketing");
    assert_eq!(after.initiatives.len(), before.snapshot.initiatives.len());
    assert!(merge_silo(&before, "sales", "sales").is_err());
    // Capacities add up; an uncapped silo has no limit, so the merged one has none either.
    let plan = merge_silo(&before, "it", "product").unwrap();
    assert_eq!(before.snapshot.silos["product"].cap, Some(1_100_000));
    assert_eq!(apply(&plan.changes).snapshot.silos["product"].cap, None);
    let plan = merge_silo(&before, "product", "it").unwrap();
    assert!(!plan.changes.contains_key("forums/fy2027-cx/silos/it.ron"));
}

#[test]
fn reassigning_a_member_hands_over_initiatives_and_silos() {
    let before = loaded();
    let plan = reassign_member(&before, "sam", "dana").unwrap();
    let after = apply(&plan.changes).snapshot;
    assert_eq!(after.silos["support"].lead, "dana");
    assert!(
        after
            .initiatives
            .values()
            .all(|p| p.initiative.owner != "sam")
    );
    assert_eq!(
        after.initiatives["callback-not-hold"].initiative.owner,
        "dana"
    );
    // Edited in place: only the field changes.
    let path = "forums/fy2027-cx/silos/support.ron";
    let original = String::from_utf8(before.sources[path].clone()).unwrap();
    let edited = String::from_utf8(plan.changes[path].clone().unwrap()).unwrap();
    assert_eq!(edited, original.replace("lead: \"sam\"", "lead: \"dana\""));
    // Sam's own ballot and scores stay his.
    assert!(after.ballots.contains_key("sam") && after.scorecards.contains_key("sam"));
    assert!(reassign_member(&before, "sam", "nobody").is_err());
}
