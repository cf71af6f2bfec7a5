//! The Evidence and Ranking screens' form: fields checked as `check` checks them (the error
//! at its field), then the one decision dialog with an `evidence` or `priority` motion.

use super::*;
use crate::domain::records::Phase;
use crate::tui::action::Action;
use crate::tui::app::DialogKind;
use crate::tui::msg::Motion;

fn act(app: &mut App, a: Action) {
    update(app, Msg::Action(a));
}

fn gathering(width: u16, height: u16) -> App {
    let mut s = bundled();
    s.forum.phase = Phase::Evidence;
    app_with(fresh_of(s), width, height)
}

fn type_into(a: &mut App, label: &str, text: &str) {
    let d = a.dialog.as_mut().unwrap();
    let i = d.fields.iter().position(|f| f.label == label).unwrap();
    d.focus = i;
    d.fields[i].text.set("");
    for c in text.chars() {
        act(a, Action::Type(c));
    }
}

#[test]
fn the_evidence_form_says_what_is_wrong_at_its_field_then_asks_the_decision() {
    let mut a = gathering(160, 45);
    act(&mut a, Action::Go(crate::tui::action::Screen::Evidence));
    act(&mut a, Action::NewRecord);
    assert!(matches!(
        a.dialog.as_ref().map(|d| &d.kind),
        Some(DialogKind::RecordForm { editing: None, .. })
    ));
    type_into(&mut a, "Id", "review-sites-2026");
    type_into(&mut a, "Kind", "SocialListening");
    type_into(&mut a, "Period", "2026-10");
    type_into(&mut a, "Metrics", "setup complaints = 41 % (was 30)");
    act(&mut a, Action::Confirm);
    // No title: the error is the title's, and the cursor is there.
    let d = a.dialog.clone().unwrap();
    assert!(
        d.error.as_deref().unwrap_or("").starts_with("Title: "),
        "{:?}",
        d.error
    );
    assert_eq!(d.fields[d.focus].label, "Title");
    type_into(&mut a, "Title", "Review sites, autumn");
    type_into(&mut a, "Metrics", "setup complaints = lots");
    act(&mut a, Action::Confirm);
    let d = a.dialog.clone().unwrap();
    assert!(
        d.error
            .as_deref()
            .unwrap_or("")
            .contains("`lots` is not a number"),
        "{:?}",
        d.error
    );
    type_into(&mut a, "Metrics", "setup complaints = 41 % (was 30)");
    act(&mut a, Action::Confirm);
    let d = a.dialog.clone().unwrap();
    let DialogKind::Decide(Motion::Evidence { id, record, adding }) = &d.kind else {
        panic!("the decision dialog: {:?}", d.kind);
    };
    assert_eq!((id.as_str(), *adding), ("review-sites-2026", true));
    assert_eq!(record.metrics[0].baseline, Some(30.0));
    assert_eq!(record.title, "Review sites, autumn");
}

#[test]
fn the_priority_form_edits_the_selected_priority_and_checks_its_evidence() {
    let mut a = gathering(160, 45);
    act(&mut a, Action::Go(crate::tui::action::Screen::Priorities));
    act(&mut a, Action::EditRecord);
    let d = a.dialog.clone().unwrap();
    let DialogKind::RecordForm {
        editing: Some(id), ..
    } = &d.kind
    else {
        panic!("{:?}", d.kind);
    };
    let id = id.clone();
    assert_eq!(d.fields[0].text.value, id, "the id is filled in");
    type_into(&mut a, "Evidence", "no-such-evidence");
    act(&mut a, Action::Confirm);
    let d = a.dialog.clone().unwrap();
    assert!(
        d.error.as_deref().unwrap_or("").starts_with("Evidence: "),
        "{:?}",
        d.error
    );
    type_into(&mut a, "Evidence", "loss-review-2026");
    act(&mut a, Action::Confirm);
    let d = a.dialog.clone().unwrap();
    assert!(
        matches!(&d.kind, DialogKind::Decide(Motion::Priority { id: i, adding: false, .. }) if *i == id),
        "{:?}",
        d.kind
    );
}

#[test]
fn the_form_is_offered_only_while_the_forum_gathers_evidence() {
    let mut a = app(160, 45); // Scoring
    act(&mut a, Action::Go(crate::tui::action::Screen::Evidence));
    let keys = format!("{:?}", render(&a, &Theme::dark()).backend());
    assert!(!keys.contains(" n new"), "{keys}");
    let mut a = gathering(160, 45);
    act(&mut a, Action::Go(crate::tui::action::Screen::Evidence));
    let keys = format!("{:?}", render(&a, &Theme::dark()).backend());
    assert!(keys.contains("n new"), "{keys}");
}

#[test]
fn the_form_at_80x24_and_160x45() {
    for (w, h) in [(80, 24), (160, 45)] {
        let mut a = gathering(w, h);
        act(&mut a, Action::Go(crate::tui::action::Screen::Evidence));
        act(&mut a, Action::NewRecord);
        let term = render(&a, &Theme::dark());
        insta::assert_snapshot!(format!("evidence_form_{w}x{h}"), term.backend());
    }
}
