//! The Results screen: a forum in delivery, with statuses and a few months of readings.

use super::*;
use crate::domain::records::{Delivery, DeliveryStatus, Progress, Reading, Readings};
use crate::domain::results::{Flag, Track};
use crate::tui::action::{Action, Screen};

/// The bundled forum after the meeting: its allocation recorded, a goal date on every
/// priority, readings on the top two priorities (one on track, one behind), and statuses on
/// the first funded initiatives (one delivered with its goal still, one at risk; the rest not
/// started).
fn in_delivery() -> Snapshot {
    let mut s = allocated_bundle();
    let order = analyse(&s).order;
    for p in s.priorities.values_mut() {
        p.goal.by = Some("2027-12".into());
    }
    let reading = |on: &str, value: f64| Reading {
        on: on.into(),
        value,
        source: "monthly survey".into(),
    };
    let (first, second) = (order[0].clone(), order[1].clone());
    let g1 = s.priorities[&first].goal.clone();
    let g2 = s.priorities[&second].goal.clone();
    let step = |g: &crate::domain::records::Goal, f: f64| g.baseline + (g.target - g.baseline) * f;
    s.readings.insert(
        first.clone(),
        Readings {
            entries: vec![
                reading("2027-01-31", step(&g1, 0.1)),
                reading("2027-03-31", step(&g1, 0.35)),
                reading("2027-05-31", step(&g1, 0.6)),
            ],
        },
    );
    s.readings.insert(
        second.clone(),
        Readings {
            entries: vec![
                reading("2027-01-31", step(&g2, 0.05)),
                reading("2027-05-31", step(&g2, 0.08)),
            ],
        },
    );
    let funded: Vec<String> = s
        .allocation
        .iter()
        .flat_map(|a| &a.lines)
        .map(|l| l.initiative.clone())
        .collect();
    let status = |on: &str, status: DeliveryStatus, note: &str| Progress {
        on: on.into(),
        status,
        note: note.into(),
    };
    s.delivery.insert(
        funded[0].clone(),
        Delivery {
            entries: vec![
                status("2027-01-15", DeliveryStatus::Started, "kick-off"),
                status(
                    "2027-04-30",
                    DeliveryStatus::Delivered,
                    "live for all customers",
                ),
            ],
        },
    );
    s.delivery.insert(
        funded[1].clone(),
        Delivery {
            entries: vec![status("2027-02-01", DeliveryStatus::AtRisk, "vendor late")],
        },
    );
    s
}

fn results_app(w: u16, h: u16) -> App {
    let mut a = app_with(fresh_of(in_delivery()), w, h);
    a.today = "2027-06-15".into();
    update(&mut a, Msg::Action(Action::Go(Screen::Results)));
    a
}

#[test]
fn the_board_has_every_priority_and_every_funded_initiative() {
    let a = results_app(160, 45);
    let f = a.fresh.clone().unwrap();
    let rows = crate::tui::views::results::rows(&a, &f);
    let funded = f.snapshot.allocation.as_ref().unwrap().lines.len();
    assert_eq!(rows.len(), f.snapshot.priorities.len() + funded);
    assert_eq!(a.rows(Screen::Results), rows.len());
    // Priorities come first, in the order in force.
    assert_eq!(rows[0].id, f.analysis.order[0]);
    assert_eq!(rows[0].track, Track::OnTrack, "60 % of the way by June");
    assert_eq!(rows[1].track, Track::Behind, "8 % of the way by June");
    assert!(rows[2].readings.is_empty() && rows[2].flags.contains(&Flag::Stale));
    let init = |k: usize| &rows[f.snapshot.priorities.len() + k];
    assert_eq!(init(0).status, Some(DeliveryStatus::Delivered));
    assert_eq!(init(1).status, Some(DeliveryStatus::AtRisk));
    assert!(init(2).flags.contains(&Flag::NotStarted));
}

#[test]
fn the_sparkline_rises_with_the_readings() {
    let a = results_app(160, 45);
    let f = a.fresh.clone().unwrap();
    let rows = crate::tui::views::results::rows(&a, &f);
    let line: Vec<char> = crate::tui::views::results::sparkline(&rows[0], 12)
        .chars()
        .collect();
    assert_eq!(line.len(), 4, "the baseline and three readings");
    let rising = f.snapshot.priorities[&rows[0].id].goal.target > rows[0].baseline;
    for w in line.windows(2) {
        assert!(if rising { w[0] <= w[1] } else { w[0] >= w[1] }, "{line:?}");
    }
}

#[test]
fn the_results_screen_at_80x24_and_160x45() {
    for (w, h) in [(80, 24), (160, 45)] {
        let mut a = results_app(w, h);
        update(&mut a, Msg::Action(Action::Down));
        let term = render(&a, &Theme::dark());
        insta::assert_snapshot!(format!("results_in_delivery_{w}x{h}"), term.backend());
    }
}

#[test]
fn the_overview_lists_the_last_cycles_initiatives_still_to_review() {
    use crate::domain::records::{Continuation, Review, Verdict};
    let mut s = bundled();
    let review = |status: &str, verdict: Option<Verdict>| Review {
        from: "FY2026".into(),
        title: "Old work".into(),
        silo: "product".into(),
        allocated: 100_000,
        status: status.into(),
        results: "churn: 10 → 8 → 6 (50 % of the way, on track)".into(),
        verdict,
    };
    s.reviews.insert("old-open".into(), review("started", None));
    s.reviews.insert(
        "old-done".into(),
        review(
            "delivered",
            Some(Verdict {
                decision: Continuation::Stop,
                reason: "Done".into(),
                on: "2026-11-02".into(),
            }),
        ),
    );
    let a = app_with(fresh_of(s), 160, 45);
    let text = screen_text(&render(&a, &Theme::dark()));
    assert!(
        text.contains("? 1 of 2 carried initiatives to review: roundtable review ID …"),
        "{text}"
    );
    assert!(
        text.contains("old-open (FY2026, started): churn: 10 → 8 → 6"),
        "{text}"
    );
    assert!(!text.contains("old-done ("), "{text}");
}
