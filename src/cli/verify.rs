//! `roundtable verify`: replay the forum branch and name the first commit that breaks a rule;
//! then check the history itself (cut, rewritten, signed; `cli::trust`).

use crate::cli::args::Format;
use crate::cli::context::{CmdResult, Global};
use crate::cli::trust::{self, Asked};
use crate::domain::text::sanitize;
use crate::store::history::replay::verify;
use std::process::ExitCode;

/// Replays the first-parent history up to `rev` (default HEAD); exit 1 at the first break,
/// or when the history checks fail.
pub fn run(g: &Global, rev: Option<&str>, format: Format, asked: &Asked<'_>) -> CmdResult {
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
        match &verdict.broken {
            None => println!(
                "verified forum {}: {} commits, {} changed the forum; every gate holds",
                sanitize(&forum),
                verdict.commits,
                verdict.changes
            ),
            Some(b) => {
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
