//! `roundtable codeowners`: a CODEOWNERS file giving each silo lead their proposals folder.

use crate::cli::context::{CmdResult, Global};
use crate::cli::report::write_out;
use crate::domain::records::{Member, Role};
use crate::domain::snapshot::Snapshot;
use crate::domain::text::sanitize;
use std::fmt::Write;
use std::path::Path;
use std::process::ExitCode;

/// The arguments of `roundtable codeowners`.
#[derive(Debug, Clone, clap::Args)]
pub struct CodeownersArgs {
    /// Write it here (default: standard output).
    #[arg(long, value_name = "FILE")]
    pub out: Option<std::path::PathBuf>,
}

/// Writes CODEOWNERS for every forum at HEAD (or the one chosen with `--forum`).
pub fn run(g: &Global, args: &CodeownersArgs) -> CmdResult {
    let out: Option<&Path> = args.out.as_deref();
    let repo = g.open()?;
    let ids = match &g.forum {
        Some(f) => vec![repo.pick_forum(Some(f), "HEAD")?],
        None => repo.forum_ids_at("HEAD")?,
    };
    let mut text = String::from(
        "# CODEOWNERS for the forum repository, written by `roundtable codeowners`.\n\
         # Copy it to .github/CODEOWNERS (GitHub) or .gitlab/CODEOWNERS (GitLab).\n\
         # Later lines win, so every silo line names the facilitators too: a proposal's\n\
         # pull request asks its silo lead and the facilitators for review.\n",
    );
    for id in ids {
        let loaded = repo.load_at(&id, "HEAD")?;
        text.push('\n');
        text.push_str(&codeowners(&loaded.snapshot));
    }
    write_out(out, &text)?;
    Ok(ExitCode::SUCCESS)
}

/// A member's owner name: their `handle` (with a leading `@`), else their email.
pub fn owner(m: &Member) -> Option<String> {
    let valid = |s: &str| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '/' | '.'))
    };
    if let Some(h) = &m.handle {
        let bare = h.trim().trim_start_matches('@');
        if valid(bare) {
            return Some(format!("@{bare}"));
        }
    }
    let email = m.email.trim();
    let (user, host) = email.split_once('@')?;
    (valid(user) && valid(host) && host.contains('.')).then(|| email.to_string())
}

/// The CODEOWNERS lines of one forum.
pub fn codeowners(s: &Snapshot) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "# {} ({})", sanitize(&s.forum.title), s.id);
    let facilitators: Vec<String> = s
        .forum
        .members
        .iter()
        .filter(|m| m.role == Role::Facilitator)
        .filter_map(owner)
        .collect();
    if facilitators.is_empty() {
        let _ = writeln!(
            o,
            "# no facilitator has a handle or email: /forums/{}/ has no owner",
            s.id
        );
    } else {
        let _ = writeln!(o, "/forums/{}/ {}", s.id, facilitators.join(" "));
    }
    for (id, silo) in &s.silos {
        let folder = format!("/forums/{}/initiatives/{id}/", s.id);
        match s.member(&silo.lead).and_then(owner) {
            Some(who) => {
                let mut owners = vec![who];
                for f in &facilitators {
                    if !owners.contains(f) {
                        owners.push(f.clone());
                    }
                }
                let _ = writeln!(o, "{folder} {}", owners.join(" "));
            }
            None => {
                let _ = writeln!(
                    o,
                    "# {folder}: the lead `{}` has no handle; add handle: Some(\"@name\") to their member entry in forum.ron",
                    sanitize(&silo.lead)
                );
                if !facilitators.is_empty() {
                    let _ = writeln!(o, "{folder} {}", facilitators.join(" "));
                }
            }
        }
    }
    // A shared initiative's file also asks its contributing silos' leads for review; these
    // lines come after the folders' because later lines win.
    for (id, p) in s
        .initiatives
        .iter()
        .filter(|(_, p)| p.initiative.is_shared())
    {
        let file = format!("/forums/{}/initiatives/{}/{id}.ron", s.id, p.silo);
        let mut owners: Vec<String> = Vec::new();
        for silo in p.silos() {
            if let Some(who) = s
                .silos
                .get(silo)
                .and_then(|x| s.member(&x.lead))
                .and_then(owner)
                && !owners.contains(&who)
            {
                owners.push(who);
            }
        }
        for f in &facilitators {
            if !owners.contains(f) {
                owners.push(f.clone());
            }
        }
        if !owners.is_empty() {
            let _ = writeln!(o, "{file} {}", owners.join(" "));
        }
    }
    o
}
