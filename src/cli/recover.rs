//! `roundtable recover`: finish a decision that was killed while it wrote the work tree.

use crate::cli::context::{CmdResult, Global};
use crate::store::decide::journal::{Recovered, recover_checked_out};
use std::process::ExitCode;

/// Finishes (or undoes) the interrupted decision and says which; exit 0 either way.
pub fn run(g: &Global) -> CmdResult {
    let repo = g.open()?;
    match recover_checked_out(&repo.repo)? {
        Recovered::Nothing => println!("no interrupted decision: nothing to recover"),
        Recovered::Finished(commit) => println!(
            "finished the interrupted decision {}: the work tree and index now match it",
            commit.to_string().chars().take(12).collect::<String>()
        ),
        Recovered::Undone => println!(
            "the interrupted decision never reached the branch: what it had staged is removed"
        ),
    }
    Ok(ExitCode::SUCCESS)
}
