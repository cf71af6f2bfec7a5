//! Property tests: the exact solver equals brute force; greedy is feasible; results do not
//! depend on the order candidates are given in.

use super::brute::brute_force;
use super::*;
use proptest::prelude::*;

pub(super) fn instance_strategy(max_n: usize) -> impl Strategy<Value = Instance> {
    (1..=max_n).prop_flat_map(|n| {
        let item = (
            1u64..=30,
            0u32..=12,
            0usize..3,
            prop::bool::weighted(0.1),
            prop::collection::vec(0usize..n, 0..=2),
            prop::collection::vec(0usize..n, 0..=1),
            prop::option::weighted(0.3, (0usize..3, 0u64..=30)),
        );
        (
            prop::collection::vec(item, n),
            0u64..=160,
            prop::collection::vec(prop::option::weighted(0.4, 10u64..=80), 3),
        )
            .prop_map(move |(items, budget, caps)| Instance {
                candidates: items
                    .into_iter()
                    .enumerate()
                    .map(
                        |(i, (cost, v, silo, mandatory, deps, excl, share))| Candidate {
                            id: format!("c{i:02}"),
                            silo: format!("s{silo}"),
                            cost,
                            // Quarter points make exact ties common, to exercise the tie-break.
                            value: f64::from(v) / 4.0,
                            mandatory,
                            depends_on: deps.into_iter().map(|d| format!("c{d:02}")).collect(),
                            excludes: excl.into_iter().map(|d| format!("c{d:02}")).collect(),
                            // A shared initiative: another silo carries part of the cost.
                            contributions: share
                                .into_iter()
                                .map(|(s, m)| (format!("s{s}"), m.min(cost)))
                                .collect(),
                        },
                    )
                    .collect(),
                budget,
                caps: caps
                    .into_iter()
                    .enumerate()
                    .filter_map(|(s, c)| c.map(|c| (format!("s{s}"), c)))
                    .collect(),
            })
    })
}

/// The forcing of the candidates at positions `force_in` and `force_out` (out wins), and the
/// instance brute force solves for it: the forced-in items mandatory, the forced-out ones
/// gone; `None` when a mandatory item is forced out (nothing can then be funded).
pub(super) fn forced(
    inst: &Instance,
    force_in: &[usize],
    force_out: &[usize],
) -> (Forcing, Option<Instance>) {
    let mut forcing = Forcing::default();
    let n = inst.candidates.len();
    for k in force_out.iter().filter(|&&k| k < n) {
        forcing.unfunded.insert(format!("c{k:02}"));
    }
    for k in force_in.iter().filter(|&&k| k < n) {
        let id = format!("c{k:02}");
        if !forcing.unfunded.contains(&id) {
            forcing.funded.insert(id);
        }
    }
    if inst
        .candidates
        .iter()
        .any(|c| c.mandatory && forcing.unfunded.contains(&c.id))
    {
        return (forcing, None);
    }
    let mut forced = inst.clone();
    forced
        .candidates
        .retain(|c| !forcing.unfunded.contains(&c.id));
    for c in &mut forced.candidates {
        c.mandatory |= forcing.funded.contains(&c.id);
    }
    (forcing, Some(forced))
}

fn check_exact(inst: &Instance) -> Result<(), TestCaseError> {
    let exact = solve(inst, &Forcing::default(), DEFAULT_WORK_LIMIT);
    match brute_force(inst) {
        None => prop_assert!(!exact.feasible),
        Some(b) => {
            prop_assert!(exact.feasible);
            prop_assert!(exact.proven_optimal);
            prop_assert_eq!(&exact.funded, &b.funded);
            prop_assert_eq!(exact.total_cost, b.total_cost);
            prop_assert!((exact.total_value - b.total_value).abs() < 1e-9);
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn exact_equals_brute_force_small(inst in instance_strategy(10)) {
        check_exact(&inst)?;
    }

    #[test]
    fn greedy_is_feasible(inst in instance_strategy(16)) {
        let (g, steps) = greedy(&inst);
        let exact = solve(&inst, &Forcing::default(), DEFAULT_WORK_LIMIT);
        prop_assert_eq!(g.feasible, exact.feasible);
        if g.feasible {
            let set: BTreeSet<&str> = g.funded.iter().map(String::as_str).collect();
            prop_assert!(is_feasible(&inst, &set));
            prop_assert!(g.total_value <= exact.total_value + TIE);
            prop_assert_eq!(steps.len(), inst.candidates.len());
        }
    }

    #[test]
    fn order_does_not_matter(
        (inst, shuffled) in instance_strategy(16).prop_flat_map(|i| {
            let c = i.candidates.clone();
            (Just(i), Just(c).prop_shuffle())
        })
    ) {
        let mut other = inst.clone();
        other.candidates = shuffled;
        let a = solve(&inst, &Forcing::default(), DEFAULT_WORK_LIMIT);
        let b = solve(&other, &Forcing::default(), DEFAULT_WORK_LIMIT);
        prop_assert_eq!(&a, &b);
        prop_assert_eq!(a, solve(&inst, &Forcing::default(), DEFAULT_WORK_LIMIT));
        prop_assert_eq!(greedy(&inst), greedy(&other));
    }

    #[test]
    fn limited_search_is_feasible(inst in instance_strategy(16), limit in 1u64..200) {
        let p = solve(&inst, &Forcing::default(), limit);
        if p.feasible {
            let set: BTreeSet<&str> = p.funded.iter().map(String::as_str).collect();
            prop_assert!(is_feasible(&inst, &set));
            // Never worse than greedy, however early the search stops.
            prop_assert!(p.total_value >= greedy(&inst).0.total_value - TIE);
        }
    }

    /// New values on an instance compiled once solve as the same instance compiled afresh
    /// with those values (the dependency blocks and the silos' ceilings are worked out again).
    #[test]
    fn new_values_solve_as_a_fresh_instance(
        inst in instance_strategy(14),
        scale in prop::collection::vec(0.0f64..3.0, 14),
    ) {
        let value = |id: &str| {
            let k: usize = id[1..].parse().unwrap_or(0);
            let base = inst.candidates.iter().find(|c| c.id == id).map_or(0.0, |c| c.value);
            base * scale[k % scale.len()]
        };
        let mut fresh = inst.clone();
        for c in &mut fresh.candidates {
            c.value = value(&c.id).max(0.0);
        }
        let prepared = Prepared::new(&inst);
        let values = prepared.ids().iter().map(|id| value(id)).collect();
        let reused = prepared
            .with_value_list(values)
            .solve(&Forcing::default(), DEFAULT_WORK_LIMIT);
        prop_assert_eq!(reused, solve(&fresh, &Forcing::default(), DEFAULT_WORK_LIMIT));
    }

    /// A warm start from any set of candidates changes nothing but the speed.
    #[test]
    fn a_warm_start_changes_nothing(inst in instance_strategy(14), mask in any::<u16>()) {
        let prepared = Prepared::new(&inst);
        let hint: Vec<usize> = (0..prepared.ids().len()).filter(|i| mask >> i & 1 == 1).collect();
        let cold = solve(&inst, &Forcing::default(), DEFAULT_WORK_LIMIT);
        match prepared.solve_indexed(&Forcing::default(), DEFAULT_WORK_LIMIT, &hint) {
            None => prop_assert!(!cold.feasible),
            Some(warm) => {
                let ids: Vec<String> = warm.funded.iter().map(|&i| prepared.ids()[i].clone()).collect();
                prop_assert_eq!(ids, cold.funded);
                prop_assert_eq!(warm.value.to_bits(), cold.total_value.to_bits());
                prop_assert_eq!(warm.proven, cold.proven_optimal);
            }
        }
    }

    /// Sensitivity's re-solves: by index, under one forcing, warm-started from any set (the
    /// portfolios it keeps need not hold under the forcing), they equal a cold solve.
    #[test]
    fn an_indexed_warm_start_under_forcing_changes_nothing(
        inst in instance_strategy(14),
        mask in any::<u16>(),
        forced in 0usize..14,
        funded in any::<bool>(),
    ) {
        let prepared = Prepared::new(&inst);
        let Some(id) = prepared.ids().get(forced).cloned() else { return Ok(()) };
        let mut forcing = Forcing::default();
        if funded {
            forcing.funded.insert(id);
        } else {
            forcing.unfunded.insert(id);
        }
        let hint: Vec<usize> = (0..prepared.ids().len()).filter(|i| mask >> i & 1 == 1).collect();
        let cold = solve(&inst, &forcing, DEFAULT_WORK_LIMIT);
        match prepared.solve_indexed(&forcing, DEFAULT_WORK_LIMIT, &hint) {
            None => prop_assert!(!cold.feasible),
            Some(warm) => {
                let ids: Vec<String> = warm.funded.iter().map(|&i| prepared.ids()[i].clone()).collect();
                prop_assert_eq!(ids, cold.funded);
                prop_assert_eq!(warm.value.to_bits(), cold.total_value.to_bits());
                prop_assert!(warm.proven && cold.proven_optimal);
            }
        }
    }

    /// A forced solve (as sensitivity asks) equals brute force on the instance where the
    /// forced-in items are mandatory and the forced-out ones are gone.
    #[test]
    fn forced_solve_equals_brute_force(
        inst in instance_strategy(12),
        force_in in prop::collection::vec(0usize..12, 0..=1),
        force_out in prop::collection::vec(0usize..12, 0..=2),
    ) {
        let (forcing, forced) = forced(&inst, &force_in, &force_out);
        let exact = solve(&inst, &forcing, DEFAULT_WORK_LIMIT);
        let Some(forced) = forced else {
            // Leaving out a mandatory item cannot be done.
            prop_assert!(!exact.feasible);
            return Ok(());
        };
        match brute_force(&forced) {
            None => prop_assert!(!exact.feasible),
            Some(b) => {
                prop_assert!(exact.feasible);
                prop_assert!(exact.proven_optimal);
                prop_assert_eq!(&exact.funded, &b.funded);
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(40))]

    #[test]
    fn exact_equals_brute_force_up_to_16(inst in instance_strategy(16)) {
        check_exact(&inst)?;
    }
}
