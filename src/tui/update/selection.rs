//! The selected initiative survives a reload: after a decision the order by value changes,
//! and the room must still see the initiative it was working on, not whatever took its row.

use crate::tui::action::Screen;
use crate::tui::app::App;
use crate::tui::state::Kept;

impl Kept {
    /// Remembers what is selected on Initiatives (shared with Scoring) and Allocation.
    pub fn of(app: &App) -> Self {
        if app.fresh.is_none() {
            return Kept::default();
        }
        Kept {
            initiative: app.selected_initiative(),
            line: app
                .allocation_rows()
                .get(app.sel(Screen::Allocation))
                .cloned(),
        }
    }

    /// Only the initiative: for the exact result of the load on screen, whose allocation
    /// (and so the order of its lines) replaces a quick one the room has not worked on.
    pub fn initiative_of(app: &App) -> Self {
        Kept {
            line: None,
            ..Kept::of(app)
        }
    }

    /// Selects the same initiatives again, wherever they now stand (those gone stay put).
    pub fn restore(self, app: &mut App) {
        if let Some(id) = self.initiative {
            if let Some(i) = app.initiative_rows().iter().position(|r| *r == id) {
                app.cursor.insert(Screen::Initiatives.title(), i);
            }
        }
        if let Some(id) = self.line {
            if let Some(i) = app.allocation_rows().iter().position(|r| *r == id) {
                app.cursor.insert(Screen::Allocation.title(), i);
            }
        }
    }
}
