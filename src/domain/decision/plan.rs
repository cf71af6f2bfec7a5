//! The one builder: a [`Motion`] on the forum as it stands → the records it writes, its kind
//! and its commit summary. Pure; `store::decide` serialises and judges the result.

use super::Motion;
use crate::domain::money::money;
use crate::domain::phase::DecisionKind;
use crate::domain::records::{Allocation, Ballot, Forum, Phase, Ranking, RankingMethod, Scorecard};
use crate::domain::snapshot::{RecordKind, RecordRef, Snapshot};

/// A record a decision writes.
#[derive(Debug, Clone, PartialEq)]
pub enum Written {
    Forum(Forum),
    Ranking(Ranking),
    Scorecard(Scorecard),
    Allocation(Allocation),
    Ballot(Ballot),
    Evidence(crate::domain::records::Evidence),
    Priority(crate::domain::records::Priority),
    /// The record is deleted (it stays in history).
    Withdrawn,
}

/// The records a decision writes, its commit summary and its `Decision:` kind.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    pub kind: DecisionKind,
    pub summary: String,
    pub writes: Vec<(RecordRef, Written)>,
}

/// Plans a decision against the forum as loaded; `Err` says why it cannot be made.
pub fn plan(
    snapshot: &Snapshot,
    motion: &Motion,
    reason: &str,
    computed: &[String],
) -> Result<Plan, String> {
    let forum = &snapshot.forum;
    match motion {
        Motion::Advance => {
            let next = forum
                .phase
                .next()
                .ok_or("the forum is closed; there is no phase after Closed")?;
            let mut f = forum.clone();
            f.phase = next;
            let summary = if next == Phase::Scoring {
                let method = snapshot
                    .ranking
                    .as_ref()
                    .map_or("none", |r| r.method.name());
                format!(
                    "Lock the ranking of {} priorities ({method}) and advance to Scoring",
                    snapshot.priorities.len()
                )
            } else {
                format!("Advance from {} to {next}", forum.phase)
            };
            Ok(Plan {
                kind: DecisionKind::Advance,
                summary,
                writes: vec![(forum_ref(snapshot), Written::Forum(f))],
            })
        }
        Motion::Lock { order, manual } => lock(snapshot, order, *manual, reason, computed),
        Motion::Ballot { member, order } => {
            if !forum.members.iter().any(|m| &m.id == member) {
                return Err(format!("`{member}` is not a member of the forum"));
            }
            let verb = if snapshot.ballots.contains_key(member) {
                "Replace"
            } else {
                "Cast"
            };
            Ok(Plan {
                kind: DecisionKind::Ballot,
                summary: format!("{verb} {member}'s ballot ({} priorities)", order.len()),
                writes: vec![(
                    RecordRef::new(RecordKind::Ballot, member),
                    Written::Ballot(Ballot {
                        order: order.clone(),
                    }),
                )],
            })
        }
        Motion::Rank { order, manual } => {
            let method = if *manual {
                RankingMethod::Manual
            } else {
                forum.ranking_method
            };
            let ranking = Ranking {
                order: order.clone(),
                method,
                note: if *manual {
                    reason.trim().to_string()
                } else {
                    String::new()
                },
                computed: if *manual {
                    computed.to_vec()
                } else {
                    Vec::new()
                },
            };
            Ok(Plan {
                kind: DecisionKind::Rank,
                summary: format!("Rank {} priorities ({})", order.len(), method.name()),
                writes: vec![(
                    RecordRef::new(RecordKind::Ranking, "ranking"),
                    Written::Ranking(ranking),
                )],
            })
        }
        Motion::Score { member, scores } => {
            let mut card = snapshot.scorecards.get(member).cloned().unwrap_or_default();
            for (initiative, priority, score) in scores {
                if *score > forum.scale {
                    return Err(format!("scores run 0…{}", forum.scale));
                }
                card.scores
                    .0
                    .entry(initiative.clone())
                    .or_default()
                    .0
                    .insert(priority.clone(), *score);
            }
            Ok(Plan {
                kind: DecisionKind::Score,
                summary: score_summary(member, scores),
                writes: vec![(
                    RecordRef::new(RecordKind::Scorecard, member),
                    Written::Scorecard(card),
                )],
            })
        }
        Motion::Accept { .. } => {
            Err("an accept merges a branch: the worker builds it from the branch".into())
        }
        Motion::Allocate {
            rule,
            budget,
            lines,
        } => {
            let total = lines
                .iter()
                .fold(0u64, |sum, l| sum.saturating_add(l.amount));
            let funded = lines.iter().filter(|l| l.amount > 0).count();
            let allocation = Allocation {
                rule: *rule,
                budget: *budget,
                lines: lines.clone(),
                note: reason.trim().to_string(),
            };
            Ok(Plan {
                kind: DecisionKind::Allocate,
                summary: format!(
                    "Allocate {} of {} to {funded} initiatives ({})",
                    money(total, &forum.currency),
                    money(*budget, &forum.currency),
                    rule.name()
                ),
                writes: vec![(
                    RecordRef::new(RecordKind::Allocation, "allocation"),
                    Written::Allocation(allocation),
                )],
            })
        }
        Motion::Budget { amount } => {
            let mut f = forum.clone();
            f.budget = *amount;
            Ok(Plan {
                kind: DecisionKind::Budget,
                summary: format!(
                    "Set the budget to {} (was {})",
                    money(*amount, &forum.currency),
                    money(forum.budget, &forum.currency)
                ),
                writes: vec![(forum_ref(snapshot), Written::Forum(f))],
            })
        }
        Motion::Reopen { to } => reopen(snapshot, *to, reason),
        Motion::Evidence { id, record, adding } => Ok(Plan {
            kind: DecisionKind::Evidence,
            summary: format!(
                "{} evidence {id}: {}",
                if *adding { "Add" } else { "Change" },
                crate::domain::text::sanitize(&record.title)
            ),
            writes: vec![(
                RecordRef::new(RecordKind::Evidence, id),
                Written::Evidence((**record).clone()),
            )],
        }),
        Motion::Priority { id, record, adding } => Ok(Plan {
            kind: DecisionKind::Priority,
            summary: format!(
                "{} priority {id}: {}",
                if *adding { "Add" } else { "Change" },
                crate::domain::text::sanitize(&record.title)
            ),
            writes: vec![(
                RecordRef::new(RecordKind::Priority, id),
                Written::Priority((**record).clone()),
            )],
        }),
        Motion::Rebudget { amount } => {
            let analysis = crate::domain::analysis::analyse(snapshot);
            let r = crate::domain::rebudget::rebudget(snapshot, &analysis, *amount, reason)?;
            Ok(Plan {
                kind: DecisionKind::Rebudget,
                summary: r.summary,
                writes: vec![
                    (forum_ref(snapshot), Written::Forum(r.forum)),
                    (
                        RecordRef::new(RecordKind::Allocation, "allocation"),
                        Written::Allocation(r.allocation),
                    ),
                ],
            })
        }
    }
}

/// "Score faq for sam (2 priorities)", or for several initiatives
/// "Score 3 initiatives for sam (7 scores)".
fn score_summary(member: &str, scores: &[(String, String, u8)]) -> String {
    let initiatives: std::collections::BTreeSet<&String> =
        scores.iter().map(|(i, _, _)| i).collect();
    match initiatives.iter().next() {
        Some(one) if initiatives.len() == 1 => format!(
            "Score {one} for {member} ({} {})",
            scores.len(),
            if scores.len() == 1 {
                "priority"
            } else {
                "priorities"
            }
        ),
        _ => format!(
            "Score {} initiatives for {member} ({} scores)",
            initiatives.len(),
            scores.len()
        ),
    }
}

fn forum_ref(snapshot: &Snapshot) -> RecordRef {
    RecordRef::new(RecordKind::Forum, &snapshot.id)
}

/// Back to an earlier phase, with a reason; before Allocation the allocation is withdrawn
/// (it stays in history).
fn reopen(snapshot: &Snapshot, to: Phase, reason: &str) -> Result<Plan, String> {
    let forum = &snapshot.forum;
    if to >= forum.phase {
        return Err(format!(
            "reopen takes the forum back: {to} is not before {}",
            forum.phase
        ));
    }
    if reason.trim().is_empty() {
        return Err("reopening the forum needs a reason".into());
    }
    let mut f = forum.clone();
    f.phase = to;
    let mut summary = format!("Reopen the forum to {to}");
    let mut writes = vec![(forum_ref(snapshot), Written::Forum(f))];
    if to < Phase::Allocation && snapshot.allocation.is_some() {
        writes.push((
            RecordRef::new(RecordKind::Allocation, "allocation"),
            Written::Withdrawn,
        ));
        summary.push_str(" (the allocation is withdrawn)");
    }
    Ok(Plan {
        kind: DecisionKind::Reopen,
        summary,
        writes,
    })
}

/// Ranking → Scoring in one commit: the order on screen becomes ranking.ron (unless it is the
/// recorded one) and the phase moves on, so the gate finds a complete ranking.
fn lock(
    snapshot: &Snapshot,
    order: &[String],
    manual: bool,
    reason: &str,
    computed: &[String],
) -> Result<Plan, String> {
    let forum = &snapshot.forum;
    if forum.phase != Phase::Ranking {
        return Err(format!(
            "the ranking is locked when leaving Ranking; the forum is in {}",
            forum.phase
        ));
    }
    if let Some(gap) = crate::domain::phase::ranking_gap(snapshot, Some(&order_ranking(order))) {
        return Err(format!("the ranking must list every priority once: {gap}"));
    }
    let mut f = forum.clone();
    f.phase = Phase::Scoring;
    let mut writes = vec![(forum_ref(snapshot), Written::Forum(f))];
    let same = snapshot
        .ranking
        .as_ref()
        .is_some_and(|r| r.order == order && !manual);
    let method = if manual || forum.ranking_method == RankingMethod::Manual {
        RankingMethod::Manual
    } else {
        forum.ranking_method
    };
    if !same {
        let ranking = Ranking {
            order: order.to_vec(),
            method,
            note: if method == RankingMethod::Manual {
                reason.to_string()
            } else {
                String::new()
            },
            computed: if method == RankingMethod::Manual {
                computed.to_vec()
            } else {
                Vec::new()
            },
        };
        writes.push((
            RecordRef::new(RecordKind::Ranking, "ranking"),
            Written::Ranking(ranking),
        ));
    }
    let shown = if same {
        snapshot.ranking.as_ref().map_or(method, |r| r.method)
    } else {
        method
    };
    Ok(Plan {
        kind: DecisionKind::Advance,
        summary: format!(
            "Lock the ranking of {} priorities ({}) and advance to Scoring",
            order.len(),
            shown.name()
        ),
        writes,
    })
}

fn order_ranking(order: &[String]) -> Ranking {
    Ranking {
        order: order.to_vec(),
        method: RankingMethod::Manual,
        note: String::new(),
        computed: Vec::new(),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::domain::records::Line;

    #[test]
    fn each_decision_writes_its_record() {
        let s = crate::domain::phase::tests::forum(Phase::Scoring);
        let p = plan(&s, &Motion::Advance, "why", &[]).unwrap();
        assert_eq!(p.kind, DecisionKind::Advance);
        assert!(matches!(&p.writes[0].1, Written::Forum(f) if f.phase == Phase::Allocation));
        let p = plan(
            &s,
            &Motion::Score {
                member: "forum".into(),
                scores: vec![("a".into(), "b".into(), 3)],
            },
            "",
            &[],
        )
        .unwrap();
        let Written::Scorecard(c) = &p.writes[0].1 else {
            unreachable!()
        };
        assert_eq!(c.scores.0["a"].0["b"], 3);
        assert!(
            plan(
                &s,
                &Motion::Score {
                    member: "forum".into(),
                    scores: vec![("a".into(), "b".into(), 9)]
                },
                "",
                &[]
            )
            .is_err()
        );
        let lines = vec![Line {
            initiative: "x".into(),
            amount: 5,
            reason: "r".into(),
        }];
        let p = plan(
            &s,
            &Motion::Allocate {
                rule: crate::domain::records::AllocationRule::Optimal,
                budget: 10,
                lines,
            },
            "ok",
            &[],
        )
        .unwrap();
        assert_eq!(p.writes[0].0.relative_path(), "allocation.ron");
        let p = plan(
            &s,
            &Motion::Rank {
                order: vec!["b".into(), "a".into()],
                manual: true,
            },
            "room",
            &["a".into()],
        )
        .unwrap();
        assert!(
            matches!(&p.writes[0].1, Written::Ranking(r) if r.method == RankingMethod::Manual && r.note == "room")
        );
    }
}
