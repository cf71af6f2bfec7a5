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
    /// For a shared initiative: the contributing silos' leads who approved it,
    /// comma-separated member ids (recorded as `Approved-By:`). A facilitator may accept
    /// without them; the reason then says why.
    #[arg(long, value_name = "a,b", value_delimiter = ',')]
    pub approved_by: Vec<String>,
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
        Ok(mut d) => {
            d.approved_by = approvers(&desk, &d, &accept.approved_by)?;
            desk.commit(&d)
        }
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

/// The `--approved-by` ids, each a member, each once; notes on stderr the contributing leads
/// whose approval is not recorded (the facilitator's reason stands for it).
fn approvers(
    desk: &Desk,
    d: &crate::store::decide::Decision,
    given: &[String],
) -> anyhow::Result<Vec<String>> {
    let s = desk.snapshot();
    let mut out: Vec<String> = Vec::new();
    for id in given.iter().map(|g| g.trim()).filter(|g| !g.is_empty()) {
        if s.member(id).is_none() {
            return Err(refuse(
                format!("`{}` is not a member of the forum", sanitize(id)),
                Some("--approved-by names the contributing silos' leads by member id"),
            ));
        }
        if !out.iter().any(|o| o == id) {
            out.push(id.to_string());
        }
    }
    let forum_prefix = format!("forums/{}/", s.id);
    let mut missing = Vec::new();
    for (path, bytes) in &d.changes {
        let Some(rel) = path.strip_prefix(&forum_prefix) else {
            continue;
        };
        let Some(id) = rel
            .strip_prefix("initiatives/")
            .and_then(|r| r.rsplit('/').next())
            .and_then(|f| f.strip_suffix(".ron"))
        else {
            continue;
        };
        let new = bytes
            .as_ref()
            .and_then(|b| ron::de::from_bytes::<crate::domain::records::Initiative>(b).ok());
        let silos: Vec<String> = new
            .iter()
            .flat_map(|i| i.contributing_silos())
            .chain(
                s.initiative(id)
                    .into_iter()
                    .flat_map(|i| i.contributing_silos()),
            )
            .map(str::to_string)
            .collect();
        for silo in silos {
            if let Some(lead) = s.silos.get(&silo).map(|x| x.lead.clone())
                && !out.contains(&lead)
                && !missing.contains(&lead)
            {
                missing.push(lead);
            }
        }
    }
    if !missing.is_empty() {
        eprintln!(
            "note: accepted without the approval of {} (contributing silos' leads): the reason stands for it",
            sanitize(&missing.join(", "))
        );
    }
    Ok(out)
}
