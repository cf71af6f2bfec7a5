//! One forum as it stands at one commit (or in the work tree): every record, keyed by id.

use crate::domain::records::{
    ActionItem, Allocation, Ballot, Evidence, Forum, IdMap, Initiative, Priority, Ranking,
    Scorecard, Silo,
};

/// The kinds of record a forum folder holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RecordKind {
    Forum,
    Silo,
    Evidence,
    Priority,
    Ballot,
    Ranking,
    Initiative,
    Scorecard,
    Allocation,
    /// `actions/<id>.ron`: an action item.
    Action,
    /// `endorsements/<id>.ron`: a member's endorsement or challenge of the plan.
    Endorsement,
    /// `delivery/<initiative-id>.ron`: a funded initiative's statuses.
    Delivery,
    /// `readings/<target>.ron`: readings of a goal's metric.
    Readings,
    /// `spend/<initiative-id>.ron`: a funded initiative's actual spend, from the books.
    Spend,
    /// `reviews/<initiative-id>.ron`: an initiative the last cycle funded, carried over for
    /// the forum to continue, scale back or stop.
    Review,
}

impl RecordKind {
    /// The record's type name as written in RON (`Forum(...)`).
    pub fn type_name(self) -> &'static str {
        match self {
            RecordKind::Forum => "Forum",
            RecordKind::Silo => "Silo",
            RecordKind::Evidence => "Evidence",
            RecordKind::Priority => "Priority",
            RecordKind::Ballot => "Ballot",
            RecordKind::Ranking => "Ranking",
            RecordKind::Initiative => "Initiative",
            RecordKind::Scorecard => "Scorecard",
            RecordKind::Allocation => "Allocation",
            RecordKind::Action => "ActionItem",
            RecordKind::Endorsement => "Endorsement",
            RecordKind::Delivery => "Delivery",
            RecordKind::Readings => "Readings",
            RecordKind::Spend => "Spend",
            RecordKind::Review => "Review",
        }
    }
}

/// Names one record of a forum: its kind, its id, and for initiatives its silo.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RecordRef {
    pub kind: RecordKind,
    /// The file stem; empty for `forum.ron`, `ranking.ron` and `allocation.ron`.
    pub id: String,
    /// The silo folder, for initiatives only.
    pub silo: Option<String>,
}

impl RecordRef {
    /// A reference to a record that is not an initiative.
    pub fn new(kind: RecordKind, id: impl Into<String>) -> Self {
        RecordRef {
            kind,
            id: id.into(),
            silo: None,
        }
    }

    /// A reference to an initiative inside its silo's folder.
    pub fn initiative(silo: impl Into<String>, id: impl Into<String>) -> Self {
        RecordRef {
            kind: RecordKind::Initiative,
            id: id.into(),
            silo: Some(silo.into()),
        }
    }

    /// The file's path relative to the forum folder (`initiatives/support/portal.ron`).
    pub fn relative_path(&self) -> String {
        match self.kind {
            RecordKind::Forum => "forum.ron".into(),
            RecordKind::Ranking => "ranking.ron".into(),
            RecordKind::Allocation => "allocation.ron".into(),
            RecordKind::Silo => format!("silos/{}.ron", self.id),
            RecordKind::Evidence => format!("evidence/{}.ron", self.id),
            RecordKind::Priority => format!("priorities/{}.ron", self.id),
            RecordKind::Ballot => format!("ballots/{}.ron", self.id),
            RecordKind::Scorecard => format!("scores/{}.ron", self.id),
            RecordKind::Action => format!("actions/{}.ron", self.id),
            RecordKind::Endorsement => format!("endorsements/{}.ron", self.id),
            RecordKind::Delivery => format!("delivery/{}.ron", self.id),
            RecordKind::Readings => format!("readings/{}.ron", self.id),
            RecordKind::Spend => format!("spend/{}.ron", self.id),
            RecordKind::Review => format!("reviews/{}.ron", self.id),
            RecordKind::Initiative => format!(
                "initiatives/{}/{}.ron",
                self.silo.as_deref().unwrap_or("_"),
                self.id
            ),
        }
    }

    /// The file's path from the repository root (`forums/fy2027-cx/forum.ron`).
    pub fn repo_path(&self, forum_id: &str) -> String {
        format!("forums/{forum_id}/{}", self.relative_path())
    }
}

/// A silo's initiative: the record and the silo folder it was found in.
#[derive(Debug, Clone, PartialEq)]
pub struct Proposal {
    pub silo: String,
    pub initiative: Initiative,
}

impl Proposal {
    /// True when `silo` leads this initiative or contributes to it: its members are recused
    /// from scoring it, and its lead approves a change to it.
    pub fn involves(&self, silo: &str) -> bool {
        self.silo == silo || self.initiative.contributions.iter().any(|c| c.silo == silo)
    }

    /// The lead silo, then the contributing silos in the file's order.
    pub fn silos(&self) -> Vec<&str> {
        std::iter::once(self.silo.as_str())
            .chain(self.initiative.contributing_silos())
            .collect()
    }
}

/// Every record of one forum at one point in its history.
#[derive(Debug, Clone, PartialEq)]
pub struct Snapshot {
    /// The forum id (its folder name under `forums/`).
    pub id: String,
    pub forum: Forum,
    pub silos: IdMap<Silo>,
    pub evidence: IdMap<Evidence>,
    pub priorities: IdMap<Priority>,
    pub ballots: IdMap<Ballot>,
    pub ranking: Option<Ranking>,
    pub initiatives: IdMap<Proposal>,
    pub scorecards: IdMap<Scorecard>,
    pub allocation: Option<Allocation>,
    /// Action items, open and closed.
    pub actions: IdMap<ActionItem>,
    /// Endorsements and challenges of the plan.
    pub endorsements: IdMap<crate::domain::records::Endorsement>,
    /// Funded initiatives' statuses, by initiative id.
    pub delivery: IdMap<crate::domain::records::Delivery>,
    /// Readings of goal metrics, by priority or initiative id.
    pub readings: IdMap<crate::domain::records::Readings>,
    /// Actual spend brought back from the books, by funded initiative.
    pub spend: IdMap<crate::domain::records::Spend>,
    /// The last cycle's funded initiatives under review, by initiative id.
    pub reviews: IdMap<crate::domain::records::Review>,
}

impl Snapshot {
    /// An empty forum around its settings.
    pub fn new(id: impl Into<String>, forum: Forum) -> Self {
        Snapshot {
            id: id.into(),
            forum,
            silos: IdMap::new(),
            evidence: IdMap::new(),
            priorities: IdMap::new(),
            ballots: IdMap::new(),
            ranking: None,
            actions: IdMap::new(),
            endorsements: IdMap::new(),
            delivery: IdMap::new(),
            readings: IdMap::new(),
            spend: IdMap::new(),
            reviews: IdMap::new(),
            initiatives: IdMap::new(),
            scorecards: IdMap::new(),
            allocation: None,
        }
    }

    /// The member with this id, if any.
    pub fn member(&self, id: &str) -> Option<&crate::domain::records::Member> {
        self.forum.members.iter().find(|m| m.id == id)
    }

    /// The initiative with this id, if any.
    pub fn initiative(&self, id: &str) -> Option<&Initiative> {
        self.initiatives.get(id).map(|p| &p.initiative)
    }
}
