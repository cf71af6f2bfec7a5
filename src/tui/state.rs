//! Each screen's own state, held by `App` one struct per screen (see `update/` for the code
//! that changes each one).

use crate::domain::records::{CONSENSUS, Money};
use crate::domain::sensitivity::WhatIf;
use crate::tui::audit::AuditView;
use crate::tui::orders::Sort;
use std::collections::BTreeMap;

/// A member's ballot being cast or edited on the Ranking screen.
#[derive(Debug, Clone, PartialEq)]
pub struct BallotEdit {
    pub member: String,
    pub order: Vec<String>,
    /// The member had a ballot before (replace) or not (cast).
    pub existing: bool,
}

/// Ranking: the room's own order being edited, or a member's ballot.
#[derive(Debug, Default)]
pub struct RankingState {
    pub manual_order: Option<Vec<String>>,
    pub ballot: Option<BallotEdit>,
}

/// Initiatives: how the table is sorted, filtered and searched.
#[derive(Debug)]
pub struct InitiativesState {
    pub sort: Sort,
    pub silo_filter: Option<String>,
    pub search: String,
    pub searching: bool,
    /// The detail pane takes most of the screen.
    pub detail: bool,
}

impl Default for InitiativesState {
    fn default() -> Self {
        InitiativesState {
            sort: Sort::Value,
            silo_filter: None,
            search: String::new(),
            searching: false,
            detail: false,
        }
    }
}

/// One score entered in the room and not committed yet.
pub type ScoreKey = (String, String, String);

/// Scoring: whose card the number keys fill, and the scores entered, per scorer.
#[derive(Debug)]
pub struct ScoringState {
    /// Whose scores the number keys enter (consensus by default).
    pub scorer: String,
    pub revealed: bool,
    /// Score entry is on: digits score the selected priority (off: digits change screen).
    pub entering: bool,
    /// Scores entered in the room, not yet committed: (member, initiative, priority) → score.
    pub pending: BTreeMap<ScoreKey, u8>,
}

impl Default for ScoringState {
    fn default() -> Self {
        ScoringState {
            scorer: CONSENSUS.to_string(),
            revealed: false,
            entering: false,
            pending: BTreeMap::new(),
        }
    }
}

/// Allocation: the what-if budget and its answer, margins, and lines changed by hand.
#[derive(Debug, Default)]
pub struct AllocationState {
    pub whatif: Option<WhatIf>,
    /// The what-if budget, when it differs from the forum's.
    pub whatif_budget: Option<Money>,
    /// Each initiative's value margin, once the worker has it.
    pub margins: BTreeMap<String, Option<f64>>,
    /// Lines changed by hand: initiative → (funded, reason).
    pub manual_lines: BTreeMap<String, (bool, String)>,
}

/// History: the filters and the audit open on it.
#[derive(Debug, Default)]
pub struct HistoryState {
    /// Show only this decision kind.
    pub kind_filter: Option<String>,
    /// Show only decisions this member took or was present for.
    pub member_filter: Option<String>,
    /// The audit open on the History screen, if any.
    pub audit: Option<AuditView>,
}

/// Proposals: the open proposal branches as the worker last read them.
#[derive(Debug, Default)]
pub struct ProposalsState {
    pub open: Vec<crate::store::proposals::OpenProposal>,
    /// Why the proposals could not be read, if they could not.
    pub error: Option<String>,
}

/// The initiatives selected before a load, by id (see `update::selection`).
#[derive(Debug, Default)]
pub struct Kept {
    pub(crate) initiative: Option<String>,
    pub(crate) line: Option<String>,
}

/// One change entered in the room and not committed, as it can be undone (`u`).
#[derive(Debug, Clone, PartialEq)]
pub enum Undo {
    /// A score entered: what the key held before.
    Score { key: ScoreKey, before: Option<u8> },
    /// A line changed by hand: what it was before.
    Line {
        initiative: String,
        before: Option<(bool, String)>,
    },
}
