//! The terminal: set up for the app and restored on every exit path (quit, error, panic, signals).

use crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use crossterm::execute;
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, SetTitle, disable_raw_mode, enable_raw_mode,
};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use std::io::{Stdout, stdout};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// The window title: constant, never from a record.
pub const TITLE: &str = "roundtable";

/// The app's terminal.
pub type Term = Terminal<CrosstermBackend<Stdout>>;

/// Restores the terminal; safe to call more than once.
pub fn restore() {
    let _ = disable_raw_mode();
    let _ = execute!(
        stdout(),
        DisableMouseCapture,
        DisableBracketedPaste,
        LeaveAlternateScreen,
        crossterm::cursor::Show
    );
}

/// Enters raw mode and the alternate screen, enables mouse and paste, and chains a panic hook
/// that restores the terminal before the previous hook prints.
pub fn init() -> std::io::Result<Term> {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
    enable_raw_mode()?;
    let setup = execute!(
        stdout(),
        EnterAlternateScreen,
        EnableMouseCapture,
        EnableBracketedPaste,
        SetTitle(TITLE)
    );
    if let Err(e) = setup {
        restore();
        return Err(e);
    }
    Terminal::new(CrosstermBackend::new(stdout())).inspect_err(|_| restore())
}

/// How long the event loop has, after a quit signal, to leave through its normal path.
pub const GRACE: std::time::Duration = std::time::Duration::from_millis(1500);

/// A flag raised by SIGINT, SIGTERM or SIGHUP; the event loop quits through its normal path.
///
/// A watchdog thread backs it up: when the terminal hangs up, crossterm's reader can spin on
/// the dead tty and never return to the loop, so if the process is still alive [`GRACE`]
/// after the signal, the watchdog restores what it can and exits.
pub fn signals() -> std::io::Result<Arc<AtomicBool>> {
    let flag = Arc::new(AtomicBool::new(false));
    for sig in [
        signal_hook::consts::SIGINT,
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGHUP,
    ] {
        signal_hook::flag::register(sig, Arc::clone(&flag))?;
    }
    let watched = Arc::clone(&flag);
    std::thread::spawn(move || {
        while !watched.load(Ordering::Relaxed) {
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        std::thread::sleep(GRACE);
        restore();
        std::process::exit(0);
    });
    Ok(flag)
}

/// True once a quit signal arrived.
pub fn signalled(flag: &AtomicBool) -> bool {
    flag.load(Ordering::Relaxed)
}
