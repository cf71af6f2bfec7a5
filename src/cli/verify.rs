//! `roundtable verify`: replay the forum branch and name every commit that breaks a rule;
//! then check the history itself (cut, rewritten, signed; `cli::trust`).

use crate::cli::args::Format;
use crate::cli::context::{CmdResult, Global};
use crate::cli::trust::{self, Question};
use crate::domain::text::sanitize;
use crate::store::history::replay::verify;
use std::process::ExitCode;

/// The arguments of `roundtable verify`.
#[derive(Debug, Clone, clap::Args)]
pub struct VerifyArgs {
    #[arg(long, value_name = "REV")]
    pub rev: Option<String>,
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// In a shallow clone, verify the part of the history that is here (exit 0 if it holds).
    #[arg(long)]
    pub shallow: bool,
    /// A revision the history must contain (e.g. origin/main): a rewrite is then reported.
    #[arg(long, value_name = "REF")]
    pub against: Option<String>,
}

/// Replays the first-parent history up to `rev` (default HEAD); exit 1 when any commit
/// breaks a rule, or when the history checks fail.
pub fn run(g: &Global, args: &VerifyArgs) -> CmdResult {
    let (rev, format) = (args.rev.as_deref(), args.format);
    let asked = &Question {
        shallow: args.shallow,
        against: args.against.as_deref(),
    };
    let repo = g.open()?;
    crate::store::decide::journal::refuse_interrupted(&repo.repo)?;
    let rev = rev.unwrap_or("HEAD");
    let forum = repo.pick_forum(g.forum.as_deref(), rev)?;
    let tip = repo.resolve(rev)?;
    let verdict = verify(&repo, &forum, tip)?;
    let history = crate::store::trust::check(&repo, &forum, (tip, rev), asked.against)?;
    let holds = trust::holds(&history, asked);
    if format == Format::Json {
        let mut value = serde_json::to_value(&verdict)?;
        if let Some(object) = value.as_object_mut() {
            object.insert("history".into(), serde_json::to_value(&history)?);
            object.insert("history_holds".into(), serde_json::Value::Bool(holds));
        }
        crate::cli::json::print(&value);
    } else {
        if verdict.violations.is_empty() {
            println!(
                "verified forum {}: {}, {} changed the forum; every gate holds",
                sanitize(&forum),
                commits(verdict.commits),
                verdict.changes
            );
            println!("{}", proved(&verdict));
        } else {
            println!(
                "forum {}: {} of {} {}",
                sanitize(&forum),
                verdict.violations.len(),
                commits(verdict.commits),
                if verdict.violations.len() == 1 {
                    "breaks a rule"
                } else {
                    "break a rule"
                }
            );
        }
        for b in &verdict.violations {
            let e = &b.entry;
            println!(
                "commit {} ({}, {} <{}>) breaks a rule [{}]:",
                e.short(),
                e.date,
                sanitize(&e.author),
                sanitize(&e.email),
                b.rule
            );
            println!("    {}", sanitize(&e.summary));
            for m in &b.messages {
                println!("  - {}", sanitize(m));
            }
            println!("full hash: {}", e.commit);
        }
        for line in trust::lines(&history, asked) {
            println!("{line}");
        }
    }
    Ok(if verdict.broken.is_some() || !holds {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// What a clean replay proved, in one paragraph.
fn proved(v: &crate::store::history::replay::Verdict) -> String {
    let short = |h: &Option<String>| {
        h.as_deref()
            .map(|h| h.get(..7).unwrap_or(h).to_string())
            .unwrap_or_else(|| "-".into())
    };
    let deciders: Vec<String> = v.deciders.iter().map(|d| sanitize(d)).collect();
    format!(
        "proved: from {} to {}, {} decision{} by {} ({}) each made by a member with the \
         authority for it, in a phase that allowed it; no forum record changed without one",
        short(&v.first),
        short(&v.last),
        v.decisions,
        if v.decisions == 1 { "" } else { "s" },
        if deciders.len() == 1 {
            "1 member".to_string()
        } else {
            format!("{} members", deciders.len())
        },
        deciders.join(", ")
    )
}

/// "1 commit", "2 commits".
fn commits(n: usize) -> String {
    if n == 1 {
        "1 commit".to_string()
    } else {
        format!("{n} commits")
    }
}
