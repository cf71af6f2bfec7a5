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
    /// The results brief for the C-team instead of the plan brief: what was promised, what
    /// was delivered, what moved and what did not, and what the forum should discuss.
    #[arg(long)]
    pub results: bool,
    /// With --results: the day to judge "on track" and "no reading for 90 days" by
    /// (default today).
    #[arg(long, value_name = "DAY", requires = "results")]
    pub today: Option<String>,
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
    if args.results {
        return results_brief(args, snapshot, loaded.commit);
    }
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

/// `report --results`: the results brief, markdown or HTML.
fn results_brief(
    args: &ReportArgs,
    snapshot: &crate::domain::snapshot::Snapshot,
    commit: Option<git2::Oid>,
) -> CmdResult {
    let today = match &args.today {
        Some(d) => chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").map_err(|_| {
            refuse(
                format!("`{}` is not a day", crate::domain::text::sanitize(d)),
                Some("--today YYYY-MM-DD"),
            )
        })?,
        None => chrono::Local::now().date_naive(),
    };
    let order = crate::domain::analysis::analyse_ranking(snapshot).order;
    let rows = crate::domain::results::board(snapshot, &order, today);
    let commit: Option<String> = commit.map(|c| c.to_string().chars().take(10).collect());
    let day = today.to_string();
    let text = match args.format {
        ReportFormat::Md => {
            crate::report::results::markdown(snapshot, &rows, &day, commit.as_deref())
        }
        ReportFormat::Html => {
            crate::report::results::html(snapshot, &rows, &day, commit.as_deref())
        }
        ReportFormat::Csv => {
            return Err(refuse(
                "the results brief is markdown or HTML",
                Some("`roundtable results --format json` gives the rows as data"),
            ));
        }
    };
    write_out(args.out.as_deref(), &text)?;
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
