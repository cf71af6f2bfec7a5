//! The Ranking screen's decisions (lock, manual order, ballots), History's filters, and every
//! action on every screen.

use super::*;
use crate::domain::decision::{Written, plan};
use crate::domain::phase::DecisionKind;
use crate::domain::records::Phase;
use crate::tui::action::Action;
use crate::tui::app::DialogKind;
use crate::tui::msg::{Effect, Motion, Request};

fn act(app: &mut App, a: Action) -> Vec<Effect> {
    update(app, Msg::Action(a))
}

fn type_text(app: &mut App, s: &str) {
    for c in s.chars() {
        act(app, Action::Type(c));
    }
}

fn at_ranking() -> App {
    let mut s = bundled();
    s.forum.phase = Phase::Ranking;
    let mut a = app_with(fresh_of(s), 80, 24);
    a.screen = Screen::Priorities;
    a
}

fn decision(a: &App) -> Motion {
    match a.dialog.as_ref().map(|d| d.kind.clone()) {
        Some(DialogKind::Decide(d)) => d,
        other => panic!("no decision dialog: {other:?}"),
    }
}

#[test]
fn once_locked_the_order_and_ballots_do_not_move_and_say_why() {
    let mut a = app(80, 24);
    a.screen = Screen::Priorities;
    let before = a.order();
    for action in [Action::MoveUp, Action::MoveDown, Action::Ballot] {
        act(&mut a, Action::Down);
        act(&mut a, action.clone());
        assert_eq!(a.order(), before, "{action:?}");
        assert!(a.ranking.manual_order.is_none() && a.ranking.ballot.is_none());
        assert!(a.status.contains("locked (phase Scoring)"), "{}", a.status);
    }
    act(&mut a, Action::Advance);
    assert!(a.dialog.is_none() && a.status.contains("locked"));
    act(&mut a, Action::Commit);
    assert!(a.dialog.is_none() && a.status.starts_with("Nothing to commit"));
    act(&mut a, Action::NextMember);
    assert!(a.status.contains("Press b"));
}

#[test]
fn a_manual_order_is_locked_or_recorded_with_a_reason_and_esc_drops_it() {
    let mut a = at_ranking();
    let computed = a.order();
    act(&mut a, Action::Down);
    act(&mut a, Action::MoveUp);
    assert_eq!(a.order()[0], computed[1]);
    assert_eq!(
        a.sel(Screen::Priorities),
        0,
        "the cursor follows the moved priority"
    );
    act(&mut a, Action::MoveDown);
    assert_eq!(a.order(), computed, "moved back");
    act(&mut a, Action::Cancel);
    assert!(a.ranking.manual_order.is_none());
    act(&mut a, Action::MoveDown);
    let manual = a.order();
    act(&mut a, Action::Advance);
    assert_eq!(
        decision(&a),
        Motion::Lock {
            order: manual.clone(),
            manual: true
        }
    );
    assert_eq!(act(&mut a, Action::Confirm), vec![], "a reason is asked");
    assert!(a.dialog.as_ref().unwrap().error.is_some());
    act(&mut a, Action::Cancel);
    act(&mut a, Action::Commit);
    assert_eq!(
        decision(&a),
        Motion::Rank {
            order: manual.clone(),
            manual: true,
        }
    );
    type_text(&mut a, "Bank feeds first: the outage");
    let fx = act(&mut a, Action::Confirm);
    assert!(matches!(&fx[..], [Effect::Send(Request::Decide(r))] if r.reason.starts_with("Bank")));
    update(
        &mut a,
        Msg::Decided {
            commit: "1234567".into(),
            summary: "Rank".into(),
        },
    );
    assert!(a.ranking.manual_order.is_none() && a.dialog.is_none());
}

#[test]
fn lock_without_a_manual_order_takes_the_computed_one() {
    let mut a = at_ranking();
    a.screen = Screen::Overview;
    act(&mut a, Action::Advance);
    assert_eq!(
        decision(&a),
        Motion::Lock {
            order: a.order(),
            manual: false
        }
    );
    assert!(a.dialog.as_ref().unwrap().lines.len() > a.order().len());
}

#[test]
fn the_lock_writes_the_ranking_only_when_it_is_not_the_recorded_one() {
    let mut s = bundled();
    s.forum.phase = Phase::Ranking;
    let order = s.ranking.as_ref().unwrap().order.clone();
    let same = Motion::Lock {
        order: order.clone(),
        manual: false,
    };
    let p = plan(&s, &same, "ok", &[]).unwrap();
    assert_eq!((p.kind, p.writes.len()), (DecisionKind::Advance, 1));
    assert!(matches!(&p.writes[0].1, Written::Forum(f) if f.phase == Phase::Scoring));
    s.ranking = None;
    let p = plan(&s, &same, "ok", &[]).unwrap();
    assert_eq!(p.writes.len(), 2, "no ranking.ron yet: the lock writes it");
    let mut swapped = order.clone();
    swapped.swap(0, 1);
    let manual = Motion::Lock {
        order: swapped.clone(),
        manual: true,
    };
    let p = plan(&s, &manual, "the room says so", &order).unwrap();
    let Written::Ranking(r) = &p.writes[1].1 else {
        panic!("{p:?}")
    };
    assert_eq!(r.method, crate::domain::records::RankingMethod::Manual);
    assert_eq!((r.note.as_str(), &r.computed), ("the room says so", &order));
    let short = Motion::Lock {
        order: order[1..].to_vec(),
        manual: true,
    };
    assert!(
        plan(&s, &short, "x", &[])
            .unwrap_err()
            .contains("leaves out")
    );
    s.forum.phase = Phase::Scoring;
    assert!(plan(&s, &same, "x", &[]).is_err(), "only from Ranking");
}

#[test]
fn a_ballot_is_cast_or_edited_member_by_member_and_committed_as_a_decision() {
    let mut a = at_ranking();
    act(&mut a, Action::Ballot);
    let first = a.ranking.ballot.clone().unwrap();
    assert_eq!(
        first.member, "dana",
        "every member has voted: start with the first"
    );
    assert!(first.existing);
    assert_eq!(
        first.order,
        a.fresh.as_ref().unwrap().snapshot.ballots["dana"].order
    );
    act(&mut a, Action::NextMember);
    let sam = a.ranking.ballot.clone().unwrap();
    assert_eq!(sam.member, "sam");
    act(&mut a, Action::MoveDown);
    let edited = a.ranking.ballot.clone().unwrap().order;
    assert_eq!(
        (edited[0].as_str(), edited[1].as_str()),
        (sam.order[1].as_str(), sam.order[0].as_str())
    );
    assert!(
        a.ranking.manual_order.is_none(),
        "a ballot is not the forum's order"
    );
    assert_eq!(a.ranking_list(), edited);
    act(&mut a, Action::Commit);
    assert_eq!(
        decision(&a),
        Motion::Ballot {
            member: "sam".into(),
            order: edited.clone()
        }
    );
    type_text(&mut a, "Sam changed his mind after the loss review");
    let fx = act(&mut a, Action::Confirm);
    assert!(matches!(&fx[..], [Effect::Send(Request::Decide(_))]));
    update(
        &mut a,
        Msg::Decided {
            commit: "1234567".into(),
            summary: "Replace sam's ballot".into(),
        },
    );
    assert!(a.ranking.ballot.is_none());
    act(&mut a, Action::Ballot);
    act(&mut a, Action::Ballot);
    assert!(a.ranking.ballot.is_none(), "b again drops the ballot");
    act(&mut a, Action::Ballot);
    act(&mut a, Action::Cancel);
    assert!(a.ranking.ballot.is_none(), "Esc drops it too");
    let s = bundled();
    let p = plan(
        &s,
        &Motion::Ballot {
            member: "sam".into(),
            order: edited,
        },
        "r",
        &[],
    )
    .unwrap();
    assert_eq!(p.kind, DecisionKind::Ballot);
    assert_eq!(p.writes[0].0.relative_path(), "ballots/sam.ron");
    assert!(p.summary.starts_with("Replace sam's ballot"));
    let nobody = Motion::Ballot {
        member: "nobody".into(),
        order: vec![],
    };
    assert!(plan(&s, &nobody, "r", &[]).is_err());
}

#[test]
fn history_filters_by_member_and_kind_together() {
    let mut a = app(80, 24);
    a.screen = Screen::History;
    act(&mut a, Action::FilterMember);
    assert_eq!(a.history.member_filter.as_deref(), Some("dana"));
    assert_eq!(a.history_rows(), vec![0, 1], "decided by dana");
    act(&mut a, Action::FilterMember);
    assert_eq!(a.history.member_filter.as_deref(), Some("sam"));
    assert_eq!(a.history_rows(), vec![1], "sam was present");
    act(&mut a, Action::FilterKind);
    assert_eq!(a.history.kind_filter.as_deref(), Some("advance"));
    assert!(a.history_rows().is_empty(), "sam took no advance");
    act(&mut a, Action::FilterKind);
    assert_eq!(a.history_rows(), vec![1], "ballot, with sam present");
    for _ in 0..6 {
        act(&mut a, Action::FilterMember);
    }
    assert_eq!(a.history.member_filter, None, "cycles back to every member");
}

#[test]
fn resize_and_scroll_messages() {
    let mut a = app(80, 24);
    update(
        &mut a,
        Msg::Resize {
            width: 200,
            height: 60,
        },
    );
    assert_eq!((a.width, a.height), (200, 60));
    a.screen = Screen::Initiatives;
    update(&mut a, Msg::Scroll { down: true });
    assert_eq!(a.sel(Screen::Initiatives), 1);
    update(&mut a, Msg::Scroll { down: false });
    assert_eq!(a.sel(Screen::Initiatives), 0);
}

/// Every action, on every screen, loaded or not, in a dialog or not: no panic, and the
/// cursor stays inside its list.
#[test]
fn every_action_on_every_screen_keeps_the_state_valid() {
    let actions = vec![
        Action::Help,
        Action::NextScreen,
        Action::PrevScreen,
        Action::Up,
        Action::Down,
        Action::PageUp,
        Action::PageDown,
        Action::Left,
        Action::Right,
        Action::CycleTheme,
        Action::Present,
        Action::Reload,
        Action::MoveUp,
        Action::MoveDown,
        Action::Advance,
        Action::Sort,
        Action::FilterSilo,
        Action::FilterKind,
        Action::FilterMember,
        Action::Ballot,
        Action::NextMember,
        Action::Detail,
        Action::Search,
        Action::Score(2),
        Action::NextScorer,
        Action::Reveal,
        Action::BudgetDown,
        Action::BudgetUp,
        Action::BudgetType,
        Action::BudgetReset,
        Action::ToggleLine,
        Action::Commit,
        Action::Type('x'),
        Action::Erase,
        Action::NextField,
        Action::Confirm,
        Action::Cancel,
        Action::Go(Screen::History),
        Action::Audit,
        Action::Accept,
        Action::Quit,
    ];
    for loaded in [false, true] {
        for s in screens() {
            for action in &actions {
                let mut a = if loaded {
                    at_ranking()
                } else {
                    App::new("x", 4)
                };
                a.screen = s;
                act(&mut a, action.clone());
                for other in &actions {
                    act(&mut a, other.clone());
                    let n = a.rows(a.screen);
                    assert!(
                        a.sel(a.screen) < n.max(1),
                        "{s:?} {action:?} {other:?}: {:?} row {} of {n}",
                        a.screen,
                        a.sel(a.screen)
                    );
                }
                let _ = render(&a, &crate::tui::theme::Theme::dark());
            }
        }
    }
}

#[test]
fn clicks_close_help_and_do_nothing_hidden_in_present_mode_or_under_a_dialog() {
    let mut a = app(80, 24);
    a.help = true;
    update(&mut a, Msg::Click { x: 13, y: 0 });
    assert!(
        !a.help && a.screen == Screen::Overview,
        "a click closes help only"
    );
    a.present = true;
    update(&mut a, Msg::Click { x: 13, y: 0 });
    assert_eq!(a.screen, Screen::Overview, "no invisible tab switch");
    a.present = false;
    a.screen = Screen::Allocation;
    act(&mut a, Action::Commit);
    update(&mut a, Msg::Click { x: 5, y: 10 });
    assert_eq!(a.sel(Screen::Allocation), 0, "the dialog keeps the mouse");
    act(&mut a, Action::Cancel);
    let width = a.width;
    for (i, s) in screens().iter().enumerate() {
        let x = (0..width)
            .find(|x| crate::tui::views::layout::tab_at(*x, width) == Some(*s))
            .unwrap();
        update(&mut a, Msg::Click { x, y: 0 });
        assert_eq!(a.screen, *s, "tab {i}");
    }
}

#[test]
fn the_tab_under_a_click_is_the_tab_drawn_there() {
    for (w, h) in [(80u16, 24u16), (160, 45), (200, 60)] {
        let a = app(w, h);
        let term = render(&a, &crate::tui::theme::Theme::dark());
        let buf = term.backend().buffer();
        let top: Vec<String> = (0..w).map(|x| buf[(x, 0)].symbol().to_string()).collect();
        for (i, s) in screens().iter().enumerate() {
            let digit = (i + 1).to_string();
            let x = top.iter().position(|c| *c == digit).unwrap();
            let label = if w >= 120 { s.title() } else { s.short() };
            let shown: String = top[x..].concat();
            assert!(shown.contains(label), "{w}: tab {i} not drawn at {x}");
            for dx in 0..label.chars().count() + 2 {
                let at = u16::try_from(x + dx).unwrap();
                assert_eq!(
                    crate::tui::views::layout::tab_at(at, w),
                    Some(*s),
                    "{w}x{h}: column {at} is drawn as {s:?}"
                );
            }
        }
    }
}

#[test]
fn any_key_closes_help_even_an_unbound_one_and_is_then_not_lost() {
    use crate::tui::event_loop::translate;
    use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
    let mut a = app(80, 24);
    let key = |c: char| Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    assert!(
        translate(&a, key('x')).is_none(),
        "unbound, help closed: nothing"
    );
    a.help = true;
    let m = translate(&a, key('x')).unwrap();
    update(&mut a, m);
    assert!(!a.help);
    let m = translate(&a, key('3')).unwrap();
    update(&mut a, m);
    assert_eq!(a.screen, Screen::Priorities);
}

#[test]
fn margins_arrive_after_a_load_and_a_reload_clears_them() {
    let mut a = app(80, 24);
    assert!(a.allocation.margins.is_empty());
    with_margins(&mut a);
    let first = a.allocation_rows()[0].clone();
    let m = a.allocation.margins[&first].unwrap();
    assert!(
        m < 0.0,
        "a funded line's margin is how far it may fall: {m}"
    );
    update(&mut a, Msg::Loaded(Box::new(fresh_of(bundled()))));
    assert!(
        a.allocation.margins.is_empty(),
        "stale margins are not shown"
    );
}

#[test]
fn a_reload_after_a_decision_keeps_what_the_room_was_told_meanwhile() {
    let mut a = app(80, 24);
    assert_eq!(a.status, "Loaded fy2027-cx");
    a.screen = Screen::Scoring;
    act(&mut a, Action::Score(9));
    let told = a.status.clone();
    update(&mut a, Msg::Loaded(Box::new(fresh_of(bundled()))));
    assert_eq!(a.status, told);
    act(&mut a, Action::Reload);
    update(&mut a, Msg::Loaded(Box::new(fresh_of(bundled()))));
    assert_eq!(a.status, "Loaded fy2027-cx");
}

#[test]
fn unfunding_a_line_others_depend_on_warns_before_the_gate_refuses() {
    let mut a = app(80, 24);
    a.screen = Screen::Allocation;
    let rows = a.allocation_rows();
    let f = a.fresh.clone().unwrap();
    let (needed, dependant) = f
        .analysis
        .initiatives
        .iter()
        .filter(|v| a.funded(&v.id))
        .find_map(|v| {
            v.depends_on
                .iter()
                .find(|d| a.funded(d))
                .map(|d| (d.clone(), v.id.clone()))
        })
        .expect("the bundled forum funds a line that another funded line depends on");
    let row = rows.iter().position(|r| *r == needed).unwrap();
    a.cursor.insert(Screen::Allocation.title(), row);
    act(&mut a, Action::ToggleLine);
    let lines = a.dialog.as_ref().unwrap().lines.join("\n");
    assert!(
        lines.contains(&dependant) && lines.contains("refused"),
        "{lines}"
    );
}
