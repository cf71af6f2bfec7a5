use super::*;
use crate::domain::records::{CONSENSUS, Phase};
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

#[test]
fn quit_help_theme_present_reload() {
    let mut a = app(80, 24);
    assert_eq!(act(&mut a, Action::Quit), vec![Effect::Quit]);
    let mut a = app(80, 24);
    act(&mut a, Action::Help);
    assert!(a.help);
    act(&mut a, Action::Down);
    assert!(a.help, "↑/↓ scroll the help");
    act(&mut a, Action::CycleTheme);
    assert!(
        !a.help && a.theme_index == 0,
        "any other key closes help, and only that"
    );
    act(&mut a, Action::CycleTheme);
    assert_eq!(a.theme_index, 1);
    act(&mut a, Action::Present);
    assert!(a.present);
    assert_eq!(
        act(&mut a, Action::Reload),
        vec![Effect::Send(Request::Load)]
    );
}

#[test]
fn screens_and_rows() {
    let mut a = app(80, 24);
    act(&mut a, Action::NextScreen);
    assert_eq!(a.screen, Screen::Evidence);
    act(&mut a, Action::PrevScreen);
    act(&mut a, Action::PrevScreen);
    assert_eq!(a.screen, Screen::Results);
    act(&mut a, Action::PrevScreen);
    assert_eq!(a.screen, Screen::Proposals);
    act(&mut a, Action::Go(Screen::Initiatives));
    act(&mut a, Action::Down);
    act(&mut a, Action::PageDown);
    assert_eq!(a.sel(Screen::Initiatives), 11);
    act(&mut a, Action::PageUp);
    act(&mut a, Action::Up);
    assert_eq!(a.sel(Screen::Initiatives), 0);
    act(&mut a, Action::Up);
    assert_eq!(a.sel(Screen::Initiatives), 0, "stays on the first row");
}

#[test]
fn clicks_pick_tabs_and_rows() {
    let mut a = app(80, 24);
    update(&mut a, Msg::Click { x: 13, y: 0 });
    assert_eq!(a.screen, Screen::Evidence);
    update(&mut a, Msg::Click { x: 5, y: 4 });
    assert_eq!(a.sel(Screen::Evidence), 2);
    update(&mut a, Msg::Scroll { down: true });
    assert_eq!(a.sel(Screen::Evidence), 3);
    a.screen = Screen::Allocation;
    update(&mut a, Msg::Click { x: 5, y: 10 });
    assert_eq!(a.sel(Screen::Allocation), 2);
    a.screen = Screen::Initiatives;
    update(&mut a, Msg::Click { x: 5, y: 4 });
    assert_eq!(a.sel(Screen::Initiatives), 1);
}

#[test]
fn the_dialog_requires_a_reason_then_sends_a_decide_request() {
    let mut a = app(80, 24);
    act(&mut a, Action::Advance);
    assert_eq!(act(&mut a, Action::Confirm), vec![]);
    assert!(a.dialog.as_ref().unwrap().error.is_some());
    type_text(&mut a, "Scores are in");
    act(&mut a, Action::NextField);
    act(&mut a, Action::NextField);
    // Typed after the pre-filled `dana`: a stranger in Present is refused before git.
    type_text(&mut a, "dana, sam");
    assert_eq!(act(&mut a, Action::Confirm), vec![]);
    assert_eq!(
        a.dialog.as_ref().unwrap().error.as_deref(),
        Some("`danadana` is not a member of the forum. Did you mean `dana`?")
    );
    for _ in 0.."dana, sam".len() {
        act(&mut a, Action::Erase);
    }
    act(&mut a, Action::Erase);
    type_text(&mut a, "a, sam");
    let fx = act(&mut a, Action::Confirm);
    let Some(Effect::Send(Request::Decide(r))) = fx.first() else {
        panic!("{fx:?}")
    };
    assert_eq!(r.reason, "Scores are in");
    assert_eq!(r.by, "dana");
    assert_eq!(r.present, vec!["dana".to_string(), "sam".to_string()]);
    update(&mut a, Msg::Refused("the gate says no".into()));
    assert_eq!(
        a.dialog.as_ref().unwrap().error.as_deref(),
        Some("the gate says no")
    );
    act(&mut a, Action::Confirm);
    let fx = update(
        &mut a,
        Msg::Decided {
            commit: "abc1234".into(),
            summary: "Advance".into(),
        },
    );
    assert_eq!(fx, vec![Effect::Send(Request::Load)]);
    assert!(a.dialog.is_none() && a.status.contains("abc1234"));
    act(&mut a, Action::Advance);
    act(&mut a, Action::Cancel);
    assert!(a.dialog.is_none());
}

#[test]
fn sort_filter_and_search_the_initiatives() {
    let mut a = app(80, 24);
    a.screen = Screen::Initiatives;
    let all = a.initiative_rows().len();
    act(&mut a, Action::Detail);
    assert!(a.initiatives.detail);
    act(&mut a, Action::Sort);
    assert_eq!(a.initiatives.sort, crate::tui::app::Sort::ValuePer100k);
    act(&mut a, Action::FilterSilo);
    assert!(a.initiatives.silo_filter.is_some() && a.initiative_rows().len() < all);
    for _ in 0..20 {
        if a.initiatives.silo_filter.is_none() {
            break;
        }
        act(&mut a, Action::FilterSilo);
    }
    assert!(a.initiatives.silo_filter.is_none());
    act(&mut a, Action::Search);
    type_text(&mut a, "zzzz-nothing");
    assert!(a.initiative_rows().is_empty());
    act(&mut a, Action::Cancel);
    assert_eq!(a.initiative_rows().len(), all);
}

#[test]
fn scoring_enters_pending_scores_and_commits_them() {
    let mut a = app(80, 24);
    a.screen = Screen::Scoring;
    act(&mut a, Action::Right);
    assert_eq!(a.sel(Screen::Initiatives), 1);
    act(&mut a, Action::Left);
    act(&mut a, Action::Score(3));
    act(&mut a, Action::Score(9));
    assert_eq!(a.scoring.pending.len(), 1, "9 is above the scale");
    act(&mut a, Action::NextScorer);
    assert_ne!(a.scoring.scorer, CONSENSUS);
    act(&mut a, Action::Reveal);
    assert!(a.scoring.revealed);
    act(&mut a, Action::Commit);
    let d = a.dialog.clone().unwrap();
    assert!(
        matches!(d.kind, DialogKind::Decide(Motion::Score { ref member, .. }) if member == CONSENSUS)
    );
}

#[test]
fn whatif_budget_steps_types_and_resets() {
    let mut a = app(80, 24);
    a.screen = Screen::Allocation;
    let base = a.fresh.as_ref().unwrap().snapshot.forum.budget;
    let fx = act(&mut a, Action::BudgetDown);
    assert_eq!(fx, vec![Effect::Send(Request::WhatIf(base - base / 20))]);
    act(&mut a, Action::BudgetUp);
    assert_eq!(a.allocation.whatif_budget, None);
    act(&mut a, Action::BudgetUp);
    act(&mut a, Action::BudgetReset);
    assert_eq!(a.allocation.whatif_budget, None);
    act(&mut a, Action::BudgetType);
    type_text(&mut a, "2,000,000");
    assert_eq!(
        act(&mut a, Action::Confirm),
        vec![Effect::Send(Request::WhatIf(2_000_000))]
    );
    let f = a.fresh.clone().unwrap();
    let w = crate::domain::analysis::whatif(&f.snapshot, &f.analysis, 2_000_000);
    update(&mut a, Msg::WhatIf(Box::new(w)));
    assert!(a.allocation.whatif.is_some());
}

#[test]
fn a_line_changed_by_hand_needs_a_reason_and_commit_carries_it() {
    let mut a = app(80, 24);
    a.screen = Screen::Allocation;
    let first = a.allocation_rows()[0].clone();
    assert!(a.funded(&first));
    act(&mut a, Action::ToggleLine);
    act(&mut a, Action::Confirm);
    assert!(a.dialog.as_ref().unwrap().error.is_some());
    type_text(&mut a, "Deferred to Q3");
    act(&mut a, Action::Confirm);
    assert!(!a.funded(&first));
    act(&mut a, Action::Commit);
    let Some(DialogKind::Decide(Motion::Allocate { lines, .. })) =
        a.dialog.as_ref().map(|d| d.kind.clone())
    else {
        panic!()
    };
    // Left out by hand: a line of 0 that says why (funded means an amount above 0).
    let line = lines.iter().find(|l| l.initiative == first).unwrap();
    assert_eq!(line.amount, 0);
    assert_eq!(line.reason, "Deferred to Q3");
}

#[test]
fn the_branch_moving_reloads_and_says_what_changed() {
    let mut a = app(80, 24);
    let mut s = bundled();
    s.forum.phase = Phase::Allocation;
    let what = crate::tui::worker::describe(&bundled(), &s, "Advance (abc)");
    assert!(what.contains("Scoring → Allocation"), "{what}");
    update(
        &mut a,
        Msg::Moved {
            fresh: Box::new(fresh_of(s)),
            what,
        },
    );
    assert!(a.status.contains("moved"));
    assert_eq!(
        a.fresh.as_ref().unwrap().snapshot.forum.phase,
        Phase::Allocation
    );
    update(&mut a, Msg::Failed("disk".into()));
    assert!(a.status.contains("disk"));
}

#[test]
fn history_filters_by_decision_kind() {
    let mut a = app(80, 24);
    a.screen = Screen::History;
    assert_eq!(a.history_rows().len(), 3);
    act(&mut a, Action::FilterKind);
    assert_eq!(a.history.kind_filter.as_deref(), Some("advance"));
    assert_eq!(a.history_rows(), vec![0]);
    act(&mut a, Action::FilterKind);
    act(&mut a, Action::FilterKind);
    act(&mut a, Action::FilterKind);
    assert_eq!(a.history.kind_filter, None);
}

#[test]
fn the_quick_load_draws_greedy_then_the_exact_result_replaces_it() {
    let exact = fresh_of(bundled());
    let mut quick = exact.clone();
    quick.analysis = std::sync::Arc::new(crate::tui::worker::quick::analyse_quick(&quick.snapshot));
    quick.log.clear();
    quick.stage = crate::tui::msg::Stage::Valued;
    // The quick analysis funds exactly what greedy funds, and says nothing of a work limit.
    assert_eq!(quick.analysis.optimal.funded, exact.analysis.greedy.funded);
    assert!(quick.analysis.differences.only_greedy.is_empty());
    assert!(
        !quick
            .analysis
            .notes
            .iter()
            .any(|n| n.contains("work limit"))
    );
    let mut a = app_with(quick, 160, 45);
    let screen = render(&a, &Theme::dark());
    let text = format!("{:?}", screen.backend());
    assert!(text.contains("solving…"), "{text}");
    assert!(text.contains("reading the decision log"));
    // A newer load on screen ignores a stale exact result; the matching one replaces it.
    let mut stale = exact.clone();
    stale.commit = Some("0000000".into());
    update(&mut a, Msg::Solved(Box::new(stale)));
    assert!(a.fresh.as_ref().unwrap().solving());
    update(&mut a, Msg::Solved(Box::new(exact.clone())));
    let f = a.fresh.as_ref().unwrap();
    assert!(!f.solving() && f.log.len() == exact.log.len());
    let text = format!("{:?}", render(&a, &Theme::dark()).backend());
    assert!(!text.contains("solving…"));
}

#[test]
fn cached_orders_give_the_same_rows_as_sorting_each_frame() {
    let mut a = app(160, 45);
    let mut uncached = app(160, 45);
    uncached.orders = crate::tui::orders::Orders::default();
    for _ in 0..5 {
        assert_eq!(a.initiative_rows(), uncached.initiative_rows());
        assert_eq!(a.allocation_rows(), uncached.allocation_rows());
        act(&mut a, Action::Sort);
        act(&mut uncached, Action::Sort);
    }
}

#[test]
fn help_taller_than_the_terminal_scrolls_and_other_keys_close_it() {
    let mut a = app(80, 16);
    a.screen = Screen::Allocation;
    act(&mut a, Action::Help);
    let top = format!("{:?}", render(&a, &Theme::dark()).backend());
    assert!(top.contains("↑/↓ scroll"), "{top}");
    assert!(!top.contains("7     log: f kind"));
    for _ in 0..30 {
        act(&mut a, Action::Down);
    }
    assert!(a.help);
    let bottom = format!("{:?}", render(&a, &Theme::dark()).backend());
    assert!(bottom.contains("7     log: f kind"), "{bottom}");
    act(&mut a, Action::Sort);
    assert!(!a.help && a.help_scroll == 0);
}

#[test]
fn left_right_in_present_mode_follow_the_screen_and_touch_nothing_hidden() {
    let mut a = app(160, 45);
    a.screen = Screen::Allocation;
    act(&mut a, Action::Present);
    assert_eq!(a.context(), crate::tui::keymap::Context::Present);
    // On Allocation ←/→ walk the lines the room sees; the what-if budget stays put.
    let effects = act(&mut a, Action::BudgetUp);
    assert!(effects.is_empty() && a.allocation.whatif_budget.is_none());
    assert_eq!(a.sel(Screen::Allocation), 1);
    act(&mut a, Action::BudgetDown);
    assert_eq!(a.sel(Screen::Allocation), 0);
    // On Scoring they pick the initiative whose grid is shown.
    a.screen = Screen::Scoring;
    let before = a.selected_initiative();
    act(&mut a, Action::Right);
    assert_ne!(a.selected_initiative(), before);
    a.screen = Screen::History;
    act(&mut a, Action::Right);
    assert!(a.history.audit.is_none());
}

#[test]
fn the_whatif_line_names_titles_not_ids() {
    let mut a = app(160, 45);
    a.screen = Screen::Allocation;
    let effects = act(&mut a, Action::BudgetDown);
    let Some(Effect::Send(Request::WhatIf(b))) = effects.first().cloned() else {
        panic!("no what-if asked: {effects:?}");
    };
    let f = a.fresh.clone().unwrap();
    let w = crate::domain::analysis::whatif(&f.snapshot, &f.analysis, b);
    let dropped = w.dropped.first().cloned().unwrap();
    update(&mut a, Msg::WhatIf(Box::new(w)));
    let text = format!("{:?}", render(&a, &Theme::dark()).backend());
    let title = f.analysis.valuation(&dropped).unwrap().title.clone();
    assert!(text.contains(&title[..20]), "{text}");
    assert!(!text.contains(&format!("drops {dropped}")));
}

#[test]
fn u_jumps_to_the_next_initiative_still_to_score() {
    use crate::tui::action::Screen;
    // The bundled forum has every initiative scored by someone.
    let mut a = app(80, 24);
    act(&mut a, Action::Go(Screen::Scoring));
    let before = a.selected_initiative();
    act(&mut a, Action::NextUnscored);
    assert_eq!(a.selected_initiative(), before);
    assert_eq!(a.status, "Every initiative has been scored.");

    // Take every score of one initiative away: as the forum, `u` finds it, from anywhere.
    let mut snapshot = bundled();
    let gone = "awareness-campaign";
    for card in snapshot.scorecards.values_mut() {
        card.scores.0.remove(gone);
    }
    let mut a = app_with(fresh_of(snapshot), 80, 24);
    act(&mut a, Action::Go(Screen::Scoring));
    act(&mut a, Action::NextUnscored);
    assert_eq!(a.selected_initiative().as_deref(), Some(gone));
    assert!(
        a.status.starts_with("Not scored by anyone yet: "),
        "{}",
        a.status
    );
    act(&mut a, Action::NextUnscored);
    assert_eq!(
        a.selected_initiative().as_deref(),
        Some(gone),
        "it wraps round"
    );

    // As marco (no scorecard): the next initiative after the selected one that is not his
    // own silo's (recusal is on).
    a.scoring.scorer = "marco".into();
    let rows = a.initiative_rows();
    let from = a.sel(Screen::Initiatives);
    act(&mut a, Action::NextUnscored);
    let f = a.fresh.as_ref().unwrap();
    let expected = (1..=rows.len())
        .map(|k| rows[(from + k) % rows.len()].clone())
        .find(|id| f.snapshot.initiatives[id].silo != "marketing")
        .unwrap();
    assert_eq!(a.selected_initiative(), Some(expected));
    assert!(
        a.status.starts_with("Not yet scored by marco: "),
        "{}",
        a.status
    );

    // As dana: only the stripped one is left; once she enters a score for it (pending
    // scores count), nothing is, and the status says so.
    a.scoring.scorer = "dana".into();
    act(&mut a, Action::NextUnscored);
    assert_eq!(a.selected_initiative().as_deref(), Some(gone));
    act(&mut a, Action::Score(2));
    act(&mut a, Action::NextUnscored);
    assert_eq!(a.selected_initiative().as_deref(), Some(gone));
    assert_eq!(a.status, "Every initiative has a score from dana.");
}

#[test]
fn the_selected_initiative_is_kept_when_a_reload_reorders_the_list() {
    use crate::tui::action::Screen;
    let mut a = app(120, 40);
    act(&mut a, Action::Go(Screen::Scoring));
    // The top initiative by value, selected on Initiatives/Scoring and on Allocation.
    let top = a.initiative_rows()[0].clone();
    a.cursor.insert(Screen::Initiatives.title(), 0);
    let line = a.allocation_rows()[0].clone();
    a.cursor.insert(Screen::Allocation.title(), 0);
    // A new load where those lose every score: they drop to the bottom of the order.
    let mut snapshot = bundled();
    for card in snapshot.scorecards.values_mut() {
        card.scores.0.remove(&top);
        card.scores.0.remove(&line);
    }
    update(&mut a, Msg::Loaded(Box::new(fresh_of(snapshot))));
    assert_ne!(a.initiative_rows()[0], top, "the order did change");
    assert_eq!(a.selected_initiative(), Some(top));
    assert_eq!(
        a.allocation_rows().get(a.sel(Screen::Allocation)),
        Some(&line)
    );
}

#[test]
fn the_whatif_panel_shows_totals_before_and_after_and_marks_the_lines_that_change() {
    let mut a = app(160, 45);
    a.screen = Screen::Allocation;
    let f = a.fresh.clone().unwrap();
    let b = f.snapshot.forum.budget * 7 / 8;
    a.allocation.whatif_budget = Some(b);
    let w = crate::domain::analysis::whatif(&f.snapshot, &f.analysis, b);
    assert!(!w.dropped.is_empty(), "a cut of an eighth drops something");
    let (cost, value) = (w.total_cost, w.total_value);
    update(&mut a, Msg::WhatIf(Box::new(w.clone())));
    let screen: Vec<String> = render(&a, &Theme::dark())
        .backend()
        .buffer()
        .content()
        .chunks(160)
        .map(|row| row.iter().map(|c| c.symbol()).collect())
        .collect();
    let text = screen.join("\n");
    let m = crate::domain::money::amount;
    assert!(text.contains(&format!("What if {}", m(b))), "{text}");
    assert!(text.contains(&format!("→ {}", m(cost))), "{text}");
    assert!(text.contains(&format!("→ {value:.2}")), "{text}");
    assert!(
        text.contains(&format!("▼ Drops ({})", w.dropped.len())),
        "{text}"
    );
    // Each dropped line says so in the table, on its own row.
    let marked = screen
        .iter()
        .filter(|l| l.contains(&format!("▼ drops at {}", m(b))))
        .count();
    assert_eq!(marked, w.dropped.len(), "{text}");

    // A non-nested answer is said in words.
    let mut odd = w;
    odd.non_nested = true;
    odd.budget = f.snapshot.forum.budget + 100_000;
    a.allocation.whatif_budget = Some(odd.budget);
    update(&mut a, Msg::WhatIf(Box::new(odd)));
    let text = format!("{:?}", render(&a, &Theme::dark()).backend());
    assert!(
        text.contains("Not nested: with more money a line drops."),
        "{text}"
    );
}

#[test]
fn the_overview_stops_asking_for_the_allocation_once_it_is_recorded() {
    use crate::domain::records::{Allocation, AllocationRule, Line, Phase};
    let overview = |snapshot| {
        let a = app_with(fresh_of(snapshot), 160, 45);
        format!("{:?}", render(&a, &Theme::dark()).backend())
    };
    let mut snapshot = bundled();
    snapshot.forum.phase = Phase::Allocation;
    let asking = overview(snapshot.clone());
    assert!(
        asking.contains("the allocation committed (c on Allocation)"),
        "{asking}"
    );
    let funded = analyse(&snapshot).portfolio().funded.clone();
    snapshot.allocation = Some(Allocation {
        rule: AllocationRule::Optimal,
        budget: snapshot.forum.budget,
        lines: funded
            .iter()
            .map(|id| Line {
                initiative: id.clone(),
                amount: snapshot.initiatives[id].initiative.cost,
                reason: String::new(),
            })
            .collect(),
        note: String::new(),
    });
    let done = overview(snapshot);
    assert!(
        !done.contains("allocation committed (c on") && !done.contains("then commit"),
        "{done}"
    );
    assert!(done.contains("the allocation is recorded"), "{done}");
}

#[test]
fn every_screen_reads_the_recorded_allocation_once_there_is_one() {
    use crate::domain::records::{Allocation, AllocationRule, Line, Phase};
    let mut snapshot = bundled();
    snapshot.forum.phase = Phase::Allocation;
    let rule = analyse(&snapshot).portfolio().funded.clone();
    let (kept, dropped) = (rule[0].clone(), rule[1].clone());
    // The forum recorded the rule's lines but one, dropped by hand with its reason.
    snapshot.allocation = Some(Allocation {
        rule: AllocationRule::Optimal,
        budget: snapshot.forum.budget,
        lines: rule
            .iter()
            .map(|id| Line {
                initiative: id.clone(),
                amount: if *id == dropped {
                    0
                } else {
                    snapshot.initiatives[id].initiative.cost
                },
                reason: if *id == dropped {
                    "the room dropped it".into()
                } else {
                    String::new()
                },
            })
            .collect(),
        note: String::new(),
    });
    let mut a = app_with(fresh_of(snapshot), 160, 45);
    assert!(a.funded(&kept));
    assert!(
        !a.funded(&dropped),
        "the recorded 0 line, not the rule's result"
    );
    // Committed again from the app, the recorded lines keep their amounts and reasons.
    a.screen = Screen::Allocation;
    act(&mut a, Action::Commit);
    let Some(crate::tui::app::DialogKind::Decide(crate::tui::msg::Motion::Allocate {
        lines, ..
    })) = a.dialog.as_ref().map(|d| d.kind.clone())
    else {
        panic!("no allocate dialog: {:?}", a.status);
    };
    let line = lines.iter().find(|l| l.initiative == dropped).unwrap();
    assert_eq!(
        (line.amount, line.reason.as_str()),
        (0, "the room dropped it")
    );
}

#[test]
fn an_unanswered_challenge_is_an_open_question_on_the_overview() {
    use crate::domain::records::{Closing, Endorsement};
    let mut snapshot = bundled();
    let challenge = Endorsement {
        member: "sam".into(),
        on: "2027-04-01".into(),
        challenge: true,
        text: "Why no money for IT?".into(),
        answer: None,
    };
    snapshot
        .endorsements
        .insert("sam-2027-04-01".into(), challenge.clone());
    let shown = |s| {
        format!(
            "{:?}",
            render(&app_with(fresh_of(s), 160, 45), &Theme::dark()).backend()
        )
    };
    let open = shown(snapshot.clone());
    assert!(open.contains("? Open question from Sam Okafor"), "{open}");
    assert!(
        open.contains("roundtable endorse --answer sam-2027-04-01"),
        "{open}"
    );
    let mut answered = challenge;
    answered.answer = Some(Closing {
        on: "2027-04-02".into(),
        note: "Next year".into(),
    });
    snapshot
        .endorsements
        .insert("sam-2027-04-01".into(), answered);
    assert!(!shown(snapshot).contains("Open question"));
}

#[test]
fn b_shift_asks_a_rebudget_with_the_standing_and_the_new_allocation_side_by_side() {
    let snapshot = allocated_bundle();
    let mut a = app_with(fresh_of(snapshot.clone()), 160, 45);
    a.screen = Screen::Allocation;
    // Without a what-if budget, B says what to do first.
    act(&mut a, Action::Rebudget);
    assert!(
        a.dialog.is_none() && a.status.contains("b types it"),
        "{}",
        a.status
    );
    let cut = snapshot.forum.budget / 100 * 85;
    a.allocation.whatif_budget = Some(cut);
    let f = a.fresh.clone().unwrap();
    let w = crate::domain::analysis::whatif(&f.snapshot, &f.analysis, cut);
    update(&mut a, Msg::WhatIf(Box::new(w.clone())));
    act(&mut a, Action::Rebudget);
    let d = a.dialog.clone().expect("the rebudget dialog");
    assert!(
        matches!(d.kind, crate::tui::app::DialogKind::Decide(crate::tui::msg::Motion::Rebudget { amount }) if amount == cut),
        "{:?}",
        d.kind
    );
    let text = d.lines.join("\n");
    assert!(
        text.contains("Standing: ") && text.contains("New: "),
        "{text}"
    );
    assert!(text.contains("▼ drops: "), "{text}");
    assert!(
        !text.contains("▼ drops: nothing"),
        "a 15% cut drops something: {text}"
    );
}

#[test]
fn the_whatif_panel_says_what_the_defence_plan_would_cut() {
    use crate::domain::records::{CutOrder, Defence};
    let mut snapshot = allocated_bundle();
    snapshot.forum.defence = Some(Defence {
        protected: vec![],
        cut_order: CutOrder::Explicit(vec!["journey-dashboard".into()]),
    });
    let mut a = app_with(fresh_of(snapshot), 160, 45);
    a.screen = Screen::Allocation;
    let cut = a.fresh.as_ref().unwrap().snapshot.forum.budget / 100 * 85;
    a.allocation.whatif_budget = Some(cut);
    let f = a.fresh.clone().unwrap();
    update(
        &mut a,
        Msg::WhatIf(Box::new(crate::domain::analysis::whatif(
            &f.snapshot,
            &f.analysis,
            cut,
        ))),
    );
    let text = format!("{:?}", render(&a, &Theme::dark()).backend());
    assert!(
        text.contains("The forum's defence plan decides a cut (B):"),
        "{text}"
    );
    assert!(text.contains("drops One dashboard for the seven"), "{text}");
}
