//! What flows between the event loop, `update` and the worker: messages in, effects out.

use crate::domain::analysis::Analysis;
pub use crate::domain::decision::Motion;
use crate::domain::records::Money;
use crate::domain::sensitivity::WhatIf;
use crate::domain::snapshot::Snapshot;
use crate::tui::action::Action;
use std::sync::Arc;

/// A decision with who took it, why, and who was in the room.
#[derive(Debug, Clone, PartialEq)]
pub struct DecideRequest {
    pub decision: Motion,
    pub by: String,
    pub reason: String,
    pub present: Vec<String>,
    /// The commit (full hash) of the forum the decision's content was computed on: the
    /// worker refuses it as stale when the branch is no longer there.
    pub seen: Option<String>,
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
    /// Seconds since the epoch (what the agenda times the last meeting's steps with).
    pub time: i64,
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

/// How far the analysis of a load has got; each stage replaces the one before on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Stage {
    /// Read from git, the priorities ranked and weighted; no initiative valued yet (the
    /// screens that need values say "computing…"), no decision log.
    Read,
    /// Values and the greedy allocation; the exact solve and the decision log follow.
    Valued,
    /// The exact solve and the decision log: the whole load.
    Exact,
}

/// The forum as read at one commit, analysed as far as [`Fresh::stage`] says.
///
/// The snapshot and the analysis are shared (`Arc`): the worker keeps what it sends, and a
/// forum of 2,000 initiatives is not copied to reach the screen.
#[derive(Debug, Clone)]
pub struct Fresh {
    pub snapshot: Arc<Snapshot>,
    pub analysis: Arc<Analysis>,
    /// Each problem worded for the room (`Problem::in_words`): no path or position.
    pub problems: Vec<String>,
    /// The commit read (full hash; the screens show its first seven characters).
    pub commit: Option<String>,
    pub log: Vec<LogEntry>,
    pub stage: Stage,
    /// Readings of the earlier cycles' forums for the priorities this one still has
    /// (`store::earlier`), for the Results screen's line across cycles.
    pub earlier:
        Arc<std::collections::BTreeMap<String, Vec<(String, crate::domain::results::Reading)>>>,
}

impl Fresh {
    /// True until the exact solve and the decision log have landed.
    pub fn solving(&self) -> bool {
        self.stage < Stage::Exact
    }

    /// True once every initiative has its value (and an allocation, greedy at first).
    pub fn valued(&self) -> bool {
        self.stage >= Stage::Valued
    }
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
    /// A later stage of the load last sent (values, then the exact analysis and the decision
    /// log): replaces it as is, unless a newer load or a later stage is on screen.
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
    /// Where the clone stands against the forum's remote, after a background sync.
    Remote(crate::tui::remote::RemoteStatus),
}

/// What `update` asks the outside world to do.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    Send(Request),
    Quit,
}
