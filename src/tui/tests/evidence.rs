//! The Evidence screen and the Overview read the survey, series, age and coverage fields.

use super::*;
use crate::domain::records::{Phase, SegmentResponse};
use crate::tui::views::evidence::ordered;

use super::screen_text as text;

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

#[test]
fn the_evidence_screen_shows_customer_sessions_first_with_their_answers() {
    let s = bundled();
    let fresh = fresh_of(s.clone());
    let ids = ordered(&fresh);
    assert_eq!(ids[0], "customer-session-2026-10");
    assert!(
        ids[1..]
            .iter()
            .all(|id| s.evidence[id].kind != crate::domain::records::EvidenceKind::CustomerSession)
    );
    let mut a = app_with(fresh, 160, 45);
    a.screen = Screen::Evidence;
    let t = text(&render(&a, &Theme::dark()));
    assert!(t.contains("Customer session · Planning session"), "{t}");
    assert!(
        t.contains("Who came: partner in charge of client bookkeeping"),
        "{t}"
    );
    assert!(t.contains("A: One browser profile per client."), "{t}");
    assert!(
        t.contains("Informs: accountant-partners, tell-me-first"),
        "{t}"
    );
}

#[test]
fn the_overview_shows_open_actions_past_their_date() {
    use crate::domain::records::{ActionItem, Closing};
    let mut s = bundled();
    let item = |due: &str, closed: bool| ActionItem {
        owner: "marco".into(),
        due: due.into(),
        text: format!("the revised CRM cost {due}"),
        closed: closed.then(|| Closing {
            on: "2026-11-30".into(),
            note: String::new(),
        }),
    };
    s.actions.insert("late".into(), item("2026-12-01", false));
    s.actions.insert("done".into(), item("2026-11-01", true));
    s.actions.insert("later".into(), item("2026-12-20", false));
    let mut a = app_with(fresh_of(s), 160, 45);
    a.today = "2026-12-05".into();
    a.screen = Screen::Overview;
    let t = text(&render(&a, &Theme::dark()));
    assert!(
        t.contains("⚠ Action past due 2026-12-01: marco brings the revised CRM cost"),
        "{t}"
    );
    assert!(!t.contains("cost 2026-11-01"), "{t}");
    assert!(!t.contains("cost 2026-12-20"), "{t}");
}
