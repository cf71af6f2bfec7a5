//! The `roundtable` binary: parse arguments, run, map errors to exit codes.

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args = roundtable::cli::args::Cli::parse();
    roundtable::cli::run(args)
}
