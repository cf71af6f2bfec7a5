//! The solver's rows: the exact solve and greedy on the generated forum, with exclusions and
//! caps added, at 10,000 candidates, and sensitivity; greedy is the peer.
//!
//! The instances are also written as JSON under `target/bench-forum/instances/` so that a
//! scratch crate outside the repository can solve the very same ones with another solver.

use crate::measure::Row;
use crate::timing::median;
use roundtable::domain::allocation::{self, Forcing, Instance, Portfolio};
use roundtable::domain::analysis::{analyse, sensitivity};
use roundtable::store::repo::ForumRepo;
use std::collections::BTreeMap;
use std::path::Path;
use std::time::{Duration, Instant};

/// The forum's instance with a pair of alternatives every 25 initiatives (two neighbours of
/// one silo) and a cap on each silo of 40 % of what its initiatives ask.
pub fn constrained(base: &Instance) -> Instance {
    let mut inst = base.clone();
    let mut last_in_silo: BTreeMap<String, usize> = BTreeMap::new();
    for i in 0..inst.candidates.len() {
        let silo = inst.candidates[i].silo.clone();
        if let Some(&j) = last_in_silo.get(&silo)
            && i % 25 == 0
        {
            let other = inst.candidates[j].id.clone();
            inst.candidates[i].excludes.push(other);
        }
        last_in_silo.insert(silo, i);
    }
    let mut asked: BTreeMap<String, u64> = BTreeMap::new();
    for c in &inst.candidates {
        *asked.entry(c.silo.clone()).or_default() += c.cost;
    }
    inst.caps = asked
        .into_iter()
        .map(|(s, m)| (s, m / 5 * 2 / 5000 * 5000))
        .collect();
    inst
}

/// `copies` copies of the instance's candidates (ids, dependencies and alternatives renamed,
/// values jittered by a few per cent), budget scaled by `budget_share` of the total asked.
pub fn widened(base: &Instance, copies: usize, budget_share: f64) -> Instance {
    let mut candidates = Vec::new();
    for k in 0..copies {
        for (n, c) in base.candidates.iter().enumerate() {
            let mut c = c.clone();
            let rename = |id: &str| format!("{id}-{k}");
            c.id = rename(&c.id);
            c.depends_on = c.depends_on.iter().map(|d| rename(d)).collect();
            c.excludes = c.excludes.iter().map(|d| rename(d)).collect();
            let jitter = ((n * 7919 + k * 104_729) % 97) as f64 / 97.0 - 0.5;
            c.value *= 1.0 + 0.04 * jitter;
            candidates.push(c);
        }
    }
    let total: u64 = candidates.iter().map(|c| c.cost).sum();
    let caps = base
        .caps
        .iter()
        .map(|(s, m)| (s.clone(), m * copies as u64))
        .collect();
    Instance {
        candidates,
        budget: (total as f64 * budget_share) as u64 / 5000 * 5000,
        caps,
    }
}

fn write_json(dir: &Path, name: &str, inst: &Instance) {
    let folder = dir.join("../instances");
    let _ = std::fs::create_dir_all(&folder);
    let text = serde_json::to_string(inst).unwrap();
    std::fs::write(folder.join(format!("{name}.json")), text).unwrap();
}

fn row(name: &str, inst: &Instance, runs: usize) -> Row {
    let mut last: Option<Portfolio> = None;
    let ours = median(runs, || {
        last = Some(allocation::solve(
            inst,
            &Forcing::default(),
            allocation::DEFAULT_WORK_LIMIT,
        ));
    });
    let mut greedy: Option<Portfolio> = None;
    let peer = median(runs, || greedy = Some(allocation::greedy(inst).0));
    let (p, g) = (last.unwrap(), greedy.unwrap());
    assert!(
        p.total_value >= g.total_value - allocation::TIE,
        "worse than greedy"
    );
    Row::new(
        &format!(
            "{name}: exact solve, {} funded, value {:.4} ({}), greedy {:.4}",
            p.funded.len(),
            p.total_value,
            if p.proven_optimal {
                "proven optimal"
            } else {
                "NOT proven"
            },
            g.total_value
        ),
        ours,
        "greedy, same instance",
        Some(peer),
        "< 1 s, proven",
        None,
    )
}

/// The solver rows; `dir` is the generated forum.
pub fn rows(dir: &Path, forum: &str, runs: usize) -> Vec<Row> {
    let repo = ForumRepo::open(dir).unwrap();
    let loaded = repo.load_at(forum, "HEAD").unwrap();
    let analysis = analyse(&loaded.snapshot);
    let base = analysis.instance(&loaded.snapshot, analysis.budget);
    let hard = constrained(&base);
    let wide = widened(&hard, 5, 1.0 / 3.0);
    let mut fits = widened(&base, 5, 1.0);
    fits.budget = u64::MAX;
    let n = base.candidates.len();
    let mut out = Vec::new();
    for (name, inst) in [
        (format!("{n} initiatives, as generated"), &base),
        (format!("{n} + exclusions and caps"), &hard),
        (
            format!("{} + exclusions and caps", wide.candidates.len()),
            &wide,
        ),
        (
            format!("{} that all fit (budget u64::MAX)", fits.candidates.len()),
            &fits,
        ),
    ] {
        write_json(
            dir,
            &name.replace(' ', "_").replace(['(', ')', ':'], ""),
            inst,
        );
        out.push(row(&name, inst, runs));
    }
    out.push(timed_row(
        "sensitivity (margins + weight thresholds)",
        runs.min(3),
        || {
            let s = sensitivity(&loaded.snapshot, &analysis);
            assert!(!s.margins.is_empty());
        },
    ));
    out
}

fn timed_row(name: &str, runs: usize, mut f: impl FnMut()) -> Row {
    let t = Instant::now();
    f();
    let first = t.elapsed();
    let ours = if first > Duration::from_secs(2) {
        first
    } else {
        median(runs, f)
    };
    eprintln!("{name}: {ours:?}");
    Row::new(name, ours, "(no git peer)", None, "< 2 s", None)
}
