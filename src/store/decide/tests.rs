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
