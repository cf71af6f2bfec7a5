//! The solve by silo equals brute force on forums of its shape: capped silos, dependencies
//! and alternatives inside a silo, mandatory items, forcing, and many exact ties.

use super::*;
use crate::domain::allocation::brute::brute_force;
use crate::domain::allocation::incumbent::fill;
use crate::domain::allocation::proptests::{forced, instance_strategy};
use crate::domain::allocation::solver::ratio_order;
use crate::domain::allocation::tests::cand_in;
use crate::domain::allocation::{Candidate, Forcing, Instance};
use proptest::prelude::*;

/// The property tests' forums made to this method's shape: nothing shared, every dependency
/// and alternative inside its silo, and every silo capped far more often.
fn siloed(max_n: usize) -> impl Strategy<Value = Instance> {
    (
        instance_strategy(max_n),
        prop::collection::vec(prop::option::weighted(0.8, 5u64..=60), 3),
    )
        .prop_map(|(mut inst, caps)| {
            let silo: std::collections::BTreeMap<String, String> = inst
                .candidates
                .iter()
                .map(|c| (c.id.clone(), c.silo.clone()))
                .collect();
            for c in &mut inst.candidates {
                let mine = |other: &String| other != &c.id && silo.get(other) == Some(&c.silo);
                c.contributions.clear();
                c.depends_on.retain(|d| mine(d));
                c.excludes.retain(|d| mine(d));
            }
            inst.caps = caps
                .into_iter()
                .enumerate()
                .filter_map(|(s, c)| c.map(|c| (format!("s{s}"), c)))
                .collect();
            inst
        })
}

/// The solve by silo from the root under `forcing`, with greedy's portfolio as the incumbent.
fn by_silo(inst: &Instance, forcing: &Forcing) -> Option<Option<Vec<String>>> {
    let c = Compiled::new(inst);
    let blocks = Blocks::new(&c);
    let mut st = State::new(&c);
    if st.root(forcing).is_err() {
        return Some(None);
    }
    let root = st.mark();
    let order = ratio_order(&c);
    fill(&mut st, &order);
    let incumbent = Best::of(&st);
    st.undo(root);
    let best = solve(&st, &blocks, &incumbent, 1_000_000, None)?;
    Some(Some(
        best.funded.iter().map(|&i| c.ids[i].clone()).collect(),
    ))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    /// A forced solve on a compiled instance reuses the unforced silos' frontiers (worked out
    /// by its first solve) and still equals brute force.
    #[test]
    fn cached_frontiers_give_the_forced_optimum(
        inst in siloed(14),
        forced in 0usize..14,
        funded in any::<bool>(),
    ) {
        let prepared = crate::domain::allocation::Prepared::new(&inst);
        // The first solve works the frontiers out with nothing forced.
        let unforced = prepared.solve(&Forcing::default(), 1_000_000);
        let expected = brute_force(&inst);
        prop_assert_eq!(unforced.feasible, expected.is_some());
        if let Some(b) = expected {
            prop_assert_eq!(&unforced.funded, &b.funded);
        }
        let Some(id) = prepared.ids().get(forced).cloned() else { return Ok(()) };
        let mut forcing = Forcing::default();
        let mut alone = inst.clone();
        if funded {
            forcing.funded.insert(id.clone());
            for c in &mut alone.candidates {
                c.mandatory |= c.id == id;
            }
        } else {
            forcing.unfunded.insert(id.clone());
            if inst.candidates.iter().any(|c| c.mandatory && c.id == id) {
                prop_assert!(!prepared.solve(&forcing, 1_000_000).feasible);
                return Ok(());
            }
            alone.candidates.retain(|c| c.id != id);
        }
        let forced_solve = prepared.solve(&forcing, 1_000_000);
        match brute_force(&alone) {
            None => prop_assert!(!forced_solve.feasible),
            Some(b) => {
                prop_assert!(forced_solve.proven_optimal);
                prop_assert_eq!(forced_solve.funded, b.funded);
            }
        }
    }

    #[test]
    fn by_silo_equals_brute_force(
        inst in siloed(14),
        force_in in prop::collection::vec(0usize..14, 0..=1),
        force_out in prop::collection::vec(0usize..14, 0..=1),
    ) {
        let (forcing, forced) = forced(&inst, &force_in, &force_out);
        let Some(answer) = by_silo(&inst, &forcing) else {
            // Not of its shape (a block larger than the enumerated size): nothing to compare.
            return Ok(());
        };
        let expected = forced.and_then(|f| brute_force(&f)).map(|b| b.funded);
        prop_assert_eq!(answer, expected);
    }
}

#[test]
fn a_forum_of_capped_silos_is_proven_by_silo() {
    // Two silos capped below what they ask, the budget below the caps' sum: the fractional
    // bound over single initiatives is loose, the silos' frontiers are exact.
    let mut candidates = Vec::new();
    for s in 0..2 {
        for k in 0..8u64 {
            candidates.push(Candidate {
                id: format!("s{s}-{k}"),
                silo: format!("s{s}"),
                cost: 7 + (k * 5) % 11,
                value: 1.0 + ((k * 7 + s) % 5) as f64 / 3.0,
                mandatory: false,
                depends_on: if k == 3 {
                    vec![format!("s{s}-2")]
                } else {
                    Vec::new()
                },
                excludes: if k == 5 {
                    vec![format!("s{s}-4")]
                } else {
                    Vec::new()
                },
                contributions: Vec::new(),
            });
        }
    }
    let inst = Instance {
        candidates,
        budget: 70,
        caps: [("s0".to_string(), 40), ("s1".to_string(), 45)].into(),
    };
    let expected = brute_force(&inst).unwrap().funded;
    assert_eq!(
        by_silo(&inst, &Forcing::default()),
        Some(Some(expected.clone()))
    );
    let solved = crate::domain::allocation::solve(&inst, &Forcing::default(), 200);
    // Proven within a small work limit: a few points searched, no branch and bound.
    assert!(solved.proven_optimal);
    assert_eq!(solved.funded, expected);
}

#[test]
fn a_shared_initiative_or_a_link_across_silos_is_left_to_the_branch_and_bound() {
    let one = |id: &str, silo: &str| cand_in(silo, id, 10, 1.0);
    let caps: std::collections::BTreeMap<String, u64> = [("a".to_string(), 10)].into();
    let mut across = vec![one("x", "a"), one("y", "b")];
    across[1].depends_on = vec!["x".into()];
    let inst = Instance {
        candidates: across,
        budget: 30,
        caps: caps.clone(),
    };
    assert_eq!(by_silo(&inst, &Forcing::default()), None);
    let mut shared = vec![one("x", "a"), one("y", "b")];
    shared[1].contributions = vec![("a".into(), 5)];
    let inst = Instance {
        candidates: shared,
        budget: 30,
        caps,
    };
    assert_eq!(by_silo(&inst, &Forcing::default()), None);
}

#[test]
fn a_free_initiative_is_left_to_the_branch_and_bound() {
    // With a free initiative of no value, the same money funds it or not, and which set the
    // ids prefer depends on the rest of the portfolio: the solve by silo gives way.
    let one = |id: &str, cost: u64, value: f64| cand_in("a", id, cost, value);
    let inst = Instance {
        candidates: vec![
            one("a1", 10, 1.0),
            one("a2", 10, 1.5),
            one("z-free", 0, 0.0),
        ],
        budget: 30,
        caps: [("a".to_string(), 10)].into(),
    };
    assert_eq!(by_silo(&inst, &Forcing::default()), None);
    let solved = crate::domain::allocation::solve(&inst, &Forcing::default(), 1_000_000);
    assert_eq!(solved.funded, brute_force(&inst).unwrap().funded);
}
