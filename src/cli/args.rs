//! The command line, as clap types: the scriptable surface of FORMAT.md.

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

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build a demo forum repository from the bundled example and open it.
    Demo {
        /// Where to build it (default: a new temporary folder).
        dir: Option<PathBuf>,
        /// Build the repository only; do not open the app.
        #[arg(long)]
        no_tui: bool,
        /// A forum that asks for signed decisions: a key is made for each member (needs ssh-keygen).
        #[arg(long)]
        signed: bool,
    },
    /// Scaffold a new forum (an `init` decision).
    Init {
        forum_id: String,
        /// Carry members, silos, evidence, priorities and unfunded initiatives over.
        #[arg(long, value_name = "FORUM")]
        from: Option<String>,
        #[arg(long)]
        title: Option<String>,
        #[arg(long)]
        cycle: Option<String>,
        #[arg(long)]
        budget: Option<u64>,
        #[arg(long)]
        currency: Option<String>,
        #[command(flatten)]
        decision: DecisionArgs,
    },
    /// Validate the forum's records; errors as path:line:col, exit 1 on any error.
    Check {
        /// Check a commit instead of the work tree.
        #[arg(long, value_name = "REV")]
        rev: Option<String>,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Also check that the change since --base is one silo's proposal.
        #[arg(long, requires = "base")]
        proposal: bool,
        /// The revision a proposal branch started from (e.g. origin/main).
        #[arg(long, value_name = "REV")]
        base: Option<String>,
    },
    /// Print a shell completion script: `roundtable completions bash > /etc/bash_completion.d/roundtable`.
    Completions {
        #[arg(value_enum)]
        shell: Shell,
    },
    /// Print the man page (roff): `roundtable man > ~/.local/share/man/man1/roundtable.1`.
    Man,
    /// Finish a decision that was killed while it wrote the work tree (or undo what it staged).
    Recover,
    /// Replay the forum branch's history and check every gate at every commit.
    Verify {
        #[arg(long, value_name = "REV")]
        rev: Option<String>,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// In a shallow clone, verify the part of the history that is here (exit 0 if it holds).
        #[arg(long)]
        shallow: bool,
        /// A revision the history must contain (e.g. origin/main): a rewrite is then reported.
        #[arg(long, value_name = "REF")]
        against: Option<String>,
    },
    /// Print the computed ranking; with --by, record it as a decision.
    Rank {
        #[command(flatten)]
        read: ReadArgs,
        /// The forum's own order (a Manual ranking; a reason is required).
        #[arg(long, num_args = 1.., value_name = "ID")]
        manual: Vec<String>,
        #[command(flatten)]
        decision: DecisionArgs,
    },
    /// Print the weights of the decided order.
    Weights {
        #[command(flatten)]
        read: ReadArgs,
    },
    /// Print each initiative's value with its breakdown.
    Values {
        #[command(flatten)]
        read: ReadArgs,
    },
    /// Run the allocation rule: --dry-run prints it, otherwise it is decided as a commit.
    Allocate {
        #[command(flatten)]
        read: ReadArgs,
        /// Print the rule's result; change nothing.
        #[arg(long)]
        dry_run: bool,
        #[arg(long, value_enum)]
        rule: Option<RuleArg>,
        /// Solve at another budget (dry run only).
        #[arg(long)]
        budget: Option<u64>,
        /// Override a line: ID=AMOUNT (0 removes it).
        #[arg(long = "set", value_name = "ID=AMOUNT")]
        set: Vec<String>,
        /// The reason for an overridden line: ID="text".
        #[arg(long = "line-reason", value_name = "ID=TEXT")]
        line_reason: Vec<String>,
        #[command(flatten)]
        decision: DecisionArgs,
    },
    /// Re-solve at another budget and list what drops and what comes in.
    Whatif {
        #[command(flatten)]
        read: ReadArgs,
        #[arg(long, conflicts_with = "cut")]
        budget: Option<u64>,
        /// A cut in percent, e.g. 15.
        #[arg(long)]
        cut: Option<f64>,
    },
    /// Margins: how safe each funding decision is.
    Sensitivity {
        #[command(flatten)]
        read: ReadArgs,
    },
    /// Advance the forum one phase (facilitators only).
    Advance {
        #[command(flatten)]
        decision: DecisionArgs,
    },
    /// Reopen the forum to an earlier phase (a reason is required).
    Reopen {
        #[arg(long, value_name = "PHASE")]
        to: String,
        #[command(flatten)]
        decision: DecisionArgs,
    },
    /// Cast or replace a member's ballot.
    Ballot {
        member: String,
        #[arg(required = true)]
        order: Vec<String>,
        #[command(flatten)]
        decision: DecisionArgs,
    },
    /// Record a member's scores for one initiative: PRIORITY=N …
    Score {
        member: String,
        initiative: String,
        #[arg(required = true, value_name = "PRIORITY=N")]
        scores: Vec<String>,
        #[command(flatten)]
        decision: DecisionArgs,
    },
    /// Commit the forum's records as edited in the work tree (a facilitator's `edit`).
    Edit(crate::cli::edit::EditArgs),
    /// Add, change or retire a piece of customer evidence (an `evidence` decision).
    Evidence {
        #[command(subcommand)]
        action: crate::cli::record::RecordAction,
    },
    /// Add, change or retire a customer-experience priority (a `priority` decision).
    Priority {
        #[command(subcommand)]
        action: crate::cli::record::RecordAction,
    },
    /// Change the forum's budget.
    Budget {
        amount: u64,
        #[command(flatten)]
        decision: DecisionArgs,
    },
    /// Merge a proposal branch as an `accept` decision.
    Accept {
        branch: String,
        #[command(flatten)]
        decision: DecisionArgs,
    },
    /// Bring the forum branch and its remote together: fetch, fast-forward, push with a lease,
    /// or replay local decisions on the remote's tip, each judged again.
    Sync {
        /// The remote (default: the branch's upstream remote, else origin).
        #[arg(long, value_name = "NAME")]
        remote: Option<String>,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// List open proposal branches with their validation status.
    Proposals {
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Why an initiative got what it got, step by step, with the commits.
    Audit {
        initiative: String,
        #[command(flatten)]
        read: ReadArgs,
    },
    /// The decision log.
    Log {
        /// Only decisions of this kind (advance, score, allocate, …).
        #[arg(long, value_name = "KIND")]
        decision: Option<String>,
        /// Only decisions this member made or was present at (as the app's `m` filter).
        #[arg(long, value_name = "MEMBER")]
        member: Option<String>,
        #[command(flatten)]
        read: ReadArgs,
    },
    /// The plan brief a new leader can read.
    Report {
        #[arg(long, value_enum, default_value_t = ReportFormat::Md)]
        format: ReportFormat,
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        #[arg(long, value_name = "REV")]
        rev: Option<String>,
    },
    /// Minutes of a meeting from its decision commits (markdown).
    Minutes {
        #[arg(long, value_name = "REV", conflicts_with = "date")]
        since: Option<String>,
        /// A day, YYYY-MM-DD.
        #[arg(long, value_name = "DAY")]
        date: Option<String>,
    },
    /// Export the allocation.
    Export {
        #[command(subcommand)]
        what: ExportKind,
    },
    /// Write a proposal from a template on a new branch proposal/<silo>/<id>.
    Propose {
        #[arg(long)]
        silo: String,
        #[arg(long)]
        title: String,
        #[arg(long)]
        cost: Option<u64>,
        /// The initiative id (default: derived from the title).
        #[arg(long)]
        id: Option<String>,
    },
    /// Write a CODEOWNERS file giving each silo lead their initiatives folder.
    Codeowners {
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Reorganise silos without losing history.
    Silo {
        #[command(subcommand)]
        action: SiloAction,
    },
    /// Hand a member's records over to another member.
    Member {
        #[command(subcommand)]
        action: MemberAction,
    },
    /// Write a large generated forum with a long history (for benchmarks).
    BenchForum {
        dir: PathBuf,
        #[arg(long, default_value_t = 2000)]
        initiatives: usize,
        #[arg(long, default_value_t = 10000)]
        commits: usize,
        #[arg(long, default_value_t = 50)]
        silos: usize,
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
}

#[derive(Debug, Subcommand)]
pub enum ExportKind {
    /// The allocation as an hledger/ledger journal of periodic budget transactions.
    Hledger {
        #[arg(long, value_name = "REV")]
        rev: Option<String>,
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// The first day of the budget year, YYYY-MM-DD (default: 1 January of the year in
        /// the forum's cycle, e.g. FY2027 → 2027-01-01).
        #[arg(long, value_name = "DATE")]
        from: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum SiloAction {
    /// Rename a silo, moving its initiatives and every reference.
    Rename {
        old: String,
        new: String,
        #[command(flatten)]
        decision: DecisionArgs,
    },
    /// Merge silo A into silo B.
    Merge {
        from: String,
        into: String,
        #[command(flatten)]
        decision: DecisionArgs,
    },
}

#[derive(Debug, Subcommand)]
pub enum MemberAction {
    /// Reassign everything a member owns or leads to another member.
    Reassign {
        old: String,
        new: String,
        #[command(flatten)]
        decision: DecisionArgs,
    },
}
