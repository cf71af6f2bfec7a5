//! What flows between the event loop, `update` and the worker: messages in, effects out.

use crate::domain::analysis::Analysis;
use crate::domain::records::{Line, Money};
use crate::domain::sensitivity::WhatIf;
use crate::domain::snapshot::Snapshot;
use crate::tui::action::Action;

/// A decision the room makes; the worker turns it into one commit.
#[derive(Debug, Clone, PartialEq)]
pub enum Decision {
    /// Advance one phase (from Ranking this locks the ranking).
    Advance,
    /// Lock the ranking: write `order` as ranking.ron when it is not the recorded one
    /// (`manual`: the room's own order, a Manual ranking) and advance to Scoring.
    Lock { order: Vec<String>, manual: bool },
    /// The forum's own order of priorities (a Manual ranking).
    Rank { order: Vec<String> },
    /// Scores entered in the room: (initiative, priority, score) for one scorecard.
    Score {
        member: String,
        scores: Vec<(String, String, u8)>,
    },
    /// One member's ballot, cast or replaced.
    Ballot { member: String, order: Vec<String> },
    /// The allocation as the room decided it.
    Allocate { budget: Money, lines: Vec<Line> },
    /// Merge a proposal branch (`accept`).
    Accept { branch: String },
}

impl Decision {
    /// One line for the dialog.
    pub fn summary(&self) -> String {
        match self {
            Decision::Advance => "Advance the forum one phase".into(),
            Decision::Lock { manual, .. } => format!(
                "Lock the {} → advance to Scoring",
                if *manual {
                    "room's own order"
                } else {
                    "ranking"
                }
            ),
            Decision::Rank { order } => format!("Rank {} priorities by hand (Manual)", order.len()),
            Decision::Score { member, scores } => {
                format!(
                    "Record {} score(s) on the `{member}` scorecard",
                    scores.len()
                )
            }
            Decision::Ballot { member, order } => {
                format!("Record {member}'s ballot ({} priorities)", order.len())
            }
            Decision::Allocate { lines, .. } => {
                format!("Allocate the budget to {} initiative(s)", lines.len())
            }
            Decision::Accept { branch } => format!("Accept the proposal {branch}"),
        }
    }
}

/// A decision with who took it, why, and who was in the room.
#[derive(Debug, Clone, PartialEq)]
pub struct DecideRequest {
    pub decision: Decision,
    pub by: String,
    pub reason: String,
    pub present: Vec<String>,
}

/// Work for the worker thread.
#[derive(Debug, Clone, PartialEq)]
pub enum Request {
    /// Read the branch tip and analyse it.
    Load,
    /// Re-solve at another budget.
    WhatIf(Money),
    Decide(DecideRequest),
    /// The audit of one initiative (the chain and its commits).
    Audit(String),
}

/// One entry of the decision log.
#[derive(Debug, Clone, PartialEq)]
pub struct LogEntry {
    pub commit: String,
    pub date: String,
    pub author: String,
    pub kind: String,
    pub summary: String,
    /// The `Decided-By:` member id.
    pub by: String,
    /// The `Present:` member ids.
    pub present: Vec<String>,
    /// The commit's body: why the forum decided it.
    pub reason: String,
}

/// The forum as read at one commit, analysed.
#[derive(Debug, Clone)]
pub struct Fresh {
    pub snapshot: Snapshot,
    pub analysis: Analysis,
    pub problems: Vec<String>,
    pub commit: Option<String>,
    pub log: Vec<LogEntry>,
    /// True for the first, quick analysis of a load: greedy allocation, decision log not
    /// read yet; a [`Msg::Solved`] with the exact result follows.
    pub solving: bool,
}

/// Everything `update` reacts to.
#[derive(Debug, Clone)]
pub enum Msg {
    Action(Action),
    Click {
        x: u16,
        y: u16,
    },
    Scroll {
        down: bool,
    },
    Resize {
        width: u16,
        height: u16,
    },
    Loaded(Box<Fresh>),
    /// The branch moved under the app: reload done, here is what changed.
    Moved {
        fresh: Box<Fresh>,
        what: String,
    },
    /// The exact analysis and the decision log of the load last sent (replaces it as is).
    Solved(Box<Fresh>),
    WhatIf(Box<WhatIf>),
    /// Value margins of the loaded forum (computed after the load, on the worker).
    Margins(std::collections::BTreeMap<String, Option<f64>>),
    Decided {
        commit: String,
        summary: String,
    },
    Refused(String),
    Failed(String),
    /// The worker's audit of one initiative.
    Audit(Box<crate::tui::audit::AuditReply>),
    /// The open proposal branches, read after each load (or why they could not be).
    Proposals(Result<Vec<crate::store::proposals::OpenProposal>, String>),
}

/// What `update` asks the outside world to do.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    Send(Request),
    Quit,
}
