use super::*;
use crate::domain::records::{Allocation, AllocationRule, Line, Ranking, RankingMethod};
use crate::domain::snapshot::RecordKind;
use crate::store::decode::{AnyRecord, decode};

#[test]
fn records_written_re_parse_and_are_stable() {
    let ranking = Ranking {
        order: vec!["a".into(), "b".into()],
        method: RankingMethod::Manual,
        note: "The forum \"chose\"\nthis".into(),
        computed: vec!["b".into(), "a".into()],
    };
    let bytes = to_ron(&ranking).unwrap();
    assert_eq!(bytes, to_ron(&ranking).unwrap());
    let text = String::from_utf8(bytes.clone()).unwrap();
    assert!(text.starts_with("Ranking("), "{text}");
    assert_eq!(
        decode("r.ron", RecordKind::Ranking, &bytes).unwrap(),
        AnyRecord::Ranking(ranking)
    );
    let allocation = Allocation {
        rule: AllocationRule::Optimal,
        budget: 10,
        lines: vec![Line {
            initiative: "x".into(),
            amount: 5,
            reason: "r".into(),
        }],
        note: String::new(),
    };
    let bytes = to_ron(&allocation).unwrap();
    assert_eq!(
        decode("a.ron", RecordKind::Allocation, &bytes).unwrap(),
        AnyRecord::Allocation(allocation)
    );
}

#[test]
fn message_has_summary_reason_and_trailers() {
    let mut d = Decision::new(
        "fy",
        DecisionKind::Advance,
        "Lock the ranking",
        "Because.",
        "dana",
    );
    d.present = vec!["dana".into(), "sam".into()];
    assert_eq!(
        d.message(),
        "Lock the ranking\n\nBecause.\n\nForum: fy\nDecision: advance\nDecided-By: dana\nPresent: dana, sam\n"
    );
}

#[test]
fn git_dates() {
    assert_eq!(parse_git_date("@1700000000 +0100"), Some((1700000000, 60)));
    assert_eq!(parse_git_date("1700000000 -0230"), Some((1700000000, -150)));
    assert_eq!(
        parse_git_date("2026-01-02T03:04:05Z"),
        Some((1767323045, 0))
    );
    assert_eq!(parse_git_date("nonsense"), None);
}

#[test]
fn every_example_record_round_trips_through_to_ron() {
    use crate::store::layout::{Place, classify};
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let listing = crate::store::source::read_worktree(root, "fy2027-cx");
    assert!(listing.files.len() > 20);
    for file in listing.files {
        let Place::Record { record, .. } = classify(&file.path) else {
            continue;
        };
        let original = decode(&file.path, record.kind, &file.bytes).unwrap();
        let bytes = match &original {
            AnyRecord::Forum(r) => to_ron(r),
            AnyRecord::Silo(r) => to_ron(r),
            AnyRecord::Evidence(r) => to_ron(r),
            AnyRecord::Priority(r) => to_ron(r),
            AnyRecord::Ballot(r) => to_ron(r),
            AnyRecord::Ranking(r) => to_ron(r),
            AnyRecord::Initiative(r) => to_ron(r),
            AnyRecord::Scorecard(r) => to_ron(r),
            AnyRecord::Allocation(r) => to_ron(r),
            AnyRecord::Action(r) => to_ron(r),
            AnyRecord::Endorsement(r) => to_ron(r),
            AnyRecord::Delivery(r) => to_ron(r),
            AnyRecord::Readings(r) => to_ron(r),
            AnyRecord::Spend(r) => to_ron(r),
            AnyRecord::Review(r) => to_ron(r),
        }
        .unwrap();
        let again = decode(&file.path, record.kind, &bytes).unwrap();
        assert_eq!(again, original, "{}", file.path);
    }
}

#[test]
fn explicit_weights_round_trip() {
    use crate::domain::maps::UniqueMap;
    use crate::domain::records::Weighting;
    let w = Weighting::Explicit(UniqueMap::from_iter([("a".to_string(), 0.25)]));
    let bytes = to_ron(&w).unwrap();
    let back: Weighting = crate::store::decode::parse("w.ron", &bytes).unwrap();
    assert_eq!(back, w);
}
