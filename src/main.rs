//! The `roundtable` binary: parse arguments, run, map errors to exit codes.

use clap::Parser;
use std::process::ExitCode;

/// mimalloc: the load of a large forum builds hundreds of thousands of small strings and
/// maps, and the system allocator spent a quarter of `audit`'s time on them.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    quiet_broken_pipe();
    let args = roundtable::cli::args::Cli::parse();
    roundtable::cli::run(args)
}

/// Lets a closed pipe end the process quietly (`roundtable log | head`), as it does for
/// `git log | head`: Rust ignores SIGPIPE, so every `println!` into a closed pipe would
/// panic instead. With the default action the process stops at once, status 141 in a shell.
fn quiet_broken_pipe() {
    #[cfg(unix)]
    // SAFETY: called first thing in `main`, before any thread exists; restores the default
    // disposition of one signal.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}
