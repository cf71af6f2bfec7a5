//! A partial allocation with constraint propagation and undo, shared by the solvers.
//!
//! Funding an initiative funds what it depends on and rules out its alternatives; leaving one
//! out leaves out everything that depends on it. The set funded so far is therefore always a
//! feasible portfolio: leaving every undecided initiative out completes it.

use crate::domain::allocation::{Forcing, Instance};
use crate::domain::records::Money;
use std::collections::BTreeMap;
use std::sync::Arc;

/// The decision on one candidate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    Open,
    In,
    Out,
}

/// Why a decision could not be made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Conflict {
    /// The budget would be exceeded: (money needed in total, budget). The total is summed
    /// in `u128`, so it never wraps and never saturates into a false fit.
    Budget { needed: u128, budget: Money },
    /// A silo's cap would be exceeded.
    Cap { silo: String, cap: Money },
    /// An item already decided the other way (a funded alternative, a dependency left out).
    Blocked { id: String },
}

/// Compiled instance: indices in id order, adjacency lists, silos.
///
/// Everything but the values is shared between copies: a copy with other values (the
/// sensitivity's re-solves at other weights) costs the values alone.
#[derive(Debug, Clone)]
pub struct Compiled {
    pub ids: Arc<[String]>,
    pub cost: Vec<Money>,
    pub value: Vec<f64>,
    /// The lead silo of each candidate.
    pub silo: Vec<usize>,
    /// Each candidate's share of its cost per silo (lead first); one entry unless shared.
    pub shares: Arc<[Vec<(usize, Money)>]>,
    pub silo_names: Vec<String>,
    pub caps: Vec<Money>,
    /// True when some silo has a cap below [`Money::MAX`].
    pub capped: bool,
    pub deps: Arc<[Vec<usize>]>,
    pub dependents: Arc<[Vec<usize>]>,
    pub excludes: Arc<[Vec<usize>]>,
    pub mandatory: Vec<bool>,
    /// Items depending on an id that is not a candidate: never fundable.
    pub broken: Vec<bool>,
    pub budget: Money,
}

impl Compiled {
    /// Compiles an instance; candidates are put in id order (duplicate ids keep the first).
    pub fn new(instance: &Instance) -> Self {
        let mut cands: Vec<&crate::domain::allocation::Candidate> =
            instance.candidates.iter().collect();
        cands.sort_by(|a, b| a.id.cmp(&b.id));
        cands.dedup_by(|a, b| a.id == b.id);
        let index: BTreeMap<&str, usize> = cands
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id.as_str(), i))
            .collect();
        let mut silo_names: Vec<String> = cands
            .iter()
            .flat_map(|c| c.shares().into_iter().map(|(s, _)| s.to_string()))
            .collect();
        silo_names.sort();
        silo_names.dedup();
        let n = cands.len();
        let mut deps = vec![Vec::new(); n];
        let mut dependents = vec![Vec::new(); n];
        let mut excludes = vec![Vec::new(); n];
        let mut broken = vec![false; n];
        for (i, c) in cands.iter().enumerate() {
            for d in &c.depends_on {
                match index.get(d.as_str()) {
                    Some(&j) if j != i => {
                        deps[i].push(j);
                        dependents[j].push(i);
                    }
                    Some(_) => {}
                    None => broken[i] = true,
                }
            }
            for e in &c.excludes {
                if let Some(&j) = index.get(e.as_str())
                    && j != i
                {
                    excludes[i].push(j);
                    excludes[j].push(i);
                }
            }
        }
        for list in deps
            .iter_mut()
            .chain(dependents.iter_mut())
            .chain(excludes.iter_mut())
        {
            list.sort_unstable();
            list.dedup();
        }
        Compiled {
            ids: cands.iter().map(|c| c.id.clone()).collect(),
            cost: cands.iter().map(|c| c.cost).collect(),
            value: cands.iter().map(|c| c.value.max(0.0)).collect(),
            silo: cands
                .iter()
                .map(|c| silo_names.binary_search(&c.silo).unwrap_or(0))
                .collect(),
            shares: cands
                .iter()
                .map(|c| {
                    c.shares()
                        .into_iter()
                        .map(|(s, m)| {
                            let k = silo_names
                                .binary_search_by(|n| n.as_str().cmp(s))
                                .unwrap_or(0);
                            (k, m)
                        })
                        .collect()
                })
                .collect(),
            caps: silo_names
                .iter()
                .map(|s| instance.caps.get(s).copied().unwrap_or(Money::MAX))
                .collect(),
            capped: instance
                .caps
                .iter()
                .any(|(s, &cap)| cap < Money::MAX && silo_names.binary_search(s).is_ok()),
            silo_names,
            deps: deps.into(),
            dependents: dependents.into(),
            excludes: excludes.into(),
            mandatory: cands.iter().map(|c| c.mandatory).collect(),
            broken,
            budget: instance.budget,
        }
    }

    /// Number of candidates.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// True when there are no candidates.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }
}

/// A partial decision over a compiled instance, with a trail for undo.
#[derive(Debug, Clone)]
pub struct State<'a> {
    pub c: &'a Compiled,
    pub decision: Vec<Decision>,
    /// Money of the funded set, summed without overflow (at most the budget when feasible).
    pub cost: u128,
    pub value: f64,
    pub silo_used: Vec<u128>,
    /// Value of the funded single-silo initiatives, per silo (for the bound's ceilings).
    pub silo_value: Vec<f64>,
    trail: Vec<usize>,
    stack: Vec<(usize, Decision)>,
}

/// A point to undo back to.
#[derive(Debug, Clone, Copy)]
pub struct Mark {
    trail: usize,
    cost: u128,
    value: f64,
}

impl<'a> State<'a> {
    /// Nothing decided.
    pub fn new(c: &'a Compiled) -> Self {
        State {
            c,
            decision: vec![Decision::Open; c.len()],
            cost: 0,
            value: 0.0,
            silo_used: vec![0; c.silo_names.len()],
            silo_value: vec![0.0; c.silo_names.len()],
            trail: Vec::new(),
            stack: Vec::new(),
        }
    }

    /// Applies mandatory items, unfundable items and outside forcing; a conflict means no
    /// portfolio satisfies the constraints.
    pub fn root(&mut self, forcing: &Forcing) -> Result<(), Conflict> {
        // The forced ids looked up once (ids are compiled in id order), applied in index
        // order as before: leaving out first, then funding.
        let find = |set: &std::collections::BTreeSet<String>| -> Vec<usize> {
            set.iter()
                .filter_map(|id| self.c.ids.binary_search(id).ok())
                .collect()
        };
        let (mut out, mut funded) = (find(&forcing.unfunded), find(&forcing.funded));
        out.extend((0..self.c.len()).filter(|&i| self.c.broken[i]));
        funded.extend((0..self.c.len()).filter(|&i| self.c.mandatory[i]));
        for list in [&mut out, &mut funded] {
            list.sort_unstable();
            list.dedup();
        }
        for i in out {
            self.set(i, Decision::Out)?;
        }
        for i in funded {
            self.set(i, Decision::In)?;
        }
        Ok(())
    }

    /// How many candidates are decided (the trail's length).
    pub fn decided(&self) -> usize {
        self.trail.len()
    }

    /// The current point, for [`State::undo`].
    pub fn mark(&self) -> Mark {
        Mark {
            trail: self.trail.len(),
            cost: self.cost,
            value: self.value,
        }
    }

    /// Returns to a mark, exactly (totals are restored, not recomputed).
    pub fn undo(&mut self, mark: Mark) {
        while self.trail.len() > mark.trail {
            let Some(i) = self.trail.pop() else { break };
            if self.decision[i] == Decision::In {
                for &(s, share) in &self.c.shares[i] {
                    self.silo_used[s] -= u128::from(share);
                }
                if let [(s, _)] = self.c.shares[i][..] {
                    self.silo_value[s] -= self.c.value[i];
                }
            }
            self.decision[i] = Decision::Open;
        }
        self.cost = mark.cost;
        self.value = mark.value;
    }

    /// Decides item `i` and propagates; on a conflict the state is partly changed: undo it.
    pub fn set(&mut self, i: usize, d: Decision) -> Result<(), Conflict> {
        self.stack.clear();
        self.stack.push((i, d));
        while let Some((i, d)) = self.stack.pop() {
            let current = self.decision[i];
            if current == d {
                continue;
            }
            if current != Decision::Open {
                self.stack.clear();
                return Err(Conflict::Blocked {
                    id: self.c.ids[i].clone(),
                });
            }
            self.decision[i] = d;
            self.trail.push(i);
            match d {
                Decision::In => {
                    let cost = u128::from(self.c.cost[i]);
                    self.cost += cost;
                    self.value += self.c.value[i];
                    for &(s, share) in &self.c.shares[i] {
                        self.silo_used[s] += u128::from(share);
                    }
                    if let [(s, _)] = self.c.shares[i][..] {
                        self.silo_value[s] += self.c.value[i];
                    }
                    if self.cost > u128::from(self.c.budget) {
                        self.stack.clear();
                        return Err(Conflict::Budget {
                            needed: self.cost,
                            budget: self.c.budget,
                        });
                    }
                    if let Some(&(s, _)) = self.c.shares[i]
                        .iter()
                        .find(|&&(s, _)| self.silo_used[s] > u128::from(self.c.caps[s]))
                    {
                        self.stack.clear();
                        return Err(Conflict::Cap {
                            silo: self.c.silo_names[s].clone(),
                            cap: self.c.caps[s],
                        });
                    }
                    for &j in &self.c.deps[i] {
                        self.stack.push((j, Decision::In));
                    }
                    for &j in &self.c.excludes[i] {
                        self.stack.push((j, Decision::Out));
                    }
                }
                Decision::Out => {
                    for &j in &self.c.dependents[i] {
                        self.stack.push((j, Decision::Out));
                    }
                }
                Decision::Open => {}
            }
        }
        Ok(())
    }

    /// The funded set's money; it fits the budget, so it fits `Money`.
    pub fn money(&self) -> Money {
        Money::try_from(self.cost).unwrap_or(Money::MAX)
    }

    /// Money left under the budget, as money.
    pub fn money_left(&self) -> Money {
        Money::try_from(self.room()).unwrap_or(Money::MAX)
    }

    /// Money left under the budget.
    pub fn room(&self) -> u128 {
        u128::from(self.c.budget).saturating_sub(self.cost)
    }

    /// The funded candidates' indices, ascending.
    pub fn funded_indices(&self) -> Vec<usize> {
        (0..self.c.len())
            .filter(|&i| self.decision[i] == Decision::In)
            .collect()
    }

    /// The funded ids, sorted (ids are compiled in id order).
    pub fn funded(&self) -> Vec<String> {
        (0..self.c.len())
            .filter(|&i| self.decision[i] == Decision::In)
            .map(|i| self.c.ids[i].clone())
            .collect()
    }

    /// The funded value summed in id order (bit-identical for equal sets).
    pub fn exact_value(&self) -> f64 {
        (0..self.c.len())
            .filter(|&i| self.decision[i] == Decision::In)
            .map(|i| self.c.value[i])
            .sum()
    }
}
