//! `roundtable sync` of 100 decisions each way on the 10,000-commit forum (`bench-forum`),
//! beside `git pull --rebase` + `git push` of the same two histories.
//!
//! A bare host holds the forum with 100 score decisions of half the members on top (pushed
//! "by another clone"); a clone of it has 100 score decisions of the other half on top of the
//! same base. `sync` fetches the host's 100, judges its own 100 again one by one on the host's
//! tip, and pushes them; git rebases them without judging and pushes. Each run starts from a
//! fresh copy of the same two histories.
//!
//! Run: `cargo bench --bench sync` (prints the figures; no assertions on time). Sizes:
//! `RT_BENCH_INITIATIVES`, `RT_BENCH_COMMITS`, `RT_BENCH_SILOS`, `RT_BENCH_RUNS`,
//! `RT_BENCH_DECISIONS` (each way).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "common/timing.rs"]
mod timing;

use roundtable::domain::phase::DecisionKind;
use roundtable::domain::snapshot::{RecordKind, RecordRef};
use roundtable::store::decide::{Decision, branch_tip, decide_held};
use roundtable::store::generate::{Plan, generate};
use roundtable::store::housekeeping::pack;
use roundtable::store::repo::ForumRepo;
use roundtable::store::sync::{Options, Prompt, sync};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};
use timing::env_usize;

const FORUM: &str = "fy2027-bench";

fn main() {
    let plan = Plan {
        forum_id: FORUM.into(),
        silos: env_usize("RT_BENCH_SILOS", 50),
        initiatives: env_usize("RT_BENCH_INITIATIVES", 2000),
        commits: env_usize("RT_BENCH_COMMITS", 10_000),
        seed: 1,
    };
    let runs = env_usize("RT_BENCH_RUNS", 3);
    let n = env_usize("RT_BENCH_DECISIONS", 100);
    let base = cached_forum(&plan);
    let work = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench-sync");
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(&work).unwrap();
    let seed = work.join("seed.git");
    git(&work, &["clone", "-q", "--bare", path(&base), path(&seed)]);
    let t = Instant::now();
    chain(&seed, "refs/heads/ours", n, 0);
    chain(&seed, "refs/heads/theirs", n, 1);
    println!(
        "forum: {} silos, {} initiatives, {} commits; {n} score decisions each way made in {:.1} s; {runs} runs each, medians\n",
        plan.silos,
        plan.initiatives,
        plan.commits,
        t.elapsed().as_secs_f64()
    );
    let mut ours = Vec::new();
    let mut peer = Vec::new();
    // In turns: the machine is shared, and its load moves between runs.
    for run in 0..=runs {
        let clone = setup(&work, &seed, &format!("rt-{run}"));
        let repo = ForumRepo::open(&clone).unwrap();
        let options = Options {
            remote: None,
            prompt: Prompt::Never,
            create: false,
        };
        let t = Instant::now();
        let synced = sync(&repo, &options).unwrap();
        let took = t.elapsed();
        assert_eq!(synced.replayed, n, "{synced:?}");
        assert!(synced.held.is_none(), "{synced:?}");
        let clone = setup(&work, &seed, &format!("git-{run}"));
        let t = Instant::now();
        git(&clone, &["pull", "-q", "--rebase"]);
        git(&clone, &["push", "-q"]);
        let git_took = t.elapsed();
        if run > 0 {
            ours.push(took);
            peer.push(git_took);
        }
    }
    let (ours, peer) = (median(ours), median(peer));
    println!(
        "{:<70} {:>9.0} ms",
        format!("`roundtable sync`: fetch {n}, judge {n} again on the host's tip, push {n}"),
        ours.as_secs_f64() * 1000.0
    );
    println!(
        "{:<70} {:>9.0} ms",
        "`git pull --rebase` + `git push` of the same histories (no judging)",
        peer.as_secs_f64() * 1000.0
    );
    println!(
        "{:<70} {:>9.2}×",
        "ratio",
        ours.as_secs_f64() / peer.as_secs_f64()
    );
    let _ = std::fs::remove_dir_all(&work);
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v.get(v.len() / 2).copied().unwrap_or_default()
}

fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// git in `dir` with no system config; fails the bench on an error.
fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .unwrap();
    assert!(out.status.success(), "git {args:?}: {out:?}");
}

/// A fresh host (its `main` at `theirs`) and a clone of it with its `main` at `ours`.
fn setup(work: &Path, seed: &Path, name: &str) -> PathBuf {
    let host = work.join(format!("{name}-host.git"));
    let clone = work.join(name);
    git(work, &["clone", "-q", "--bare", path(seed), path(&host)]);
    git(
        &host,
        &["update-ref", "refs/heads/main", "refs/heads/theirs"],
    );
    git(work, &["clone", "-q", path(&host), path(&clone)]);
    git(&clone, &["config", "user.name", "Clerk"]);
    git(&clone, &["config", "user.email", "clerk@example.com"]);
    git(&clone, &["reset", "-q", "--hard", "origin/ours"]);
    clone
}

/// `n` score decisions on a new `branch` from `main`, each by a member on their own card:
/// the members of parity `half` (so the two chains never touch the same card).
fn chain(seed: &Path, branch: &str, n: usize, half: usize) {
    let repo = ForumRepo::open(seed).unwrap();
    let main = branch_tip(&repo, "refs/heads/main").unwrap().unwrap();
    repo.repo
        .reference(branch, main, false, "bench chain")
        .unwrap();
    let mut held = Some(repo.load_at(FORUM, &main.to_string()).unwrap());
    for i in 0..n {
        let loaded = held.as_ref().unwrap();
        let snapshot = &loaded.snapshot;
        let members: Vec<&str> = snapshot
            .forum
            .members
            .iter()
            .map(|m| m.id.as_str())
            .filter(|id| snapshot.scorecards.contains_key(*id))
            .enumerate()
            .filter(|(k, _)| k % 2 == half)
            .map(|(_, id)| id)
            .collect();
        let member = members[i % members.len()].to_string();
        let mut card = snapshot.scorecards[&member].clone();
        let initiative = card.scores.keys().next().unwrap().clone();
        card.notes
            .insert(initiative, format!("note {i} from the {branch} side"));
        let mut d = Decision::new(
            FORUM,
            DecisionKind::Score,
            format!("{member} notes a score ({i})"),
            "Bench.",
            member.clone(),
        );
        d.put(&RecordRef::new(RecordKind::Scorecard, member), &card)
            .unwrap();
        let tip = branch_tip(&repo, branch).unwrap();
        let done = decide_held(&repo, branch, tip, &d, &mut held).unwrap();
        held = Some(done.loaded);
    }
}

/// The generated forum, cached under `target/bench-forum/` (shared with `--bench scale`).
fn cached_forum(plan: &Plan) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("target/bench-forum")
        .join(format!(
            "i{}-c{}-s{}-seed{}",
            plan.initiatives, plan.commits, plan.silos, plan.seed
        ));
    let done = dir.join(".git/bench-sizes.txt");
    if !done.exists() {
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        generate(&dir, plan).unwrap();
        pack(&dir.join(".git"));
        std::fs::write(&done, "generated by --bench sync\n").unwrap();
    }
    dir
}
