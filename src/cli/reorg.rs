//! `roundtable silo rename|merge` and `roundtable member reassign`: reorganisations as
//! decisions, one commit each, allowed in every phase because they change no numbers.
//!
//! `store::reorg` plans the file moves and reference edits; this file checks who decides and
//! commits. The gate `reorg-allocation` (domain::phase::reorg) refuses a reorganisation that
//! would change what the standing allocation's rule funds, here and in `verify`.

use crate::cli::args::DecisionArgs;
use crate::cli::context::{CmdResult, Global, refuse};
use crate::cli::decide::Desk;
use crate::domain::phase::DecisionKind;
use crate::store::reorg::{self, Plan, Refused};
use crate::store::repo::Loaded;

/// `roundtable silo …`: the silo reorganisations.
#[derive(Debug, Clone, clap::Subcommand)]
pub enum SiloAction {
    /// Rename a silo, moving its initiatives and every reference.
    Rename {
        old: String,
        new: String,
        #[command(flatten)]
        decision: DecisionArgs,
    },
    /// Merge silo A into silo B.
    Merge {
        from: String,
        into: String,
        #[command(flatten)]
        decision: DecisionArgs,
    },
}

/// `roundtable member …`: handing a member's records over.
#[derive(Debug, Clone, clap::Subcommand)]
pub enum MemberAction {
    /// Reassign everything a member owns or leads to another member.
    Reassign {
        old: String,
        new: String,
        #[command(flatten)]
        decision: DecisionArgs,
    },
}

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
    desk.commit(&decision)
}
