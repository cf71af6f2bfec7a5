//! `roundtable completions SHELL` and `roundtable man`: generated from the clap definitions.

use crate::cli::args::{Cli, Shell};
use crate::cli::context::CmdResult;
use clap::CommandFactory;
use std::io::Write;
use std::process::ExitCode;

/// The arguments of `roundtable completions`.
#[derive(Debug, Clone, clap::Args)]
pub struct CompletionsArgs {
    #[arg(value_enum)]
    pub shell: Shell,
}

/// Prints the completion script for `shell` on standard output.
pub fn completions(args: &CompletionsArgs) -> CmdResult {
    let shell = args.shell;
    let mut command = Cli::command();
    let mut out = std::io::stdout().lock();
    let generator = match shell {
        Shell::Bash => clap_complete::Shell::Bash,
        Shell::Zsh => clap_complete::Shell::Zsh,
        Shell::Fish => clap_complete::Shell::Fish,
    };
    clap_complete::generate(generator, &mut command, "roundtable", &mut out);
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// Prints the man page (roff) on standard output: `roundtable man > roundtable.1`.
pub fn man() -> CmdResult {
    let mut page = Vec::new();
    clap_mangen::Man::new(Cli::command()).render(&mut page)?;
    let mut out = std::io::stdout().lock();
    out.write_all(&page)?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
