use super::*;

fn snap(app: &App, name: &str) {
    let term = render(app, &Theme::dark());
    insta::assert_snapshot!(name, term.backend());
}

#[test]
fn every_screen_at_80x24_and_160x45() {
    for (w, h) in [(80u16, 24u16), (160, 45)] {
        for s in screens() {
            let mut a = app(w, h);
            with_margins(&mut a);
            a.screen = s;
            snap(&a, &format!("{}_{w}x{h}", s.title().to_lowercase()));
        }
    }
}

#[test]
fn present_mode_at_80x24_and_160x45() {
    for (w, h) in [(80u16, 24u16), (160, 45)] {
        let mut a = app(w, h);
        a.present = true;
        snap(&a, &format!("present_{w}x{h}"));
    }
}

#[test]
fn help_and_dialog_overlays() {
    let mut a = app(80, 24);
    a.screen = crate::tui::action::Screen::Allocation;
    a.help = true;
    snap(&a, "help_allocation_80x24");
    a.screen = crate::tui::action::Screen::Priorities;
    snap(&a, "help_ranking_80x24");
    let mut a = app(100, 30);
    a.screen = crate::tui::action::Screen::Allocation;
    update(&mut a, Msg::Action(crate::tui::action::Action::Commit));
    snap(&a, "dialog_allocate_100x30");
}

#[test]
fn every_theme_renders_every_screen_at_odd_sizes() {
    for theme in Theme::all_built_in() {
        for (w, h) in [(40u16, 12u16), (200, 60), (1, 1)] {
            for s in screens() {
                let mut a = app(w, h);
                a.screen = s;
                let _ = render(&a, &theme);
            }
        }
    }
}

#[test]
fn ranking_edits_history_filters_and_the_lock_dialog() {
    use crate::domain::records::Phase;
    use crate::tui::action::{Action, Screen};
    for (w, h) in [(80u16, 24u16), (160, 45)] {
        let mut s = bundled();
        s.forum.phase = Phase::Ranking;
        let mut a = app_with(fresh_of(s), w, h);
        a.screen = Screen::Priorities;
        update(&mut a, Msg::Action(Action::Ballot));
        update(&mut a, Msg::Action(Action::NextMember));
        update(&mut a, Msg::Action(Action::MoveDown));
        snap(&a, &format!("ranking_ballot_{w}x{h}"));
        update(&mut a, Msg::Action(Action::Cancel));
        update(&mut a, Msg::Action(Action::MoveDown));
        update(&mut a, Msg::Action(Action::Advance));
        snap(&a, &format!("dialog_lock_manual_{w}x{h}"));
        let mut a = app(w, h);
        a.screen = Screen::History;
        update(&mut a, Msg::Action(Action::FilterMember));
        update(&mut a, Msg::Action(Action::FilterMember));
        snap(&a, &format!("history_member_{w}x{h}"));
    }
}

#[test]
fn no_color_draws_no_colour_at_all() {
    for s in screens() {
        for present in [false, true] {
            let mut a = app(160, 45);
            a.screen = s;
            a.present = present;
            a.help = s == crate::tui::action::Screen::Allocation;
            let term = render(&a, &Theme::dark().without_colour());
            for cell in term.backend().buffer().content() {
                assert_eq!(
                    (cell.fg, cell.bg),
                    (ratatui::style::Color::Reset, ratatui::style::Color::Reset),
                    "{s:?} present={present}: {:?}",
                    cell.symbol()
                );
            }
        }
    }
}

#[test]
fn a_short_overview_keeps_the_problem_and_the_next_step_in_view() {
    let mut fresh = fresh_of(bundled());
    fresh.problems.push(
        "forums/fy2027-cx/scores/lee.ron:11:9: warning: `lee` scores `guided-setup`, an initiative of their own silo"
            .into(),
    );
    for (w, h) in [(120u16, 34u16), (100, 30), (160, 45)] {
        let a = app_with(fresh.clone(), w, h);
        let text = render(&a, &Theme::dark()).backend().to_string();
        assert!(text.contains("Next: "), "{w}x{h}:\n{text}");
        assert!(text.contains("lee.ron:11:9"), "{w}x{h}:\n{text}");
        assert!(text.contains("24 initiatives"), "{w}x{h}:\n{text}");
    }
}
