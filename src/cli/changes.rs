//! `roundtable changes [--since REV|DATE]`: what changed since the plan was agreed — budget
//! changes, allocation lines added or dropped with their reasons, reorganisations, members
//! who came and went, reopenings — for a new leader, from the decision commits.

use crate::cli::context::{CmdResult, Global, refuse};
use crate::domain::money::{amount, money};
use crate::domain::phase::DecisionKind;
use crate::domain::records::{Allocation, Forum};
use crate::domain::text::sanitize;
use crate::report::brief::PlanChange;
use crate::store::history::{Entry, decision_log};
use crate::store::repo::ForumRepo;
use std::process::ExitCode;

/// The arguments of `roundtable changes`.
#[derive(Debug, Clone, clap::Args)]
pub struct ChangesArgs {
    /// From this revision or day (YYYY-MM-DD) on (default: the first allocation, when the
    /// plan was agreed).
    #[arg(long, value_name = "REV|DATE")]
    pub since: Option<String>,
}

/// The kinds that change the plan after it was agreed.
const PLAN_KINDS: [DecisionKind; 5] = [
    DecisionKind::Allocate,
    DecisionKind::Rebudget,
    DecisionKind::Budget,
    DecisionKind::Reorg,
    DecisionKind::Reopen,
];

/// Prints each change of the plan since it was agreed, oldest first, with its commit.
pub fn run(g: &Global, args: &ChangesArgs) -> CmdResult {
    let repo = g.open()?;
    let forum = repo.pick_forum(g.forum.as_deref(), "HEAD")?;
    let Some(changes) = collect(&repo, &forum, "HEAD", args.since.as_deref())? else {
        println!(
            "No changes: {}",
            if args.since.is_none() {
                "the plan has not been agreed yet (no allocation recorded)"
            } else {
                "no decision since then"
            }
        );
        return Ok(ExitCode::SUCCESS);
    };
    if changes.is_empty() {
        println!("No changes to the plan since then.");
    }
    for c in &changes {
        println!("{}  {}  {:<9} {}", c.commit, c.date, c.kind, c.summary);
        if !c.why.is_empty() {
            println!("    why: {}", c.why);
        }
        for d in &c.details {
            println!("    {d}");
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The changes of the plan on the history up to `rev`, from `since` (a revision or a day;
/// default the first allocation) on; `None` when there is no such starting point. Text is
/// sanitised.
pub fn collect(
    repo: &ForumRepo,
    forum: &str,
    rev: &str,
    since: Option<&str>,
) -> anyhow::Result<Option<Vec<PlanChange>>> {
    let mut log = decision_log(repo, forum, rev)?;
    log.reverse(); // oldest first
    let kind = |e: &Entry| e.decision.as_deref().and_then(DecisionKind::parse);
    let start = match since {
        None => log
            .iter()
            .position(|e| kind(e) == Some(DecisionKind::Allocate)),
        Some(s) if chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok() => {
            log.iter().position(|e| e.date.as_str() >= s)
        }
        Some(rev) => {
            let oid = repo.resolve(rev).map_err(|_| {
                refuse(
                    format!("`{rev}` is neither a revision nor a day"),
                    Some("--since a commit (e.g. 3f2a9c1) or a day (YYYY-MM-DD)"),
                )
            })?;
            match log.iter().position(|e| e.commit == oid.to_string()) {
                Some(i) => Some(i + 1),
                None => return Ok(None),
            }
        }
    };
    let Some(start) = start else {
        return Ok(None);
    };
    let mut previous: Option<(Forum, Option<Allocation>)> = None;
    if start > 0 {
        let loaded = repo.load_at(forum, &log[start - 1].commit)?;
        previous = Some((loaded.snapshot.forum, loaded.snapshot.allocation));
    }
    let mut out = Vec::new();
    for e in &log[start..] {
        let Some(k) = kind(e) else { continue };
        if !PLAN_KINDS.contains(&k) {
            continue;
        }
        let loaded = repo.load_at(forum, &e.commit)?;
        let s = &loaded.snapshot;
        let mut details = Vec::new();
        if let Some((was_forum, was_allocation)) = &previous {
            let cur = &s.forum.currency;
            if was_forum.budget != s.forum.budget {
                details.push(format!(
                    "budget: {} → {}",
                    money(was_forum.budget, cur),
                    money(s.forum.budget, cur)
                ));
            }
            for m in &s.forum.members {
                match was_forum.members.iter().find(|w| w.id == m.id) {
                    None => details.push(format!(
                        "joined: {} ({}, {})",
                        sanitize(&m.name),
                        m.id,
                        m.silo
                    )),
                    Some(w) if w.left.is_none() && m.left.is_some() => details.push(format!(
                        "left: {} ({}) on {}",
                        sanitize(&m.name),
                        m.id,
                        sanitize(m.left.as_deref().unwrap_or(""))
                    )),
                    Some(w) if w.silo != m.silo => {
                        details.push(format!("moved: {} from {} to {}", m.id, w.silo, m.silo));
                    }
                    _ => {}
                }
            }
            lines(
                was_allocation.as_ref(),
                s.allocation.as_ref(),
                s,
                &mut details,
            );
        }
        out.push(PlanChange {
            commit: e.commit.chars().take(7).collect(),
            date: sanitize(&e.date),
            kind: k.name().to_string(),
            summary: sanitize(&e.summary),
            why: e
                .reason
                .lines()
                .find(|l| !l.trim().is_empty())
                .map(sanitize)
                .unwrap_or_default(),
            details,
        });
        previous = Some((s.forum.clone(), s.allocation.clone()));
    }
    Ok(Some(out))
}

/// The allocation lines that came in, dropped or changed between two allocations.
fn lines(
    was: Option<&Allocation>,
    now: Option<&Allocation>,
    s: &crate::domain::snapshot::Snapshot,
    out: &mut Vec<String>,
) {
    let funded = |a: Option<&Allocation>, id: &str| {
        a.and_then(|a| a.lines.iter().find(|l| l.initiative == id && l.amount > 0))
            .map(|l| l.amount)
    };
    let mut ids: Vec<&str> = Vec::new();
    for a in [was, now].into_iter().flatten() {
        for l in &a.lines {
            if !ids.contains(&l.initiative.as_str()) {
                ids.push(&l.initiative);
            }
        }
    }
    for id in ids {
        let title = s
            .initiative(id)
            .map_or_else(|| sanitize(id), |i| sanitize(&i.title));
        let reason = now
            .and_then(|a| a.lines.iter().find(|l| l.initiative == id))
            .map(|l| sanitize(&l.reason))
            .filter(|r| !r.is_empty())
            .map(|r| format!(" ({r})"))
            .unwrap_or_default();
        match (funded(was, id), funded(now, id)) {
            (Some(a), None) => out.push(format!("dropped: {title}, had {}{reason}", amount(a))),
            (None, Some(b)) if was.is_some() => {
                out.push(format!("added: {title}, {}{reason}", amount(b)));
            }
            (Some(a), Some(b)) if a != b => {
                out.push(format!(
                    "changed: {title}, {} → {}{reason}",
                    amount(a),
                    amount(b)
                ));
            }
            _ => {}
        }
    }
}
