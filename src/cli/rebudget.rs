//! `roundtable rebudget AMOUNT`: a budget change once the money is allocated — a mid-year cut
//! or more money — as ONE decision that writes the new budget and the new allocation together.
//! The allocation is the forum's rule at the new budget (mandatory initiatives and
//! dependencies hold, as in every allocation); the commit says what drops and what comes in
//! against what the forum had agreed.

use crate::cli::args::DecisionArgs;
use crate::cli::context::{CmdResult, Global, refuse};
use crate::cli::decide::Desk;
use crate::domain::analysis::analyse;
use crate::domain::phase::DecisionKind;
use crate::domain::records::Phase;
use crate::domain::snapshot::{RecordKind, RecordRef};
use crate::store::decide::to_ron;

/// The arguments of `roundtable rebudget`.
#[derive(Debug, Clone, clap::Args)]
pub struct RebudgetArgs {
    /// The new budget, in the forum's currency (plain digits).
    pub amount: u64,
    #[command(flatten)]
    pub decision: DecisionArgs,
}

/// Changes the budget and re-allocates under the forum's rule, in one commit.
pub fn run(g: &Global, args: &RebudgetArgs) -> CmdResult {
    let desk = Desk::open(g)?;
    let s = desk.snapshot();
    if s.allocation.is_none() {
        return Err(refuse(
            "there is no allocation yet: rebudget changes a standing allocation",
            Some("before the allocation, change the budget with `roundtable budget AMOUNT`"),
        ));
    }
    if s.forum.phase < Phase::Allocation {
        return Err(refuse(
            format!(
                "rebudget works from the Allocation phase on; the forum is in {}",
                s.forum.phase
            ),
            Some("use `roundtable budget AMOUNT`"),
        ));
    }
    let analysis = analyse(s);
    let note = args.decision.reason.clone().unwrap_or_default();
    let r = crate::domain::rebudget::rebudget(s, &analysis, args.amount, &note).map_err(|why| {
        refuse(
            why,
            Some(
                "a budget at least as large as what must be funded (mandatory, protected, needed)",
            ),
        )
    })?;
    let mut d = desk.decision(&args.decision, DecisionKind::Rebudget, r.summary.clone())?;
    d.reason = format!("{}\n\n{}", d.reason.trim(), r.details);
    d.changes.insert(
        RecordRef::new(RecordKind::Forum, "").repo_path(&s.id),
        Some(to_ron(&r.forum)?),
    );
    d.changes.insert(
        RecordRef::new(RecordKind::Allocation, "allocation").repo_path(&s.id),
        Some(to_ron(&r.allocation)?),
    );
    desk.commit(&d)
}
