//! The Initiatives screen's behaviour: sort, filter by silo, search titles.

use crate::domain::text::sanitize;
use crate::tui::action::{Action, Screen};
use crate::tui::app::App;

/// The next sort column.
pub fn sort(app: &mut App) {
    app.initiatives.sort = app.initiatives.sort.next();
    app.status = format!("Sorted by {}", app.initiatives.sort.name());
}

/// A key while the search field is open.
pub fn search_key(app: &mut App, action: Action) {
    match action {
        Action::Type(c) => app.initiatives.search.push(c),
        Action::Erase => {
            app.initiatives.search.pop();
        }
        Action::KillLine | Action::KillWord => app.initiatives.search.clear(),
        Action::Cancel => {
            app.initiatives.search.clear();
            app.initiatives.searching = false;
        }
        _ => app.initiatives.searching = false,
    }
    app.cursor.insert(Screen::Initiatives.title(), 0);
}

pub fn filter_silo(app: &mut App) {
    let Some(f) = &app.fresh else { return };
    let silos: Vec<String> = f.snapshot.silos.keys().cloned().collect();
    app.initiatives.silo_filter = match &app.initiatives.silo_filter {
        None => silos.first().cloned(),
        Some(s) => silos.iter().skip_while(|x| *x != s).nth(1).cloned(),
    };
    app.cursor.insert(Screen::Initiatives.title(), 0);
    app.status = match &app.initiatives.silo_filter {
        Some(s) => format!("Silo: {}", sanitize(s)),
        None => "All silos".into(),
    };
}
