//! Scale benchmarks on a generated forum of a large company, each against git in the same run.
//!
//! `cargo bench --bench scale` generates (once, cached under `target/bench-forum/`) a forum of
//! 50 silos, 2,000 initiatives and 10,000 decision commits, then prints the median of several
//! runs of each measure beside its git peer and the ratio. Sizes are overridable with
//! `RT_BENCH_INITIATIVES`, `RT_BENCH_COMMITS`, `RT_BENCH_SILOS`, `RT_BENCH_RUNS`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "scale/commands.rs"]
mod commands;
#[path = "scale/deciding.rs"]
mod deciding;
#[path = "scale/measure.rs"]
mod measure;
#[path = "scale/solving.rs"]
mod solving;
#[path = "common/timing.rs"]
mod timing;

use measure::{Git, Row, env_usize, median};
use roundtable::domain::analysis::analyse;
use roundtable::store::generate::{Plan, generate};
use roundtable::store::housekeeping::{objects_size, pack};
use roundtable::store::repo::ForumRepo;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const FORUM: &str = "fy2027-bench";

fn main() {
    let plan = Plan {
        forum_id: FORUM.into(),
        silos: env_usize("RT_BENCH_SILOS", 50),
        initiatives: env_usize("RT_BENCH_INITIATIVES", 2000),
        commits: env_usize("RT_BENCH_COMMITS", 10_000),
        seed: 1,
    };
    let runs = env_usize("RT_BENCH_RUNS", 7);
    let repo = cached_forum(&plan);
    println!(
        "forum: {} silos, {} initiatives, {} commits; {runs} runs each, medians\n",
        plan.silos, plan.initiatives, plan.commits
    );
    // `RT_BENCH_ONLY=load,history` runs only the groups named (load, commit, verify, history,
    // solve, solver, commands, unverified); all by default.
    let only = std::env::var("RT_BENCH_ONLY").unwrap_or_default();
    let want = |group: &str| only.is_empty() || only.split(',').any(|g| g == group);
    let mut rows = Vec::new();
    if want("load") {
        rows.push(load_tip(&repo, runs));
        rows.push(read_blobs(&repo, runs));
        rows.push(decode_only(&repo, runs, 1));
        rows.push(decode_only(&repo, runs, 2));
        rows.push(pipelined(&repo, runs));
        rows.push(check_process(&repo, runs));
    }
    if want("commit") {
        rows.push(deciding::store_decide(&repo, FORUM, runs, false));
        rows.push(deciding::store_decide(&repo, FORUM, runs, true));
        rows.push(decision_commit(&repo, runs));
        rows.push(deciding::cli_decision(&repo, FORUM, runs));
    }
    if want("verify") {
        rows.push(deciding::verify_history(&repo, FORUM, runs));
    }
    if want("history") {
        rows.push(decision_log(&repo, runs));
        rows.push(changed_paths(&repo, runs));
        rows.extend(record_history(&repo, runs));
    }
    if want("solve") {
        rows.push(allocation_solve(&repo));
    }
    if want("commands") {
        rows.extend(commands::rows(&repo, FORUM, runs.min(5)));
    }
    if want("solver") {
        rows.extend(solving::rows(&repo, FORUM, runs.min(5)));
    }
    if want("unverified") {
        // libgit2 re-hashes every object it reads; git does not. The same reads without it:
        git2::opts::strict_hash_verification(false);
        let mut unverified = load_tip(&repo, runs);
        unverified.rename("  load of the tip, libgit2 hash verification off");
        rows.push(unverified);
        let mut history = record_history(&repo, runs);
        let mut walk = history.remove(2);
        walk.rename("  path-id walk, libgit2 hash verification off");
        let mut index = history.remove(0);
        index.rename("  record index, libgit2 hash verification off");
        rows.push(walk);
        rows.push(index);
        let mut unverified = changed_paths(&repo, runs);
        unverified.rename("  libgit2 diff walk, hash verification off");
        rows.push(unverified);
    }
    measure::print(&rows);
}

/// Generates the forum once and keeps it (and its sizes) under `target/bench-forum/`.
fn cached_forum(plan: &Plan) -> PathBuf {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench-forum");
    let dir = root.join(format!(
        "i{}-c{}-s{}-seed{}",
        plan.initiatives, plan.commits, plan.silos, plan.seed
    ));
    let sizes = dir.join(".git/bench-sizes.txt");
    if !sizes.exists() {
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let t = Instant::now();
        generate(&dir, plan).unwrap();
        let generated = t.elapsed();
        let git_dir = dir.join(".git");
        let before = objects_size(&git_dir);
        let t = Instant::now();
        let packed = pack(&git_dir);
        let packing = t.elapsed();
        let after = objects_size(&git_dir);
        let text = format!(
            "generated {} commits in {:.1} s ({:.0} commits/s)\nobjects before packing: {:.1} MiB loose\nobjects after `git gc --auto`: {:.1} MiB ({:?}, {:.1} s)\n",
            plan.commits,
            generated.as_secs_f64(),
            plan.commits as f64 / generated.as_secs_f64(),
            before as f64 / 1048576.0,
            after as f64 / 1048576.0,
            packed,
            packing.as_secs_f64()
        );
        std::fs::write(&sizes, text).unwrap();
    }
    print!("{}", std::fs::read_to_string(&sizes).unwrap());
    dir
}

/// The blob ids of every file of the forum at HEAD.
fn forum_blobs(dir: &Path) -> Vec<String> {
    let out = Git::new(dir).run(&["ls-tree", "-r", "HEAD", &format!("forums/{FORUM}")]);
    out.lines()
        .filter_map(|l| l.split_whitespace().nth(2).map(str::to_string))
        .collect()
}

fn load_tip(dir: &Path, runs: usize) -> Row {
    let blobs = forum_blobs(dir);
    let input = blobs.join("\n") + "\n";
    let git = Git::new(dir);
    // In turns: the machine is shared, and its load moves between runs.
    let (ours, peer) = measure::medians_in_turns(
        runs,
        || {
            measure::timed(|| {
                let repo = ForumRepo::open(dir).unwrap();
                let loaded = repo.load_at(FORUM, "HEAD").unwrap();
                assert!(!loaded.has_errors());
            })
        },
        || {
            measure::timed(|| {
                let out = git.run_with_input(&["cat-file", "--batch"], &input);
                assert!(out.len() > 1000);
            })
        },
    );
    Row::new(
        &format!("load of the tip ({} files), in-process", blobs.len()),
        ours,
        "git cat-file --batch, same blobs",
        Some(peer),
        "≤ 1.5×",
        Some(1.5),
    )
}

/// The load's first half: reading the forum's blobs with git2 (no parsing).
fn read_blobs(dir: &Path, runs: usize) -> Row {
    let ours = median(runs, || {
        let repo = git2::Repository::open(dir).unwrap();
        let tree = repo.head().unwrap().peel_to_tree().unwrap();
        let listing = roundtable::store::source::read_tree(&repo, &tree, FORUM);
        assert!(listing.files.len() > 100);
    });
    Row::new(
        "  of which: reading the blobs (git2)",
        ours,
        "",
        None,
        "",
        None,
    )
}

/// The load's second half: decoding every file, on `threads` threads.
fn decode_only(dir: &Path, runs: usize, threads: usize) -> Row {
    use roundtable::store::layout::{Place, classify};
    let repo = git2::Repository::open(dir).unwrap();
    let tree = repo.head().unwrap().peel_to_tree().unwrap();
    let files = roundtable::store::source::read_tree(&repo, &tree, FORUM).files;
    let ours = median(runs, || {
        let chunk = files.len().div_ceil(threads);
        std::thread::scope(|s| {
            for part in files.chunks(chunk) {
                s.spawn(move || {
                    for f in part {
                        if let Place::Record { record, .. } = classify(&f.path) {
                            roundtable::store::decode::decode(&f.path, record.kind, &f.bytes)
                                .unwrap();
                        }
                    }
                });
            }
        });
    });
    Row::new(
        &format!("  of which: decoding the RON, {threads} thread(s)"),
        ours,
        "",
        None,
        "",
        None,
    )
}

/// The same load with reading and decoding overlapped on two threads (a proposal).
fn pipelined(dir: &Path, runs: usize) -> Row {
    let ours = median(runs, || {
        assert!(measure::pipelined_load(dir, FORUM) > 100);
    });
    let input = forum_blobs(dir).join("\n") + "\n";
    let git = Git::new(dir);
    let peer = median(runs, || {
        git.run_with_input(&["cat-file", "--batch"], &input);
    });
    Row::new(
        "  one thread reads while another decodes (no validation)",
        ours,
        "git cat-file --batch, same blobs",
        Some(peer),
        "≤ 1.5×",
        Some(1.5),
    )
}

fn check_process(dir: &Path, runs: usize) -> Row {
    let bin = env!("CARGO_BIN_EXE_roundtable");
    let ours = median(runs, || {
        let out = std::process::Command::new(bin)
            .args(["--repo"])
            .arg(dir)
            .args(["check", "--rev", "HEAD"])
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
    });
    let input = forum_blobs(dir).join("\n") + "\n";
    let git = Git::new(dir);
    let peer = median(runs, || {
        git.run_with_input(&["cat-file", "--batch"], &input);
    });
    Row::new(
        "`roundtable check --rev HEAD` (process)",
        ours,
        "git cat-file --batch, same blobs",
        Some(peer),
        "≤ 1.5×",
        Some(1.5),
    )
}

/// One decision commit: a TreeBuilder commit with compare-and-swap on the branch, in a
/// clone, against `git add` + `git commit` of the same change in another clone.
fn decision_commit(dir: &Path, runs: usize) -> Row {
    let ours_dir = measure::clone(dir, "decide-ours");
    let git_dir = measure::clone(dir, "decide-git");
    let path = first_initiative(dir);
    let mut n = 0u64;
    let ours = median(runs, || {
        n += 1;
        measure::treebuilder_commit(&ours_dir, &path, n);
    });
    let git = Git::new(&git_dir);
    let mut n = 0u64;
    let peer = median(runs, || {
        n += 1;
        let file = git_dir.join(&path);
        let text = std::fs::read_to_string(&file).unwrap();
        std::fs::write(&file, measure::edited(&text, n)).unwrap();
        git.run(&["add", &path]);
        git.run(&[
            "commit",
            "-q",
            "-m",
            "Revise the cost\n\nForum: x\nDecision: edit",
        ]);
    });
    Row::new(
        "  of which the commit alone: TreeBuilder + CAS, no judging, no work tree",
        ours,
        "git add + git commit, same change",
        Some(peer),
        "≤ 0.3×",
        Some(0.3),
    )
}

fn first_initiative(dir: &Path) -> String {
    let out = Git::new(dir).run(&[
        "ls-tree",
        "-r",
        "--name-only",
        "HEAD",
        &format!("forums/{FORUM}/initiatives"),
    ]);
    out.lines().nth(7).unwrap().to_string()
}

/// The first step of `verify`: every commit's message and trailers (verify not landed).
fn decision_log(dir: &Path, runs: usize) -> Row {
    let ours = median(runs, || {
        let count = measure::read_decision_log(dir);
        assert!(count > 0);
    });
    let git = Git::new(dir);
    let peer = median(runs, || {
        git.run(&["log", "--format=%H%x00%an%x00%at%x00%B"]);
    });
    Row::new(
        "decision log of the whole history (trailers; verify's first step)",
        ours,
        "git log --format=%B",
        Some(peer),
        "verify < 3 s",
        None,
    )
}

/// Every commit's changed paths, as an incremental verify would walk them.
fn changed_paths(dir: &Path, runs: usize) -> Row {
    let runs = runs.min(5);
    let ours = median(runs, || {
        assert!(measure::changed_paths(dir) > 0);
    });
    let git = Git::new(dir);
    let peer = median(runs, || {
        git.run(&["log", "--format=%H", "--name-only"]);
    });
    Row::new(
        "changed paths of every commit, libgit2 diff_tree_to_tree",
        ours,
        "git log --name-only",
        Some(peer),
        "verify < 3 s",
        None,
    )
}

/// One initiative's commits: path-id walk over the history, vs `git log -- path`, with and
/// without commit-graph changed-path filters.
fn record_history(dir: &Path, runs: usize) -> Vec<Row> {
    let path = first_initiative(dir);
    let graph_dir = measure::clone(dir, "graph");
    let runs = runs.min(5);
    let ours = median(runs, || {
        let commits = measure::path_history(dir, &path);
        assert!(!commits.is_empty());
    });
    let git = Git::new(dir);
    let expected = git.run(&["log", "--format=%H", "--", &path]);
    let found: Vec<String> = measure::path_history(dir, &path)
        .iter()
        .map(|o| o.to_string())
        .collect();
    assert_eq!(
        found,
        expected.lines().collect::<Vec<_>>(),
        "same commits as git"
    );
    let peer = median(runs, || {
        git.run(&["log", "--format=%H", "--", &path]);
    });
    let ggit = Git::new(&graph_dir);
    ggit.run(&["commit-graph", "write", "--reachable", "--changed-paths"]);
    let with_graph = median(runs, || {
        ggit.run(&["log", "--format=%H", "--", &path]);
    });
    let index_time = median(runs, || {
        assert!(measure::record_index(dir).len() > 100);
    });
    let all_paths = median(runs, || {
        git.run(&["log", "--format=%H", "--name-only"]);
    });
    let index = measure::record_index(dir);
    let from_index: Vec<String> = index[&path].iter().map(|o| o.to_string()).collect();
    assert_eq!(from_index, found, "the index agrees with git log");
    let lookup = median(runs, || {
        assert!(!index[&path].is_empty());
    });
    vec![
        Row::new(
            "record→commits index of every record, one pass (pruned tree diffs)",
            index_time,
            "git log --name-only",
            Some(all_paths),
            "verify < 3 s",
            None,
        ),
        Row::new(
            "one initiative's commits from that index",
            lookup,
            "git log -- <its file>",
            Some(peer),
            "audit ≤ 1×",
            Some(1.0),
        ),
        Row::new(
            "one initiative's commits, path-id walk (no index)",
            ours,
            "git log -- <its file>",
            Some(peer),
            "audit ≤ 1×",
            Some(1.0),
        ),
        Row::new(
            "  the same walk",
            ours,
            "git log -- <file> with changed-path filters",
            Some(with_graph),
            "",
            None,
        ),
    ]
}

fn allocation_solve(dir: &Path) -> Row {
    let repo = ForumRepo::open(dir).unwrap();
    let loaded = repo.load_at(FORUM, "HEAD").unwrap();
    let t = Instant::now();
    let analysis = analyse(&loaded.snapshot);
    let first = t.elapsed();
    assert!(!analysis.initiatives.is_empty());
    let ours = if first > Duration::from_secs(10) {
        first
    } else {
        median(3, || {
            analyse(&loaded.snapshot);
        })
    };
    Row::new(
        &format!(
            "analysis + allocation solve ({} initiatives)",
            loaded.snapshot.initiatives.len()
        ),
        ours,
        "(no git peer)",
        None,
        "",
        None,
    )
}
