//! `roundtable` with no subcommand: pick the forum and open the meeting app.

use crate::cli::context::{CmdResult, Global, refuse};
use crate::domain::text::sanitize;
use std::io::{BufRead, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// Opens the app: `--forum`, the only forum, or a simple numbered picker.
pub fn run(g: &Global) -> CmdResult {
    let repo = g.open()?;
    finish_interrupted(&repo.repo)?;
    let dir = repo
        .root
        .clone()
        .unwrap_or_else(|| g.repo.clone().unwrap_or_else(|| PathBuf::from(".")));
    let forum = match repo.pick_forum(g.forum.as_deref(), "HEAD") {
        Ok(f) => f,
        Err(e) => {
            let ids = repo.forum_ids_at("HEAD").unwrap_or_default();
            if ids.len() < 2 || g.forum.is_some() {
                return Err(e.into());
            }
            pick(&ids)?
        }
    };
    if let Some(member) = &g.seat {
        let loaded = repo.load_at(&forum, "HEAD")?;
        let members: Vec<&str> = loaded
            .snapshot
            .forum
            .members
            .iter()
            .map(|m| m.id.as_str())
            .collect();
        if !members.contains(&member.as_str()) {
            return Err(refuse(
                format!("no member `{member}` in forum {forum}"),
                Some(&format!("its members: {}", members.join(", "))),
            ));
        }
    }
    drop(repo);
    crate::tui::run_app(
        &dir,
        &forum,
        g.theme.as_deref(),
        g.present,
        g.seat.as_deref(),
    )?;
    Ok(ExitCode::SUCCESS)
}

/// The app finishes a decision that was killed while it wrote the work tree, and says so.
fn finish_interrupted(repo: &git2::Repository) -> Result<(), crate::store::error::StoreError> {
    use crate::store::decide::journal::{Recovered, recover_checked_out};
    if let Recovered::Finished(commit) = recover_checked_out(repo)? {
        eprintln!("finished an interrupted decision ({commit}) before opening the forum");
    }
    Ok(())
}

fn pick(ids: &[String]) -> anyhow::Result<String> {
    let mut out = std::io::stderr();
    writeln!(out, "This repository holds several forums:")?;
    for (i, id) in ids.iter().enumerate() {
        writeln!(out, "  {}. {}", i + 1, sanitize(id))?;
    }
    write!(out, "Open which one (number)? ")?;
    out.flush()?;
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line)?;
    line.trim()
        .parse::<usize>()
        .ok()
        .and_then(|n| ids.get(n.wrapping_sub(1)))
        .cloned()
        .ok_or_else(|| refuse("no forum chosen", Some("pass --forum ID")))
}
