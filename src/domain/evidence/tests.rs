use super::*;
use crate::domain::records::{Evidence, EvidenceKind, Forum, Metric, Phase, SegmentResponse};

fn survey(invited: Option<u64>, responded: Option<u64>, segments: &[(&str, u64, u64)]) -> Evidence {
    Evidence {
        kind: EvidenceKind::Survey,
        title: "NPS".into(),
        period: "2026-09".into(),
        source: String::new(),
        summary: String::new(),
        metrics: Vec::new(),
        invited,
        responded,
        segments: segments
            .iter()
            .map(|(n, i, r)| SegmentResponse {
                name: (*n).into(),
                invited: *i,
                responded: *r,
            })
            .collect(),
        carried_from: None,
        session: None,
    }
}

#[test]
fn a_segment_under_half_the_survey_rate_is_heard_least_from() {
    let e = survey(
        Some(10_000),
        Some(680),
        &[
            ("accounts under 90 days", 1_000, 21),
            ("established", 9_000, 659),
        ],
    );
    let h = hearing(&e).unwrap();
    assert!((h.rate - 6.8).abs() < 1e-9);
    assert_eq!(h.quiet.len(), 1);
    assert_eq!(h.quiet[0].index, 0);
    assert_eq!(
        h.warning().unwrap(),
        "heard least from: accounts under 90 days, 2.1 % against 6.8 %"
    );
}

#[test]
fn a_segment_at_half_the_rate_or_more_is_not_flagged() {
    let e = survey(Some(100), Some(10), &[("a", 100, 5), ("b", 100, 15)]);
    let h = hearing(&e).unwrap();
    assert!(h.quiet.is_empty());
    assert_eq!(h.warning(), None);
}

#[test]
fn segments_alone_give_the_survey_rate_and_no_fields_give_none() {
    let e = survey(None, None, &[("a", 100, 2), ("b", 100, 18)]);
    let h = hearing(&e).unwrap();
    assert!((h.rate - 10.0).abs() < 1e-9);
    assert_eq!(h.quiet[0].name, "a");
    assert_eq!(hearing(&survey(None, None, &[])), None);
    assert_eq!(hearing(&survey(Some(0), Some(0), &[])), None);
}

fn metric(series: &[(&str, f64)]) -> Metric {
    Metric {
        name: "complaints".into(),
        value: 0.0,
        unit: "per 1k".into(),
        baseline: None,
        series: series.iter().map(|(l, v)| ((*l).into(), *v)).collect(),
    }
}

#[test]
fn a_trend_reads_direction_and_change_from_the_series() {
    let t = trend(&metric(&[
        ("2026-01", 5.1),
        ("2026-02", 5.4),
        ("2026-03", 6.0),
    ]))
    .unwrap();
    assert_eq!(t.direction, Direction::Rising);
    assert!((t.change - 0.9).abs() < 1e-9);
    assert_eq!(t.line("per 1k"), "rising +0.9 per 1k 2026-01 → 2026-03");
    let t = trend(&metric(&[("a", 3.0), ("b", 2.0)])).unwrap();
    assert_eq!(t.direction, Direction::Falling);
    assert_eq!(
        trend(&metric(&[("a", 3.0), ("b", 3.0)])).unwrap().direction,
        Direction::Flat
    );
    assert_eq!(trend(&metric(&[("a", 3.0)])), None);
}

#[test]
fn periods_end_in_their_last_month() {
    let m = |year, month| Some(Month { year, month });
    assert_eq!(period_end("2026-01..2026-09"), m(2026, 9));
    assert_eq!(period_end("2026-10"), m(2026, 10));
    assert_eq!(period_end("2026-Q3"), m(2026, 9));
    assert_eq!(period_end("FY2026"), m(2026, 12));
    assert_eq!(period_end("2025..2028"), m(2028, 12));
    assert_eq!(period_end("last spring"), None);
}

fn forum(cycle: &str) -> Forum {
    Forum {
        title: "T".into(),
        cycle: cycle.into(),
        currency: "EUR".into(),
        budget: 1,
        phase: Phase::Evidence,
        scale: 4,
        ranking_method: Default::default(),
        weighting: Default::default(),
        allocation_rule: Default::default(),
        recusal: true,
        members: Vec::new(),
        signing: Default::default(),
        required_evidence: None,
        evidence_max_age_months: None,
        planning_date: None,
        quorum: None,
        defence: None,
    }
}

#[test]
fn evidence_older_than_the_limit_is_old() {
    let mut forum = forum("FY2027");
    let mut e = survey(None, None, &[]);
    e.period = "2025-06..2026-01".into();
    assert_eq!(age(&forum, &e), None, "12 months before 2027-01 is not old");
    e.period = "2025-06..2025-12".into();
    let old = age(&forum, &e).unwrap();
    assert_eq!(old.months, 13);
    assert_eq!(
        old.message(),
        "old evidence: its period ended 2025-12, 13 months before the planning date 2027-01 (the limit is 12)"
    );
    forum.evidence_max_age_months = Some(24);
    assert_eq!(age(&forum, &e), None);
    forum.planning_date = Some("2028-06".into());
    assert_eq!(age(&forum, &e).unwrap().months, 30);
    e.period = "ongoing".into();
    assert_eq!(age(&forum, &e), None);
}
