//! `roundtable import hledger FILE --by MEMBER`: actual spend brought back from the books. The
//! real postings to the `budget:<silo>:<initiative>` accounts that `roundtable export hledger`
//! wrote are totalled per funded initiative and recorded as one `actuals` decision
//! (`spend/<initiative>.ron`: the total, the day of the latest posting, the journal's name).
//! The journal is the books' truth: importing it again replaces the totals, never adds to them.

use crate::cli::args::DecisionArgs;
use crate::cli::context::{CmdResult, Global, refuse};
use crate::cli::decide::Desk;
use crate::domain::actuals::read;
use crate::domain::money::amount;
use crate::domain::phase::DecisionKind;
use crate::domain::records::Spend;
use crate::domain::snapshot::{RecordKind, RecordRef};
use crate::domain::text::sanitize;
use crate::store::decide::to_ron;
use std::path::PathBuf;

/// Where the actuals come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Books {
    /// An hledger journal with postings to the exported `budget:` accounts.
    Hledger,
}

/// The arguments of `roundtable import`.
#[derive(Debug, Clone, clap::Args)]
pub struct ImportArgs {
    /// The books' format.
    #[arg(value_enum)]
    pub books: Books,
    /// The journal to read.
    pub file: PathBuf,
    #[command(flatten)]
    pub decision: DecisionArgs,
}

/// Reads the journal and records the spend of every funded initiative it names.
pub fn run(g: &Global, args: &ImportArgs) -> CmdResult {
    let shown = sanitize(&args.file.display().to_string());
    let bytes =
        std::fs::read(&args.file).map_err(|e| refuse(format!("cannot read {shown}: {e}"), None))?;
    let text = String::from_utf8(bytes).map_err(|_| {
        refuse(
            format!("{shown} is not UTF-8 text"),
            Some("hledger journals are text; save it as UTF-8"),
        )
    })?;
    let spent = match read(&text) {
        Ok(s) => s,
        Err(bad) => {
            for b in &bad {
                eprintln!(
                    "{shown}:{}: error: {} (hint: {})",
                    b.line,
                    sanitize(&b.message),
                    b.hint
                );
            }
            return Err(refuse(
                format!(
                    "{} line(s) of {shown} could not be read; nothing was recorded",
                    bad.len()
                ),
                Some("fix the lines above and import again"),
            ));
        }
    };
    let desk = Desk::open(g)?;
    let s = desk.snapshot();
    if let Some(refusal) =
        crate::domain::decision::out_of_phase(DecisionKind::Actuals, s.forum.phase)
    {
        return Err(refuse(
            refusal,
            Some("actual spend comes back once the allocation is recorded"),
        ));
    }
    let funded: Vec<&str> = s
        .allocation
        .iter()
        .flat_map(|a| &a.lines)
        .filter(|l| l.amount > 0)
        .map(|l| l.initiative.as_str())
        .collect();
    let source = args
        .file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut changes = Vec::new();
    for (id, total) in &spent {
        if !funded.contains(&id.as_str()) {
            eprintln!(
                "warning: {shown} posts to `{}`, which the allocation does not fund; left out",
                sanitize(id)
            );
            continue;
        }
        let record = Spend {
            as_of: total.as_of.to_string(),
            amount: total.units(),
            source: source.clone(),
        };
        if s.spend.get(id) != Some(&record) {
            changes.push((id.clone(), record));
        }
    }
    if changes.is_empty() {
        return Err(refuse(
            format!("{shown} changes no funded initiative's spend"),
            Some(
                "post actual spend to the budget:<silo>:<initiative> accounts of `roundtable export hledger`",
            ),
        ));
    }
    let total: u64 = changes
        .iter()
        .map(|(_, r)| r.amount)
        .fold(0, u64::saturating_add);
    let mut d = desk.decision(
        &args.decision,
        DecisionKind::Actuals,
        format!(
            "Actual spend of {} funded initiative(s) from {}: {} in total",
            changes.len(),
            sanitize(&source),
            amount(total)
        ),
    )?;
    if d.reason.trim().is_empty() {
        d.reason = format!("Read from the books ({}).", sanitize(&source));
    }
    for (id, record) in &changes {
        d.changes.insert(
            RecordRef::new(RecordKind::Spend, id).repo_path(&s.id),
            Some(to_ron(record)?),
        );
    }
    desk.commit(&d)
}
