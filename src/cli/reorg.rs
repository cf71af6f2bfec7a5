//! `roundtable silo rename|merge` and `roundtable member reassign`: reorganisations as
//! decisions, one commit each, allowed in every phase because they change no numbers.
//!
//! `store::reorg` plans the file moves and reference edits; this file checks who decides,
//! that the standing allocation is still the rule's result afterwards, and commits.

use crate::cli::args::{DecisionArgs, MemberAction, SiloAction};
use crate::cli::context::{CmdResult, Global, refuse};
use crate::cli::decide::Desk;
use crate::domain::phase::DecisionKind;
use crate::domain::phase::reproduce::rule_result;
use crate::store::decide::{Decision, prepare};
use crate::store::reorg::{self, Plan, Refused};
use crate::store::repo::Loaded;
use std::collections::BTreeSet;

/// `roundtable silo rename OLD NEW` and `roundtable silo merge A B`.
pub fn silo(g: &Global, action: &SiloAction) -> CmdResult {
    match action {
        SiloAction::Rename { old, new, decision } => {
            run(g, decision, |l| reorg::rename_silo(l, old, new))
        }
        SiloAction::Merge {
            from,
            into,
            decision,
        } => run(g, decision, |l| reorg::merge_silo(l, from, into)),
    }
}

/// `roundtable member reassign OLD NEW`.
pub fn member(g: &Global, action: &MemberAction) -> CmdResult {
    match action {
        MemberAction::Reassign { old, new, decision } => {
            run(g, decision, |l| reorg::reassign_member(l, old, new))
        }
    }
}

fn run(
    g: &Global,
    args: &DecisionArgs,
    plan: impl FnOnce(&Loaded) -> Result<Plan, Refused>,
) -> CmdResult {
    if args.reason.as_deref().is_none_or(|r| r.trim().is_empty()) {
        return Err(refuse(
            "a reorganisation needs a reason",
            Some("add --reason \"why the forum reorganises\" (the minutes show it)"),
        ));
    }
    let desk = Desk::open(g)?;
    let plan = plan(&desk.loaded).map_err(|r| refuse(r.message, r.hint.as_deref()))?;
    let mut decision = desk.decision(args, DecisionKind::Reorg, plan.summary)?;
    decision.changes = plan.changes;
    keeps_the_allocation(&desk, &decision)?;
    desk.commit(&decision)
}

/// Refuses a reorganisation that would change what the standing allocation's rule funds
/// (a merge can: with recusal, members stop scoring their new silo's initiatives; caps join).
fn keeps_the_allocation(desk: &Desk, decision: &Decision) -> anyhow::Result<()> {
    let before = desk.snapshot();
    let Some(allocation) = &before.allocation else {
        return Ok(());
    };
    let prepared = prepare(&desk.repo, Some(desk.tip), decision)?;
    let funded = |s| -> BTreeSet<String> {
        rule_result(s, allocation.rule)
            .into_iter()
            .map(|(id, _)| id)
            .collect()
    };
    let (was, would) = (funded(before), funded(&prepared.after.snapshot));
    if was == would {
        return Ok(());
    }
    let listed = |a: &BTreeSet<String>, b: &BTreeSet<String>| {
        a.difference(b)
            .map(|id| format!("`{id}`"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut change = Vec::new();
    for (verb, list) in [
        ("stop funding", listed(&was, &would)),
        ("fund", listed(&would, &was)),
    ] {
        if !list.is_empty() {
            change.push(format!("{verb} {list}"));
        }
    }
    Err(refuse(
        format!(
            "after this the {} rule would {}: the standing allocation would no longer be its result",
            allocation.rule.name(),
            change.join(" and ")
        ),
        Some(
            "reorganise before allocating: reopen the forum to Scoring (which withdraws the allocation), reorganise, then allocate again",
        ),
    ))
}
