//! `update`: the only place state changes; returns effects for the loop to run, does no I/O.

use crate::domain::records::{CONSENSUS, Line, Phase};
use crate::domain::text::sanitize;
use crate::tui::action::{Action, Screen};
use crate::tui::app::{App, DialogKind};
use crate::tui::confirm::{ask_decision, dialog_act, open};
use crate::tui::msg::{Effect, Motion, Msg, Request};
use crate::tui::views::layout;

/// Applies one message to the state.
pub fn update(app: &mut App, msg: Msg) -> Vec<Effect> {
    match msg {
        Msg::Action(a) => act(app, a),
        Msg::Click { x, y } => click(app, x, y),
        Msg::Scroll { down } => act(app, if down { Action::Down } else { Action::Up }),
        Msg::Resize { width, height } => {
            app.width = width;
            app.height = height;
            Vec::new()
        }
        Msg::Loaded(fresh) => crate::tui::loads::loaded(app, *fresh),
        Msg::Moved { fresh, what } => crate::tui::loads::moved(app, *fresh, &what),
        Msg::Solved(fresh) => crate::tui::loads::solved(app, *fresh),
        Msg::Margins(m) => {
            app.margins = m;
            Vec::new()
        }
        Msg::WhatIf(w) => {
            if app.whatif_budget == Some(w.budget) {
                app.whatif = Some(*w);
            }
            Vec::new()
        }
        Msg::Decided { commit, summary } => {
            app.dialog = None;
            app.manual_order = None;
            app.ballot = None;
            app.pending_scores.clear();
            app.manual_lines.clear();
            app.status = format!("Decided, commit {commit}: {summary}");
            vec![Effect::Send(Request::Load)]
        }
        Msg::Refused(message) => {
            match &mut app.dialog {
                Some(d) => {
                    d.pending = false;
                    d.error = Some(message);
                }
                None => app.status = message,
            }
            Vec::new()
        }
        Msg::Audit(reply) => {
            crate::tui::audit::received(app, *reply);
            Vec::new()
        }
        Msg::Failed(message) => {
            app.loading = false;
            app.status = format!("Error: {message}");
            Vec::new()
        }
        Msg::Proposals(read) => {
            crate::tui::proposals::received(app, read);
            Vec::new()
        }
        Msg::Remote(status) => {
            if let Some(held) = &status.held {
                app.status = format!("Held, kept aside: {held}");
            } else if let Some(why) = &status.stopped {
                app.status = format!("Sync stopped: {why}");
            }
            app.remote = Some(status);
            Vec::new()
        }
    }
}

fn act(app: &mut App, action: Action) -> Vec<Effect> {
    if app.help && !matches!(action, Action::Quit) {
        // The help scrolls when it is taller than the terminal; any other key closes it.
        match action {
            Action::Up => app.help_scroll = app.help_scroll.saturating_sub(1),
            Action::Down => app.help_scroll = app.help_scroll.saturating_add(1).min(200),
            Action::PageUp => app.help_scroll = app.help_scroll.saturating_sub(10),
            Action::PageDown => app.help_scroll = app.help_scroll.saturating_add(10).min(200),
            _ => {
                app.help = false;
                app.help_scroll = 0;
            }
        }
        return Vec::new();
    }
    if app.present
        && app.dialog.is_none()
        && matches!(
            action,
            Action::Left | Action::Right | Action::BudgetDown | Action::BudgetUp
        )
    {
        // Present mode shows one initiative: ←/→ pick it on every screen, and never act on
        // what is hidden (the what-if budget, the audit).
        let back = matches!(action, Action::Left | Action::BudgetDown);
        let rows = app.initiative_rows().len();
        let cur = app.sel(Screen::Initiatives);
        let next = if back {
            cur.saturating_sub(1)
        } else {
            (cur + 1).min(rows.saturating_sub(1))
        };
        app.cursor.insert(Screen::Initiatives.title(), next);
        return Vec::new();
    }
    if app.dialog.is_some() {
        return dialog_act(app, action);
    }
    if app.searching {
        match action {
            Action::Type(c) => app.search.push(c),
            Action::Erase => {
                app.search.pop();
            }
            Action::Cancel => {
                app.search.clear();
                app.searching = false;
            }
            _ => app.searching = false,
        }
        app.cursor.insert(Screen::Initiatives.title(), 0);
        return Vec::new();
    }
    if let Some(effects) = crate::tui::audit::act(app, &action) {
        return effects;
    }
    if let Some(why) = crate::tui::seat::refuses(app, &action) {
        app.status = why;
        return Vec::new();
    }
    let screen = app.screen;
    match action {
        Action::Quit => {
            app.quit = true;
            return vec![Effect::Quit];
        }
        Action::Help => {
            app.help = true;
            app.help_scroll = 0;
        }
        Action::NextScreen => go(app, (screen.index() + 1) % Screen::ALL.len()),
        Action::PrevScreen => go(
            app,
            (screen.index() + Screen::ALL.len() - 1) % Screen::ALL.len(),
        ),
        Action::Go(s) => app.screen = s,
        Action::Up => step(app, -1),
        Action::Down => step(app, 1),
        Action::PageUp => step(app, -10),
        Action::PageDown => step(app, 10),
        Action::Left | Action::Right => {
            let rows = app.initiative_rows().len();
            let cur = app.sel(Screen::Initiatives);
            let next = if action == Action::Left {
                cur.saturating_sub(1)
            } else {
                (cur + 1).min(rows.saturating_sub(1))
            };
            app.cursor.insert(Screen::Initiatives.title(), next);
        }
        Action::NextUnscored => crate::tui::to_score::next_unscored(app),
        Action::CycleTheme => app.theme_index = (app.theme_index + 1) % app.theme_count,
        Action::Present => app.present = !app.present,
        Action::Reload => {
            app.loading = true;
            app.status = "Reloading…".into();
            return vec![Effect::Send(Request::Load)];
        }
        Action::MoveUp | Action::MoveDown => move_priority(app, action == Action::MoveUp),
        Action::Advance => advance(app),
        Action::Sort => {
            app.sort = app.sort.next();
            app.status = format!("Sorted by {}", app.sort.name());
        }
        Action::FilterSilo => filter_silo(app),
        Action::FilterKind => filter_kind(app),
        Action::FilterMember => filter_member(app),
        Action::Ballot => {
            crate::tui::ballot::toggle(app);
            crate::tui::seat::settle(app);
        }
        Action::NextMember => crate::tui::ballot::next_member(app),
        Action::Detail => app.detail = !app.detail,
        Action::Search => {
            app.searching = true;
            app.search.clear();
        }
        Action::Score(s) => score(app, s),
        Action::NextScorer => next_scorer(app),
        Action::Reveal => app.revealed = !app.revealed,
        Action::BudgetDown | Action::BudgetUp => {
            return budget_step(app, action == Action::BudgetUp);
        }
        Action::BudgetReset => {
            app.whatif_budget = None;
            app.whatif = None;
        }
        Action::BudgetType => {
            open(
                app,
                DialogKind::Budget,
                "What-if budget",
                vec!["Type an amount (digits only).".into()],
                vec![("Budget", String::new())],
            );
        }
        Action::ToggleLine => toggle_line(app),
        Action::Commit if screen == Screen::Priorities => crate::tui::ballot::commit(app),
        Action::Commit => commit(app, screen),
        Action::Cancel if screen == Screen::Priorities => crate::tui::ballot::drop_edits(app),
        Action::Audit => return crate::tui::audit::open(app),
        Action::Accept => crate::tui::proposals::accept(app),
        Action::Type(_) | Action::Erase | Action::NextField | Action::Confirm | Action::Cancel => {}
    }
    Vec::new()
}

fn go(app: &mut App, i: usize) {
    app.screen = Screen::ALL.get(i).copied().unwrap_or(Screen::Overview);
}

fn step(app: &mut App, delta: i64) {
    let s = app.screen;
    let n = app.rows(s);
    if n == 0 {
        return;
    }
    let cur = i64::try_from(app.sel(s)).unwrap_or(0);
    let max = i64::try_from(n - 1).unwrap_or(0);
    let next = usize::try_from((cur + delta).clamp(0, max)).unwrap_or(0);
    app.cursor.insert(s.title(), next);
}

fn move_priority(app: &mut App, up: bool) {
    if let (None, Some(message)) = (&app.ballot, crate::tui::ballot::locked(app)) {
        app.status = message;
        return;
    }
    let mut order = app.ranking_list();
    let i = app.sel(Screen::Priorities);
    if order.is_empty() || (up && i == 0) || (!up && i + 1 >= order.len()) {
        return;
    }
    let j = if up { i - 1 } else { i + 1 };
    order.swap(i, j);
    app.cursor.insert(Screen::Priorities.title(), j);
    match app.ballot.as_mut() {
        Some(b) => {
            b.order = order;
            app.status = format!(
                "Ballot of {}: K/J move · c casts it (a reason is asked) · Esc drops it",
                sanitize(&b.member)
            );
        }
        None => {
            app.manual_order = Some(order);
            app.status =
                "Manual order: L locks it, c records it without locking (a reason is asked) · Esc drops it"
                    .into();
        }
    }
}

/// Asks to advance the forum (from Ranking: to lock the order on screen).
pub(crate) fn advance(app: &mut App) {
    let Some(f) = &app.fresh else { return };
    let phase = f.snapshot.forum.phase;
    let Some(next) = phase.next() else {
        app.status = "The forum is closed; there is no next phase.".into();
        return;
    };
    if app.screen == Screen::Priorities && phase > Phase::Ranking {
        app.status = format!(
            "The ranking is locked (phase {phase}); reopen the forum to Ranking to change it."
        );
        return;
    }
    if phase == Phase::Ranking {
        let manual = app.manual_order.is_some();
        let order = app.order();
        let mut lines: Vec<String> = order
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let title = f
                    .snapshot
                    .priorities
                    .get(p)
                    .map_or(p.as_str(), |x| x.title.as_str());
                format!("{}. {}", i + 1, sanitize(title))
            })
            .collect();
        lines.insert(
            0,
            if manual {
                "The room's own order (Manual; the reason is recorded with it):".into()
            } else {
                "This order becomes the ranking; scores and money follow it:".into()
            },
        );
        ask_decision(app, Motion::Lock { order, manual }, lines);
        return;
    }
    let lines = vec![format!("{} → {}", phase.name(), next.name())];
    ask_decision(app, Motion::Advance, lines);
}

fn filter_silo(app: &mut App) {
    let Some(f) = &app.fresh else { return };
    let silos: Vec<String> = f.snapshot.silos.keys().cloned().collect();
    app.silo_filter = match &app.silo_filter {
        None => silos.first().cloned(),
        Some(s) => silos.iter().skip_while(|x| *x != s).nth(1).cloned(),
    };
    app.cursor.insert(Screen::Initiatives.title(), 0);
    app.status = match &app.silo_filter {
        Some(s) => format!("Silo: {}", sanitize(s)),
        None => "All silos".into(),
    };
}

fn filter_kind(app: &mut App) {
    let Some(f) = &app.fresh else { return };
    let mut kinds: Vec<String> = f.log.iter().map(|e| e.kind.clone()).collect();
    kinds.sort();
    kinds.dedup();
    app.kind_filter = match &app.kind_filter {
        None => kinds.first().cloned(),
        Some(k) => kinds.iter().skip_while(|x| *x != k).nth(1).cloned(),
    };
    app.cursor.insert(Screen::History.title(), 0);
    app.status = match &app.kind_filter {
        Some(k) => format!("Decisions of kind {}", sanitize(k)),
        None => "All decisions".into(),
    };
}

fn filter_member(app: &mut App) {
    if app.fresh.is_none() {
        return;
    }
    let ids = app.member_ids();
    app.member_filter = match &app.member_filter {
        None => ids.first().cloned(),
        Some(m) => ids.iter().skip_while(|x| *x != m).nth(1).cloned(),
    };
    app.cursor.insert(Screen::History.title(), 0);
    app.status = match &app.member_filter {
        Some(m) => format!("Decisions {} took or was present for", sanitize(m)),
        None => "Decisions of every member".into(),
    };
}

fn score(app: &mut App, s: u8) {
    let Some(f) = &app.fresh else { return };
    let scale = f.snapshot.forum.scale;
    if s > scale {
        app.status = format!(
            "Scores run 0…{scale}. On Scoring the number keys score: Tab or F1…F8 change screens."
        );
        return;
    }
    let (Some(ini), Some(pri)) = (
        app.selected_initiative(),
        f.analysis.order.get(app.sel(Screen::Scoring)).cloned(),
    ) else {
        return;
    };
    app.pending_scores.insert((app.scorer.clone(), ini, pri), s);
    step(app, 1);
    app.status = format!(
        "{} score(s) entered — press c to commit them",
        app.pending_scores.len()
    );
}

fn next_scorer(app: &mut App) {
    if app.fresh.is_none() {
        return;
    }
    let mut ids: Vec<String> = vec![CONSENSUS.to_string()];
    ids.extend(app.member_ids());
    let i = ids.iter().position(|x| *x == app.scorer).unwrap_or(0);
    app.scorer = ids.get((i + 1) % ids.len()).cloned().unwrap_or_default();
    app.status = format!(
        "Number keys now enter scores for: {}",
        sanitize(&app.scorer)
    );
}

fn budget_step(app: &mut App, up: bool) -> Vec<Effect> {
    let Some(f) = &app.fresh else {
        return Vec::new();
    };
    let base = f.snapshot.forum.budget;
    let cur = app.whatif_budget.unwrap_or(base);
    let step = (base / 20).max(1);
    let next = if up {
        cur.saturating_add(step)
    } else {
        cur.saturating_sub(step)
    };
    if next == base {
        app.whatif_budget = None;
        app.whatif = None;
        return Vec::new();
    }
    app.whatif_budget = Some(next);
    vec![Effect::Send(Request::WhatIf(next))]
}

fn toggle_line(app: &mut App) {
    let rows = app.allocation_rows();
    let Some(id) = rows.get(app.sel(Screen::Allocation)).cloned() else {
        return;
    };
    let fund = !app.funded(&id);
    let verb = if fund { "Fund" } else { "Unfund" };
    let mut lines = vec!["The rule's result changes only with a reason.".to_string()];
    // Say now what the allocation gate would refuse at commit time.
    if let Some(f) = &app.fresh {
        let needs: Vec<String> = f
            .analysis
            .initiatives
            .iter()
            .filter(|v| !fund && app.funded(&v.id) && v.depends_on.contains(&id))
            .map(|v| sanitize(&v.id))
            .collect();
        if !needs.is_empty() {
            lines.push(format!(
                "⚠ {} depend(s) on it: unfund them too, or the allocation is refused.",
                needs.join(", ")
            ));
        }
        let missing: Vec<String> = f
            .analysis
            .valuation(&id)
            .map(|v| v.depends_on.clone())
            .unwrap_or_default()
            .into_iter()
            .filter(|d| fund && !app.funded(d))
            .map(|d| sanitize(&d))
            .collect();
        if !missing.is_empty() {
            lines.push(format!(
                "⚠ it depends on {}, not funded: fund it too, or the allocation is refused.",
                missing.join(", ")
            ));
        }
    }
    open(
        app,
        DialogKind::LineReason {
            initiative: id.clone(),
            fund,
        },
        &format!("{verb} {} by hand", sanitize(&id)),
        lines,
        vec![("Reason", String::new())],
    );
}

/// Asks to commit what the room entered on `screen` (scores, the allocation).
pub(crate) fn commit(app: &mut App, screen: Screen) {
    let Some(f) = &app.fresh else { return };
    match screen {
        Screen::Scoring => {
            let Some((member, _, _)) = app.pending_scores.keys().next().cloned() else {
                app.status =
                    "No scores entered yet: number keys score the selected priority.".into();
                return;
            };
            let scores: Vec<(String, String, u8)> = app
                .pending_scores
                .iter()
                .filter(|((m, _, _), _)| *m == member)
                .map(|((_, i, p), s)| (i.clone(), p.clone(), *s))
                .collect();
            let lines = scores
                .iter()
                .map(|(i, p, s)| format!("{} × {} = {s}", sanitize(i), sanitize(p)))
                .collect();
            ask_decision(app, Motion::Score { member, scores }, lines);
        }
        Screen::Allocation if f.solving() => {
            // The lines on screen are greedy's stand-in (or not valued yet): not the rule's.
            app.status =
                "The rule's exact solve is still running: commit the allocation in a moment."
                    .into();
        }
        Screen::Allocation => {
            let budget = f.snapshot.forum.budget;
            let lines: Vec<Line> = app
                .allocation_rows()
                .into_iter()
                // Funded lines, and a line of 0 with its reason for each one left out by
                // hand: a 0 line says "not funded" and why.
                .filter(|id| app.funded(id) || app.manual_lines.contains_key(id))
                .map(|id| {
                    let cost = if app.funded(&id) {
                        f.snapshot.initiative(&id).map(|i| i.cost).unwrap_or(0)
                    } else {
                        0
                    };
                    let reason = app
                        .manual_lines
                        .get(&id)
                        .map(|(_, r)| r.clone())
                        .unwrap_or_else(|| format!("{} rule", f.analysis.rule.name()));
                    Line {
                        initiative: id,
                        amount: cost,
                        reason,
                    }
                })
                .collect();
            let total: u64 = lines.iter().map(|l| l.amount).sum();
            let summary = vec![
                format!(
                    "{} funded on {} lines, total {} of {}",
                    lines.iter().filter(|l| l.amount > 0).count(),
                    lines.len(),
                    crate::domain::money::amount(total),
                    crate::domain::money::amount(budget)
                ),
                format!("{} changed by hand", app.manual_lines.len()),
            ];
            let mut summary = summary;
            if let Some(w) = app.whatif_budget {
                summary.push(format!(
                    "At the forum's budget: the what-if {} is a preview, not committed.",
                    crate::domain::money::amount(w)
                ));
            }
            let rule = fresh_rule(app);
            ask_decision(
                app,
                Motion::Allocate {
                    rule,
                    budget,
                    lines,
                },
                summary,
            );
        }
        _ => {}
    }
}

fn click(app: &mut App, x: u16, y: u16) -> Vec<Effect> {
    if app.help {
        app.help = false;
        return Vec::new();
    }
    if app.dialog.is_some() || app.present {
        return Vec::new();
    }
    if y == 0 {
        if let Some(s) = layout::tab_at(x, app.width) {
            app.screen = s;
        }
        return Vec::new();
    }
    if let Some(row) = layout::row_at(app, y) {
        let n = app.rows(app.screen);
        if row < n {
            app.cursor.insert(app.screen.title(), row);
        }
    }
    Vec::new()
}

/// The forum's allocation rule as loaded (the rule an allocation made in the room records).
fn fresh_rule(app: &App) -> crate::domain::records::AllocationRule {
    app.fresh
        .as_ref()
        .map(|f| f.snapshot.forum.allocation_rule)
        .unwrap_or_default()
}
