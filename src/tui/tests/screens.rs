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
