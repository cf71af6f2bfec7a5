//! What a decision made in the room writes: the records that change, the commit's summary and
//! its kind. Pure; the worker hands the result to the store's decide code.

use crate::domain::records::{Allocation, Ballot, Forum, Phase, Ranking, RankingMethod, Scorecard};
use crate::domain::snapshot::{RecordKind, RecordRef, Snapshot};
use crate::tui::msg::Decision;

/// A record a decision writes.
#[derive(Debug, Clone, PartialEq)]
pub enum Written {
    Forum(Forum),
    Ranking(Ranking),
    Scorecard(Scorecard),
    Allocation(Allocation),
    Ballot(Ballot),
}

/// The records a decision writes, its commit summary and its `Decision:` kind.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    pub kind: &'static str,
    pub summary: String,
    pub writes: Vec<(RecordRef, Written)>,
}

/// Plans a decision against the forum as loaded; `Err` says why it cannot be made.
pub fn plan(
    snapshot: &Snapshot,
    decision: &Decision,
    reason: &str,
    computed: &[String],
) -> Result<Plan, String> {
    let forum = &snapshot.forum;
    match decision {
        Decision::Advance => {
            let next = forum
                .phase
                .next()
                .ok_or("the forum is closed: there is no next phase")?;
            let mut f = forum.clone();
            f.phase = next;
            let summary = match (forum.phase, &snapshot.ranking) {
                (crate::domain::records::Phase::Ranking, Some(r)) => {
                    format!(
                        "Lock the ranking of {} priorities ({})",
                        r.order.len(),
                        r.method.name()
                    )
                }
                _ => format!("Advance to {next}"),
            };
            Ok(Plan {
                kind: "advance",
                summary,
                writes: vec![(
                    RecordRef::new(RecordKind::Forum, &snapshot.id),
                    Written::Forum(f),
                )],
            })
        }
        Decision::Lock { order, manual } => lock(snapshot, order, *manual, reason, computed),
        Decision::Ballot { member, order } => {
            if !forum.members.iter().any(|m| &m.id == member) {
                return Err(format!("`{member}` is not a member of the forum"));
            }
            let verb = if snapshot.ballots.contains_key(member) {
                "Replace"
            } else {
                "Cast"
            };
            Ok(Plan {
                kind: "ballot",
                summary: format!("{verb} {member}'s ballot ({} priorities)", order.len()),
                writes: vec![(
                    RecordRef::new(RecordKind::Ballot, member),
                    Written::Ballot(Ballot {
                        order: order.clone(),
                    }),
                )],
            })
        }
        Decision::Rank { order } => {
            let ranking = Ranking {
                order: order.clone(),
                method: RankingMethod::Manual,
                note: reason.to_string(),
                computed: computed.to_vec(),
            };
            Ok(Plan {
                kind: "rank",
                summary: format!("Rank {} priorities by hand", order.len()),
                writes: vec![(
                    RecordRef::new(RecordKind::Ranking, "ranking"),
                    Written::Ranking(ranking),
                )],
            })
        }
        Decision::Score { member, scores } => {
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
            let initiatives: std::collections::BTreeSet<&String> =
                scores.iter().map(|(i, _, _)| i).collect();
            Ok(Plan {
                kind: "score",
                summary: format!(
                    "Score {} initiative(s) on the {member} scorecard",
                    initiatives.len()
                ),
                writes: vec![(
                    RecordRef::new(RecordKind::Scorecard, member),
                    Written::Scorecard(card),
                )],
            })
        }
        Decision::Accept { .. } => {
            Err("an accept merges a branch: the worker builds it from the branch".into())
        }
        Decision::Allocate { budget, lines } => {
            let total: u64 = lines.iter().map(|l| l.amount).sum();
            let allocation = Allocation {
                rule: forum.allocation_rule,
                budget: *budget,
                lines: lines.clone(),
                note: reason.to_string(),
            };
            Ok(Plan {
                kind: "allocate",
                summary: format!(
                    "Allocate {} of {} to {} initiatives",
                    crate::domain::money::amount(total),
                    crate::domain::money::amount(*budget),
                    lines.len()
                ),
                writes: vec![(
                    RecordRef::new(RecordKind::Allocation, "allocation"),
                    Written::Allocation(allocation),
                )],
            })
        }
    }
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
    let mut writes = vec![(
        RecordRef::new(RecordKind::Forum, &snapshot.id),
        Written::Forum(f),
    )];
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
        kind: "advance",
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
    use crate::domain::records::{Line, Phase};

    #[test]
    fn each_decision_writes_its_record() {
        let s = crate::tui::tests::bundled();
        let p = plan(&s, &Decision::Advance, "why", &[]).unwrap();
        assert_eq!(p.kind, "advance");
        assert!(matches!(&p.writes[0].1, Written::Forum(f) if f.phase == Phase::Allocation));
        let p = plan(
            &s,
            &Decision::Score {
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
                &Decision::Score {
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
        let p = plan(&s, &Decision::Allocate { budget: 10, lines }, "ok", &[]).unwrap();
        assert_eq!(p.writes[0].0.relative_path(), "allocation.ron");
        let p = plan(
            &s,
            &Decision::Rank {
                order: vec!["b".into(), "a".into()],
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
