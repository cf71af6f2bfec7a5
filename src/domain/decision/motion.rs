//! A motion put to the forum, typed: the CLI and the meeting app build the same
//! [`Motion`] and hand it to the one builder ([`super::plan`]).

use crate::domain::records::{AllocationRule, Line, Money, Phase};

/// What a front end asks to decide (the who, why and who-was-there travel beside it).
#[derive(Debug, Clone, PartialEq)]
pub enum Motion {
    /// Advance one phase (from Ranking this locks the recorded ranking).
    Advance,
    /// Lock the ranking: write `order` as ranking.ron when it is not the recorded one
    /// (`manual`: the room's own order, a Manual ranking) and advance to Scoring.
    Lock { order: Vec<String>, manual: bool },
    /// Record the ranking: the computed order (`manual: false`, the forum's method) or the
    /// forum's own order (a Manual ranking, with the reason as its note).
    Rank { order: Vec<String>, manual: bool },
    /// Scores for one scorecard: (initiative, priority, score).
    Score {
        member: String,
        scores: Vec<(String, String, u8)>,
    },
    /// One member's ballot, cast or replaced.
    Ballot { member: String, order: Vec<String> },
    /// The allocation as the forum decided it, under a rule and the forum's budget.
    Allocate {
        rule: AllocationRule,
        budget: Money,
        lines: Vec<Line>,
    },
    /// Set the forum's budget.
    Budget { amount: Money },
    /// Change the budget and the allocation together, once one stands.
    Rebudget { amount: Money },
    /// A piece of evidence added or changed (the app's form).
    Evidence {
        id: String,
        record: Box<crate::domain::records::Evidence>,
        adding: bool,
    },
    /// A priority added or changed (the app's form).
    Priority {
        id: String,
        record: Box<crate::domain::records::Priority>,
        adding: bool,
    },
    /// Back to an earlier phase (withdrawing the allocation before Allocation).
    Reopen { to: Phase },
    /// Merge a proposal branch (`accept`); the store builds it from the branch.
    Accept { branch: String },
}

impl Motion {
    /// One line for a confirmation dialog.
    pub fn summary(&self) -> String {
        match self {
            Motion::Advance => "Advance the forum one phase".into(),
            Motion::Lock { manual, .. } => format!(
                "Lock the {} → advance to Scoring",
                if *manual {
                    "room's own order"
                } else {
                    "ranking"
                }
            ),
            Motion::Rank { order, manual } => format!(
                "Rank {} priorities{}",
                order.len(),
                if *manual { " by hand (Manual)" } else { "" }
            ),
            Motion::Score { member, scores } => {
                format!(
                    "Record {} score(s) on the `{member}` scorecard",
                    scores.len()
                )
            }
            Motion::Ballot { member, order } => {
                format!("Record {member}'s ballot ({} priorities)", order.len())
            }
            Motion::Allocate { lines, .. } => {
                format!("Allocate the budget to {} initiative(s)", lines.len())
            }
            Motion::Budget { amount } => format!("Set the budget to {amount}"),
            Motion::Evidence { id, adding, .. } => {
                format!("{} evidence {id}", if *adding { "Add" } else { "Change" })
            }
            Motion::Priority { id, adding, .. } => {
                format!("{} priority {id}", if *adding { "Add" } else { "Change" })
            }
            Motion::Rebudget { amount } => {
                format!(
                    "Change the budget to {} and re-allocate",
                    crate::domain::money::amount(*amount)
                )
            }
            Motion::Reopen { to } => format!("Reopen the forum to {to}"),
            Motion::Accept { branch } => format!("Accept the proposal {branch}"),
        }
    }
}
