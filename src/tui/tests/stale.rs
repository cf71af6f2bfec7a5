//! A decision judged on the tip it lands on: the allocation dialog is open, a budget decision
//! lands on the branch, the room confirms — nothing stale is written, the dialog shows the
//! allocation computed on the new forum, and the second confirm commits that one.

use super::BundledRepo;
use crate::domain::phase::DecisionKind;
use crate::domain::snapshot::{RecordKind, RecordRef};
use crate::store::decide::{Decision as StoreDecision, branch_tip, decide, forum_branch};
use crate::store::repo::ForumRepo;
use crate::tui::action::{Action, Screen};
use crate::tui::app::{App, DialogKind};
use crate::tui::msg::{Effect, Motion, Msg, Request};
use crate::tui::stale::STALE;
use crate::tui::update::update;
use std::sync::mpsc::{Receiver, Sender};
use std::time::Duration;

const FORUM: &str = "fy2027-cx";

fn send(tx: &Sender<Request>, effects: Vec<Effect>) {
    for e in effects {
        if let Effect::Send(r) = e {
            tx.send(r).unwrap();
        }
    }
}

/// Feeds the worker's messages to `update` (running its effects) until `done` holds.
fn pump(app: &mut App, tx: &Sender<Request>, rx: &Receiver<Msg>, done: &dyn Fn(&App) -> bool) {
    while !done(app) {
        let m = rx.recv_timeout(Duration::from_secs(60)).unwrap();
        let effects = update(app, m);
        send(tx, effects);
    }
}

fn act(app: &mut App, tx: &Sender<Request>, a: Action) {
    let effects = update(app, Msg::Action(a));
    send(tx, effects);
}

fn allocate_budget(app: &App) -> u64 {
    match app.dialog.as_ref().map(|d| d.kind.clone()) {
        Some(DialogKind::Decide(Motion::Allocate { budget, .. })) => budget,
        other => panic!("no allocation dialog: {other:?}"),
    }
}

/// A budget decision made elsewhere (another terminal, the CLI) while the dialog is open.
fn budget_lands(dir: &std::path::Path, by: &str, budget: u64) -> git2::Oid {
    let repo = ForumRepo::open(dir).unwrap();
    let branch = forum_branch(&repo).unwrap();
    let tip = branch_tip(&repo, &branch).unwrap();
    let mut forum = repo.load_at(FORUM, "HEAD").unwrap().snapshot.forum;
    forum.budget = budget;
    let mut d = StoreDecision::new(FORUM, DecisionKind::Budget, "Cut the budget", "Finance", by);
    d.put(&RecordRef::new(RecordKind::Forum, ""), &forum)
        .unwrap();
    decide(&repo, &branch, tip, &d).unwrap().commit
}

#[test]
fn a_commit_landing_while_the_allocation_dialog_is_open_is_never_committed_stale() {
    let repo = BundledRepo::new();
    let forum_ron = repo.dir.path().join("forums/fy2027-cx/forum.ron");
    let text = std::fs::read_to_string(&forum_ron).unwrap();
    std::fs::write(
        &forum_ron,
        text.replace("phase: Scoring", "phase: Allocation"),
    )
    .unwrap();
    repo.git(&["commit", "-q", "-am", "To Allocation"]);

    let (tx, rx) = crate::tui::worker::spawn(repo.dir.path().to_path_buf(), FORUM.into());
    let mut app = App::new(FORUM, 4);
    update(
        &mut app,
        Msg::Resize {
            width: 100,
            height: 30,
        },
    );
    tx.send(Request::Load).unwrap();
    pump(&mut app, &tx, &rx, &|a| {
        a.fresh.as_ref().is_some_and(|f| !f.solving())
    });
    app.screen = Screen::Allocation;
    act(&mut app, &tx, Action::Commit);
    let old_budget = allocate_budget(&app);
    for c in "The rule's result".chars() {
        act(&mut app, &tx, Action::Type(c));
    }

    let by = app.facilitator();
    let cut = budget_lands(repo.dir.path(), &by, old_budget / 2);
    act(&mut app, &tx, Action::Confirm);
    let asked_again = |a: &App| {
        a.dialog
            .as_ref()
            .is_some_and(|d| !d.pending && d.error.as_deref().is_some_and(|e| e.contains("again")))
    };
    pump(&mut app, &tx, &rx, &asked_again);

    // Nothing was written on top of the budget decision.
    assert_eq!(repo.git(&["rev-parse", "HEAD"]).trim(), cut.to_string());
    let d = app.dialog.clone().unwrap();
    assert!(d.error.as_deref().unwrap().starts_with(STALE), "{d:?}");
    // The dialog now holds the allocation computed on the new forum, and what was typed.
    assert_eq!(allocate_budget(&app), old_budget / 2);
    assert_eq!(d.seen, Some(cut.to_string()));
    assert_eq!(d.fields[0].text.value, "The rule's result");
    let DialogKind::Decide(Motion::Allocate { lines, .. }) = &d.kind else {
        panic!()
    };
    let total: u64 = lines.iter().map(|l| l.amount).sum();
    assert!(total <= old_budget / 2, "{total} within the new budget");

    act(&mut app, &tx, Action::Confirm);
    pump(&mut app, &tx, &rx, &|a| a.status.starts_with("Decided"));
    let parent = repo.git(&["rev-parse", "HEAD^"]);
    assert_eq!(parent.trim(), cut.to_string());
    let written = repo.git(&["show", "HEAD:forums/fy2027-cx/allocation.ron"]);
    assert!(
        written.contains(&format!("budget: {}", old_budget / 2)),
        "{written}"
    );
}

#[test]
fn the_worker_refuses_a_request_computed_on_another_commit() {
    let repo = BundledRepo::new();
    let (tx, rx) = crate::tui::worker::spawn(repo.dir.path().to_path_buf(), FORUM.into());
    let mut app = App::new(FORUM, 4);
    tx.send(Request::Load).unwrap();
    pump(&mut app, &tx, &rx, &|a| {
        a.fresh.as_ref().is_some_and(|f| !f.solving())
    });
    let before = repo.git(&["rev-parse", "HEAD"]);
    tx.send(Request::Decide(crate::tui::msg::DecideRequest {
        decision: Motion::Advance,
        by: app.facilitator(),
        reason: "Scores are in".into(),
        present: Vec::new(),
        seen: Some("0123456789012345678901234567890123456789".into()),
    }))
    .unwrap();
    let refused = loop {
        match rx.recv_timeout(Duration::from_secs(60)).unwrap() {
            Msg::Refused(m) => break m,
            Msg::Decided { .. } => panic!("a stale decision was written"),
            _ => {}
        }
    };
    assert!(refused.starts_with(STALE), "{refused}");
    assert_eq!(repo.git(&["rev-parse", "HEAD"]), before);
}
