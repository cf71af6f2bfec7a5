//! The table of decision kinds: one [`Definition`] each, read by every front end and `verify`.

use crate::domain::phase::DecisionKind;
use crate::domain::records::Phase;
use crate::domain::snapshot::RecordKind;

/// Who may make a decision of a kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Who {
    /// Any member of the forum.
    Member,
    /// A member whose role is `Facilitator`.
    Facilitator,
    /// The member whose record it is, or a facilitator recording it for a member who is
    /// listed in `Present` (ballots and scorecards).
    Owner,
    /// A member of the silo whose folder the initiative is in, or a facilitator.
    Silo,
}

/// One decision kind: its name, its authority and what its command is called.
#[derive(Debug, Clone, Copy)]
pub struct Definition {
    pub kind: DecisionKind,
    /// Who may make it.
    pub who: Who,
    /// The phases (of the forum before the decision) it may be made in.
    pub phases: &'static [Phase],
    /// The records it may create, change or delete.
    pub records: &'static [RecordKind],
    /// It needs a reason (the commit's body).
    pub reason: bool,
    /// The forum's quorum applies (members present; for `rank` also ballots).
    pub quorum: bool,
    /// The commands that make it (`roundtable …`), for docs and hints; none where only
    /// another decision's path writes it (evidence and priorities arrive with `init`, the
    /// demo's story or a silo's pull request).
    pub commands: &'static [&'static str],
    /// One line for people.
    pub about: &'static str,
}

use Phase::{Allocation, Closed, Evidence, Priorities, Ranking, Scoring};
use RecordKind as R;

const ANY: &[Phase] = &[Evidence, Priorities, Ranking, Scoring, Allocation, Closed];
const OPEN: &[Phase] = &[Evidence, Priorities, Ranking, Scoring, Allocation];
const EVERY_RECORD: &[RecordKind] = &[
    R::Forum,
    R::Silo,
    R::Evidence,
    R::Priority,
    R::Ballot,
    R::Ranking,
    R::Initiative,
    R::Scorecard,
    R::Allocation,
    R::Review,
];

/// Every kind's definition, in the order of [`DecisionKind::ALL`].
pub const DEFINITIONS: [Definition; 23] = [
    Definition {
        kind: DecisionKind::Init,
        who: Who::Facilitator,
        phases: ANY,
        records: EVERY_RECORD,
        reason: false,
        quorum: false,
        commands: &["init"],
        about: "create a forum (or the next cycle's, from the last one)",
    },
    Definition {
        kind: DecisionKind::Evidence,
        who: Who::Member,
        phases: &[Evidence, Priorities],
        records: &[R::Evidence],
        reason: false,
        quorum: false,
        commands: &["evidence"],
        about: "add, change or retire customer evidence",
    },
    Definition {
        kind: DecisionKind::Priority,
        who: Who::Member,
        phases: &[Evidence, Priorities],
        records: &[R::Priority],
        reason: false,
        quorum: false,
        commands: &["priority"],
        about: "add, change or retire a customer-experience priority",
    },
    Definition {
        kind: DecisionKind::Propose,
        who: Who::Silo,
        phases: &[Evidence, Priorities, Ranking, Scoring],
        records: &[R::Initiative],
        reason: false,
        quorum: false,
        commands: &["propose"],
        about: "a silo proposes an initiative directly on the forum's branch",
    },
    Definition {
        kind: DecisionKind::Accept,
        who: Who::Facilitator,
        phases: &[Evidence, Priorities, Ranking, Scoring],
        records: &[R::Initiative, R::Evidence],
        reason: false,
        quorum: false,
        commands: &["accept"],
        about: "merge a silo's proposal branch",
    },
    Definition {
        kind: DecisionKind::Ballot,
        who: Who::Owner,
        phases: &[Evidence, Priorities, Ranking],
        records: &[R::Ballot],
        reason: false,
        quorum: false,
        commands: &["ballot"],
        about: "a member casts or replaces their ballot (frozen by the ranking lock)",
    },
    Definition {
        kind: DecisionKind::Rank,
        who: Who::Facilitator,
        phases: &[Ranking],
        records: &[R::Ranking],
        reason: false,
        quorum: true,
        commands: &["rank"],
        about: "record the ranking (computed from the ballots, or the forum's own order)",
    },
    Definition {
        kind: DecisionKind::Score,
        who: Who::Owner,
        phases: &[Scoring, Allocation],
        records: &[R::Scorecard],
        reason: false,
        quorum: false,
        commands: &["score"],
        about: "a member scores initiatives (frozen by the allocation)",
    },
    Definition {
        kind: DecisionKind::Advance,
        who: Who::Facilitator,
        phases: OPEN,
        records: &[R::Forum, R::Ranking],
        reason: false,
        quorum: true,
        commands: &["advance"],
        about: "move the forum one phase forward (Ranking → Scoring locks the ranking)",
    },
    Definition {
        kind: DecisionKind::Reopen,
        who: Who::Facilitator,
        phases: &[Priorities, Ranking, Scoring, Allocation, Closed],
        records: &[R::Forum, R::Allocation],
        reason: true,
        quorum: false,
        commands: &["reopen"],
        about: "take the forum back to an earlier phase",
    },
    Definition {
        kind: DecisionKind::Allocate,
        who: Who::Facilitator,
        phases: &[Allocation],
        records: &[R::Allocation],
        reason: false,
        quorum: true,
        commands: &["allocate"],
        about: "allocate the budget to initiatives",
    },
    Definition {
        kind: DecisionKind::Budget,
        who: Who::Facilitator,
        phases: OPEN,
        records: &[R::Forum],
        reason: false,
        quorum: false,
        commands: &["budget"],
        about: "set the forum's budget",
    },
    Definition {
        kind: DecisionKind::Edit,
        who: Who::Facilitator,
        phases: ANY,
        records: &[R::Forum, R::Silo, R::Initiative],
        reason: true,
        quorum: false,
        commands: &["edit"],
        about: "change the forum's settings, a silo or an initiative, as the forum decided",
    },
    Definition {
        kind: DecisionKind::Reorg,
        who: Who::Facilitator,
        phases: ANY,
        records: &[R::Forum, R::Silo, R::Initiative],
        reason: true,
        quorum: false,
        commands: &["silo", "member"],
        about: "a reorganisation: a silo renamed or merged, a member's records handed over",
    },
    Definition {
        kind: DecisionKind::Action,
        who: Who::Member,
        phases: ANY,
        records: &[R::Action],
        reason: false,
        quorum: false,
        commands: &["action"],
        about: "record an action item: who brings what by when",
    },
    Definition {
        kind: DecisionKind::CloseAction,
        who: Who::Member,
        phases: ANY,
        records: &[R::Action],
        reason: false,
        quorum: false,
        commands: &["action"],
        about: "close an action item (its owner or a facilitator)",
    },
    Definition {
        kind: DecisionKind::Rebudget,
        who: Who::Facilitator,
        phases: &[Allocation, Closed],
        records: &[R::Forum, R::Allocation],
        reason: true,
        quorum: true,
        commands: &["rebudget"],
        about: "change the budget and the allocation together, once there is one",
    },
    Definition {
        kind: DecisionKind::Endorse,
        who: Who::Member,
        phases: ANY,
        records: &[R::Endorsement],
        reason: true,
        quorum: false,
        commands: &["endorse"],
        about: "a member endorses or challenges the plan; a facilitator answers a challenge",
    },
    Definition {
        kind: DecisionKind::Defence,
        who: Who::Facilitator,
        phases: ANY,
        records: &[R::Forum],
        reason: true,
        quorum: true,
        commands: &["defence"],
        about: "ratify the plan's defence against a cut: protected initiatives, the cut order",
    },
    Definition {
        kind: DecisionKind::Progress,
        who: Who::Silo,
        phases: &[Allocation, Closed],
        records: &[R::Delivery],
        reason: false,
        quorum: false,
        commands: &["status"],
        about: "a funded initiative's status (its silo's lead or a facilitator)",
    },
    Definition {
        kind: DecisionKind::Measure,
        who: Who::Member,
        phases: &[Allocation, Closed],
        records: &[R::Readings],
        reason: false,
        quorum: false,
        commands: &["measure"],
        about: "a reading of a priority's or an initiative's goal metric",
    },
    Definition {
        kind: DecisionKind::Actuals,
        who: Who::Facilitator,
        phases: &[Allocation, Closed],
        records: &[R::Spend],
        reason: false,
        quorum: false,
        commands: &["import"],
        about: "actual spend of the funded initiatives, read from the books (hledger)",
    },
    Definition {
        kind: DecisionKind::Review,
        who: Who::Facilitator,
        phases: &[Evidence],
        records: &[R::Review],
        reason: true,
        quorum: false,
        commands: &["review"],
        about: "continue, scale back or stop an initiative the last cycle funded",
    },
];

/// The definition of a kind.
pub fn definition(kind: DecisionKind) -> &'static Definition {
    DEFINITIONS
        .iter()
        .find(|d| d.kind == kind)
        .unwrap_or(&DEFINITIONS[0])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_one_definition_in_order() {
        assert_eq!(DEFINITIONS.len(), DecisionKind::ALL.len());
        for (d, k) in DEFINITIONS.iter().zip(DecisionKind::ALL) {
            assert_eq!(d.kind, k);
            assert_eq!(definition(k).kind, k);
            assert!(!d.phases.is_empty() && !d.records.is_empty());
        }
    }
}
