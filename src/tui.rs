//! The meeting app (see ARCHITECTURE.md): state and `update` without I/O, views that only read
//! state, a worker thread that owns git, one Action enum with the keymap as data.

pub mod action;
pub mod app;
pub mod audit;
pub mod decision_keys;
pub mod edit;
pub mod event_loop;
pub mod keymap;
pub mod msg;
pub mod orders;
pub mod remote;
pub mod seat;
pub mod stale;
pub mod state;
pub mod terminal;
pub mod theme;
pub mod update;
pub mod views;
pub mod worker;

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests;

use std::path::Path;

/// Opens the app on a forum of the repository at `repo_dir`. `theme` is a built-in name or a
/// path to a theme file; `present` starts in room-sized mode. The terminal is restored on return.
pub fn run_app(
    repo_dir: &Path,
    forum: &str,
    theme: Option<&str>,
    present: bool,
    seat: Option<&str>,
) -> anyhow::Result<()> {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let first = theme::resolve(theme, no_color)?;
    let mut themes = vec![first.clone()];
    let (users, broken) = theme::user_dir()
        .map(|d| theme::user_themes(&d))
        .unwrap_or_default();
    for t in theme::Theme::all_built_in().into_iter().chain(users) {
        if t.name != first.name {
            themes.push(if no_color { t.without_colour() } else { t });
        }
    }
    let mut app = app::App::new(forum, themes.len());
    app.present = present;
    app.seat = seat.map(str::to_string);
    seat::settle(&mut app);
    if let Some(e) = broken.first() {
        app.status = format!("{e} (skipped)");
    }
    let quit = terminal::signals()?;
    let (tx, rx) = worker::spawn(repo_dir.to_path_buf(), forum.to_string());
    let mut term = terminal::init()?;
    let result = event_loop::run(&mut term, &mut app, &themes, &tx, &rx, &quit);
    terminal::restore();
    result?;
    Ok(())
}
