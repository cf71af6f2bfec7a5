//! `roundtable check`: validate the records; compiler-style errors; exit 1 on any error.

use crate::cli::args::Format;
use crate::cli::context::{CmdResult, Global};
use crate::store::error::StoreError;
use crate::store::problem::Problem;
use std::process::ExitCode;

/// The arguments of `roundtable check`.
#[derive(Debug, Clone, clap::Args)]
pub struct CheckArgs {
    /// Check a commit instead of the work tree.
    #[arg(long, value_name = "REV")]
    pub rev: Option<String>,
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Also check that the change since --base is one silo's proposal.
    #[arg(long, requires = "base")]
    pub proposal: bool,
    /// The revision a proposal branch started from (e.g. origin/main).
    #[arg(long, value_name = "REV")]
    pub base: Option<String>,
}

/// Validates the work tree (or the commit `rev`) and prints every problem.
pub fn run(g: &Global, args: &CheckArgs) -> CmdResult {
    let (rev, format, base) = (args.rev.as_deref(), args.format, args.base.as_deref());
    if args.proposal {
        return crate::cli::proposals::check(g, rev, base.unwrap_or("HEAD"), format);
    }
    let repo = g.open()?;
    crate::store::decide::journal::refuse_interrupted(&repo.repo)?;
    // Without --forum, every forum of the repository (each finding's path names its forum).
    let ids = match rev {
        Some(rev) => crate::cli::forums::covered_at(g, &repo, rev)?,
        None => crate::cli::forums::covered_in_worktree(g, &repo)?,
    };
    let mut problems = Vec::new();
    for id in &ids {
        problems.extend(match rev {
            Some(rev) => problems_of(repo.load_at(id, rev))?,
            None => problems_of(repo.load_worktree(id))?,
        });
    }
    print(&problems, format);
    if ids.len() > 1 && format == Format::Text {
        eprintln!(
            "checked {} forums: {}",
            ids.len(),
            crate::domain::text::sanitize(&ids.join(", "))
        );
    }
    Ok(if problems.iter().any(Problem::is_error) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn problems_of(
    loaded: Result<crate::store::repo::Loaded, StoreError>,
) -> Result<Vec<Problem>, StoreError> {
    match loaded {
        Ok(l) => Ok(l.problems),
        Err(StoreError::BrokenForum(problems)) => Ok(problems),
        Err(e) => Err(e),
    }
}

pub(crate) fn print(problems: &[Problem], format: Format) {
    match format {
        Format::Json => {
            let (errors, warnings): (Vec<&Problem>, Vec<&Problem>) =
                problems.iter().partition(|p| p.is_error());
            let value = serde_json::json!({ "errors": errors, "warnings": warnings });
            crate::cli::json::print(&value);
        }
        Format::Github => {
            for p in problems {
                let level = if p.is_error() { "error" } else { "warning" };
                let mut at = format!("file={}", github_escape(&p.path, true));
                if let (Some(l), Some(c)) = (p.line, p.col) {
                    at.push_str(&format!(",line={l},col={c}"));
                }
                let mut text = crate::domain::text::sanitize(&p.message);
                if let Some(hint) = &p.hint {
                    text.push_str(&format!(" (hint: {})", crate::domain::text::sanitize(hint)));
                }
                println!("::{level} {at}::{}", github_escape(&text, false));
            }
        }
        Format::Text => {
            for p in problems {
                println!("{p}");
            }
            let errors = problems.iter().filter(|p| p.is_error()).count();
            let warnings = problems.len() - errors;
            eprintln!("{errors} error(s), {warnings} warning(s)");
        }
    }
}

/// Escapes text for a GitHub workflow command: `%`, CR and LF always; `:` and `,` too in a
/// property value (the file name).
fn github_escape(text: &str, property: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            ':' if property => out.push_str("%3A"),
            ',' if property => out.push_str("%2C"),
            c => out.push(c),
        }
    }
    out
}
