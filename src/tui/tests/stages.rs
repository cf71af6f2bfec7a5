//! A load reaches the screen in stages: the forum as read, then values with greedy, then the
//! exact solve with the decision log. Each stage is readable and never shows a wrong number.

use super::{BundledRepo, app_with, bundled, fresh_of, render};
use crate::domain::analysis::{Options, analyse, analyse_ranking, reallocate};
use crate::tui::action::{Action, Screen};
use crate::tui::app::App;
use crate::tui::msg::{Fresh, Msg, Request, Stage};
use crate::tui::theme::Theme;
use crate::tui::update::update;
use crate::tui::worker::quick::analyse_quick;
use std::sync::Arc;

/// The bundled forum as the worker sends it first: read and ranked, nothing valued.
fn read_stage(exact: &Fresh) -> Fresh {
    Fresh {
        analysis: Arc::new(analyse_ranking(&exact.snapshot)),
        log: Vec::new(),
        stage: Stage::Read,
        ..exact.clone()
    }
}

/// The second stage: values and greedy, no decision log yet.
fn valued_stage(exact: &Fresh) -> Fresh {
    Fresh {
        analysis: Arc::new(analyse_quick(&exact.snapshot)),
        log: Vec::new(),
        stage: Stage::Valued,
        ..exact.clone()
    }
}

fn text(app: &App) -> String {
    format!("{:?}", render(app, &Theme::dark()).backend())
}

fn on(fresh: &Fresh, screen: Screen, w: u16, h: u16) -> App {
    let mut a = app_with(fresh.clone(), w, h);
    a.screen = screen;
    a.scoring.revealed = true;
    a
}

#[test]
fn the_read_forum_says_computing_and_shows_no_value_or_allocation() {
    let exact = fresh_of(bundled());
    let read = read_stage(&exact);
    let top = &exact.analysis.initiatives[0];
    let top_value = format!("{:.2}", top.value);
    let planned = crate::domain::money::amount(exact.analysis.portfolio().total_cost);
    for (w, h) in [(80, 24), (160, 45), (200, 60)] {
        for screen in [
            Screen::Overview,
            Screen::Initiatives,
            Screen::Scoring,
            Screen::Allocation,
        ] {
            let t = text(&on(&read, screen, w, h));
            assert!(t.contains("computing…"), "{screen:?} {w}×{h}: {t}");
            assert!(!t.contains(&top_value), "{screen:?} {w}×{h}: {t}");
            assert!(!t.contains("planned by"), "{screen:?}: {t}");
            assert!(!t.contains("remaining"), "{screen:?}: {t}");
            if screen != Screen::Overview {
                assert!(!t.contains(&planned), "{screen:?} {w}×{h}: {t}");
            }
        }
        let mut present = on(&read, Screen::Overview, w, h);
        present.present = true;
        let t = text(&present);
        assert!(t.contains("computing…"), "present {w}×{h}: {t}");
        assert!(!t.contains("remaining"), "present {w}×{h}: {t}");
    }
    // The budget itself is read, not computed: the Overview says it.
    let t = text(&on(&read, Screen::Overview, 160, 45));
    let budget = crate::domain::money::amount(exact.snapshot.forum.budget);
    assert!(t.contains(&budget), "{t}");
}

#[test]
fn screens_that_need_no_values_are_whole_from_the_first_stage() {
    let exact = fresh_of(bundled());
    let read = read_stage(&exact);
    for screen in [Screen::Evidence, Screen::Priorities, Screen::Proposals] {
        for (w, h) in [(80, 24), (160, 45)] {
            assert_eq!(
                text(&on(&read, screen, w, h)),
                text(&on(&exact, screen, w, h)),
                "{screen:?} {w}×{h}"
            );
        }
    }
    // History waits for the log, and says so.
    let t = text(&on(&read, Screen::History, 160, 45));
    assert!(t.contains("reading it from git"), "{t}");
}

#[test]
fn keys_work_on_every_screen_before_the_values_arrive() {
    let exact = fresh_of(bundled());
    let read = read_stage(&exact);
    for screen in Screen::ALL {
        let mut a = on(&read, screen, 80, 24);
        // Every key of the screen and every global one but quit, from the keymap itself.
        let keys: Vec<Action> = a
            .keymap
            .iter()
            .filter(|b| {
                b.context == crate::tui::keymap::Context::On(screen)
                    || b.context == crate::tui::keymap::Context::Global
            })
            .map(|b| b.action.clone())
            .filter(|k| *k != Action::Quit)
            .collect();
        assert!(keys.len() > 5, "{screen:?}");
        for k in &keys {
            a.screen = screen;
            a.dialog = None;
            a.help = false;
            a.initiatives.searching = false;
            let effects = update(&mut a, Msg::Action(k.clone()));
            if *k == Action::Commit && matches!(screen, Screen::Allocation) {
                assert!(
                    a.dialog.is_none(),
                    "no allocation from numbers not computed"
                );
            }
            for e in effects {
                // Asked of the worker: a what-if, a reload, an audit; nothing decided.
                assert!(
                    matches!(
                        e,
                        crate::tui::msg::Effect::Send(
                            Request::WhatIf(_) | Request::Load | Request::Audit(_)
                        )
                    ),
                    "{screen:?} {k:?}: {e:?}"
                );
            }
            let _ = text(&a);
        }
        assert!(
            a.scoring.pending.is_empty(),
            "{screen:?}: no initiative to score yet"
        );
    }
    // Committing the allocation waits for the exact solve, and says why.
    let mut a = on(&valued_stage(&exact), Screen::Allocation, 80, 24);
    update(&mut a, Msg::Action(Action::Commit));
    assert!(a.dialog.is_none());
    assert!(
        a.status.contains("exact solve is still running"),
        "{}",
        a.status
    );
    update(&mut a, Msg::Solved(Box::new(exact.clone())));
    update(&mut a, Msg::Action(Action::Commit));
    assert!(a.dialog.is_some(), "{}", a.status);
}

#[test]
fn each_stage_replaces_the_one_before_and_never_goes_back() {
    let exact = fresh_of(bundled());
    // Opening: the forum as read is shown at once.
    let mut a = on(&read_stage(&exact), Screen::Initiatives, 160, 45);
    assert_eq!(a.fresh.as_ref().unwrap().stage, Stage::Read);
    assert!(text(&a).contains("computing…"));
    update(&mut a, Msg::Solved(Box::new(valued_stage(&exact))));
    assert_eq!(a.fresh.as_ref().unwrap().stage, Stage::Valued);
    assert!(!text(&a).contains("computing…"));
    // An earlier stage or another commit arriving late is dropped.
    update(&mut a, Msg::Solved(Box::new(read_stage(&exact))));
    assert_eq!(a.fresh.as_ref().unwrap().stage, Stage::Valued);
    let mut other = exact.clone();
    other.commit = Some("0000000".into());
    update(&mut a, Msg::Solved(Box::new(other)));
    assert_eq!(a.fresh.as_ref().unwrap().stage, Stage::Valued);
    update(&mut a, Msg::Solved(Box::new(exact.clone())));
    let f = a.fresh.as_ref().unwrap();
    assert_eq!(f.stage, Stage::Exact);
    assert_eq!(f.log.len(), exact.log.len());
    update(&mut a, Msg::Solved(Box::new(valued_stage(&exact))));
    assert_eq!(a.fresh.as_ref().unwrap().stage, Stage::Exact);
    // What each stage replaced waits for the event loop to free it off the UI thread.
    let retired: Vec<Stage> = a.retired.drain(..).map(|f| f.stage).collect();
    assert_eq!(retired, vec![Stage::Read, Stage::Valued]);
}

#[test]
fn a_reload_keeps_the_forum_on_screen_whole_until_the_new_one_has_values() {
    let exact = fresh_of(bundled());
    let mut a = on(&exact, Screen::Initiatives, 160, 45);
    for _ in 0..4 {
        update(&mut a, Msg::Action(Action::Down));
    }
    let picked = a.selected_initiative();
    let before = text(&a);
    // After a decision the worker reads the new tip: the room keeps what it sees, whole.
    let mut newer = exact.clone();
    newer.commit = Some("abcdef1".into());
    update(&mut a, Msg::Loaded(Box::new(read_stage(&newer))));
    assert_eq!(a.fresh.as_ref().unwrap().commit, exact.commit);
    assert_eq!(text(&a), before, "no computing…, no mix of old and new");
    // A stage of the old load arriving now is dropped; the new one's values replace it.
    update(&mut a, Msg::Solved(Box::new(valued_stage(&exact))));
    assert_eq!(a.fresh.as_ref().unwrap().commit, exact.commit);
    update(&mut a, Msg::Solved(Box::new(valued_stage(&newer))));
    let f = a.fresh.as_ref().unwrap();
    assert_eq!(
        (f.stage, f.commit.clone()),
        (Stage::Valued, newer.commit.clone())
    );
    assert!(a.incoming.is_none());
    assert_eq!(a.selected_initiative(), picked, "the room's place is kept");
    assert_eq!(a.sel(Screen::Initiatives), 4);
    update(&mut a, Msg::Solved(Box::new(newer.clone())));
    assert_eq!(a.fresh.as_ref().unwrap().stage, Stage::Exact);
    assert_eq!(a.selected_initiative(), picked);
    let retired: Vec<Stage> = a.retired.drain(..).map(|f| f.stage).collect();
    assert_eq!(
        retired,
        vec![Stage::Read, Stage::Exact, Stage::Valued],
        "the held read, the old forum, the new values"
    );
    // A branch moved meanwhile replaces whatever was held back.
    update(&mut a, Msg::Loaded(Box::new(read_stage(&exact))));
    assert!(a.incoming.is_some());
    update(
        &mut a,
        Msg::Moved {
            fresh: Box::new(exact.clone()),
            what: "moved".into(),
        },
    );
    assert!(a.incoming.is_none());
    assert_eq!(a.fresh.as_ref().unwrap().commit, exact.commit);
}

#[test]
fn the_exact_pass_from_the_quick_values_equals_a_whole_analysis() {
    let s = bundled();
    let quick = analyse_quick(&s);
    assert_eq!(reallocate(&s, &quick, Options::default()), analyse(&s));
    // The first stage's ranking and weights are already those of the whole analysis.
    let first = analyse_ranking(&s);
    let whole = analyse(&s);
    assert_eq!(first.ranking, whole.ranking);
    assert_eq!(first.order, whole.order);
    assert_eq!(first.weights, whole.weights);
    assert_eq!(first.priorities, whole.priorities);
    assert!(first.initiatives.is_empty() && first.alpha.is_none());
}

#[test]
fn the_worker_sends_the_forum_first_then_values_then_the_exact_result() {
    use std::time::Duration;
    let repo = BundledRepo::new();

    let (tx, rx) = crate::tui::worker::spawn(repo.dir.path().to_path_buf(), "fy2027-cx".into());
    tx.send(Request::Load).unwrap();
    let mut stages = Vec::new();
    let mut app = App::new("fy2027-cx", 4);
    loop {
        let m = rx.recv_timeout(Duration::from_secs(60)).unwrap();
        match &m {
            Msg::Loaded(f) | Msg::Solved(f) => stages.push((f.stage, f.commit.clone())),
            Msg::Proposals(_) => break,
            _ => {}
        }
        update(&mut app, m);
        let _ = text(&app);
    }
    let commit = stages[0].1.clone();
    assert!(commit.is_some());
    assert_eq!(
        stages,
        vec![
            (Stage::Read, commit.clone()),
            (Stage::Valued, commit.clone()),
            (Stage::Exact, commit),
        ]
    );
    let f = app.fresh.as_ref().unwrap();
    assert_eq!(f.stage, Stage::Exact);
    assert_eq!(*f.analysis, analyse(&f.snapshot));
}

/// The Overview words a finding for the room, from the real loading path: which record and
/// what is wrong, never the `path:line:col` that `roundtable check` prints.
#[test]
fn the_overview_words_a_finding_for_the_room() {
    use std::time::Duration;
    let repo = BundledRepo::new();
    let file = repo
        .dir
        .path()
        .join("forums/fy2027-cx/initiatives/support/callback-not-hold.ron");
    let text_of = std::fs::read_to_string(&file).unwrap();
    let broken = text_of.replacen("addresses: [", "addresses: [\"no-such-priority\", ", 1);
    assert_ne!(broken, text_of);
    std::fs::write(&file, broken).unwrap();
    repo.git(&["commit", "-q", "-am", "A bad link"]);
    let (tx, rx) = crate::tui::worker::spawn(repo.dir.path().to_path_buf(), "fy2027-cx".into());
    tx.send(Request::Load).unwrap();
    let mut app = App::new("fy2027-cx", 4);
    loop {
        let m = rx.recv_timeout(Duration::from_secs(60)).unwrap();
        let done = matches!(m, Msg::Proposals(_));
        update(&mut app, m);
        if done {
            break;
        }
    }
    let problems = &app.fresh.as_ref().unwrap().problems;
    assert!(
        problems.iter().any(|p| p
            .starts_with("Error in initiative `callback-not-hold` of silo `support`: ")
            && p.contains("no-such-priority")),
        "{problems:?}"
    );
    let fresh = app.fresh.clone().unwrap();
    let shown = text(&on(&fresh, Screen::Overview, 160, 45));
    assert!(
        shown.contains("⚠ Error in ") || shown.contains("⚠ Warning in "),
        "{shown}"
    );
    assert!(!shown.contains("forums/fy2027-cx"), "{shown}");
    assert!(!shown.contains(".ron:"), "{shown}");
}
