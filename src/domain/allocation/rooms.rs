//! What the bound's fractional fill may still spend: money under the budget, money under each
//! silo's cap, and value under each capped silo's own integer optimum.
//!
//! The last one closes most of the gap caps leave: the fill takes a fraction of one
//! initiative in every silo that reaches its cap, which no portfolio can do. A capped silo's
//! initiatives, on their own under the cap, can never be worth more than the best whole set
//! of them ([`super::solver::Prepared`] solves that small knapsack once per silo), so the
//! fill stops taking value from a silo at that figure. Each silo's value, as a function of
//! the money spent on it, stays concave under that ceiling, so filling by value per money is
//! still the exact optimum of the relaxation: an upper bound.

use crate::domain::allocation::state::State;

/// The rooms left at one node of the search.
#[derive(Debug, Clone, Default)]
pub(crate) struct Rooms {
    pub budget: u128,
    /// True when no silo has a cap: the silos' rooms are then not kept at all (every take
    /// counts against the budget alone), which saves the bound a pass over the silos.
    uncapped: bool,
    silo: Vec<u128>,
    worth: Vec<f64>,
    /// Per silo, the value per money of the step that spent its cap (0: not spent;
    /// infinite: nothing was left to spend); empty when no silo has a cap.
    pub full_at: Vec<f64>,
}

impl Rooms {
    /// The rooms `st` leaves, with `ceilings[s]` the most silo `s`'s single-silo initiatives
    /// can be worth together (infinite when not known).
    pub fn reset(&mut self, st: &State, ceilings: &[f64]) {
        let c = st.c;
        self.budget = st.room();
        self.uncapped = !c.capped && ceilings.is_empty();
        self.silo.clear();
        self.full_at.clear();
        self.worth.clear();
        if self.uncapped {
            return;
        }
        self.silo.extend(
            (0..c.caps.len()).map(|s| u128::from(c.caps[s]).saturating_sub(st.silo_used[s])),
        );
        self.full_at.extend(
            self.silo
                .iter()
                .map(|&m| if m == 0 { f64::INFINITY } else { 0.0 }),
        );
        self.worth.extend((0..c.caps.len()).map(|s| {
            ceilings
                .get(s)
                .map_or(f64::INFINITY, |u| u - st.silo_value[s] + 1e-9)
        }));
    }

    /// True when the fill spent silo `s` to its cap or its ceiling.
    pub fn spent(&self, s: usize) -> bool {
        self.silo.get(s).is_some_and(|&m| m == 0) || self.worth.get(s).is_some_and(|&w| w <= 1e-9)
    }

    /// Takes as much of `cost` as the rooms allow; the value it buys (`silo`: the one silo
    /// the money counts against, `None` for the budget alone).
    pub fn take(&mut self, cost: u128, value: f64, silo: Option<usize>) -> f64 {
        let silo = silo.filter(|_| !self.uncapped);
        let worth = silo.map_or(f64::INFINITY, |s| self.worth[s]);
        if worth <= 0.0 {
            return 0.0;
        }
        if cost == 0 {
            let got = value.min(worth);
            if let Some(s) = silo {
                self.worth[s] -= got;
            }
            return got;
        }
        let avail = silo.map_or(self.budget, |s| self.budget.min(self.silo[s]));
        let mut take = cost.min(avail);
        if value * (take as f64 / cost as f64) > worth {
            // Only the money that buys the value left under the silo's ceiling.
            let needed = (cost as f64 * (worth / value)).ceil() as u128;
            take = take.min(needed.max(1));
        }
        if take == 0 {
            return 0.0;
        }
        self.budget -= take;
        let got = (value * (take as f64 / cost as f64)).min(worth);
        if let Some(s) = silo {
            self.silo[s] -= take;
            self.worth[s] -= got;
            if self.silo[s] == 0 && self.full_at[s] == 0.0 {
                self.full_at[s] = value / cost as f64;
            }
        }
        got
    }
}
