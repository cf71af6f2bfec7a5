//! The meeting's agenda: what the forum has to decide to reach the next phase, in order,
//! with the time each step took at the last meeting, and the action items past their date.

use crate::domain::phase::{DecisionKind, Move, judge};
use crate::domain::records::Phase;
use crate::domain::snapshot::Snapshot;
use serde::Serialize;
use std::collections::BTreeMap;

/// One step of the agenda.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Step {
    /// The decision kind that takes the step.
    pub kind: String,
    /// The step in words.
    pub what: String,
    /// The command that makes it.
    pub command: String,
    /// Seconds the step took at the last meeting, when it was taken there.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_time: Option<i64>,
    /// What still stands in the way (for the final `advance`: the phase gates it breaks).
    pub blockers: Vec<String>,
}

/// The agenda from the forum's phase to the next.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Agenda {
    pub phase: Phase,
    /// `None` when the forum is closed.
    pub next: Option<Phase>,
    /// Open action items past their date: (id, owner, due, text).
    pub overdue: Vec<(String, String, String, String)>,
    pub steps: Vec<Step>,
}

/// The decisions that lead from `phase` to the next, before the `advance` itself.
fn path(phase: Phase) -> &'static [(DecisionKind, &'static str)] {
    match phase {
        Phase::Evidence => &[(
            DecisionKind::Evidence,
            "Record the customer evidence the forum requires",
        )],
        Phase::Priorities => &[(
            DecisionKind::Priority,
            "Agree the priorities, each on its evidence",
        )],
        Phase::Ranking => &[
            (DecisionKind::Ballot, "Every member casts a ballot"),
            (DecisionKind::Rank, "Rank the priorities"),
        ],
        Phase::Scoring => &[(
            DecisionKind::Score,
            "Score every initiative (consensus card)",
        )],
        Phase::Allocation => &[(DecisionKind::Allocate, "Allocate the budget")],
        Phase::Closed => &[],
    }
}

/// The seconds each decision kind took at a meeting: `decisions` are (kind, time in seconds
/// since the epoch) of one meeting, oldest first; each took the time since the one before
/// (the first, none: nothing says when the meeting began).
pub fn durations(decisions: &[(DecisionKind, i64)]) -> BTreeMap<DecisionKind, i64> {
    let mut out = BTreeMap::new();
    for pair in decisions.windows(2) {
        let took = (pair[1].1 - pair[0].1).max(0);
        *out.entry(pair[1].0).or_insert(0) += took;
    }
    out
}

/// The agenda of `s` on `today` (`YYYY-MM-DD`), with the times of the last meeting and the
/// gates the final `advance` still breaks.
pub fn agenda(s: &Snapshot, today: &str, last: &BTreeMap<DecisionKind, i64>) -> Agenda {
    with_gates(s, today, last, true)
}

/// The agenda without judging the `advance` (no copy of the forum: cheap enough to draw).
pub fn outline(s: &Snapshot, today: &str, last: &BTreeMap<DecisionKind, i64>) -> Agenda {
    with_gates(s, today, last, false)
}

fn with_gates(
    s: &Snapshot,
    today: &str,
    last: &BTreeMap<DecisionKind, i64>,
    gates: bool,
) -> Agenda {
    let phase = s.forum.phase;
    let next = phase.next();
    let overdue = s
        .actions
        .iter()
        .filter(|(_, a)| a.is_overdue(today))
        .map(|(id, a)| (id.clone(), a.owner.clone(), a.due.clone(), a.text.clone()))
        .collect();
    let mut steps: Vec<Step> = path(phase)
        .iter()
        .map(|(kind, what)| Step {
            kind: kind.name().to_string(),
            what: (*what).to_string(),
            command: format!("roundtable {}", kind.name()),
            last_time: last.get(kind).copied(),
            blockers: Vec::new(),
        })
        .collect();
    if phase == Phase::Evidence && !s.reviews.is_empty() {
        let open_reviews: Vec<&str> = s
            .reviews
            .iter()
            .filter(|(_, r)| r.verdict.is_none())
            .map(|(id, _)| id.as_str())
            .collect();
        // The next cycle starts from the last one: its funded initiatives are decided first.
        steps.insert(
            0,
            Step {
                kind: DecisionKind::Review.name().to_string(),
                what: "Review the last cycle's funded initiatives: continue, scale back or stop"
                    .to_string(),
                command: "roundtable review".to_string(),
                last_time: last.get(&DecisionKind::Review).copied(),
                blockers: if open_reviews.is_empty() {
                    Vec::new()
                } else {
                    vec![format!(
                        "{} of {}: {}",
                        open_reviews.len(),
                        s.reviews.len(),
                        open_reviews.join(", ")
                    )]
                },
            },
        );
    }
    if phase == Phase::Ranking {
        let missing: Vec<String> = s
            .forum
            .members
            .iter()
            .filter(|m| {
                m.role != crate::domain::records::Role::Observer && !s.ballots.contains_key(&m.id)
            })
            .map(|m| m.id.clone())
            .collect();
        if let Some(step) = steps.first_mut()
            && !missing.is_empty()
        {
            step.blockers
                .push(format!("no ballot yet from {}", missing.join(", ")));
        }
    }
    if let Some(next) = next {
        let blockers = if gates {
            let mut after = s.clone();
            after.forum.phase = next;
            let by = Move {
                kind: Some(DecisionKind::Advance),
                reason: "agenda",
            };
            judge(Some(s), &after, by)
                .into_iter()
                .map(|v| v.message)
                .collect()
        } else {
            Vec::new()
        };
        steps.push(Step {
            kind: DecisionKind::Advance.name().to_string(),
            what: format!("Advance to {next}"),
            command: "roundtable advance".into(),
            last_time: last.get(&DecisionKind::Advance).copied(),
            blockers,
        });
    }
    Agenda {
        phase,
        next,
        overdue,
        steps,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_decision_took_the_time_since_the_one_before() {
        let d = durations(&[
            (DecisionKind::Ballot, 1000),
            (DecisionKind::Ballot, 1300),
            (DecisionKind::Rank, 1900),
            (DecisionKind::Advance, 1960),
        ]);
        assert_eq!(d.get(&DecisionKind::Ballot), Some(&300));
        assert_eq!(d.get(&DecisionKind::Rank), Some(&600));
        assert_eq!(d.get(&DecisionKind::Advance), Some(&60));
        assert_eq!(durations(&[(DecisionKind::Rank, 5)]).len(), 0);
    }

    #[test]
    fn the_agenda_lists_the_steps_to_the_next_phase_and_what_is_late() {
        use crate::domain::records::{ActionItem, Phase};
        let mut s = crate::domain::analysis::tests::six_forum();
        s.forum.phase = Phase::Ranking;
        s.ballots.clear();
        s.actions.insert(
            "crm".into(),
            ActionItem {
                owner: "dana".into(),
                due: "2026-11-30".into(),
                text: "CRM cost".into(),
                closed: None,
            },
        );
        let last = durations(&[(DecisionKind::Evidence, 0), (DecisionKind::Ballot, 600)]);
        let a = agenda(&s, "2026-12-01", &last);
        assert_eq!(a.next, Some(Phase::Scoring));
        let kinds: Vec<&str> = a.steps.iter().map(|x| x.kind.as_str()).collect();
        assert_eq!(kinds, ["ballot", "rank", "advance"]);
        assert_eq!(a.steps[0].blockers, ["no ballot yet from dana"]);
        assert_eq!(a.steps[0].last_time, Some(600));
        assert_eq!(a.overdue.len(), 1);
        assert!(agenda(&s, "2026-11-30", &last).overdue.is_empty());
        // The outline skips the gates; the agenda names what the advance still breaks.
        assert!(
            outline(&s, "2026-12-01", &last).steps[2]
                .blockers
                .is_empty()
        );
        s.forum.phase = Phase::Closed;
        assert!(agenda(&s, "2026-12-01", &last).steps.is_empty());
    }
}
