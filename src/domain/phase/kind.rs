//! The kinds of decision, as the `Decision:` trailer names them.

/// The kinds of decision a commit can record (its `Decision:` trailer).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DecisionKind {
    Init,
    Evidence,
    Priority,
    Propose,
    Accept,
    Ballot,
    Rank,
    Score,
    Advance,
    Reopen,
    Allocate,
    Budget,
    Edit,
    /// A reorganisation: a silo renamed or merged, a member's records handed over.
    Reorg,
    /// An action item: who brings what by when.
    Action,
    /// An action item closed.
    CloseAction,
    /// The budget changed together with the allocation (a cut, or more money), after it.
    Rebudget,
    /// A member briefed on the plan endorses or challenges it; or the forum answers a challenge.
    Endorse,
    /// The forum's defence plan against a cut: protected initiatives and the cut order.
    Defence,
    /// A funded initiative's status after the allocation: planned, started, at risk, …
    Progress,
    /// A reading of a priority's or an initiative's goal metric.
    Measure,
    /// Actual spend of the funded initiatives brought back from the books (`import hledger`).
    Actuals,
    /// The forum's verdict on an initiative the last cycle funded: continue, scale back, stop.
    Review,
}

impl DecisionKind {
    /// Every kind, in the format's order (then the extensions documented in docs/format.md).
    pub const ALL: [DecisionKind; 23] = [
        DecisionKind::Init,
        DecisionKind::Evidence,
        DecisionKind::Priority,
        DecisionKind::Propose,
        DecisionKind::Accept,
        DecisionKind::Ballot,
        DecisionKind::Rank,
        DecisionKind::Score,
        DecisionKind::Advance,
        DecisionKind::Reopen,
        DecisionKind::Allocate,
        DecisionKind::Budget,
        DecisionKind::Edit,
        DecisionKind::Reorg,
        DecisionKind::Action,
        DecisionKind::CloseAction,
        DecisionKind::Rebudget,
        DecisionKind::Endorse,
        DecisionKind::Defence,
        DecisionKind::Progress,
        DecisionKind::Measure,
        DecisionKind::Actuals,
        DecisionKind::Review,
    ];

    /// The name as written in the `Decision:` trailer.
    pub fn name(self) -> &'static str {
        match self {
            DecisionKind::Init => "init",
            DecisionKind::Evidence => "evidence",
            DecisionKind::Priority => "priority",
            DecisionKind::Propose => "propose",
            DecisionKind::Accept => "accept",
            DecisionKind::Ballot => "ballot",
            DecisionKind::Rank => "rank",
            DecisionKind::Score => "score",
            DecisionKind::Advance => "advance",
            DecisionKind::Reopen => "reopen",
            DecisionKind::Allocate => "allocate",
            DecisionKind::Budget => "budget",
            DecisionKind::Edit => "edit",
            DecisionKind::Reorg => "reorg",
            DecisionKind::Action => "action",
            DecisionKind::CloseAction => "close-action",
            DecisionKind::Rebudget => "rebudget",
            DecisionKind::Endorse => "endorse",
            DecisionKind::Defence => "defence",
            DecisionKind::Progress => "progress",
            DecisionKind::Measure => "measure",
            DecisionKind::Actuals => "actuals",
            DecisionKind::Review => "review",
        }
    }

    /// Parses a trailer value, case-insensitively.
    pub fn parse(s: &str) -> Option<DecisionKind> {
        let s = s.trim();
        DecisionKind::ALL
            .iter()
            .copied()
            .find(|k| k.name().eq_ignore_ascii_case(s))
    }

    /// True for decisions only a facilitator may make (its definition's authority).
    pub fn needs_facilitator(self) -> bool {
        crate::domain::decision::definition(self).who == crate::domain::decision::Who::Facilitator
    }
}

impl std::fmt::Display for DecisionKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}
