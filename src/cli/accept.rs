//! `roundtable accept BRANCH`: merge a proposal branch as one `accept` decision commit.

use crate::cli::args::DecisionArgs;
use crate::cli::context::{CmdResult, Global, refuse};
use crate::cli::decide::Desk;
use crate::domain::phase::DecisionKind;
use crate::domain::text::sanitize;
use crate::store::error::StoreError;
use crate::store::proposals::accept_decision;
use std::process::ExitCode;

/// The arguments of `roundtable accept`.
#[derive(Debug, Clone, clap::Args)]
pub struct AcceptArgs {
    /// The proposal branch to merge (proposal/<silo>/<id>).
    pub branch: String,
    #[command(flatten)]
    pub decision: DecisionArgs,
}

/// Checks the proposal against the forum branch's tip and merges it with the trailers.
pub fn run(g: &Global, accept: &AcceptArgs) -> CmdResult {
    let (branch, args) = (accept.branch.as_str(), &accept.decision);
    if args.reason.as_deref().is_none_or(|r| r.trim().is_empty()) {
        return Err(refuse(
            "accepting a proposal needs a reason",
            Some("add --reason \"why the forum takes it\": the minutes and the audit quote it"),
        ));
    }
    // With several forums and no --forum, the forum is the one the branch changes.
    let chosen;
    let g = if g.forum.is_none() {
        let repo = g.open()?;
        let ids = repo.forum_ids_at("HEAD")?;
        if ids.len() > 1 {
            let (_, tip) = crate::store::proposals::find_branch(&repo, branch)?;
            let head = repo.resolve(&crate::store::decide::forum_branch(&repo)?)?;
            chosen = Global {
                forum: Some(crate::cli::forums::of_change(g, &repo, head, tip)?),
                ..g.clone()
            };
            &chosen
        } else {
            g
        }
    } else {
        g
    };
    let desk = Desk::open(g)?;
    // Who decides and who is present, checked with the CLI's hints.
    let checked = desk.decision(args, DecisionKind::Accept, "")?;
    let made = accept_decision(
        &desk.repo,
        &desk.snapshot().id,
        branch,
        &checked.decided_by,
        &checked.reason,
        &checked.present,
    );
    match made {
        Ok(d) => desk.commit(&d),
        Err(StoreError::Refused(message)) => {
            let mut lines = message.lines();
            eprintln!("error: {}", sanitize(lines.next().unwrap_or_default()));
            for line in lines {
                eprintln!("{}", sanitize(line));
            }
            Ok(ExitCode::from(1))
        }
        Err(e) => Err(e.into()),
    }
}
