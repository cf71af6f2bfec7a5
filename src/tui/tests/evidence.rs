//! The Evidence screen and the Overview read the survey, series, age and coverage fields.

use super::*;
use crate::domain::records::{Phase, SegmentResponse};
use crate::tui::views::evidence::ordered;

fn text(term: &Terminal<TestBackend>) -> String {
    let buf = term.backend().buffer();
    let mut out = String::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            out.push_str(buf[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

/// The bundled forum back in Evidence, its survey with response fields and a series, one
/// record carried over and old, and the complaint trend gone.
fn evidence_forum() -> Snapshot {
    let mut s = bundled();
    s.forum.phase = Phase::Evidence;
    s.evidence
        .retain(|_, e| e.kind != crate::domain::records::EvidenceKind::ComplaintTrend);
    let survey = s
        .evidence
        .values_mut()
        .find(|e| e.kind == crate::domain::records::EvidenceKind::Survey)
        .unwrap();
    survey.invited = Some(10_000);
    survey.responded = Some(680);
    survey.segments = vec![
        SegmentResponse {
            name: "established accounts".into(),
            invited: 9_000,
            responded: 659,
        },
        SegmentResponse {
            name: "accounts under 90 days".into(),
            invited: 1_000,
            responded: 21,
        },
    ];
    survey.metrics[0].series = vec![
        ("2026-03".into(), 27.0),
        ("2026-06".into(), 24.0),
        ("2026-09".into(), 21.0),
    ];
    let council = s.evidence.get_mut("customer-council-2026").unwrap();
    council.carried_from = Some("FY2026".into());
    council.period = "2025-06".into();
    s
}

#[test]
fn the_evidence_screen_shows_the_response_rate_the_quiet_segment_and_the_trend() {
    let fresh = fresh_of(evidence_forum());
    let mut a = app_with(fresh.clone(), 120, 36);
    a.screen = Screen::Evidence;
    let survey = ordered(&fresh)
        .iter()
        .position(|id| fresh.snapshot.evidence[id].invited.is_some())
        .unwrap();
    a.cursor.insert(Screen::Evidence.title(), survey);
    let term = render(&a, &Theme::dark());
    let shown = text(&term);
    assert!(shown.contains("response 6.8 %"), "{shown}");
    assert!(
        shown.contains("heard least from: accounts under 90 days, 2.1 % against 6.8 %"),
        "{shown}"
    );
    assert!(
        shown.contains("█▅▁ falling -6.0 % 2026-03 → 2026-09"),
        "{shown}"
    );
    insta::assert_snapshot!("evidence_survey_120x36", term.backend());
}

#[test]
fn the_overview_shows_coverage_and_what_to_refresh() {
    let mut a = app_with(fresh_of(evidence_forum()), 160, 45);
    a.screen = Screen::Overview;
    let term = render(&a, &Theme::dark());
    let shown = text(&term);
    assert!(shown.contains("✓ a loss review"), "{shown}");
    assert!(shown.contains("✗ a complaint trend"), "{shown}");
    assert!(
        shown.contains("To refresh (carried over): customer-council-2026"),
        "{shown}"
    );
    insta::assert_snapshot!("overview_evidence_160x45", term.backend());
}
