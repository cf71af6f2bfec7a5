//! METHODS.md §4's six-initiative vector, and the solver's edges.

use super::brute::brute_force;
use super::*;

fn cand(id: &str, cost: Money, value: f64) -> Candidate {
    Candidate {
        id: id.into(),
        silo: "s".into(),
        cost,
        value,
        mandatory: false,
        depends_on: Vec::new(),
        excludes: Vec::new(),
    }
}

/// Budget 100; values under ROC n=4 (in 48ths).
pub(crate) fn six() -> Instance {
    let mut i6 = cand("I6", 10, 19.0 / 48.0);
    i6.mandatory = true;
    Instance {
        candidates: vec![
            cand("I1", 50, 140.0 / 48.0),
            cand("I2", 40, 77.0 / 48.0),
            cand("I3", 20, 145.0 / 48.0),
            cand("I4", 30, 119.0 / 48.0),
            cand("I5", 20, 94.0 / 48.0),
            i6,
        ],
        budget: 100,
        caps: BTreeMap::new(),
    }
}

fn ids(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

#[test]
fn six_greedy() {
    let (g, steps) = greedy(&six());
    assert_eq!(g.funded, ids(&["I3", "I4", "I5", "I6"]));
    assert_eq!(g.total_cost, 80);
    assert!((g.total_value - 7.8542).abs() < 1e-4);
    let order: Vec<&str> = steps.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(order, ["I3", "I5", "I4", "I1", "I2", "I6"]);
    let i1 = steps
        .iter()
        .find(|s| s.id == "I1")
        .map(|s| s.reason.clone());
    assert_eq!(i1.as_deref(), Some("it costs 50, only 20 left"));
}

#[test]
fn six_exact() {
    let p = solve(&six(), &Forcing::default(), DEFAULT_WORK_LIMIT);
    assert_eq!(p.funded, ids(&["I1", "I3", "I5", "I6"]));
    assert_eq!(p.total_cost, 100);
    assert!((p.total_value - 8.2917).abs() < 1e-4);
    assert!(p.proven_optimal);
    assert_eq!(brute_force(&six()).map(|b| b.funded), Some(p.funded));
}

#[test]
fn six_exact_with_dependency() {
    let mut inst = six();
    inst.candidates[4].depends_on = vec!["I4".into()];
    let p = solve(&inst, &Forcing::default(), DEFAULT_WORK_LIMIT);
    assert_eq!(p.funded, ids(&["I3", "I4", "I5", "I6"]));
    assert!((p.total_value - 7.8542).abs() < 1e-4);
    assert_eq!(brute_force(&inst).map(|b| b.funded), Some(p.funded));
}

#[test]
fn differences_explain_greedy() {
    let inst = six();
    let p = solve(&inst, &Forcing::default(), DEFAULT_WORK_LIMIT);
    let (g, steps) = greedy(&inst);
    let d = differences(inst.budget, &p, &g, &steps);
    assert_eq!(d.only_optimal, ids(&["I1"]));
    assert_eq!(d.only_greedy, ids(&["I4"]));
    assert_eq!(d.greedy_unspent, 20);
    assert!((d.value_gain - 0.4375).abs() < 1e-4);
    assert!(d.reasons["I1"].contains("only 20 left"));
}

#[test]
fn infeasible_mandatory_over_budget() {
    let mut inst = six();
    inst.budget = 5;
    let p = solve(&inst, &Forcing::default(), DEFAULT_WORK_LIMIT);
    assert!(!p.feasible);
    assert!(!greedy(&inst).0.feasible);
}

#[test]
fn caps_and_excludes_hold() {
    let mut inst = six();
    inst.candidates[0].silo = "big".into();
    inst.caps.insert("big".into(), 40);
    inst.candidates[2].excludes = vec!["I5".into()];
    let p = solve(&inst, &Forcing::default(), DEFAULT_WORK_LIMIT);
    assert_eq!(brute_force(&inst).map(|b| b.funded), Some(p.funded.clone()));
    assert!(!p.funds("I1"));
    assert!(!(p.funds("I3") && p.funds("I5")));
}

#[test]
fn work_limit_returns_best_found_unproven() {
    let p = solve(&six(), &Forcing::default(), 3);
    assert!(!p.proven_optimal);
    assert!(p.feasible);
    let set: std::collections::BTreeSet<&str> = p.funded.iter().map(String::as_str).collect();
    assert!(is_feasible(&six(), &set));
}
