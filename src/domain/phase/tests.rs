use super::*;
use crate::domain::records::{
    Allocation, AllocationRule, Forum, Goal, Initiative, Line, Priority, RankingMethod, Scorecard,
    Weighting,
};
use crate::domain::snapshot::Proposal;

/// A small forum in `phase` with priorities `a` and `b` (shared with other domain tests).
pub(crate) fn forum(phase: Phase) -> Snapshot {
    let mut s = Snapshot::new(
        "f",
        Forum {
            title: "t".into(),
            cycle: "c".into(),
            currency: "EUR".into(),
            budget: 100,
            phase,
            scale: 4,
            ranking_method: RankingMethod::Schulze,
            weighting: Weighting::RankOrderCentroid,
            allocation_rule: AllocationRule::Optimal,
            recusal: true,
            signing: Default::default(),
            // Nothing required here; `advance_needs_the_required_evidence` tests the default.
            required_evidence: Some(Vec::new()),
            evidence_max_age_months: None,
            planning_date: None,
            quorum: None,
            defence: None,
            members: Vec::new(),
        },
    );
    for p in ["a", "b"] {
        s.priorities.insert(
            p.into(),
            Priority {
                title: p.into(),
                customer_problem: String::new(),
                evidence: Vec::new(),
                goal: Goal {
                    metric: "m".into(),
                    unit: String::new(),
                    baseline: 1.0,
                    target: 0.0,
                    by: None,
                },
            },
        );
    }
    s.initiatives.insert(
        "x".into(),
        Proposal {
            silo: "ops".into(),
            initiative: Initiative {
                title: "x".into(),
                summary: String::new(),
                owner: "sam".into(),
                cost: 60,
                addresses: vec!["a".into()],
                goal: None,
                depends_on: Vec::new(),
                excludes: Vec::new(),
                mandatory: false,
                contributions: Vec::new(),
            },
        },
    );
    s
}

fn ranked(mut s: Snapshot) -> Snapshot {
    s.ranking = Some(Ranking {
        order: vec!["a".into(), "b".into()],
        method: RankingMethod::Schulze,
        note: String::new(),
        computed: Vec::new(),
    });
    s
}

fn at(mut s: Snapshot, phase: Phase) -> Snapshot {
    s.forum.phase = phase;
    s
}

fn gates(before: &Snapshot, after: &Snapshot, kind: Option<DecisionKind>) -> Vec<Gate> {
    judge(
        Some(before),
        after,
        Move {
            kind,
            reason: "because",
        },
    )
    .into_iter()
    .map(|v| v.gate)
    .collect()
}

fn allocated(s: Snapshot, amount: u64) -> Snapshot {
    let mut s = s;
    s.allocation = Some(Allocation {
        rule: AllocationRule::Optimal,
        budget: 100,
        lines: vec![Line {
            initiative: "x".into(),
            amount,
            reason: "the rule funds it".into(),
        }],
        note: String::new(),
    });
    s
}

#[test]
fn advance_one_step_at_a_time() {
    let b = forum(Phase::Evidence);
    assert!(
        gates(
            &b,
            &at(b.clone(), Phase::Priorities),
            Some(DecisionKind::Advance)
        )
        .is_empty()
    );
    assert_eq!(
        gates(
            &b,
            &at(b.clone(), Phase::Ranking),
            Some(DecisionKind::Advance)
        ),
        vec![Gate::PhaseStep]
    );
    assert_eq!(
        gates(&b, &b, Some(DecisionKind::Advance)),
        vec![Gate::PhaseStep]
    );
}

#[test]
fn scoring_needs_a_complete_ranking() {
    let b = forum(Phase::Ranking);
    let v = gates(
        &b,
        &at(b.clone(), Phase::Scoring),
        Some(DecisionKind::Advance),
    );
    assert_eq!(v, vec![Gate::RankingIncomplete]);
    let mut half = ranked(b.clone());
    if let Some(r) = half.ranking.as_mut() {
        r.order.pop();
    }
    let v = gates(&b, &at(half, Phase::Scoring), Some(DecisionKind::Advance));
    assert_eq!(v, vec![Gate::RankingIncomplete]);
    let b = ranked(b);
    assert!(
        gates(
            &b,
            &at(b.clone(), Phase::Scoring),
            Some(DecisionKind::Advance)
        )
        .is_empty()
    );
}

#[test]
fn the_ranking_is_locked_from_scoring() {
    let b = ranked(forum(Phase::Scoring));
    let mut a = b.clone();
    if let Some(r) = a.ranking.as_mut() {
        r.order.reverse();
    }
    assert_eq!(
        gates(&b, &a, Some(DecisionKind::Rank)),
        vec![Gate::RankingLocked]
    );
    let mut w = b.clone();
    w.forum.weighting = Weighting::RankSum;
    assert_eq!(
        gates(&b, &w, Some(DecisionKind::Edit)),
        vec![Gate::RankingLocked]
    );
    // Reopened to Ranking, it may change again.
    let back = at(a, Phase::Ranking);
    assert!(gates(&b, &back, Some(DecisionKind::Reopen)).is_empty());
}

#[test]
fn scores_only_from_scoring() {
    let b = forum(Phase::Ranking);
    let mut a = b.clone();
    a.scorecards.insert("sam".into(), Scorecard::default());
    assert_eq!(
        gates(&b, &a, Some(DecisionKind::Score)),
        vec![Gate::ScoresTooEarly]
    );
}

#[test]
fn allocation_only_after_the_lock_and_within_budget() {
    let b = ranked(forum(Phase::Ranking));
    let v = judge(
        Some(&b),
        &allocated(b.clone(), 60),
        Move {
            kind: Some(DecisionKind::Allocate),
            reason: "r",
        },
    );
    assert_eq!(
        v[0].message,
        "budget is allocated only after the priorities are ranked"
    );
    let b = at(b, Phase::Allocation);
    assert!(gates(&b, &allocated(b.clone(), 60), Some(DecisionKind::Allocate)).is_empty());
    let mut over = allocated(b.clone(), 60);
    over.forum.budget = 50;
    assert!(gates(&b, &over, Some(DecisionKind::Allocate)).contains(&Gate::AllocationLines));
    assert_eq!(
        gates(&b, &allocated(b.clone(), 61), Some(DecisionKind::Allocate)),
        vec![Gate::AllocationLines]
    );
}

#[test]
fn reopen_needs_a_reason_and_drops_the_allocation() {
    let b = allocated(ranked(forum(Phase::Allocation)), 60);
    let keep = at(b.clone(), Phase::Ranking);
    assert_eq!(
        gates(&b, &keep, Some(DecisionKind::Reopen)),
        vec![Gate::AllocationPhase]
    );
    let mut dropped = keep.clone();
    dropped.allocation = None;
    assert!(gates(&b, &dropped, Some(DecisionKind::Reopen)).is_empty());
    let v = judge(
        Some(&b),
        &dropped,
        Move {
            kind: Some(DecisionKind::Reopen),
            reason: " ",
        },
    );
    assert_eq!(v[0].gate, Gate::ReopenReason);
}

#[test]
fn hand_edits_and_late_proposals() {
    let b = ranked(forum(Phase::Allocation));
    assert_eq!(
        gates(&b, &at(b.clone(), Phase::Closed), None),
        vec![Gate::HandEdit]
    );
    let mut a = b.clone();
    let mut late = a.initiatives["x"].clone();
    late.initiative.title = "y".into();
    a.initiatives.insert("y".into(), late);
    assert_eq!(
        gates(&b, &a, Some(DecisionKind::Accept)),
        vec![Gate::ProposalsClosed]
    );
    assert_eq!(DecisionKind::parse("Advance"), Some(DecisionKind::Advance));
}

fn evidence(kind: crate::domain::records::EvidenceKind) -> crate::domain::records::Evidence {
    crate::domain::records::Evidence {
        kind,
        title: "e".into(),
        period: String::new(),
        source: String::new(),
        summary: String::new(),
        metrics: Vec::new(),
        invited: None,
        responded: None,
        segments: Vec::new(),
        carried_from: None,
        session: None,
    }
}

#[test]
fn advance_needs_the_required_evidence() {
    use crate::domain::records::EvidenceKind::*;
    let mut b = forum(Phase::Evidence);
    b.forum.required_evidence = None;
    b.evidence.insert("loss".into(), evidence(LossReview));
    let advance = |b: &Snapshot| {
        judge(
            Some(b),
            &at(b.clone(), Phase::Priorities),
            Move {
                kind: Some(DecisionKind::Advance),
                reason: "",
            },
        )
    };
    let v = advance(&b);
    assert_eq!(v.len(), 1);
    assert_eq!(v[0].gate, Gate::EvidenceMissing);
    assert!(
        v[0].message
            .contains("a complaint trend, a segment profitability or segment movement"),
        "{}",
        v[0].message
    );
    b.evidence.insert("trend".into(), evidence(ComplaintTrend));
    b.evidence.insert("moves".into(), evidence(SegmentMovement));
    assert!(advance(&b).is_empty());
    b.forum.required_evidence = Some(vec![vec![Survey]]);
    assert!(advance(&b)[0].message.contains("needs a survey"));
}

#[test]
fn ranking_needs_a_priority() {
    let mut b = forum(Phase::Priorities);
    let to = |b: &Snapshot| {
        gates(
            b,
            &at(b.clone(), Phase::Ranking),
            Some(DecisionKind::Advance),
        )
    };
    assert!(to(&b).is_empty());
    b.priorities.clear();
    assert_eq!(to(&b), vec![Gate::NoPriorities]);
}
