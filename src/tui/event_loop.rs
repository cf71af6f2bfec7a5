//! The event loop: input and worker messages in, `update`, effects out, one draw per batch.

use crate::tui::app::App;
use crate::tui::keymap::lookup;
use crate::tui::msg::{Effect, Msg, Request};
use crate::tui::terminal::{self, Term, signalled};
use crate::tui::theme::Theme;
use crate::tui::update::update;
use crate::tui::views;
use crossterm::event::{self, Event, KeyEventKind, MouseButton, MouseEventKind};
use std::sync::atomic::AtomicBool;
use std::sync::mpsc::{Receiver, Sender, TryRecvError};
use std::time::Duration;

/// Turns a terminal event into a message (keys through the keymap).
pub fn translate(app: &App, ev: Event) -> Option<Msg> {
    match ev {
        Event::Key(k) if k.kind != KeyEventKind::Release => {
            let action = lookup(&app.keymap, app.context(), k);
            // Help says "any key closes": unbound keys too.
            let action = action.or(app.help.then_some(crate::tui::action::Action::Help));
            action.map(Msg::Action)
        }
        Event::Mouse(m) => match m.kind {
            MouseEventKind::Down(MouseButton::Left) => Some(Msg::Click {
                x: m.column,
                y: m.row,
            }),
            MouseEventKind::ScrollDown => Some(Msg::Scroll { down: true }),
            MouseEventKind::ScrollUp => Some(Msg::Scroll { down: false }),
            _ => None,
        },
        Event::Resize(width, height) => Some(Msg::Resize { width, height }),
        _ => None,
    }
}

/// Ctrl-Z: in raw mode the terminal sends it as a key instead of stopping the app, so the
/// app stops itself, as a shell user expects.
fn is_suspend(ev: &Event) -> bool {
    use crossterm::event::{KeyCode, KeyModifiers};
    matches!(ev, Event::Key(k) if k.kind == KeyEventKind::Press
        && k.code == KeyCode::Char('z')
        && k.modifiers.contains(KeyModifiers::CONTROL))
}

/// Runs until quit or a signal.
pub fn run(
    term: &mut Term,
    app: &mut App,
    themes: &[Theme],
    tx: &Sender<Request>,
    rx: &Receiver<Msg>,
    quit: &AtomicBool,
) -> std::io::Result<()> {
    let size = term.size()?;
    update(
        app,
        Msg::Resize {
            width: size.width,
            height: size.height,
        },
    );
    let _ = tx.send(Request::Load);
    let mut dirty = true;
    loop {
        if terminal::take_resumed() {
            // Continued after a stop: the shell drew over the screen meanwhile.
            term.clear()?;
            dirty = true;
        }
        if dirty {
            let theme = themes.get(app.theme_index).or(themes.first());
            if let Some(theme) = theme {
                term.draw(|f| views::draw(f, app, theme))?;
            }
            dirty = false;
        }
        if signalled(quit) || app.quit {
            return Ok(());
        }
        let mut batch: Vec<Msg> = Vec::new();
        if event::poll(Duration::from_millis(100))? {
            while event::poll(Duration::ZERO)? {
                let ev = event::read()?;
                if let Event::Paste(text) = &ev {
                    if app.context() == crate::tui::keymap::Context::Input {
                        batch.extend(
                            text.chars()
                                .filter(|c| !c.is_control())
                                .take(500)
                                .map(|c| Msg::Action(crate::tui::action::Action::Type(c))),
                        );
                    }
                    continue;
                }
                if is_suspend(&ev) {
                    terminal::suspend();
                    continue;
                }
                batch.extend(translate(app, ev));
            }
        }
        loop {
            match rx.try_recv() {
                Ok(m) => batch.push(m),
                Err(TryRecvError::Empty) => break,
                // The worker is gone (it panicked): quit rather than run on without git.
                Err(TryRecvError::Disconnected) => {
                    return Err(std::io::Error::other(
                        "the git worker stopped unexpectedly; nothing was lost — restart the app",
                    ));
                }
            }
        }
        for m in batch {
            dirty = true;
            for effect in update(app, m) {
                match effect {
                    Effect::Quit => return Ok(()),
                    Effect::Send(r) => {
                        let _ = tx.send(r);
                    }
                }
            }
        }
        let retired = std::mem::take(&mut app.retired);
        if !retired.is_empty() {
            // Freeing a large forum's analysis would hold up the next frame.
            std::thread::spawn(move || drop(retired));
        }
    }
}
