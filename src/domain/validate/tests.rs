use super::*;
use crate::domain::finding::{Severity, Step, field};
use crate::domain::maps::UniqueMap;
use crate::domain::records::*;
use crate::domain::snapshot::Proposal;

fn forum() -> Forum {
    Forum {
        title: "T".into(),
        cycle: "FY".into(),
        currency: "EUR".into(),
        budget: 100,
        phase: Phase::Priorities,
        scale: 4,
        ranking_method: RankingMethod::Schulze,
        weighting: Weighting::RankOrderCentroid,
        allocation_rule: AllocationRule::Optimal,
        recusal: true,
        signing: Default::default(),
        required_evidence: None,
        evidence_max_age_months: None,
        planning_date: None,
        quorum: None,
        defence: None,
        members: vec![Member {
            id: "sam".into(),
            name: "Sam".into(),
            email: "s@example.com".into(),
            silo: "support".into(),
            role: Role::Member,
            handle: None,
            signing_key: None,
            customer: false,
            left: None,
            commitments: Vec::new(),
        }],
    }
}

fn initiative(depends_on: &[&str]) -> Proposal {
    Proposal {
        silo: "support".into(),
        initiative: Initiative {
            title: "I".into(),
            summary: String::new(),
            owner: "sam".into(),
            cost: 10,
            addresses: Vec::new(),
            goal: None,
            depends_on: depends_on.iter().map(|s| s.to_string()).collect(),
            excludes: Vec::new(),
            mandatory: false,
            contributions: Vec::new(),
        },
    }
}

fn snapshot() -> Snapshot {
    let mut s = Snapshot::new("t", forum());
    s.silos.insert(
        "support".into(),
        Silo {
            name: "Support".into(),
            lead: "sam".into(),
            commitment: "c".into(),
            cap: None,
        },
    );
    s
}

fn errors(s: &Snapshot) -> Vec<Finding> {
    validate(s)
        .into_iter()
        .filter(|f| f.severity == Severity::Error)
        .collect()
}

#[test]
fn a_clean_snapshot_has_no_errors() {
    assert_eq!(errors(&snapshot()), Vec::new());
}

#[test]
fn a_three_step_cycle_is_reported_once_from_its_smallest_id() {
    let mut s = snapshot();
    s.initiatives.insert("c".into(), initiative(&["a"]));
    s.initiatives.insert("b".into(), initiative(&["c"]));
    s.initiatives.insert("a".into(), initiative(&["b"]));
    s.initiatives.insert("d".into(), initiative(&["a"]));
    let e = errors(&s);
    assert_eq!(e.len(), 1, "{e:?}");
    assert_eq!(e[0].message, "dependency cycle: a → b → c → a");
    assert_eq!(e[0].record, RecordRef::initiative("support", "a"));
    assert_eq!(e[0].at, vec![field("depends_on"), Step::Index(0)]);
}

#[test]
fn a_long_chain_does_not_overflow() {
    let mut s = snapshot();
    for i in 0..5_000 {
        let dep = format!("i{}", i + 1);
        s.initiatives
            .insert(format!("i{i}"), initiative(&[dep.as_str()]));
    }
    s.initiatives.insert("i5000".into(), initiative(&[]));
    assert!(errors(&s).is_empty());
}

#[test]
fn references_to_broken_records_resolve() {
    let mut s = snapshot();
    s.initiatives.insert("a".into(), initiative(&["gone"]));
    assert_eq!(errors(&s)[0].message, "unknown initiative `gone`");
    let broken = [RecordRef::initiative("support", "gone")];
    assert!(
        validate_around(&s, &broken)
            .iter()
            .all(|f| f.severity != Severity::Error)
    );
}

#[test]
fn explicit_weights_must_be_finite_known_priorities() {
    let mut s = snapshot();
    let w: UniqueMap<f64> = [("x".to_string(), f64::NAN), ("y".to_string(), -1.0)]
        .into_iter()
        .collect();
    s.forum.weighting = Weighting::Explicit(w);
    let messages: Vec<String> = errors(&s).into_iter().map(|f| f.message).collect();
    assert_eq!(messages.len(), 4, "{messages:?}");
    assert!(messages.contains(&"unknown priority `x`".to_string()));
    assert!(messages.iter().any(|m| m.contains("weight of `y` is -1")));
}

#[test]
fn ranking_gaps_are_warnings_before_scoring_and_errors_after() {
    let mut s = snapshot();
    s.priorities.insert(
        "p".into(),
        Priority {
            title: "P".into(),
            customer_problem: String::new(),
            evidence: Vec::new(),
            goal: Goal {
                metric: "m".into(),
                unit: String::new(),
                baseline: 1.0,
                target: 2.0,
                by: None,
            },
        },
    );
    s.ranking = Some(Ranking {
        order: Vec::new(),
        method: RankingMethod::Schulze,
        note: String::new(),
        computed: Vec::new(),
    });
    assert!(errors(&s).is_empty());
    s.forum.phase = Phase::Scoring;
    assert_eq!(errors(&s).len(), 1);
}
