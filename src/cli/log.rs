//! `roundtable log`: the decision log, newest first.

use crate::cli::args::{Format, ReadArgs};
use crate::cli::context::{CmdResult, Global, refuse};
use crate::domain::phase::DecisionKind;
use crate::domain::text::sanitize;
use crate::store::history::decision_log;
use std::process::ExitCode;

/// The arguments of `roundtable log`.
#[derive(Debug, Clone, clap::Args)]
pub struct LogArgs {
    /// Only decisions of this kind (advance, score, allocate, …).
    #[arg(long, value_name = "KIND")]
    pub decision: Option<String>,
    /// Only decisions this member made or was present at (as the app's `m` filter).
    #[arg(long, value_name = "MEMBER")]
    pub member: Option<String>,
    #[command(flatten)]
    pub read: ReadArgs,
}

/// Prints the decisions on the forum's branch, filtered by kind and member.
pub fn run(g: &Global, args: &LogArgs) -> CmdResult {
    let (decision, member, read) = (args.decision.as_deref(), args.member.as_deref(), &args.read);
    let kind = match decision {
        Some(k) => match DecisionKind::parse(k) {
            Some(kind) => Some(kind),
            None => {
                let names: Vec<&str> = DecisionKind::ALL.iter().map(|k| k.name()).collect();
                return Err(refuse(
                    format!("`{k}` is not a decision kind"),
                    Some(&format!("kinds: {}", names.join(", "))),
                ));
            }
        },
        None => None,
    };
    let repo = g.open()?;
    let rev = read.rev.as_deref().unwrap_or("HEAD");
    let forum = repo.pick_forum(g.forum.as_deref(), rev)?;
    let entries: Vec<_> = decision_log(&repo, &forum, rev)?
        .into_iter()
        .filter(|e| {
            kind.is_none_or(|k| e.decision.as_deref().and_then(DecisionKind::parse) == Some(k))
        })
        .filter(|e| {
            member.is_none_or(|m| {
                e.decided_by.as_deref() == Some(m) || e.present.iter().any(|p| p == m)
            })
        })
        .collect();
    if read.format == Format::Json {
        crate::cli::json::print(&serde_json::json!({ "forum": forum, "decisions": entries }));
        return Ok(ExitCode::SUCCESS);
    }
    if entries.is_empty() {
        println!("No decisions recorded.");
    }
    for e in &entries {
        println!(
            "{}  {}  {:<8}  {:<10}  {}",
            e.short(),
            e.date,
            sanitize(e.decision.as_deref().unwrap_or("")),
            sanitize(e.decided_by.as_deref().unwrap_or("")),
            sanitize(&e.summary)
        );
        if !e.reason.is_empty() {
            for line in e.reason.lines() {
                println!("      {}", sanitize(line));
            }
        }
        if !e.present.is_empty() {
            println!("      present: {}", sanitize(&e.present.join(", ")));
        }
    }
    Ok(ExitCode::SUCCESS)
}
