//! `roundtable init FORUM [--from FORUM]`: scaffold a forum as one `init` decision.

use crate::cli::context::{CmdResult, Global, refuse};
use crate::domain::text::sanitize;
use crate::store::decide::{branch_tip, decide, forum_branch};
use crate::store::error::StoreError;
use crate::store::init::{Facilitator, Request, scaffold};
use crate::store::layout::is_valid_id;
use crate::store::repo::ForumRepo;
use git2::{Repository, RepositoryInitOptions};
use std::path::PathBuf;
use std::process::ExitCode;

/// The arguments of `roundtable init`.
#[derive(Debug, Clone, clap::Args)]
pub struct InitArgs {
    /// The new forum's id (its folder under forums/).
    pub forum_id: String,
    /// Carry members, silos, evidence, priorities and unfunded initiatives over.
    #[arg(long, value_name = "FORUM")]
    pub from: Option<String>,
    #[arg(long)]
    pub title: Option<String>,
    #[arg(long)]
    pub cycle: Option<String>,
    #[arg(long)]
    pub budget: Option<u64>,
    #[arg(long)]
    pub currency: Option<String>,
    #[command(flatten)]
    pub decision: crate::cli::args::DecisionArgs,
}

/// Creates `forums/<id>/` in the repository (made with branch `main` when there is none).
pub fn run(g: &Global, args: &InitArgs) -> CmdResult {
    let from = args.from.as_deref();
    let request = Request {
        forum_id: args.forum_id.clone(),
        title: args.title.clone(),
        cycle: args.cycle.clone(),
        budget: args.budget,
        currency: args.currency.clone(),
        by: args.decision.by.clone(),
        reason: args.decision.reason.clone(),
        present: args.decision.present.clone(),
    };
    let id = request.forum_id.clone();
    if !is_valid_id(&id) {
        return Err(refuse(
            format!("`{}` is not a valid forum id", sanitize(&id)),
            Some(
                "ids are lower-case letters, digits and `-`, 1–64 characters, starting with a letter or digit",
            ),
        ));
    }
    let dir = g.repo.clone().unwrap_or_else(|| PathBuf::from("."));
    let repo = match ForumRepo::open(&dir) {
        Ok(r) => r,
        Err(StoreError::NotARepository { .. }) if from.is_none() => {
            let mut opts = RepositoryInitOptions::new();
            opts.initial_head("main").mkpath(true);
            Repository::init_opts(&dir, &opts)?;
            println!("Created a git repository in {}", dir.display());
            ForumRepo::open(&dir)?
        }
        Err(e) => return Err(e.into()),
    };
    let branch = forum_branch(&repo)?;
    let tip = branch_tip(&repo, &branch)?;
    let existing = match tip {
        Some(t) => repo.forum_ids_at(&t.to_string())?,
        None => Vec::new(),
    };
    if existing.contains(&id) {
        return Err(refuse(
            format!("the forum `{}` already exists", sanitize(&id)),
            Some("pick a new id, e.g. the next cycle's"),
        ));
    }
    let loaded = match from {
        Some(f) => {
            let Some(t) = tip.filter(|_| existing.iter().any(|e| e == f)) else {
                return Err(refuse(
                    format!("no forum `{}` to carry over from", sanitize(f)),
                    Some(&format!("forums here: {}", existing.join(", "))),
                ));
            };
            let loaded = repo.load_at(f, &t.to_string())?;
            Some(loaded)
        }
        None => None,
    };
    let decision = scaffold(&request, loaded.as_ref(), &facilitator(&repo))?;
    let done = decide(&repo, &branch, tip, &decision)?;
    let s = &done.loaded.snapshot;
    println!(
        "Created forum {} ({}) in phase Evidence: commit {} by {}.",
        sanitize(&id),
        sanitize(&s.forum.title),
        &done.commit.to_string()[..7],
        sanitize(&decision.decided_by)
    );
    println!(
        "  {} members, {} silos, {} evidence, {} priorities, {} initiatives.",
        s.forum.members.len(),
        s.silos.len(),
        s.evidence.len(),
        s.priorities.len(),
        s.initiatives.len()
    );
    println!("Next: edit forums/{id}/forum.ron (members, budget), then `roundtable check`.");
    Ok(ExitCode::SUCCESS)
}

/// git's configured identity, or a placeholder the facilitator replaces.
fn facilitator(repo: &ForumRepo) -> Facilitator {
    let config = repo.repo.config().ok();
    let get = |key: &str| {
        config
            .as_ref()
            .and_then(|c| c.get_string(key).ok())
            .filter(|v| !v.trim().is_empty())
    };
    Facilitator {
        name: get("user.name").unwrap_or_else(|| "Facilitator".into()),
        email: get("user.email").unwrap_or_else(|| "facilitator@example.com".into()),
    }
}
