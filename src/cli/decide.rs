//! Decision commands (`advance`, `reopen`, `budget`, and friends): each one commit.
//!
//! Every command loads the forum at its branch tip, builds a [`Decision`], and hands it to
//! `store::decide`, which judges the gates and moves the branch with a compare-and-swap.

pub mod allocation;
pub mod records;

use crate::cli::args::DecisionArgs;
use crate::cli::context::{CmdResult, Global, refuse};
use crate::domain::decision::{Motion, plan};
use crate::domain::finding::closest;
use crate::domain::phase::DecisionKind;
use crate::domain::records::{Phase, Role};
use crate::domain::snapshot::Snapshot;
use crate::domain::text::sanitize;
use crate::store::decide::{Decision, branch_tip, decide_held, forum_branch};
use crate::store::repo::{ForumRepo, Loaded};
use git2::Oid;
use std::process::ExitCode;

/// The forum as loaded at its branch tip, ready for a decision.
pub struct Desk {
    pub repo: ForumRepo,
    pub branch: String,
    pub tip: Oid,
    pub loaded: Loaded,
}

impl Desk {
    /// Opens the repository and loads the forum at the tip of the checked-out branch.
    pub fn open(g: &Global) -> anyhow::Result<Desk> {
        let repo = g.open()?;
        let branch = forum_branch(&repo)?;
        let Some(tip) = branch_tip(&repo, &branch)? else {
            return Err(refuse(
                "the forum's branch has no commits yet",
                Some("create the forum with `roundtable init FORUM --by MEMBER`"),
            ));
        };
        let rev = tip.to_string();
        let id = repo.pick_forum(g.forum.as_deref(), &rev)?;
        let loaded = repo.load_at(&id, &rev)?;
        Ok(Desk {
            repo,
            branch,
            tip,
            loaded,
        })
    }

    /// The forum as it stands.
    pub fn snapshot(&self) -> &Snapshot {
        &self.loaded.snapshot
    }

    /// Starts a decision after checking who decides and who is present.
    pub fn decision(
        &self,
        args: &DecisionArgs,
        kind: DecisionKind,
        summary: impl Into<String>,
    ) -> anyhow::Result<Decision> {
        let s = self.snapshot();
        let by = decider(s, args, kind)?;
        let mut present = Vec::new();
        for p in &args.present {
            let p = p.trim();
            if p.is_empty() {
                continue;
            }
            member_id(s, p)?;
            if !present.iter().any(|x: &String| x == p) {
                present.push(p.to_string());
            }
        }
        if present.is_empty() {
            present.push(by.clone());
        }
        let mut d = Decision::new(
            s.id.clone(),
            kind,
            summary,
            args.reason.clone().unwrap_or_default(),
            by,
        );
        d.present = present;
        Ok(d)
    }

    /// The decision the one builder plans for `motion` on the forum as it stands.
    pub fn planned(
        &self,
        args: &DecisionArgs,
        motion: &Motion,
        computed: &[String],
    ) -> anyhow::Result<Decision> {
        let reason = args.reason.clone().unwrap_or_default();
        let plan = plan(self.snapshot(), motion, &reason, computed).map_err(|e| refuse(e, None))?;
        let base = self.decision(args, plan.kind, plan.summary.clone())?;
        Ok(Decision::planned(
            base.forum,
            &plan,
            base.reason,
            base.decided_by,
            base.present,
        )?)
    }

    /// Writes the decision as one commit and says so; the forum loaded here is the one the
    /// decision is judged on (read once, not again).
    pub fn commit(self, decision: &Decision) -> CmdResult {
        let mut held = Some(self.loaded);
        let decided = decide_held(
            &self.repo,
            &self.branch,
            Some(self.tip),
            decision,
            &mut held,
        )?;
        let hash = decided.commit.to_string();
        println!(
            "{} — {} decision {} on {}",
            sanitize(&decision.summary),
            decision.kind,
            hash.get(..7).unwrap_or(&hash),
            decided.branch.trim_start_matches("refs/heads/")
        );
        Ok(ExitCode::SUCCESS)
    }
}

/// Checks `--by`: a member, and a facilitator for phase moves and allocation.
fn decider(s: &Snapshot, args: &DecisionArgs, kind: DecisionKind) -> anyhow::Result<String> {
    let Some(by) = args.by.as_deref().map(str::trim) else {
        return Err(refuse(
            "say who decides: --by MEMBER",
            Some("every decision is authored by a member of forum.ron"),
        ));
    };
    let member = member_id(s, by)?;
    if kind.needs_facilitator() && member.role != Role::Facilitator {
        return Err(refuse(
            format!(
                "only a facilitator may {}; `{by}` is not one",
                match kind {
                    DecisionKind::Allocate => "allocate the budget",
                    DecisionKind::Reorg => "reorganise silos and members",
                    _ => "move the forum between phases",
                }
            ),
            Some("ask the forum's facilitator to run it (--by FACILITATOR)"),
        ));
    }
    Ok(by.to_string())
}

/// The member with this id, or a refusal with a did-you-mean.
pub fn member_id<'a>(
    s: &'a Snapshot,
    id: &str,
) -> anyhow::Result<&'a crate::domain::records::Member> {
    match s.member(id) {
        Some(m) => Ok(m),
        None => {
            let hint = closest(id, s.forum.members.iter().map(|m| m.id.as_str()))
                .map(|c| format!("did you mean `{c}`?"));
            Err(refuse(
                format!("`{id}` is not a member of the forum"),
                hint.as_deref(),
            ))
        }
    }
}

/// The arguments of `roundtable advance`.
#[derive(Debug, Clone, clap::Args)]
pub struct AdvanceArgs {
    #[command(flatten)]
    pub decision: DecisionArgs,
}

/// `roundtable advance`: one phase forward.
pub fn advance(g: &Global, advance: &AdvanceArgs) -> CmdResult {
    let args = &advance.decision;
    let desk = Desk::open(g)?;
    let d = desk.planned(args, &Motion::Advance, &[])?;
    desk.commit(&d)
}

/// The arguments of `roundtable reopen`.
#[derive(Debug, Clone, clap::Args)]
pub struct ReopenArgs {
    /// The earlier phase to go back to.
    #[arg(long, value_name = "PHASE")]
    pub to: String,
    #[command(flatten)]
    pub decision: DecisionArgs,
}

/// `roundtable reopen --to PHASE`: back to an earlier phase, with a reason.
pub fn reopen(g: &Global, reopen: &ReopenArgs) -> CmdResult {
    let (to, args) = (reopen.to.as_str(), &reopen.decision);
    let Some(to) = Phase::parse(to) else {
        let names: Vec<&str> = Phase::ALL.iter().map(|p| p.name()).collect();
        return Err(refuse(
            format!("`{to}` is not a phase"),
            Some(&format!("phases: {}", names.join(", "))),
        ));
    };
    let desk = Desk::open(g)?;
    let from = desk.snapshot().forum.phase;
    if to >= from {
        return Err(refuse(
            format!("reopen takes the forum back: {to} is not before {from}"),
            Some("to move forward, use `roundtable advance`"),
        ));
    }
    if args.reason.as_deref().is_none_or(|r| r.trim().is_empty()) {
        return Err(refuse(
            "reopening the forum needs a reason",
            Some("add --reason \"why the forum goes back\""),
        ));
    }
    let d = desk.planned(args, &Motion::Reopen { to }, &[])?;
    desk.commit(&d)
}

/// The arguments of `roundtable budget`.
#[derive(Debug, Clone, clap::Args)]
pub struct BudgetArgs {
    /// The new budget, in the forum's currency.
    pub amount: u64,
    #[command(flatten)]
    pub decision: DecisionArgs,
}

/// `roundtable budget AMOUNT`.
pub fn budget(g: &Global, budget: &BudgetArgs) -> CmdResult {
    let (amount, args) = (budget.amount, &budget.decision);
    let desk = Desk::open(g)?;
    if let Some(standing) = &desk.snapshot().allocation {
        // Once money is allocated, the budget and the allocation change together.
        let total = standing
            .lines
            .iter()
            .fold(0u64, |t, l| t.saturating_add(l.amount));
        let cur = &desk.snapshot().forum.currency;
        return Err(refuse(
            format!(
                "the standing allocation totals {}; a budget of {} alone would leave it {}",
                crate::domain::money::money(total, cur),
                crate::domain::money::money(amount, cur),
                if total > amount {
                    "over the budget"
                } else {
                    "as it is, under a budget it was not made for"
                }
            ),
            Some(&format!(
                "change both in one decision: `roundtable rebudget {amount} --by … --reason …` (the rule re-allocates and the commit lists what drops and comes in)"
            )),
        ));
    }
    let d = desk.planned(args, &Motion::Budget { amount }, &[])?;
    desk.commit(&d)
}
