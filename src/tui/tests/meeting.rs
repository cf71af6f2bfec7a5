//! A meeting run through `update` as a facilitator would (issue: the room's work kept safe
//! and readable): pending work per scorer, quit with work pending, score entry as a mode,
//! Present remembered, money typed as people type it, guidance that stays current.

use super::*;
use crate::tui::action::Action;
use crate::tui::app::{DialogKind, PendingThen};
use crate::tui::keymap::{Context, hints, lookup};
use crate::tui::msg::{Effect, Motion, Request};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn act(app: &mut App, a: Action) -> Vec<Effect> {
    update(app, Msg::Action(a))
}

fn key(app: &mut App, code: KeyCode) -> Vec<Effect> {
    let ev = KeyEvent::new(code, KeyModifiers::NONE);
    match lookup(&app.keymap, app.context(), ev) {
        Some(a) => act(app, a),
        None => Vec::new(),
    }
}

fn type_text(app: &mut App, s: &str) {
    for c in s.chars() {
        act(app, Action::Type(c));
    }
}

fn field(app: &App, label: &str) -> String {
    let d = app.dialog.as_ref().unwrap();
    d.fields
        .iter()
        .find(|f| f.label == label)
        .unwrap()
        .text
        .value
        .clone()
}

/// Scores `n` priorities of the selected initiative for `member` (score entry on).
fn score_as(app: &mut App, member: &str, n: usize) {
    while app.scoring.scorer != member {
        act(app, Action::NextScorer);
    }
    app.cursor.insert(Screen::Scoring.title(), 0);
    for _ in 0..n {
        key(app, KeyCode::Char('3'));
    }
}

#[test]
fn every_pending_card_is_offered_in_one_pass_and_none_is_lost() {
    let mut a = app(160, 45);
    a.screen = Screen::Scoring;
    key(&mut a, KeyCode::Char('e'));
    assert!(a.scoring.entering && a.context() == Context::ScoreEntry);
    score_as(&mut a, "dana", 4);
    score_as(&mut a, "sam", 2);
    assert_eq!(a.scoring.pending.len(), 6);
    key(&mut a, KeyCode::Char('c'));
    let d = a.dialog.as_ref().unwrap();
    assert!(
        matches!(&d.kind, DialogKind::Decide(Motion::Score { member, scores }) if member == "dana" && scores.len() == 4)
    );
    assert!(d.lines[0].contains("Card 1 of 2"), "{:?}", d.lines);
    // "Decided by" is the scorer on their own card.
    assert_eq!(field(&a, "Decided by"), "dana");
    type_text(&mut a, "Scored in the room");
    let sent = act(&mut a, Action::Confirm);
    assert!(matches!(&sent[..], [Effect::Send(Request::Decide(_))]));
    update(
        &mut a,
        Msg::Decided {
            commit: "abc1234".into(),
            summary: "dana's scores".into(),
        },
    );
    // The next card comes on the forum the decision made, once it is loaded.
    assert!(a.dialog.is_none());
    let reloaded = a.fresh.clone().unwrap();
    update(&mut a, Msg::Loaded(Box::new(reloaded)));
    // Dana's card is done; Sam's is kept and offered next, the reason carried over.
    assert_eq!(a.scoring.pending.len(), 2);
    assert!(a.scoring.pending.keys().all(|(m, _, _)| m == "sam"));
    let d = a.dialog.as_ref().unwrap();
    assert!(matches!(&d.kind, DialogKind::Decide(Motion::Score { member, .. }) if member == "sam"));
    assert_eq!(field(&a, "Reason"), "Scored in the room");
    assert_eq!(field(&a, "Decided by"), "sam");
    act(&mut a, Action::Confirm);
    update(
        &mut a,
        Msg::Decided {
            commit: "def5678".into(),
            summary: "sam's scores".into(),
        },
    );
    assert!(a.scoring.pending.is_empty() && a.dialog.is_none() && a.queue.is_empty());
}

#[test]
fn esc_in_the_pass_keeps_the_cards_left_pending() {
    let mut a = app(160, 45);
    a.screen = Screen::Scoring;
    key(&mut a, KeyCode::Char('e'));
    score_as(&mut a, "dana", 2);
    score_as(&mut a, "sam", 2);
    key(&mut a, KeyCode::Char('c'));
    act(&mut a, Action::Cancel);
    assert!(a.dialog.is_none());
    assert_eq!(a.scoring.pending.len(), 4, "nothing is dropped by Esc");
}

#[test]
fn quit_and_reload_with_pending_work_ask_first() {
    let mut a = app(160, 45);
    a.screen = Screen::Scoring;
    key(&mut a, KeyCode::Char('e'));
    score_as(&mut a, "dana", 1);
    // q is not a score: it quits, but asks first.
    assert!(key(&mut a, KeyCode::Char('q')).is_empty());
    let d = a.dialog.as_ref().unwrap();
    assert_eq!(d.kind, DialogKind::DropPending(PendingThen::Quit));
    assert!(
        d.lines
            .iter()
            .any(|l| l.contains("1 score(s) on the dana scorecard"))
    );
    act(&mut a, Action::Cancel);
    assert!(!a.quit && a.scoring.pending.len() == 1);
    assert!(key(&mut a, KeyCode::F(5)).is_empty());
    assert_eq!(
        a.dialog.as_ref().unwrap().kind,
        DialogKind::DropPending(PendingThen::Reload)
    );
    assert_eq!(
        act(&mut a, Action::Confirm),
        vec![Effect::Send(Request::Load)]
    );
    assert!(a.scoring.pending.is_empty());
    // Nothing pending: q quits at once.
    assert_eq!(key(&mut a, KeyCode::Char('q')), vec![Effect::Quit]);
}

#[test]
fn digits_change_screen_outside_score_entry_and_score_inside_it() {
    let mut a = app(160, 45);
    a.screen = Screen::Scoring;
    key(&mut a, KeyCode::Char('1'));
    assert_eq!(a.screen, Screen::Overview);
    assert!(a.scoring.pending.is_empty());
    a.screen = Screen::Scoring;
    key(&mut a, KeyCode::Char('e'));
    key(&mut a, KeyCode::Char('1'));
    assert_eq!(a.screen, Screen::Scoring);
    assert_eq!(a.scoring.pending.len(), 1);
    // Backspace clears the score under the cursor; u undoes the last change.
    a.cursor.insert(Screen::Scoring.title(), 0);
    key(&mut a, KeyCode::Backspace);
    assert!(a.scoring.pending.is_empty());
    key(&mut a, KeyCode::Char('u'));
    assert_eq!(
        a.scoring.pending.len(),
        1,
        "undo brings the cleared score back"
    );
    key(&mut a, KeyCode::Char('u'));
    assert!(a.scoring.pending.is_empty(), "and then undoes its entry");
    key(&mut a, KeyCode::Esc);
    assert!(!a.scoring.entering);
    key(&mut a, KeyCode::Char('2'));
    assert_eq!(a.screen, Screen::Evidence);
    // Leaving Scoring ends score entry: back there, digits change screen until `e` again.
    key(&mut a, KeyCode::Char('5'));
    key(&mut a, KeyCode::Char('e'));
    key(&mut a, KeyCode::Tab);
    assert!(!a.scoring.entering);
    key(&mut a, KeyCode::Char('5'));
    key(&mut a, KeyCode::Char('3'));
    assert_eq!(a.screen, Screen::Priorities);
}

#[test]
fn present_is_remembered_for_the_meeting_and_f2_is_everyone() {
    let mut a = app(160, 45);
    a.screen = Screen::Allocation;
    act(&mut a, Action::Commit);
    assert_eq!(field(&a, "Present"), "dana");
    act(&mut a, Action::NextField);
    act(&mut a, Action::NextField);
    act(&mut a, Action::Everyone);
    let everyone = "dana, sam, lee, priya, marco, tom, aisha";
    assert_eq!(field(&a, "Present"), everyone);
    // Ctrl-W drops the last id, as readline does.
    act(&mut a, Action::KillWord);
    assert_eq!(field(&a, "Present"), "dana, sam, lee, priya, marco, tom, ");
    act(&mut a, Action::Everyone);
    act(&mut a, Action::NextField);
    type_text(&mut a, "The room agreed");
    act(&mut a, Action::Confirm);
    update(
        &mut a,
        Msg::Decided {
            commit: "abc1234".into(),
            summary: "allocated".into(),
        },
    );
    a.screen = Screen::Scoring;
    key(&mut a, KeyCode::Char('e'));
    score_as(&mut a, "sam", 1);
    act(&mut a, Action::Commit);
    assert_eq!(field(&a, "Present"), everyone);
}

#[test]
fn a_what_if_budget_is_read_as_people_type_it() {
    let mut a = app(160, 45);
    a.screen = Screen::Allocation;
    act(&mut a, Action::BudgetType);
    type_text(&mut a, "2.5m");
    assert_eq!(
        act(&mut a, Action::Confirm),
        vec![Effect::Send(Request::WhatIf(2_500_000))]
    );
    act(&mut a, Action::BudgetType);
    type_text(&mut a, "2600000.50");
    assert!(act(&mut a, Action::Confirm).is_empty());
    let e = a.dialog.as_ref().unwrap().error.clone().unwrap();
    assert!(e.contains("whole EUR") && e.contains("cent"), "{e}");
}

#[test]
fn a_hand_change_is_reverted_without_a_reason_and_over_budget_is_said() {
    let mut a = app(160, 45);
    a.screen = Screen::Allocation;
    let rows = a.allocation_rows();
    let unfunded = rows.iter().position(|id| !a.funded(id)).unwrap();
    a.cursor.insert(Screen::Allocation.title(), unfunded);
    let id = rows[unfunded].clone();
    act(&mut a, Action::ToggleLine);
    type_text(&mut a, "The CEO asked");
    act(&mut a, Action::Confirm);
    assert!(a.funded(&id));
    let over = crate::tui::update::allocation::over_budget(&a);
    assert!(
        over.as_deref()
            .is_some_and(|o| o.starts_with("over budget by EUR")),
        "{over:?}"
    );
    act(&mut a, Action::Commit);
    assert!(a.dialog.as_ref().unwrap().lines[0].contains("over budget"));
    act(&mut a, Action::Cancel);
    // Back to the rule's result: no reason asked, no "by hand" left on the line.
    let row = a.allocation_rows().iter().position(|r| *r == id).unwrap();
    a.cursor.insert(Screen::Allocation.title(), row);
    act(&mut a, Action::ToggleLine);
    assert!(a.dialog.is_none());
    assert!(!a.funded(&id) && a.allocation.manual_lines.is_empty());
    act(&mut a, Action::Undo);
    assert!(a.funded(&id), "u brings the hand change back");
}

#[test]
fn advancing_with_unscored_work_names_it_and_asks() {
    let mut a = app(160, 45);
    let mut f = a.fresh.clone().unwrap();
    let mut snap = (*f.snapshot).clone();
    snap.scorecards = Default::default();
    f.snapshot = std::sync::Arc::new(snap.clone());
    f.analysis = std::sync::Arc::new(crate::domain::analysis::analyse(&snap));
    a = app_with(f, 160, 45);
    act(&mut a, Action::Advance);
    let lines = &a.dialog.as_ref().unwrap().lines;
    assert!(lines.iter().any(|l| l.contains("not scored")), "{lines:?}");
    assert!(
        lines
            .iter()
            .any(|l| l.contains("without a scorecard") && l.contains("dana"))
    );
    assert!(lines.iter().any(|l| l.contains("Advance anyway?")));
}

#[test]
fn guidance_shows_only_what_applies_and_status_stays_on_its_screen() {
    let mut a = app(160, 45);
    // The forum is in Scoring: the ranking is locked, so no lock or ballot keys.
    let applies = |w| a.applies(w);
    let ranking = hints(&a.keymap, Context::On(Screen::Priorities), &applies);
    assert!(
        !ranking.iter().any(|(l, _)| *l == "L" || *l == "b"),
        "{ranking:?}"
    );
    let scoring = hints(&a.keymap, Context::On(Screen::Scoring), &applies);
    assert!(
        scoring
            .iter()
            .any(|(l, w)| *l == "e" && *w == "enter scores")
    );
    assert!(
        !scoring.iter().any(|(l, _)| *l == "c"),
        "nothing to commit yet"
    );
    a.screen = Screen::Initiatives;
    act(&mut a, Action::Sort);
    assert!(a.status.starts_with("Sorted"));
    let here = format!("{:?}", render(&a, &Theme::dark()).backend());
    assert!(here.contains("Sorted by"));
    act(&mut a, Action::Go(Screen::Allocation));
    let there = format!("{:?}", render(&a, &Theme::dark()).backend());
    assert!(
        !there.contains("Sorted by"),
        "the status stays on Initiatives"
    );
}

#[test]
fn the_glossary_opens_from_g_and_from_help() {
    let mut a = app(120, 45);
    act(&mut a, Action::Glossary);
    let shown = format!("{:?}", render(&a, &Theme::dark()).backend());
    assert!(shown.contains("Kendall's W") && shown.contains("Greedy"));
    act(&mut a, Action::Down);
    assert!(!a.glossary);
    act(&mut a, Action::Help);
    act(&mut a, Action::Glossary);
    assert!(a.glossary && !a.help);
}

#[test]
fn present_mode_follows_the_screen_and_scales_with_the_terminal() {
    let mut a = app(160, 45);
    a.screen = Screen::Scoring;
    act(&mut a, Action::Present);
    let shown = format!("{:?}", render(&a, &Theme::dark()).backend());
    assert!(shown.contains("PRESENT · Scoring"), "{shown}");
    assert!(
        shown.contains("Make the first 30 days effortless"),
        "{shown}"
    );
    a.screen = Screen::Allocation;
    let shown = format!("{:?}", render(&a, &Theme::dark()).backend());
    assert!(shown.contains("──── budget 2,400,000 ────"), "{shown}");
    // At 250×70 the overview's figures are drawn larger than at 160×45.
    a.screen = Screen::Overview;
    let small = format!("{:?}", render(&a, &Theme::dark()).backend());
    update(
        &mut a,
        Msg::Resize {
            width: 250,
            height: 70,
        },
    );
    let big = format!("{:?}", render(&a, &Theme::dark()).backend());
    assert!(big.matches('█').count() > small.matches('█').count() * 2);
}
