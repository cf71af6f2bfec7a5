//! `roundtable demo [DIR] [--no-tui]`: build the demo forum repository and open it.

use crate::cli::context::{CmdResult, Global, refuse};
use crate::domain::text::sanitize;
use crate::store::demo::{Built, build_with};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

/// The arguments of `roundtable demo`.
#[derive(Debug, Clone, clap::Args)]
pub struct DemoArgs {
    /// Where to build it (default: a new temporary folder).
    pub dir: Option<PathBuf>,
    /// Build the repository only; do not open the app.
    #[arg(long)]
    pub no_tui: bool,
    /// A forum that asks for signed decisions: a key is made for each member (needs ssh-keygen).
    #[arg(long)]
    pub signed: bool,
}

/// Builds the demo in `dir` (or a new folder under the temp dir, which is kept), prints where
/// it is and what to try, and opens the app unless `no_tui`; `signed`: a forum that asks for
/// signed decisions.
pub fn run(g: &Global, args: &DemoArgs) -> CmdResult {
    let (dir, no_tui, signed): (Option<&Path>, bool, bool) =
        (args.dir.as_deref(), args.no_tui, args.signed);
    let dir = match dir {
        Some(d) => {
            if d.read_dir().is_ok_and(|mut e| e.next().is_some()) {
                return Err(refuse(
                    format!("{} is not empty", d.display()),
                    Some(
                        "the demo builds a new repository: name a new or empty folder, or give none for a temporary one",
                    ),
                ));
            }
            d.to_path_buf()
        }
        None => fresh_temp_dir()?,
    };
    println!("Building the demo forum in {} …", dir.display());
    let started = Instant::now();
    let built = build_with(&dir, signed)?;
    let took = started.elapsed();
    print_summary(&built, took.as_secs_f64());
    if signed {
        println!(
            "Signed: forum.ron asks for signed decisions; each member has a key made for the demo \
             in .git/roundtable-demo-keys/, and git signs as dana (user.signingkey)."
        );
    }
    if no_tui {
        return Ok(ExitCode::SUCCESS);
    }
    crate::tui::run_app(
        &built.dir,
        &built.forum,
        g.theme.as_deref(),
        g.present,
        None,
    )?;
    println!();
    println!(
        "The demo repository stays in {} (delete the folder when you are done).",
        built.dir.display()
    );
    print_next(&built.dir);
    Ok(ExitCode::SUCCESS)
}

/// A new, kept folder under the system's temp dir.
fn fresh_temp_dir() -> anyhow::Result<PathBuf> {
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
    let base = std::env::temp_dir();
    for n in 0..100u32 {
        let name = if n == 0 {
            format!("roundtable-demo-{stamp}")
        } else {
            format!("roundtable-demo-{stamp}-{n}")
        };
        let dir = base.join(name);
        match std::fs::create_dir(&dir) {
            Ok(()) => return Ok(dir),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(anyhow::anyhow!("cannot create {}: {e}", dir.display())),
        }
    }
    Err(refuse(
        format!("no free demo folder name under {}", base.display()),
        Some("name a folder: roundtable demo DIR"),
    ))
}

fn print_summary(built: &Built, secs: f64) {
    println!(
        "Built in {secs:.2} s: forum {} with {} decisions on branch main, {} of them proposals \
         merged from their branches.",
        built.forum, built.decisions, built.accepted
    );
    println!(
        "The story runs from 21 September to 20 November 2026: evidence, seven priorities, seven \
         ballots, the ranking locked, proposals merged, two scoring sessions."
    );
    println!(
        "The forum is in Scoring. Waiting for the room: two open proposal branches, Marco's and \
         Aisha's scores, then advancing to Allocation and allocating EUR 2,400,000."
    );
    for (branch, problem) in &built.open {
        match problem {
            None => println!("  {branch}: passes check; ready to accept"),
            Some(p) => println!("  {branch}: fails check: {}", sanitize(p)),
        }
    }
    println!();
    print_next(&built.dir);
}

fn print_next(dir: &Path) {
    println!("Try:");
    println!("  cd {}", dir.display());
    for (cmd, what) in [
        ("roundtable verify", "replay the history; every gate holds"),
        ("roundtable log", "the decision log"),
        (
            "roundtable audit invoice-explainer",
            "why an initiative stands where it does",
        ),
        ("roundtable proposals", "the open proposal branches"),
        (
            "roundtable check --proposal --base main --rev proposal/sales/renewal-reminders",
            "what CI says",
        ),
        (
            "roundtable accept proposal/it/sso-for-accountants --by dana",
            "the room's next decision",
        ),
        ("roundtable report", "the plan brief"),
        ("roundtable", "the app"),
    ] {
        println!("  {cmd:<78} # {what}");
    }
}
