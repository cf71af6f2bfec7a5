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
    if let Err(e) = set_up() {
        restore();
        return Err(e);
    }
    Terminal::new(CrosstermBackend::new(stdout())).inspect_err(|_| restore())
}

/// How long the event loop has, after a quit signal, to leave through its normal path.
pub const GRACE: std::time::Duration = std::time::Duration::from_millis(1500);

/// The signals whose default action ends the process: each one raises the quit flag, so
/// the app leaves through its normal path and the terminal is restored. (SIGKILL cannot be
/// caught; SIGSEGV, SIGBUS, SIGILL and SIGFPE are faults, not requests, and keep their
/// default.) SIGPIPE is among them: in the app it means the terminal's output is gone.
pub const QUIT_SIGNALS: [i32; 12] = [
    signal_hook::consts::SIGINT,
    signal_hook::consts::SIGTERM,
    signal_hook::consts::SIGHUP,
    signal_hook::consts::SIGQUIT,
    signal_hook::consts::SIGUSR1,
    signal_hook::consts::SIGUSR2,
    signal_hook::consts::SIGPIPE,
    signal_hook::consts::SIGALRM,
    signal_hook::consts::SIGVTALRM,
    signal_hook::consts::SIGPROF,
    signal_hook::consts::SIGXCPU,
    signal_hook::consts::SIGXFSZ,
];

/// A flag raised by any of [`QUIT_SIGNALS`]; the event loop quits through its normal path.
///
/// A watchdog thread backs it up: when the terminal hangs up, crossterm's reader can spin on
/// the dead tty and never return to the loop, so if the process is still alive [`GRACE`]
/// after the signal, the watchdog restores what it can and exits.
///
/// SIGTSTP (`kill -TSTP`, or Ctrl-Z passed on by [`suspend`]) restores the terminal and
/// stops the process; when it is continued (`fg`), the terminal is set up again and the
/// event loop redraws the whole screen (see [`take_resumed`]).
pub fn signals() -> std::io::Result<Arc<AtomicBool>> {
    let flag = Arc::new(AtomicBool::new(false));
    for sig in QUIT_SIGNALS {
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
    let mut stops = signal_hook::iterator::Signals::new([signal_hook::consts::SIGTSTP])?;
    std::thread::spawn(move || {
        for _ in stops.forever() {
            restore();
            // Stops here until SIGCONT: the default action of SIGTSTP, which the handler
            // replaced.
            let _ = signal_hook::low_level::emulate_default_handler(signal_hook::consts::SIGSTOP);
            if set_up().is_ok() {
                RESUMED.store(true, Ordering::Relaxed);
            }
        }
    });
    Ok(flag)
}

/// Raised when the app was continued after a stop: the screen must be drawn anew.
static RESUMED: AtomicBool = AtomicBool::new(false);

/// True once after the app was continued (`fg`): the caller clears and redraws everything.
pub fn take_resumed() -> bool {
    RESUMED.swap(false, Ordering::Relaxed)
}

/// Suspends the app as Ctrl-Z does in a shell (raw mode turns the key into a keypress, so
/// the app sends itself SIGTSTP and [`signals`] does the rest).
pub fn suspend() {
    let _ = signal_hook::low_level::raise(signal_hook::consts::SIGTSTP);
}

/// Raw mode, the alternate screen, mouse and paste: the app's terminal, on start and resume.
fn set_up() -> std::io::Result<()> {
    enable_raw_mode()?;
    execute!(
        stdout(),
        EnterAlternateScreen,
        EnableMouseCapture,
        EnableBracketedPaste,
        SetTitle(TITLE)
    )
}

/// True once a quit signal arrived.
pub fn signalled(flag: &AtomicBool) -> bool {
    flag.load(Ordering::Relaxed)
}
