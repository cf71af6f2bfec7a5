//! `roundtable verify`: replay the forum branch and name the first commit that breaks a rule.

use crate::cli::args::Format;
use crate::cli::context::{CmdResult, Global};
use crate::domain::text::sanitize;
use crate::store::history::replay::verify;
use std::process::ExitCode;

/// Replays the first-parent history up to `rev` (default HEAD); exit 1 at the first break.
pub fn run(g: &Global, rev: Option<&str>, format: Format) -> CmdResult {
    let repo = g.open()?;
    let rev = rev.unwrap_or("HEAD");
    let forum = repo.pick_forum(g.forum.as_deref(), rev)?;
    let tip = repo.resolve(rev)?;
    let verdict = verify(&repo, &forum, tip)?;
    if format == Format::Json {
        crate::cli::json::print(&serde_json::to_value(&verdict)?);
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
    }
    Ok(if verdict.broken.is_some() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
