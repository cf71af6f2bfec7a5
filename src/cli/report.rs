//! `roundtable report`: the plan brief a new leader reads, as markdown, HTML or CSV.

use crate::cli::args::ReportFormat;
use crate::cli::context::{CmdResult, Global, refuse};
use crate::domain::analysis::analyse;
use crate::report::{Format, build::build, render};
use std::path::Path;
use std::process::ExitCode;

/// The arguments of `roundtable report`.
#[derive(Debug, Clone, clap::Args)]
pub struct ReportArgs {
    #[arg(long, value_enum, default_value_t = ReportFormat::Md)]
    pub format: ReportFormat,
    /// Write it here (default: standard output).
    #[arg(long, value_name = "FILE")]
    pub out: Option<std::path::PathBuf>,
    /// The revision to report on (default: HEAD).
    #[arg(long, value_name = "REV")]
    pub rev: Option<String>,
}

/// Reads the forum at `rev` (default HEAD), builds the brief and writes it.
pub fn run(g: &Global, args: &ReportArgs) -> CmdResult {
    let (format, out, rev) = (args.format, args.out.as_deref(), args.rev.as_deref());
    let (repo, loaded) = g.load_at(rev)?;
    if loaded.has_errors() {
        return Err(refuse(
            "the forum has errors; the brief would be built on broken records",
            Some("run `roundtable check` and fix the errors first"),
        ));
    }
    let snapshot = &loaded.snapshot;
    let analysis = analyse(snapshot);
    let commit = loaded
        .commit
        .map(|c| c.to_string().chars().take(10).collect());
    let mut brief = build(snapshot, &analysis, commit);
    let tip = loaded
        .commit
        .map_or_else(|| "HEAD".to_string(), |c| c.to_string());
    brief.changes =
        crate::cli::changes::collect(&repo, &snapshot.id, &tip, None)?.unwrap_or_default();
    let text = render(
        &brief,
        match format {
            ReportFormat::Md => Format::Markdown,
            ReportFormat::Html => Format::Html,
            ReportFormat::Csv => Format::Csv,
        },
    );
    write_out(out, &text)?;
    Ok(ExitCode::SUCCESS)
}

/// Writes text to a file, or to standard output when no file is given.
pub fn write_out(out: Option<&Path>, text: &str) -> anyhow::Result<()> {
    match out {
        Some(path) => {
            std::fs::write(path, text)
                .map_err(|e| anyhow::anyhow!("cannot write {}: {e}", path.display()))?;
            eprintln!("wrote {}", path.display());
        }
        None => {
            use std::io::Write;
            let mut stdout = std::io::stdout().lock();
            stdout.write_all(text.as_bytes())?;
            stdout.flush()?;
        }
    }
    Ok(())
}
