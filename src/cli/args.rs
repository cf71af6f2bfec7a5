//! The command line's shared clap types: the global options, the decision and read
//! arguments every command flattens, and the list of commands (each one's arguments beside it).

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// roundtable: the cross-silo planning forum — evidence, ranked customer priorities, then
/// budget, with every decision a git commit.
#[derive(Debug, Parser)]
#[command(name = "roundtable", version, about, long_about = None)]
pub struct Cli {
    /// The forum repository (any folder inside it); defaults to the current directory.
    #[arg(long, global = true, value_name = "DIR")]
    pub repo: Option<PathBuf>,
    /// The forum to open, when the repository holds several.
    #[arg(long, global = true, value_name = "ID")]
    pub forum: Option<String>,
    /// The app's theme: dark, light, high-contrast, okabe-ito, or a path to a theme file.
    #[arg(long, global = true, value_name = "NAME")]
    pub theme: Option<String>,
    /// Open the app in room-sized presentation mode.
    #[arg(long)]
    pub present: bool,
    /// Open the app as one member's own seat: their ballot and scorecard, nothing else to edit.
    #[arg(long, value_name = "ID")]
    pub member: Option<String>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Output format for commands that print data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum Format {
    #[default]
    Text,
    Json,
    /// GitHub Actions annotations (`check` only).
    Github,
}

/// Report formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum ReportFormat {
    #[default]
    Md,
    Html,
    Csv,
}

/// The shells `roundtable completions` writes for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Shell {
    Bash,
    Zsh,
    Fish,
}

/// Allocation rules on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RuleArg {
    Optimal,
    Greedy,
}

/// Who decides, why, and who was present: every decision command takes these.
#[derive(Debug, Clone, Args, Default)]
pub struct DecisionArgs {
    /// The member who decides (a member id of forum.ron).
    #[arg(long, value_name = "MEMBER")]
    pub by: Option<String>,
    /// Why: the body of the decision commit.
    #[arg(long, value_name = "TEXT")]
    pub reason: Option<String>,
    /// Who was present, comma-separated member ids (defaults to the decider).
    #[arg(long, value_name = "a,b,c", value_delimiter = ',')]
    pub present: Vec<String>,
}

/// Read a forum at a revision and print data.
#[derive(Debug, Clone, Args, Default)]
pub struct ReadArgs {
    /// The revision to read (default: HEAD, the forum branch's tip).
    #[arg(long, value_name = "REV")]
    pub rev: Option<String>,
    /// Text for people, JSON for scripts.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

/// Every command; each one's arguments live beside it, in its own file under `src/cli/`.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build a demo forum repository from the bundled example and open it.
    Demo(crate::cli::demo::DemoArgs),
    /// Scaffold a new forum (an `init` decision).
    Init(crate::cli::init::InitArgs),
    /// Validate the forum's records; errors as path:line:col, exit 1 on any error.
    Check(crate::cli::check::CheckArgs),
    /// Print a shell completion script: `roundtable completions bash > /etc/bash_completion.d/roundtable`.
    Completions(crate::cli::shell::CompletionsArgs),
    /// Print the man page (roff): `roundtable man > ~/.local/share/man/man1/roundtable.1`.
    Man,
    /// Finish a decision that was killed while it wrote the work tree (or undo what it staged).
    Recover,
    /// Replay the forum branch's history and check every gate at every commit.
    Verify(crate::cli::verify::VerifyArgs),
    /// Print the computed ranking; with --by, record it as a decision.
    Rank(crate::cli::rank::RankArgs),
    /// Print the weights of the decided order.
    Weights(crate::cli::weights::WeightsArgs),
    /// Print each initiative's value with its breakdown.
    Values(crate::cli::values::ValuesArgs),
    /// Run the allocation rule: --dry-run prints it, otherwise it is decided as a commit.
    Allocate(crate::cli::allocate::AllocateArgs),
    /// Re-solve at another budget and list what drops and what comes in.
    Whatif(crate::cli::whatif::WhatifArgs),
    /// Margins: how safe each funding decision is.
    Sensitivity(crate::cli::sensitivity::SensitivityArgs),
    /// Advance the forum one phase (facilitators only).
    Advance(crate::cli::decide::AdvanceArgs),
    /// Reopen the forum to an earlier phase (a reason is required).
    Reopen(crate::cli::decide::ReopenArgs),
    /// Cast or replace a member's ballot.
    Ballot(crate::cli::decide::records::BallotArgs),
    /// Record a member's scores for one initiative: PRIORITY=N …
    Score(crate::cli::decide::records::ScoreArgs),
    /// Commit the forum's records as edited in the work tree (a facilitator's `edit`).
    Edit(crate::cli::edit::EditArgs),
    /// Add, change or retire a piece of customer evidence (an `evidence` decision).
    #[command(subcommand)]
    Evidence(crate::cli::record::RecordAction),
    /// Add, change or retire a customer-experience priority (a `priority` decision).
    #[command(subcommand)]
    Priority(crate::cli::record::RecordAction),
    /// Change the forum's budget.
    Budget(crate::cli::decide::BudgetArgs),
    /// Change the budget and the allocation together (a cut or more money after the allocation).
    Rebudget(crate::cli::rebudget::RebudgetArgs),
    /// A member briefed on the plan endorses it, or challenges it (--challenge); --answer ID
    /// records the forum's answer to a challenge.
    Endorse(crate::cli::endorse::EndorseArgs),
    /// Ratify the defence plan against a cut: protected initiatives and the cut order.
    Defence(crate::cli::defence::DefenceArgs),
    /// After the allocation: a funded initiative's status (a `progress` decision).
    Status(crate::cli::status::StatusArgs),
    /// After the allocation: one reading of a priority's or an initiative's goal metric.
    Measure(crate::cli::measure::MeasureArgs),
    /// After the allocation: actual spend from the books (`import hledger FILE`), an
    /// `actuals` decision.
    Import(crate::cli::import::ImportArgs),
    /// The next cycle: continue, scale back or stop an initiative the last cycle funded.
    Review(crate::cli::review::ReviewArgs),
    /// After the plan: each priority and funded initiative against its goal.
    Results(crate::cli::results::ResultsArgs),
    /// Merge a proposal branch as an `accept` decision.
    Accept(crate::cli::accept::AcceptArgs),
    /// Bring the forum branch and its remote together: fetch, fast-forward, push with a lease,
    /// or replay local decisions on the remote's tip, each judged again.
    Sync(crate::cli::sync::SyncArgs),
    /// List open proposal branches with their validation status.
    Proposals(crate::cli::proposals::ProposalsArgs),
    /// Why an initiative got what it got, step by step, with the commits.
    Audit(crate::cli::audit::AuditArgs),
    /// The decision log.
    Log(crate::cli::log::LogArgs),
    /// What changed since the plan was agreed: budget, lines added or dropped, people, silos.
    Changes(crate::cli::changes::ChangesArgs),
    /// The plan brief a new leader can read.
    Report(crate::cli::report::ReportArgs),
    /// Minutes of a meeting from its decision commits (markdown).
    Minutes(crate::cli::minutes::MinutesArgs),
    /// Export the allocation.
    #[command(subcommand)]
    Export(crate::cli::export::ExportKind),
    /// Write a proposal from a template on a new branch proposal/<silo>/<id>.
    Propose(crate::cli::propose::ProposeArgs),
    /// Write a CODEOWNERS file giving each silo lead their initiatives folder.
    Codeowners(crate::cli::codeowners::CodeownersArgs),
    /// A customer at the table: `session new ID` writes a CustomerSession record from a
    /// template, with the forum's open questions to ask.
    #[command(subcommand)]
    Session(crate::cli::session::SessionAction),
    /// Record an action item (who brings what by when), or close one.
    #[command(subcommand)]
    Action(crate::cli::action::ActionCommand),
    /// What the forum must decide to reach the next phase, in order, with the time each
    /// step took at the last meeting.
    Agenda(crate::cli::agenda::AgendaArgs),
    /// Reorganise silos without losing history.
    #[command(subcommand)]
    Silo(crate::cli::reorg::SiloAction),
    /// Hand a member's records over to another member.
    #[command(subcommand)]
    Member(crate::cli::reorg::MemberAction),
    /// Write a large generated forum with a long history (for benchmarks).
    BenchForum(crate::cli::bench_forum::BenchForumArgs),
}
