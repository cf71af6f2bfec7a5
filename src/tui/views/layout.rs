//! Where things are on screen: shared by drawing and by mouse hit-testing, so clicks match.

use crate::tui::action::Screen;
use crate::tui::app::App;

/// The label of a tab as drawn; short labels below 120 columns so all nine fit in 80.
pub fn tab_label(i: usize, s: Screen, width: u16) -> String {
    if width >= 120 {
        format!(" {} {} ", i + 1, s.title())
    } else {
        format!("{} {}", i + 1, s.short())
    }
}

/// The screen whose tab is at column `x` of the top line.
pub fn tab_at(x: u16, width: u16) -> Option<Screen> {
    let mut start = 0u16;
    for (i, s) in Screen::ALL.iter().enumerate() {
        let w = u16::try_from(tab_label(i, *s, width).chars().count()).unwrap_or(0);
        if x >= start && x < start + w {
            return Some(*s);
        }
        start += w + 1;
    }
    None
}

/// First row of a list for a screen, in terminal lines (tabs line, border, header).
pub fn list_top(screen: Screen) -> u16 {
    match screen {
        Screen::Evidence | Screen::Priorities => 2,
        Screen::Allocation => 8,
        _ => 3,
    }
}

/// Rows of the decision pane under the History log (0 on a short terminal).
pub fn history_detail(app: &App) -> u16 {
    if app.height >= 20 { 8 } else { 0 }
}

/// How many list rows fit in the body.
pub fn list_height(app: &App) -> usize {
    let side = match app.screen {
        Screen::History => history_detail(app),
        Screen::Allocation if app.width < 120 => 4,
        Screen::Initiatives if app.width < 140 && app.initiatives.detail => app.height / 2,
        Screen::Initiatives if app.width < 140 => 6,
        Screen::Proposals if app.width < 120 => app.height / 2,
        _ => 0,
    };
    usize::from(app.height.saturating_sub(list_top(app.screen) + 2 + side)).max(1)
}

/// The first visible row so that `sel` stays on screen.
pub fn window(sel: usize, height: usize) -> usize {
    if sel < height { 0 } else { sel + 1 - height }
}

/// The list row at terminal line `y` on the current screen, if the screen has a list.
pub fn row_at(app: &App, y: u16) -> Option<usize> {
    let top = list_top(app.screen);
    if y < top || app.rows(app.screen) == 0 {
        return None;
    }
    let start = window(app.sel(app.screen), list_height(app));
    Some(start + usize::from(y - top))
}
