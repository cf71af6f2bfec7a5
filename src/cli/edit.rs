//! `roundtable edit [PATH…]`: a facilitator's decision that commits the forum's records as
//! edited in the work tree — a setting of forum.ron (the rule, recusal, the scale, the quorum,
//! signing), a silo, an initiative — judged by the gates and the authority model like any
//! other decision. Evidence, priorities, ballots and scores have decisions of their own.

use crate::cli::args::DecisionArgs;
use crate::cli::context::{CmdResult, Global, refuse};
use crate::cli::decide::Desk;
use crate::domain::phase::DecisionKind;
use crate::store::decide::Changes;

/// The arguments of `roundtable edit`.
#[derive(Debug, Clone, clap::Args)]
pub struct EditArgs {
    /// Record files to take from the work tree (default: every changed file of the forum).
    #[arg(value_name = "PATH")]
    pub paths: Vec<String>,
    #[command(flatten)]
    pub decision: DecisionArgs,
}

/// Commits the edited record files of the forum as one `edit` decision.
pub fn run(g: &Global, args: &EditArgs) -> CmdResult {
    let desk = Desk::open(g)?;
    let git = &desk.repo.repo;
    let Some(root) = git.workdir().map(std::path::Path::to_path_buf) else {
        return Err(refuse("a bare repository has no work tree to edit", None));
    };
    let prefix = format!("forums/{}/", desk.snapshot().id);
    let mut options = git2::StatusOptions::new();
    options
        .include_untracked(true)
        .recurse_untracked_dirs(true)
        .pathspec(&prefix);
    let mut changes = Changes::new();
    for entry in git.statuses(Some(&mut options))?.iter() {
        let Ok(path) = entry.path().map(str::to_string) else {
            continue;
        };
        let wanted = args.paths.is_empty()
            || args
                .paths
                .iter()
                .any(|p| path == *p || path.ends_with(&format!("/{}", p.trim_start_matches("./"))));
        if !path.starts_with(&prefix) || !wanted {
            continue;
        }
        let status = entry.status();
        if status.is_wt_deleted() || status.is_index_deleted() {
            changes.insert(path, None);
        } else {
            let bytes = std::fs::read(root.join(&path))?;
            changes.insert(path, Some(bytes));
        }
    }
    if changes.is_empty() {
        return Err(refuse(
            format!("nothing is edited in the work tree under {prefix}"),
            Some(
                "edit the record files, then run `roundtable edit --by FACILITATOR --reason TEXT`",
            ),
        ));
    }
    let names: Vec<&str> = changes
        .keys()
        .map(|p| p.strip_prefix(&prefix).unwrap_or(p))
        .collect();
    let mut d = desk.decision(
        &args.decision,
        DecisionKind::Edit,
        format!("Edit {}", names.join(", ")),
    )?;
    d.changes = changes;
    desk.commit(&d)
}
