//! The six-initiative forum of METHODS.md, end to end from records.

use super::*;
use crate::domain::records::{
    Forum, Goal, Initiative, Member, Priority, Ranking, Role, Scorecard, Weighting,
};
use crate::domain::snapshot::Proposal;

pub(crate) fn member(id: &str, silo: &str) -> Member {
    Member {
        id: id.into(),
        name: id.into(),
        email: format!("{id}@example.com"),
        silo: silo.into(),
        role: Role::Member,
        handle: None,
        signing_key: None,
        customer: false,
        left: None,
        commitments: Vec::new(),
    }
}

/// Priorities A>B>C>D decided; one consensus scorecard per METHODS.md §4.
pub(crate) fn six_forum() -> Snapshot {
    let forum = Forum {
        title: "Six".into(),
        cycle: "T".into(),
        currency: "EUR".into(),
        budget: 100,
        phase: Phase::Allocation,
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
        members: vec![member("dana", "ops")],
    };
    let mut s = Snapshot::new("six", forum);
    for p in ["a", "b", "c", "d"] {
        s.priorities.insert(
            p.into(),
            Priority {
                title: format!("Priority {p}"),
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
    }
    s.ranking = Some(Ranking {
        order: ["a", "b", "c", "d"].map(String::from).to_vec(),
        method: RankingMethod::Schulze,
        note: String::new(),
        computed: Vec::new(),
    });
    let table: [(&str, u64, [u8; 4], bool); 6] = [
        ("i1", 50, [4, 1, 3, 2], false),
        ("i2", 40, [2, 0, 3, 2], false),
        ("i3", 20, [4, 2, 1, 4], false),
        ("i4", 30, [4, 1, 0, 2], false),
        ("i5", 20, [1, 3, 3, 3], false),
        ("i6", 10, [0, 1, 0, 2], true),
    ];
    let mut card = Scorecard::default();
    for (id, cost, scores, mandatory) in table {
        s.initiatives.insert(
            id.into(),
            Proposal {
                silo: "ops".into(),
                initiative: Initiative {
                    title: format!("Initiative {id}"),
                    summary: String::new(),
                    owner: "dana".into(),
                    cost,
                    addresses: Vec::new(),
                    goal: None,
                    depends_on: Vec::new(),
                    excludes: Vec::new(),
                    mandatory,
                    contributions: Vec::new(),
                },
            },
        );
        let per: crate::domain::maps::UniqueMap<u8> = ["a", "b", "c", "d"]
            .iter()
            .zip(scores)
            .map(|(p, v)| (p.to_string(), v))
            .collect();
        card.scores.insert(id.into(), per);
    }
    s.scorecards.insert("forum".into(), card);
    s
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-4
}

#[test]
fn values_weights_and_portfolios() {
    let a = analyse(&six_forum());
    assert!(a.decided);
    assert!(close(a.weights["a"], 25.0 / 48.0));
    let v = |id: &str| a.valuation(id).map_or(f64::NAN, |v| v.value);
    assert!(close(v("i1"), 2.9167));
    assert!(close(v("i2"), 1.6042));
    assert!(close(v("i3"), 3.0208));
    assert!(close(v("i4"), 2.4792));
    assert!(close(v("i5"), 1.9583));
    assert!(close(v("i6"), 0.3958));
    assert_eq!(a.optimal.funded, ["i1", "i3", "i5", "i6"]);
    assert!(close(a.optimal.total_value, 8.2917));
    assert_eq!(a.greedy.funded, ["i3", "i4", "i5", "i6"]);
    assert!(close(a.greedy.total_value, 7.8542));
    assert_eq!(a.differences.only_optimal, ["i1"]);
    assert!(
        a.valuation("i1")
            .is_some_and(|v| v.consensus && v.funded_optimal)
    );
}

#[test]
fn value_margins_match_methods() {
    let snap = six_forum();
    let a = analyse(&snap);
    let s = sensitivity(&snap, &a);
    let m = |id: &str| s.margins[id].unwrap_or(f64::NAN);
    assert!(close(m("i1"), -0.4375));
    assert!(close(m("i3"), -1.8542));
    assert!(close(m("i5"), -0.7917));
    assert!(close(m("i2"), 0.7917));
    assert!(close(m("i4"), 0.4375));
    assert_eq!(s.margins["i6"], None, "mandatory cannot be forced out");
    assert_eq!(s.margin_priority["i4"].as_deref(), Some("b"));
    assert!((s.margin_points["i4"].unwrap_or(0.0) - 1.615).abs() < 1e-3);
    assert!(s.proven);
}

#[test]
fn weight_thresholds_flip_the_set() {
    let snap = six_forum();
    let a = analyse(&snap);
    let s = sensitivity(&snap, &a);
    for (p, t) in &s.weight_thresholds {
        for (dir, change) in [(1.0, t.up), (-1.0, t.down)] {
            let Some(change) = change else { continue };
            // Just past the threshold the funded set differs; just before it does not.
            let w = |d: f64| t.weight + dir * (change + d);
            let at = |w: f64| {
                let mut weights = a.weights.clone();
                let scale = (1.0 - w) / (1.0 - t.weight);
                for (k, x) in weights.iter_mut() {
                    *x = if k == p { w } else { *x * scale };
                }
                let inst = instance_with(&snap, a.budget, |id| {
                    a.valuation(id)
                        .map_or(0.0, |v| v.scores.iter().map(|(k, s)| weights[k] * s).sum())
                });
                allocation::solve(&inst, &Forcing::default(), DEFAULT_WORK_LIMIT).funded
            };
            if change > 1e-6 {
                assert_eq!(at(w(-1e-6)), a.optimal.funded, "{p} {dir}");
            }
            assert_ne!(at(w(1e-6)), a.optimal.funded, "{p} {dir}");
        }
    }
}

#[test]
fn budget_whatif_lists_drops_and_adds() {
    let snap = six_forum();
    let a = analyse(&snap);
    let w = whatif(&snap, &a, 85);
    assert_eq!(w.budget, 85);
    for id in &w.dropped {
        assert!(a.optimal.funds(id) && !w.funded.contains(id));
    }
    // At 85 the best is {i3,i4,i5,i6} (80): i4 comes in although the budget fell.
    assert_eq!(w.funded, ["i3", "i4", "i5", "i6"]);
    assert_eq!(w.added, ["i4"]);
    assert_eq!(w.dropped, ["i1"]);
    assert!(w.non_nested);
}

#[test]
fn recusal_ignores_own_silo_scores() {
    let mut snap = six_forum();
    snap.scorecards.remove("forum");
    let mut card = Scorecard::default();
    let per: crate::domain::maps::UniqueMap<u8> = [("a".to_string(), 4u8)].into_iter().collect();
    card.scores.insert("i1".into(), per);
    snap.scorecards.insert("dana".into(), card);
    let a = analyse(&snap);
    let v = a.valuation("i1").cloned();
    assert!(
        v.as_ref()
            .is_some_and(|v| v.scorers[0].recused && v.value == 0.0)
    );
    assert!(v.is_some_and(|v| v.flag_names() == ["unscored"]));
    snap.forum.recusal = false;
    let a = analyse(&snap);
    assert!(
        a.valuation("i1")
            .is_some_and(|v| close(v.value, 4.0 * 25.0 / 48.0))
    );
}

#[test]
fn recusal_covers_every_contributing_silo() {
    let mut snap = six_forum();
    snap.scorecards.remove("forum");
    let lee = snap.forum.members[0].clone();
    snap.forum.members.push(crate::domain::records::Member {
        id: "kim".into(),
        name: "Kim".into(),
        silo: "billing".into(),
        ..lee
    });
    let mut card = Scorecard::default();
    let per: crate::domain::maps::UniqueMap<u8> = [("a".to_string(), 4u8)].into_iter().collect();
    card.scores.insert("i1".into(), per);
    snap.scorecards.insert("kim".into(), card);
    let recused = |snap: &Snapshot| {
        analyse(snap)
            .valuation("i1")
            .is_some_and(|v| v.scorers[0].recused)
    };
    assert!(!recused(&snap), "billing has no part in i1 yet");
    if let Some(p) = snap.initiatives.get_mut("i1") {
        p.initiative.contributions = vec![crate::domain::records::Contribution {
            silo: "billing".into(),
            cost: 20,
        }];
    }
    assert!(recused(&snap), "billing contributes to i1: kim is recused");
    let findings = crate::domain::validate::validate(&snap);
    assert!(
        findings
            .iter()
            .any(|f| f.message.contains("their silo `billing` contributes to")),
        "{findings:?}"
    );
}
