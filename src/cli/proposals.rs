//! `roundtable proposals` and `roundtable check --proposal`: open proposal branches and the
//! check a CI job runs on one.

use crate::cli::args::Format;
use crate::cli::context::{CmdResult, Global};
use crate::domain::text::sanitize;
use crate::store::problem::Problem;
use crate::store::proposals::{Base, OpenProposal, Status, check_proposal, open_proposals};
use std::process::ExitCode;

/// The arguments of `roundtable proposals`.
#[derive(Debug, Clone, clap::Args)]
pub struct ProposalsArgs {
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

/// Lists the open proposal branches with their status and the fields that move the score.
///
/// Without `--forum`, every forum of the repository (each item says its forum).
pub fn list(g: &Global, args: &ProposalsArgs) -> CmdResult {
    let format = args.format;
    let repo = g.open()?;
    let forums = crate::cli::forums::covered_at(g, &repo, "HEAD")?;
    let mut items: Vec<serde_json::Value> = Vec::new();
    for forum in &forums {
        let open = open_proposals(&repo, forum)?;
        match format {
            Format::Json => items.extend(open.iter().map(|p| {
                let mut v = json_of(p);
                if let Some(o) = v.as_object_mut() {
                    o.insert("forum".into(), serde_json::Value::String(forum.clone()));
                }
                v
            })),
            Format::Text | Format::Github => {
                if forums.len() > 1 {
                    println!("Forum {}:", sanitize(forum));
                }
                if open.is_empty() {
                    println!(
                        "No open proposals: no unmerged branch changes forums/{}/initiatives/ or evidence/.",
                        sanitize(forum)
                    );
                }
                for p in &open {
                    print_one(p);
                }
            }
        }
    }
    if format == Format::Json {
        crate::cli::json::print(&serde_json::Value::Array(items));
    }
    Ok(ExitCode::SUCCESS)
}

fn print_one(p: &OpenProposal) {
    let hash = p.tip.to_string();
    let status = match &p.status {
        Status::Valid => "✓ valid".to_string(),
        Status::Invalid(lines) => format!("✗ {} problem(s)", lines.len()),
    };
    println!(
        "{}  {}  {}  {}  [{}]  {status}",
        sanitize(&p.branch),
        hash.get(..7).unwrap_or(&hash),
        sanitize(&p.date),
        sanitize(&p.author),
        sanitize(&p.silos.join(", ")),
    );
    println!("    {}", sanitize(&p.summary));
    for pitch in &p.pitches {
        println!(
            "    {}: \"{}\" (owner {})",
            sanitize(&pitch.initiative),
            sanitize(&pitch.title),
            sanitize(&pitch.owner)
        );
    }
    for f in &p.changed {
        println!("    {}", f);
    }
    for f in &p.fields {
        println!("    {}", f);
    }
    for a in &p.approvals {
        println!("    approval: {a}");
    }
    for problem in &p.problems {
        println!("    {problem}");
    }
}

fn split(problems: &[Problem]) -> (Vec<&Problem>, Vec<&Problem>) {
    problems.iter().partition(|p| p.is_error())
}

fn json_of(p: &OpenProposal) -> serde_json::Value {
    let (errors, warnings) = split(&p.problems);
    serde_json::json!({
        "branch": p.branch,
        "ref": p.refname,
        "remote": p.remote,
        "tip": p.tip.to_string(),
        "summary": p.summary,
        "author": p.author,
        "date": p.date,
        "silos": p.silos,
        "changed": p.changed,
        "valid": p.status.is_valid(),
        "status": p.status,
        "errors": errors,
        "warnings": warnings,
        "fields": p.fields,
        "initiatives": p.pitches,
        "approvals": p.approvals,
    })
}

/// `check --proposal --base REV [--rev TIP]`: the change since the merge-base of REV and TIP
/// (default HEAD) must be one silo's initiatives, in a phase that takes proposals, and leave
/// the forum valid. Exit 1 on any error.
pub fn check(g: &Global, rev: Option<&str>, base: &str, format: Format) -> CmdResult {
    let repo = g.open()?;
    let tip_rev = rev.unwrap_or("HEAD");
    let base_oid = repo.resolve(base)?;
    let tip = repo.resolve(tip_rev)?;
    let forum = crate::cli::forums::of_change(g, &repo, base_oid, tip)?;
    let at = Base::at(&repo.repo, &forum, base_oid)?;
    let check = check_proposal(&repo.repo, &at, tip)?;
    if rev.is_none() && uncommitted(&repo.repo) {
        eprintln!(
            "note: uncommitted edits under forums/ are not part of the proposal: commit them and check again"
        );
    }
    match format {
        Format::Json => {
            let (errors, warnings) = split(&check.problems);
            let value = serde_json::json!({
                "errors": errors,
                "warnings": warnings,
                "valid": check.is_valid(),
                "base": base_oid.to_string(),
                "merge_base": check.merge_base.to_string(),
                "tip": tip.to_string(),
                "silos": check.silos,
                "changed": check.changed,
                "fields": check.fields,
                "approvals": check.approvals,
            });
            crate::cli::json::print(&value);
        }
        Format::Github => crate::cli::check::print(&check.problems, Format::Github),
        Format::Text => {
            let short = |s: String| s.chars().take(7).collect::<String>();
            println!(
                "Proposal {} since {} ({}): {} file(s), silo {}",
                sanitize(tip_rev),
                sanitize(base),
                short(check.merge_base.to_string()),
                check.changed.len(),
                if check.silos.is_empty() {
                    "none".to_string()
                } else {
                    sanitize(&check.silos.join(", "))
                }
            );
            for f in &check.changed {
                println!("  {}", f);
            }
            for f in &check.fields {
                println!("  {}", f);
            }
            for a in &check.approvals {
                println!("  approval: {a}");
            }
            crate::cli::check::print(&check.problems, Format::Text);
        }
    }
    Ok(if check.is_valid() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// True when the work tree has edits or new files under `forums/` that HEAD does not hold.
fn uncommitted(git: &git2::Repository) -> bool {
    let mut options = git2::StatusOptions::new();
    options
        .pathspec("forums/")
        .include_untracked(true)
        .recurse_untracked_dirs(true)
        .include_ignored(false);
    git.statuses(Some(&mut options))
        .is_ok_and(|s| s.iter().any(|e| e.status() != git2::Status::CURRENT))
}
