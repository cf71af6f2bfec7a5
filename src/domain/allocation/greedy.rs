//! Greedy by value per money: mandatory first, then each initiative if it still fits.
//!
//! Order: value per money (descending), then higher value, lower cost, id. An initiative is
//! taken together with whatever it depends on, if all of it fits the remaining budget and
//! caps and no funded alternative excludes it. Initiatives that add no value are not taken.

use crate::domain::allocation::solver::{describe, ratio_order};
use crate::domain::allocation::state::{Compiled, Conflict, Decision, State};
use crate::domain::allocation::{Forcing, Instance, Portfolio};
use crate::domain::money::amount;
use crate::domain::records::Money;
use serde::Serialize;

/// What greedy did with one initiative when its turn came, and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GreedyStep {
    pub id: String,
    pub funded: bool,
    /// Money left before this step.
    pub remaining: Money,
    /// For people: "fits", "costs 50, only 20 left", "an alternative (x) is funded"…
    pub reason: String,
}

fn out_reason(c: &Compiled, st: &State, i: usize) -> String {
    if c.broken[i] {
        return "it depends on an initiative that is not in the forum".into();
    }
    if let Some(&j) = c.excludes[i]
        .iter()
        .find(|&&j| st.decision[j] == Decision::In)
    {
        return format!("its alternative {} is funded", c.ids[j]);
    }
    if let Some(&j) = c.deps[i].iter().find(|&&j| st.decision[j] == Decision::Out) {
        return format!("it depends on {}, which is not funded", c.ids[j]);
    }
    "it cannot be funded".into()
}

fn conflict_reason(c: &Compiled, st: &State, i: usize, conflict: &Conflict) -> String {
    match conflict {
        Conflict::Budget { .. } => {
            let left = st.money_left();
            if c.cost[i] > left {
                format!("it costs {}, only {} left", amount(c.cost[i]), amount(left))
            } else {
                format!(
                    "with what it depends on it needs more than the {} left",
                    amount(left)
                )
            }
        }
        Conflict::Cap { silo, cap } => {
            format!("silo {silo} would pass its cap of {}", amount(*cap))
        }
        Conflict::Blocked { id } => format!("it conflicts with {id}, already decided"),
    }
}

/// Runs greedy; returns the portfolio and one step per initiative, in greedy order.
pub fn greedy(instance: &Instance) -> (Portfolio, Vec<GreedyStep>) {
    let c = Compiled::new(instance);
    let mut st = State::new(&c);
    if let Err(conflict) = st.root(&Forcing::default()) {
        return (Portfolio::infeasible(describe(&conflict)), Vec::new());
    }
    let mut steps = Vec::with_capacity(c.len());
    for i in ratio_order(&c) {
        let remaining = st.money_left();
        let (funded, reason) = match st.decision[i] {
            Decision::In if c.mandatory[i] => (true, "mandatory".to_string()),
            Decision::In => (
                true,
                "funded earlier, as something depends on it".to_string(),
            ),
            Decision::Out => (false, out_reason(&c, &st, i)),
            Decision::Open if c.value[i] <= 0.0 => (false, "it adds no value".to_string()),
            Decision::Open => {
                let mark = st.mark();
                match st.set(i, Decision::In) {
                    Ok(()) => (true, "it fits".to_string()),
                    Err(conflict) => {
                        st.undo(mark);
                        let why = conflict_reason(&c, &st, i, &conflict);
                        (false, why)
                    }
                }
            }
        };
        steps.push(GreedyStep {
            id: c.ids[i].clone(),
            funded,
            remaining,
            reason,
        });
    }
    let portfolio = Portfolio {
        funded: st.funded(),
        total_cost: st.money(),
        total_value: st.exact_value(),
        proven_optimal: false,
        feasible: true,
        note: None,
    };
    (portfolio, steps)
}
