//! The brief reads the evidence fields: response rates, the segment heard least from (on the
//! survey and on the priorities citing it), series as a small line, old and carried evidence.

use super::brief::example;
use super::xml;
use roundtable::domain::analysis::analyse;
use roundtable::domain::records::SegmentResponse;
use roundtable::report::build::build;
use roundtable::report::{Format, render};

fn forum() -> roundtable::domain::snapshot::Snapshot {
    let mut s = example();
    let nps = s.evidence.get_mut("nps-2026").unwrap();
    nps.invited = Some(10_000);
    nps.responded = Some(680);
    nps.segments = vec![
        SegmentResponse {
            name: "established <accounts>".into(),
            invited: 9_000,
            responded: 659,
        },
        SegmentResponse {
            name: "accounts under 90 days".into(),
            invited: 1_000,
            responded: 21,
        },
    ];
    nps.metrics[0].series = vec![
        ("2026-03".into(), 27.0),
        ("2026-06".into(), 24.0),
        ("2026-09".into(), 21.0),
    ];
    let council = s.evidence.get_mut("customer-council-2026").unwrap();
    council.period = "2025-06".into();
    council.carried_from = Some("FY2026".into());
    s
}

#[test]
fn the_brief_shows_response_trends_age_and_the_quiet_segment() {
    let s = forum();
    let b = build(&s, &analyse(&s), None);
    let html = render(&b, Format::Html);
    xml::check(&html).unwrap();
    let heard = "heard least from: accounts under 90 days, 2.1 % against 6.8 %";
    assert!(html.contains("response 6.8 %"));
    assert!(html.contains(&format!("⚠ {heard}")));
    assert!(html.contains("<polyline"), "the series as a small SVG line");
    assert!(html.contains("falling -6.0 % 2026-03 → 2026-09"));
    assert!(html.contains(
        "old evidence: its period ended 2025-06, 19 months before the planning date 2027-01"
    ));
    assert!(html.contains("carried over from FY2026: to refresh"));
    // The priority citing the survey carries the warning too.
    let citing = b
        .priorities
        .iter()
        .find(|p| p.evidence.iter().any(|e| e == "nps-2026"))
        .unwrap();
    assert_eq!(
        citing.notes,
        vec![("nps-2026".to_string(), heard.to_string())]
    );
    assert!(html.contains(&format!("⚠ nps-2026: {heard}")));
    let md = render(&b, Format::Markdown);
    assert!(md.contains(&format!("- ⚠ {heard}")));
    assert!(
        md.contains(&format!("cites `nps-2026`, which {heard}")),
        "{md}"
    );
    // Without the fields, the brief says nothing of the kind.
    let mut bare = example();
    for e in bare.evidence.values_mut() {
        e.invited = None;
        e.responded = None;
        e.segments.clear();
    }
    let plain = render(&build(&bare, &analyse(&bare), None), Format::Html);
    assert!(!plain.contains("heard least from"));
    assert!(!plain.contains("<polyline"));
}
