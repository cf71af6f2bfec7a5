//! The cross-company picture: which silos serve which priority, with how much money, and
//! how much of the allocation goes to work that two or more silos share.
//!
//! A silo serves a priority when an initiative addressing it is led by the silo or carries a
//! contribution from it. Money per cell is each silo's part of the amounts allocated to those
//! initiatives ([`crate::domain::records::Initiative::split`]); an initiative addressing two
//! priorities counts in both rows, so rows are not added up.

use crate::domain::records::Money;
use crate::domain::snapshot::Snapshot;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// Priorities × silos, in the order in force and silo id order.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Matrix {
    pub priorities: Vec<String>,
    pub silos: Vec<String>,
    /// (priority, silo) → money allocated; a pair is present when the silo serves the
    /// priority at all (0 when nothing of it is funded).
    pub cells: BTreeMap<(String, String), Money>,
}

impl Matrix {
    /// The silos serving a priority, funded or not.
    pub fn serving(&self, priority: &str) -> Vec<&str> {
        self.cells
            .keys()
            .filter(|(p, _)| p == priority)
            .map(|(_, s)| s.as_str())
            .collect()
    }

    /// Money of one cell; `None` when the silo does not serve the priority.
    pub fn cell(&self, priority: &str, silo: &str) -> Option<Money> {
        self.cells
            .get(&(priority.to_string(), silo.to_string()))
            .copied()
    }
}

/// The matrix over `order` (priority ids) with `allocated` (initiative id → amount).
pub fn matrix(s: &Snapshot, order: &[String], allocated: &BTreeMap<&str, Money>) -> Matrix {
    let mut cells: BTreeMap<(String, String), Money> = BTreeMap::new();
    for (id, p) in &s.initiatives {
        let amount = allocated.get(id.as_str()).copied().unwrap_or(0);
        for priority in p.initiative.addresses.iter().filter(|a| order.contains(a)) {
            for (silo, part) in p.initiative.split(&p.silo, amount) {
                let cell = cells
                    .entry((priority.clone(), silo.to_string()))
                    .or_insert(0);
                *cell = cell.saturating_add(part);
            }
        }
    }
    let silos: BTreeSet<String> = s
        .silos
        .keys()
        .cloned()
        .chain(cells.keys().map(|(_, silo)| silo.clone()))
        .collect();
    Matrix {
        priorities: order.to_vec(),
        silos: silos.into_iter().collect(),
        cells,
    }
}

/// The silos that serve each priority of `order` (by proposals, funded or not).
pub fn serving(s: &Snapshot, order: &[String]) -> BTreeMap<String, BTreeSet<String>> {
    let mut out: BTreeMap<String, BTreeSet<String>> =
        order.iter().map(|p| (p.clone(), BTreeSet::new())).collect();
    for p in s.initiatives.values() {
        for priority in &p.initiative.addresses {
            if let Some(set) = out.get_mut(priority) {
                set.extend(p.silos().into_iter().map(str::to_string));
            }
        }
    }
    out
}

/// Money allocated to initiatives that two or more silos share, and the allocation's total.
pub fn shared_money(s: &Snapshot, allocated: &BTreeMap<&str, Money>) -> (Money, Money) {
    let mut shared: u128 = 0;
    let mut total: u128 = 0;
    for (id, amount) in allocated {
        total += u128::from(*amount);
        if s.initiative(id).is_some_and(|i| i.is_shared()) {
            shared += u128::from(*amount);
        }
    }
    let m = |v: u128| Money::try_from(v).unwrap_or(Money::MAX);
    (m(shared), m(total))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::records::{Contribution, Forum, Goal, Initiative, Phase, Priority, Silo};
    use crate::domain::snapshot::Proposal;

    fn forum() -> Snapshot {
        let f = Forum {
            title: "T".into(),
            cycle: "FY2027".into(),
            currency: "EUR".into(),
            budget: 1000,
            phase: Phase::Scoring,
            scale: 4,
            ranking_method: Default::default(),
            weighting: Default::default(),
            allocation_rule: Default::default(),
            recusal: true,
            members: Vec::new(),
            signing: Default::default(),
            required_evidence: None,
            evidence_max_age_months: None,
            planning_date: None,
            quorum: None,
            defence: None,
        };
        let mut s = Snapshot::new("t", f);
        for id in ["cx", "support", "billing"] {
            s.silos.insert(
                id.into(),
                Silo {
                    name: id.into(),
                    lead: "dana".into(),
                    commitment: String::new(),
                    cap: None,
                },
            );
        }
        for id in ["p1", "p2", "p3"] {
            s.priorities.insert(
                id.into(),
                Priority {
                    title: id.into(),
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
        let mut add =
            |id: &str, silo: &str, cost: Money, addresses: &[&str], c: Vec<(&str, Money)>| {
                s.initiatives.insert(
                    id.into(),
                    Proposal {
                        silo: silo.into(),
                        initiative: Initiative {
                            title: id.into(),
                            summary: String::new(),
                            owner: "dana".into(),
                            cost,
                            addresses: addresses.iter().map(|a| a.to_string()).collect(),
                            goal: None,
                            depends_on: Vec::new(),
                            excludes: Vec::new(),
                            mandatory: false,
                            contributions: c
                                .into_iter()
                                .map(|(silo, cost)| Contribution {
                                    silo: silo.into(),
                                    cost,
                                })
                                .collect(),
                        },
                    },
                );
            };
        add("joint", "cx", 100, &["p1"], vec![("support", 40)]);
        add("solo", "billing", 50, &["p1", "p2"], vec![]);
        s
    }

    #[test]
    fn cells_hold_each_silos_part_and_serving_counts_contributors() {
        let s = forum();
        let order: Vec<String> = ["p1", "p2", "p3"].iter().map(|p| p.to_string()).collect();
        let allocated: BTreeMap<&str, Money> = [("joint", 100), ("solo", 0)].into();
        let m = matrix(&s, &order, &allocated);
        assert_eq!(m.cell("p1", "cx"), Some(60));
        assert_eq!(m.cell("p1", "support"), Some(40));
        assert_eq!(m.cell("p1", "billing"), Some(0));
        assert_eq!(m.cell("p2", "billing"), Some(0));
        assert_eq!(m.cell("p2", "cx"), None);
        assert_eq!(m.serving("p1"), vec!["billing", "cx", "support"]);
        assert_eq!(m.serving("p2"), vec!["billing"]);
        assert!(m.serving("p3").is_empty());
        let served = serving(&s, &order);
        assert_eq!(served["p2"].len(), 1);
        assert!(served["p3"].is_empty());
        assert_eq!(shared_money(&s, &allocated), (100, 100));
        let allocated: BTreeMap<&str, Money> = [("joint", 100), ("solo", 50)].into();
        assert_eq!(shared_money(&s, &allocated), (100, 150));
    }

    #[test]
    fn a_forums_shared_initiative_counts_against_each_silos_cap_in_the_exact_solve() {
        use crate::domain::allocation::brute::brute_force;
        use crate::domain::allocation::{DEFAULT_WORK_LIMIT, Forcing, solve};
        let mut s = forum();
        // support may be given 50: joint's 40 fits, but not with support's own 30 as well.
        if let Some(silo) = s.silos.get_mut("support") {
            silo.cap = Some(50);
        }
        let mut add = |id: &str, silo: &str, cost: Money| {
            let mut p = s.initiatives["solo"].clone();
            p.silo = silo.into();
            p.initiative.cost = cost;
            s.initiatives.insert(id.into(), p);
        };
        add("support-own", "support", 30);
        add("cx-own", "cx", 80);
        let values = |id: &str| match id {
            "joint" => 10.0,
            "support-own" => 6.0,
            "cx-own" => 3.0,
            _ => 1.0,
        };
        let instance = crate::domain::analysis::instance_with(&s, 1000, values);
        let exact = solve(&instance, &Forcing::default(), DEFAULT_WORK_LIMIT);
        let brute = brute_force(&instance).unwrap_or_else(|| panic!("feasible"));
        assert_eq!(exact.funded, brute.funded);
        assert!(
            exact.funds("joint") && !exact.funds("support-own"),
            "{exact:?}"
        );
        // Without the contribution support's cap holds both.
        if let Some(p) = s.initiatives.get_mut("joint") {
            p.initiative.contributions.clear();
        }
        let instance = crate::domain::analysis::instance_with(&s, 1000, values);
        let exact = solve(&instance, &Forcing::default(), DEFAULT_WORK_LIMIT);
        assert!(
            exact.funds("joint") && exact.funds("support-own"),
            "{exact:?}"
        );
    }
}
