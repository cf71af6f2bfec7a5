//! The solver's rows: the exact solve and greedy on the generated forum, with exclusions and
//! caps added, at 10,000 candidates, and sensitivity; HiGHS is the peer where Python has
//! `highspy` (`benches/highs_peer.py`), greedy where not.
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

fn write_json(dir: &Path, name: &str, inst: &Instance) -> std::path::PathBuf {
    let folder = dir.join("../instances");
    let _ = std::fs::create_dir_all(&folder);
    let text = serde_json::to_string(inst).unwrap();
    let path = folder.join(format!("{name}.json"));
    std::fs::write(&path, text).unwrap();
    path
}

/// HiGHS on the same instance (`benches/highs_peer.py`), when Python has `highspy`: the
/// median solve time of `runs` and its value and status ("Optimal" is proven).
fn highs(json: &Path, runs: usize) -> Option<(Duration, f64, String)> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/highs_peer.py");
    let mut times = Vec::new();
    let mut last = None;
    for _ in 0..runs {
        let out = std::process::Command::new("python3")
            .arg(&script)
            .arg(json)
            .output()
            .ok()?;
        if !out.status.success() {
            return None;
        }
        let text = String::from_utf8_lossy(&out.stdout).into_owned();
        // HiGHS prints its banner first; the answer is the last line.
        let mut words = text.lines().last()?.split_whitespace();
        let ms: f64 = words.next()?.parse().ok()?;
        let value: f64 = words.next()?.parse().ok()?;
        let status = words.collect::<Vec<_>>().join(" ");
        times.push(Duration::from_secs_f64(ms / 1000.0));
        last = Some((value, status));
    }
    times.sort();
    let (value, status) = last?;
    Some((times[times.len() / 2], value, status))
}

fn row(name: &str, inst: &Instance, json: &Path, runs: usize) -> Row {
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
    let verdict = if p.proven_optimal {
        "proven optimal"
    } else {
        "NOT proven"
    };
    let name = format!(
        "{name}: exact solve, {} funded, value {:.4} ({verdict}), greedy {:.4}",
        p.funded.len(),
        p.total_value,
        g.total_value
    );
    match highs(json, runs) {
        Some((time, value, status)) => Row::new(
            &format!("{name}, HiGHS {value:.4} ({status})"),
            ours,
            "HiGHS (highspy), same instance",
            Some(time),
            "< 1 s, proven",
            None,
        ),
        None => Row::new(
            &name,
            ours,
            "greedy, same instance (no highspy)",
            Some(peer),
            "< 1 s, proven",
            None,
        ),
    }
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
        let json = write_json(
            dir,
            &name.replace(' ', "_").replace(['(', ')', ':'], ""),
            inst,
        );
        out.push(row(&name, inst, &json, runs));
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
