//! `roundtable verify`: replay the forum branch and name every commit that breaks a rule;
//! then check the history itself (cut, rewritten, signed; `cli::trust`).

use crate::cli::args::Format;
use crate::cli::context::{CmdResult, Global};
use crate::cli::trust::{self, Asked};
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
///
/// Without `--forum`, a repository holding several forums has each verified in turn (JSON:
/// `{"forums": [ … one object per forum … ]}`); exit 1 when any fails.
pub fn run(g: &Global, args: &VerifyArgs) -> CmdResult {
    let (rev, format) = (args.rev.as_deref(), args.format);
    let asked = &Asked {
        shallow: args.shallow,
        against: args.against.as_deref(),
    };
    let repo = g.open()?;
    crate::store::decide::journal::refuse_interrupted(&repo.repo)?;
    let rev = rev.unwrap_or("HEAD");
    let forums = crate::cli::forums::covered_at(g, &repo, rev)?;
    let mut failed = false;
    let mut values = Vec::new();
    for (i, forum) in forums.iter().enumerate() {
        if i > 0 && format != Format::Json {
            println!();
        }
        let (fails, value) = one(&repo, forum, rev, format, asked)?;
        failed |= fails;
        values.extend(value);
    }
    if format == Format::Json {
        let value = if values.len() == 1 {
            values.remove(0)
        } else {
            serde_json::json!({ "forums": values })
        };
        crate::cli::json::print(&value);
    }
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Verifies one forum: prints its report (text), or returns its JSON object; true when it
/// fails.
fn one(
    repo: &crate::store::repo::ForumRepo,
    forum: &str,
    rev: &str,
    format: Format,
    asked: &Asked<'_>,
) -> anyhow::Result<(bool, Option<serde_json::Value>)> {
    let tip = repo.resolve(rev)?;
    let verdict = verify(repo, forum, tip)?;
    let history = crate::store::trust::check(repo, forum, (tip, rev), asked.against)?;
    let holds = trust::holds(&history, asked);
    let fails = verdict.broken.is_some() || !holds;
    let proven = allocation_proven(repo, forum, tip)?;
    if format == Format::Json {
        let mut value = serde_json::to_value(&verdict)?;
        if let Some(object) = value.as_object_mut() {
            object.insert(
                "allocation_proven_optimal".into(),
                proven.map_or(serde_json::Value::Null, serde_json::Value::Bool),
            );
            object.insert("forum".into(), serde_json::Value::String(forum.to_string()));
            object.insert("history".into(), serde_json::to_value(&history)?);
            object.insert("history_holds".into(), serde_json::Value::Bool(holds));
        }
        return Ok((fails, Some(value)));
    } else {
        if verdict.violations.is_empty() {
            println!(
                "verified forum {}: {}, {} changed the forum; every gate holds",
                sanitize(forum),
                commits(verdict.commits),
                verdict.changes
            );
            println!("{}", proved(&verdict));
        } else {
            println!(
                "forum {}: {} of {} {}",
                sanitize(forum),
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
        if proven == Some(false) {
            println!(
                "note: the allocation in force follows the Optimal rule, but its exact solve is NOT proven optimal: the search hit its work limit of {} (a count, not a time; ROUNDTABLE_WORK_LIMIT sets it); the portfolio is the best found, never worse than greedy's",
                match crate::domain::analysis::Options::default().work_limit {
                    1 => "1 step".to_string(),
                    n => format!("{n} steps"),
                }
            );
        }
    }
    Ok((fails, None))
}

/// Whether the allocation in force at `tip`, when it follows the Optimal rule, is proven
/// optimal by the exact solve (`None`: no allocation, or another rule).
fn allocation_proven(
    repo: &crate::store::repo::ForumRepo,
    forum: &str,
    tip: git2::Oid,
) -> anyhow::Result<Option<bool>> {
    let Ok(loaded) = repo.load_at(forum, &tip.to_string()) else {
        return Ok(None);
    };
    let s = &loaded.snapshot;
    match &s.allocation {
        Some(a) if a.rule == crate::domain::records::AllocationRule::Optimal => {
            let analysis = crate::domain::analysis::analyse(s);
            Ok(Some(analysis.optimal.proven_optimal))
        }
        _ => Ok(None),
    }
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
