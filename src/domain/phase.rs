//! Phases and gates: what each decision may change, judged on a before → after transition.
//!
//! The same judge runs when a decision is made (before anything is written) and when
//! `verify` replays the history, so the two can never disagree.

mod kind;
mod lines;
pub mod reorg;
pub mod reproduce;

pub use kind::DecisionKind;
pub use lines::{allocation_problems, line_funds};

use crate::domain::evidence;
use crate::domain::records::{Allocation, Forum, Phase, Ranking};
use crate::domain::snapshot::Snapshot;
use std::collections::BTreeSet;

/// The gate a transition broke.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Gate {
    /// The phase moved more than one step forward, or not as the decision says.
    PhaseStep,
    /// Going back needs a reason.
    ReopenReason,
    /// Ranking → Scoring needs every priority exactly once in ranking.ron.
    RankingIncomplete,
    /// From Scoring on, the ranking, the priorities and the weighting are locked.
    RankingLocked,
    /// Scorecards are taken in Scoring and later.
    ScoresTooEarly,
    /// allocation.ron exists only in Allocation (and Closed), changes only in Allocation.
    AllocationPhase,
    /// The allocation's lines break a rule (total, reasons, costs, mandatory, dependencies).
    AllocationLines,
    /// New initiatives are accepted up to and including Scoring.
    ProposalsClosed,
    /// Ranking, allocation or phase changed without a `Decision` trailer.
    HandEdit,
    /// A reorganisation changed what the standing allocation's rule funds.
    ReorgAllocation,
    /// Evidence → Priorities needs the evidence the forum requires (`required_evidence`).
    EvidenceMissing,
    /// Priorities → Ranking needs at least one priority.
    NoPriorities,
    /// Evidence → Priorities needs a verdict on every initiative the last cycle funded.
    ReviewOpen,
    /// The decision changed a record its kind, its decider or its phase may not change.
    Authority,
    /// Fewer members present (or ballots cast) than the forum's quorum.
    Quorum,
    /// The commit's author is not the member who decided (or not a member at all).
    Author,
}

impl Gate {
    /// A short stable name, for JSON and logs.
    pub fn name(self) -> &'static str {
        match self {
            Gate::PhaseStep => "phase-step",
            Gate::ReopenReason => "reopen-reason",
            Gate::RankingIncomplete => "ranking-incomplete",
            Gate::RankingLocked => "ranking-locked",
            Gate::ScoresTooEarly => "scores-too-early",
            Gate::AllocationPhase => "allocation-phase",
            Gate::AllocationLines => "allocation-lines",
            Gate::ProposalsClosed => "proposals-closed",
            Gate::HandEdit => "hand-edit",
            Gate::ReorgAllocation => "reorg-allocation",
            Gate::EvidenceMissing => "evidence-missing",
            Gate::NoPriorities => "no-priorities",
            Gate::ReviewOpen => "review-open",
            Gate::Authority => "authority",
            Gate::Quorum => "quorum",
            Gate::Author => "author",
        }
    }
}

/// One broken gate, with a message a facilitator understands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    pub gate: Gate,
    pub message: String,
}

impl Violation {
    /// A broken gate with its message.
    pub fn new(gate: Gate, message: impl Into<String>) -> Self {
        Violation {
            gate,
            message: message.into(),
        }
    }
}

impl std::fmt::Display for Violation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

/// The decision behind a transition: its kind (`None` for a hand edit) and its reason.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Move<'a> {
    pub kind: Option<DecisionKind>,
    pub reason: &'a str,
}

/// Judges one transition `before` → `after` (no `before` for the first commit of a forum).
pub fn judge(before: Option<&Snapshot>, after: &Snapshot, by: Move<'_>) -> Vec<Violation> {
    match before {
        Some(before) => {
            let mut out = judge_change(&Change::between(before, after), after, by);
            if by.kind == Some(DecisionKind::Reorg)
                && let Some(change) = reorg::allocation_change(before, after)
            {
                out.push(Violation::new(Gate::ReorgAllocation, change));
            }
            out
        }
        None => {
            let mut out = Vec::new();
            if !after.scorecards.is_empty() {
                scores_in_phase(after, &mut out);
            }
            if after.forum.phase >= Phase::Scoring {
                ranking_complete(after, &mut out);
            }
            allocation_gate(None, after, by, &mut out);
            out
        }
    }
}

/// What a transition changed, as far as the gates read `before`: its forum settings, ranking
/// and allocation, whether priorities came or went, whether any scorecard changed, and which
/// initiatives arrived. A caller that knows which records changed can build it without a
/// second whole snapshot; [`Change::between`] builds it from two.
#[derive(Debug, Clone)]
pub struct Change<'a> {
    pub forum: &'a Forum,
    pub ranking: Option<&'a Ranking>,
    pub allocation: Option<&'a Allocation>,
    /// A priority was added or removed.
    pub priorities_came_or_went: bool,
    /// A scorecard was added, removed or changed.
    pub scorecards_changed: bool,
    /// Initiatives of `after` that `before` did not have, in id order; only read once the
    /// forum is past Scoring (it may be left empty before).
    pub arrived: Vec<&'a str>,
}

impl<'a> Change<'a> {
    /// The change from one whole snapshot to another.
    pub fn between(before: &'a Snapshot, after: &'a Snapshot) -> Self {
        let arrived = if after.forum.phase > Phase::Scoring {
            after
                .initiatives
                .keys()
                .filter(|id| !before.initiatives.contains_key(*id))
                .map(String::as_str)
                .collect()
        } else {
            Vec::new()
        };
        Change {
            forum: &before.forum,
            ranking: before.ranking.as_ref(),
            allocation: before.allocation.as_ref(),
            priorities_came_or_went: before.priorities.keys().ne(after.priorities.keys()),
            scorecards_changed: before.scorecards != after.scorecards,
            arrived,
        }
    }
}

/// Judges a transition given what it changed (see [`Change`]) and the forum after it; the
/// reorganisation gate, which needs both whole snapshots, is left to [`judge`].
pub fn judge_change(change: &Change<'_>, after: &Snapshot, by: Move<'_>) -> Vec<Violation> {
    let mut out = Vec::new();
    phase_moves(change.forum.phase, after, by, &mut out);
    ranking_lock(change, after, &mut out);
    hand_edits(change, after, by, &mut out);
    if change.scorecards_changed {
        scores_in_phase(after, &mut out);
    }
    allocation_gate(Some(change), after, by, &mut out);
    new_initiatives(change, after, &mut out);
    out
}

/// The problem with `ranking` against the forum's priorities, if any.
pub fn ranking_gap(snapshot: &Snapshot, ranking: Option<&Ranking>) -> Option<String> {
    let Some(ranking) = ranking else {
        return Some("there is no decided ranking yet (rank the priorities first)".into());
    };
    let known: BTreeSet<&str> = snapshot.priorities.keys().map(String::as_str).collect();
    let mut seen = BTreeSet::new();
    for id in &ranking.order {
        if !known.contains(id.as_str()) {
            return Some(format!("the ranking names `{id}`, which is not a priority"));
        }
        if !seen.insert(id.as_str()) {
            return Some(format!("the ranking lists `{id}` twice"));
        }
    }
    let missing: Vec<&str> = known.difference(&seen).copied().collect();
    if !missing.is_empty() {
        return Some(format!(
            "the ranking leaves out {}",
            missing
                .iter()
                .map(|m| format!("`{m}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    None
}

fn ranking_complete(after: &Snapshot, out: &mut Vec<Violation>) {
    if let Some(gap) = ranking_gap(after, after.ranking.as_ref()) {
        out.push(Violation::new(
            Gate::RankingIncomplete,
            format!("scoring starts only once every priority is ranked exactly once: {gap}"),
        ));
    }
}

fn evidence_covered(after: &Snapshot, out: &mut Vec<Violation>) {
    let missing: Vec<String> = evidence::coverage(after)
        .iter()
        .filter(|c| !c.is_met())
        .map(|c| c.label())
        .collect();
    if !missing.is_empty() {
        out.push(Violation::new(
            Gate::EvidenceMissing,
            format!(
                "priorities start from the customer's evidence, and the forum still needs {} (see `required_evidence` in forum.ron)",
                missing.join(", ")
            ),
        ));
    }
}

/// The next cycle starts from the last one: every initiative it funded has the forum's
/// verdict before the new priorities are set.
fn reviews_decided(after: &Snapshot, out: &mut Vec<Violation>) {
    let open: Vec<&str> = after
        .reviews
        .iter()
        .filter(|(_, r)| r.verdict.is_none())
        .map(|(id, _)| id.as_str())
        .collect();
    if let Some(first) = open.first() {
        out.push(Violation::new(
            Gate::ReviewOpen,
            format!(
                "the forum decides continue, scale back or stop for every initiative the last cycle funded; {} still open: {} (run `roundtable review {first} continue|scale-back|stop --reason \"…\" --by …`)",
                open.len(),
                open.join(", ")
            ),
        ));
    }
}

fn phase_moves(from: Phase, after: &Snapshot, by: Move<'_>, out: &mut Vec<Violation>) {
    let to = after.forum.phase;
    let kind = by.kind;
    if to > from {
        if to.index() != from.index() + 1 {
            out.push(Violation::new(
                Gate::PhaseStep,
                format!("the forum advances one phase at a time ({from} → {to} skips a phase)"),
            ));
        }
        if kind.is_some() && kind != Some(DecisionKind::Advance) {
            out.push(Violation::new(
                Gate::PhaseStep,
                format!("only an advance decision moves the forum forward ({from} → {to})"),
            ));
        }
        if from < Phase::Priorities && to >= Phase::Priorities {
            evidence_covered(after, out);
            reviews_decided(after, out);
        }
        if from < Phase::Ranking && to >= Phase::Ranking && after.priorities.is_empty() {
            out.push(Violation::new(
                Gate::NoPriorities,
                "the forum ranks priorities, and there is none yet: add a priority first",
            ));
        }
        if from < Phase::Scoring && to >= Phase::Scoring {
            ranking_complete(after, out);
        }
    } else if to < from {
        if kind.is_some() && kind != Some(DecisionKind::Reopen) {
            out.push(Violation::new(
                Gate::PhaseStep,
                format!("only a reopen decision takes the forum back ({from} → {to})"),
            ));
        }
        if kind == Some(DecisionKind::Reopen) && by.reason.trim().is_empty() {
            out.push(Violation::new(
                Gate::ReopenReason,
                "reopening the forum needs a reason",
            ));
        }
    } else if kind == Some(DecisionKind::Advance) {
        let message = match from.next() {
            Some(next) => format!("an advance moves the forum from {from} to {next}"),
            None => "the forum is closed; there is no phase after Closed".into(),
        };
        out.push(Violation::new(Gate::PhaseStep, message));
    } else if kind == Some(DecisionKind::Reopen) {
        out.push(Violation::new(
            Gate::PhaseStep,
            format!("a reopen takes the forum back to an earlier phase than {from}"),
        ));
    }
}

fn ranking_lock(before: &Change<'_>, after: &Snapshot, out: &mut Vec<Violation>) {
    if before.forum.phase < Phase::Scoring || after.forum.phase < Phase::Scoring {
        return;
    }
    let hint = "reopen the forum to Ranking first";
    if before.ranking != after.ranking.as_ref() {
        out.push(Violation::new(
            Gate::RankingLocked,
            format!("the ranking is locked from Scoring on; {hint}"),
        ));
    }
    if before.priorities_came_or_went {
        out.push(Violation::new(
            Gate::RankingLocked,
            format!("priorities cannot be added or removed once the ranking is locked; {hint}"),
        ));
    }
    if before.forum.weighting != after.forum.weighting {
        out.push(Violation::new(
            Gate::RankingLocked,
            format!("the weighting is locked with the ranking; {hint}"),
        ));
    }
}

fn hand_edits(before: &Change<'_>, after: &Snapshot, by: Move<'_>, out: &mut Vec<Violation>) {
    if by.kind.is_some() {
        return;
    }
    let mut changed = Vec::new();
    if before.forum.phase != after.forum.phase {
        changed.push("the phase");
    }
    if before.ranking != after.ranking.as_ref() {
        changed.push("the ranking");
    }
    if before.allocation != after.allocation.as_ref() {
        changed.push("the allocation");
    }
    if !changed.is_empty() {
        out.push(Violation::new(
            Gate::HandEdit,
            format!(
                "{} changed without a decision (no `Decision:` trailer): a hand edit",
                changed.join(", ")
            ),
        ));
    }
}

fn scores_in_phase(after: &Snapshot, out: &mut Vec<Violation>) {
    if after.forum.phase < Phase::Scoring {
        out.push(Violation::new(
            Gate::ScoresTooEarly,
            format!(
                "scores are taken from the Scoring phase on (the forum is in {})",
                after.forum.phase
            ),
        ));
    }
}

fn allocation_gate(
    before: Option<&Change<'_>>,
    after: &Snapshot,
    by: Move<'_>,
    out: &mut Vec<Violation>,
) {
    let phase = after.forum.phase;
    let changed = before.is_none_or(|b| b.allocation != after.allocation.as_ref());
    if after.allocation.is_none() {
        return;
    }
    if phase < Phase::Scoring {
        let message = if by.kind == Some(DecisionKind::Reopen) {
            "reopening to Ranking or earlier removes the allocation in the same commit"
        } else {
            "budget is allocated only after the priorities are ranked"
        };
        out.push(Violation::new(Gate::AllocationPhase, message));
        return;
    }
    if phase == Phase::Scoring {
        out.push(Violation::new(
            Gate::AllocationPhase,
            "budget is allocated in the Allocation phase: advance the forum first",
        ));
        return;
    }
    if changed && phase == Phase::Closed && by.kind != Some(DecisionKind::Rebudget) {
        out.push(Violation::new(
            Gate::AllocationPhase,
            "the forum is closed: the allocation changes only with the budget (`roundtable rebudget`)",
        ));
    }
    let budget_changed = before.is_none_or(|b| b.forum.budget != after.forum.budget);
    if changed || budget_changed {
        for problem in allocation_problems(after) {
            out.push(Violation::new(Gate::AllocationLines, problem));
        }
    }
}

fn new_initiatives(before: &Change<'_>, after: &Snapshot, out: &mut Vec<Violation>) {
    if after.forum.phase <= Phase::Scoring {
        return;
    }
    for id in &before.arrived {
        out.push(Violation::new(
            Gate::ProposalsClosed,
            format!(
                "new initiatives are accepted up to and including Scoring; `{id}` arrived in {}",
                after.forum.phase
            ),
        ));
    }
}

/// The first violation's message, when a judge found any (convenient for refusals).
pub fn first_message(violations: &[Violation]) -> Option<&str> {
    violations.first().map(|v| v.message.as_str())
}

#[cfg(test)]
pub(crate) mod tests;
