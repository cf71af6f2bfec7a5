//! The decisions the meeting app makes, each with the action that asks for it (a dialog then
//! confirms); a test checks each action is bound in the keymap.

use crate::domain::phase::DecisionKind;
use crate::tui::action::Action;

/// Decision kind → the action that starts it in the app.
pub const DECISION_KEYS: &[(DecisionKind, Action)] = &[
    (DecisionKind::Advance, Action::Advance),
    (DecisionKind::Rank, Action::Commit),
    (DecisionKind::Ballot, Action::Ballot),
    (DecisionKind::Score, Action::Commit),
    (DecisionKind::Allocate, Action::Commit),
    (DecisionKind::Accept, Action::Accept),
    (DecisionKind::Rebudget, Action::Rebudget),
    (DecisionKind::Evidence, Action::NewRecord),
    (DecisionKind::Priority, Action::NewRecord),
];
