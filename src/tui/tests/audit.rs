//! The audit view: opened with `a`, answered by the worker, scrolled, closed; snapshots.

use super::*;
use crate::store::audit::{Audit, Moved, Trail};
use crate::store::history::Entry;
use crate::tui::action::Action;
use crate::tui::audit::AuditReply;
use crate::tui::msg::{Effect, Request};

fn entry(hash: &str, date: &str, kind: &str, author: &str, summary: &str) -> Entry {
    Entry {
        commit: format!("{hash}{}", "0".repeat(40 - hash.len())),
        date: date.into(),
        time: 0,
        author: author.into(),
        email: String::new(),
        decision: Some(kind.into()),
        forum: Some("fy2027-cx".into()),
        decided_by: None,
        present: Vec::new(),
        summary: summary.into(),
        reason: String::new(),
    }
}

/// The audit of `invoice-explainer` on the bundled forum, with a fixed trail.
fn sample(app: &App) -> Box<Audit> {
    let f = app.fresh.as_ref().unwrap();
    let chain = crate::domain::audit::chain(&f.snapshot, &f.analysis, "invoice-explainer").unwrap();
    let setup = entry(
        "51c7d2e",
        "2026-10-02 09:00",
        "init",
        "Dana Whitfield",
        "Set up",
    );
    let mut scores = std::collections::BTreeMap::new();
    for s in &chain.scoring.scorers {
        scores.insert(
            s.member.clone(),
            entry(
                "7a1b2c3",
                "2026-10-21 15:10",
                "score",
                "Priya Raman",
                "Score 6 initiatives",
            ),
        );
    }
    let trail = Trail {
        proposed: Some(entry(
            "aa01bb2",
            "2026-10-15 11:02",
            "propose",
            "Lee Chen",
            "Propose invoice-explainer",
        )),
        accepted: Some(entry(
            "cc03dd4",
            "2026-10-16 10:30",
            "accept",
            "Dana Whitfield",
            "Accept proposal/product/invoice-explainer",
        )),
        changes: Vec::new(),
        moves: vec![Moved {
            from: "billing".into(),
            to: "product".into(),
            commit: entry(
                "ee05ff6",
                "2026-10-20 09:00",
                "edit",
                "Dana Whitfield",
                "Rename silo billing to product",
            ),
        }],
        evidence: std::collections::BTreeMap::new(),
        priorities: chain
            .priorities
            .iter()
            .map(|p| (p.id.clone(), vec![setup.clone()]))
            .collect(),
        ranked: Some(entry(
            "9b1e044",
            "2026-10-14 16:00",
            "rank",
            "Dana Whitfield",
            "Rank 7 priorities (Schulze)",
        )),
        locked: Some(entry(
            "3f2a9c1",
            "2026-10-14 16:05",
            "advance",
            "Dana Whitfield",
            "Lock the ranking of 7 priorities (Schulze)",
        )),
        scores,
        allocated: None,
        walked: 42,
    };
    Box::new(Audit {
        commit: "3f2a9c1".repeat(5) + "abcde",
        chain,
        trail,
        as_decided: None,
        allocations: Vec::new(),
    })
}

fn opened(w: u16, h: u16) -> App {
    let mut a = app(w, h);
    update(&mut a, Msg::Action(Action::Go(Screen::Initiatives)));
    let id = "invoice-explainer";
    let row = a.initiative_rows().iter().position(|r| r == id).unwrap();
    a.cursor.insert(Screen::Initiatives.title(), row);
    let effects = update(&mut a, Msg::Action(Action::Audit));
    assert_eq!(effects, vec![Effect::Send(Request::Audit(id.into()))]);
    let audit = sample(&a);
    update(
        &mut a,
        Msg::Audit(Box::new(AuditReply {
            initiative: id.into(),
            result: Ok(audit),
        })),
    );
    a
}

#[test]
fn a_opens_the_audit_on_history_and_the_reply_fills_it() {
    let a = opened(80, 24);
    assert_eq!(a.screen, Screen::History);
    let view = a.history.audit.as_ref().unwrap();
    assert_eq!(view.initiative, "invoice-explainer");
    assert!(view.audit.is_some() && view.error.is_none());
    assert!(
        a.status.contains("Audit of invoice-explainer"),
        "{}",
        a.status
    );
}

#[test]
fn a_stale_reply_is_ignored_and_an_error_is_shown() {
    let mut a = app(80, 24);
    update(&mut a, Msg::Action(Action::Go(Screen::History)));
    let effects = update(&mut a, Msg::Action(Action::Audit));
    let Some(Effect::Send(Request::Audit(id))) = effects.first().cloned() else {
        panic!("{effects:?}");
    };
    update(
        &mut a,
        Msg::Audit(Box::new(AuditReply {
            initiative: "someone-else".into(),
            result: Err("late".into()),
        })),
    );
    assert!(
        a.history.audit.as_ref().unwrap().error.is_none(),
        "a stale reply"
    );
    update(
        &mut a,
        Msg::Audit(Box::new(AuditReply {
            initiative: id,
            result: Err("git: broken".into()),
        })),
    );
    assert_eq!(
        a.history.audit.as_ref().unwrap().error.as_deref(),
        Some("git: broken")
    );
}

#[test]
fn scroll_next_initiative_and_close() {
    let mut a = opened(80, 24);
    update(&mut a, Msg::Action(Action::Down));
    update(&mut a, Msg::Action(Action::PageDown));
    assert_eq!(a.history.audit.as_ref().unwrap().scroll, 11);
    update(&mut a, Msg::Action(Action::PageUp));
    update(&mut a, Msg::Action(Action::Up));
    update(&mut a, Msg::Action(Action::Up));
    assert_eq!(a.history.audit.as_ref().unwrap().scroll, 0);
    let before = a.sel(Screen::Initiatives);
    let effects = update(&mut a, Msg::Action(Action::Right));
    let next = a.initiative_rows()[before + 1].clone();
    assert_eq!(effects, vec![Effect::Send(Request::Audit(next.clone()))]);
    assert_eq!(a.history.audit.as_ref().unwrap().initiative, next);
    assert!(
        a.history.audit.as_ref().unwrap().audit.is_none(),
        "waiting for the worker"
    );
    update(&mut a, Msg::Action(Action::Cancel));
    assert!(a.history.audit.is_none());
    // Without the audit, History keys move the log again.
    update(&mut a, Msg::Action(Action::Down));
    assert_eq!(a.sel(Screen::History), 1);
}

#[test]
fn the_keymap_binds_a_on_initiatives_scoring_allocation_and_history() {
    use crate::tui::keymap::{Context, lookup};
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let a = app(80, 24);
    let key = KeyEvent::new(KeyCode::Char('a'), KeyModifiers::NONE);
    for s in [
        Screen::Initiatives,
        Screen::Scoring,
        Screen::Allocation,
        Screen::History,
    ] {
        assert_eq!(lookup(&a.keymap, Context::On(s), key), Some(Action::Audit));
    }
    let esc = KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE);
    assert_eq!(
        lookup(&a.keymap, Context::On(Screen::History), esc),
        Some(Action::Cancel)
    );
}

#[test]
fn the_audit_view_at_80x24_and_160x45() {
    for (w, h) in [(80u16, 24u16), (160, 45)] {
        let a = opened(w, h);
        let term = render(&a, &Theme::dark());
        insta::assert_snapshot!(format!("audit_{w}x{h}"), term.backend());
    }
}

#[test]
fn hostile_text_in_the_audit_is_neutralised() {
    let mut a = opened(120, 40);
    let view = a.history.audit.as_mut().unwrap();
    let audit = view.audit.as_mut().unwrap();
    audit.trail.locked.as_mut().unwrap().summary =
        "Lock \u{1b}]52;c;SGVsbG8=\u{7} \u{202e}evil".into();
    audit.chain.initiative.title = "Title \u{1b}[31mred".into();
    let text = screen_text(&render(&a, &Theme::dark()));
    assert!(!text.contains('\u{1b}') && !text.contains('\u{7}') && !text.contains('\u{202e}'));
    assert!(text.contains("Lock"));
}

#[test]
fn a_on_allocation_audits_the_line_under_the_cursor() {
    let mut a = app(120, 40);
    update(&mut a, Msg::Action(Action::Go(Screen::Allocation)));
    let rows = a.allocation_rows();
    // The last line (the lowest value, not funded) — not the Initiatives selection.
    let last = rows.len() - 1;
    a.cursor.insert(Screen::Allocation.title(), last);
    assert_ne!(a.selected_initiative().as_ref(), Some(&rows[last]));
    let effects = update(&mut a, Msg::Action(Action::Audit));
    assert_eq!(
        effects,
        vec![Effect::Send(Request::Audit(rows[last].clone()))]
    );
    assert_eq!(a.screen, Screen::History);
    assert_eq!(a.history.audit.as_ref().unwrap().initiative, rows[last]);
}

/// The view tells the later steps with the records of the allocation decision, and says what
/// changed since and every allocation that touched the initiative.
#[test]
fn the_view_tells_the_steps_as_decided_and_what_changed_since() {
    use crate::store::audit::then::{AllocationChange, AsDecided};
    let a = app(100, 40);
    let mut audit = sample(&a);
    let mut then = audit.chain.clone();
    then.value = 9.8765;
    let decided = entry(
        "a1b2c3d",
        "2026-10-20",
        "allocate",
        "Dana",
        "Allocate the budget",
    );
    audit.as_decided = Some(AsDecided {
        commit: decided.clone(),
        chain: then,
        trail: audit.trail.clone(),
        since: vec!["`sam` is in silo `cx` now (was `care` at the decision)".into()],
    });
    audit.allocations = vec![AllocationChange {
        commit: decided,
        amount: Some(160_000),
        reason: "rule".into(),
        withdrawn: false,
    }];
    let text: Vec<String> = crate::tui::views::audit::lines(&audit, &Theme::dark())
        .iter()
        .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
        .collect();
    let all = text.join("\n");
    assert!(all.contains("As decided"), "{all}");
    assert!(all.contains("9.8765"), "the value as decided: {all}");
    assert!(all.contains("`sam` is in silo `cx` now"), "{all}");
    assert!(all.contains("a1b2c3d"), "{all}");
    assert!(all.contains("160,000"), "{all}");
}
