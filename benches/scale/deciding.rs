//! Decisions and verify at scale: `store::decide` and the `roundtable budget` process against
//! `git add` + `git commit` of the same change, and `verify` of the whole history.

use super::measure::{self, Git, Row, median};
use roundtable::domain::phase::DecisionKind;
use roundtable::domain::snapshot::{RecordKind, RecordRef};
use roundtable::store::decide::{Decision, branch_tip, decide, decide_held, to_ron};
use roundtable::store::history::replay::verify;
use roundtable::store::repo::{ForumRepo, Loaded};
use std::cell::Cell;
use std::path::Path;
use std::time::{Duration, Instant};

const BRANCH: &str = "refs/heads/main";
const REASON: &str = "Finance revised the envelope.";

/// A budget decision on the forum at the tip of a checked-out clone (built, not yet made).
fn budget_decision(repo: &ForumRepo, forum: &str, amount: u64) -> (Decision, Vec<u8>) {
    let (d, bytes, _) = budget_on_tip(repo, forum, amount);
    (d, bytes)
}

/// The same, with the forum it was built from (as the app and the CLI hold it).
fn budget_on_tip(repo: &ForumRepo, forum: &str, amount: u64) -> (Decision, Vec<u8>, Loaded) {
    let tip = branch_tip(repo, BRANCH).unwrap().unwrap();
    let loaded = repo.load_at(forum, &tip.to_string()).unwrap();
    let s = &loaded.snapshot;
    let by = s.forum.members[0].id.clone();
    let mut d = Decision::new(forum, DecisionKind::Budget, "Set the budget", REASON, by);
    let mut record = s.forum.clone();
    record.budget = amount;
    d.put(&RecordRef::new(RecordKind::Forum, ""), &record)
        .unwrap();
    let bytes = to_ron(&record).unwrap();
    (d, bytes, loaded)
}

/// `git add` + `git commit` of the same bytes in another clone.
fn git_commit(git: &Git, dir: &Path, forum: &str, bytes: &[u8]) {
    let rel = format!("forums/{forum}/forum.ron");
    std::fs::write(dir.join(&rel), bytes).unwrap();
    git.run(&["add", &rel]);
    git.run(&[
        "commit",
        "-q",
        "-m",
        &format!("Set the budget\n\n{REASON}\n\nForum: {forum}\nDecision: budget"),
    ]);
}

/// One decision through `store::decide_held` on the forum the caller holds, as the app's
/// worker and the CLI make it (in-process; the load that builds the decision is not timed:
/// the app holds the forum already, the CLI read it to build the decision); with `whole`,
/// through `store::decide`, which reads and validates the whole forum again.
pub fn store_decide(dir: &Path, forum: &str, runs: usize, whole: bool) -> Row {
    let name = if whole { "decide-whole" } else { "decide-ours" };
    let ours_dir = measure::clone(dir, name);
    let git_dir = measure::clone(dir, &format!("{name}-git"));
    fsync_if_asked(&ours_dir);
    fsync_if_asked(&git_dir);
    let repo = ForumRepo::open(&ours_dir).unwrap();
    let git = Git::new(&git_dir);
    let (mut amount, mut peer_amount) = (900_000_000u64, 900_000_000u64);
    // In turns with git: the machine is shared, and its load moves between runs.
    let (ours, peer) = measure::medians_in_turns(
        runs,
        || {
            amount += 1_000;
            let (d, _, loaded) = budget_on_tip(&repo, forum, amount);
            let tip = branch_tip(&repo, BRANCH).unwrap();
            let mut held = Some(loaded);
            let t = Instant::now();
            let done = if whole {
                decide(&repo, BRANCH, tip, &d).unwrap()
            } else {
                decide_held(&repo, BRANCH, tip, &d, &mut held).unwrap()
            };
            let took = t.elapsed();
            // The forum after is the caller's to keep (the app's worker holds it for the next
            // decision): freeing it is not part of the decision.
            drop(done);
            assert_eq!(held.is_none(), !whole, "the held forum was judged on");
            took
        },
        || {
            peer_amount += 1_000;
            let (_, bytes) = budget_decision(&repo, forum, peer_amount);
            measure::timed(|| git_commit(&git, &git_dir, forum, &bytes))
        },
    );
    let what = if whole {
        "  the same through store::decide: the whole forum read, decoded and validated again"
    } else {
        "one decision commit: store::decide_held on the forum held (judge + commit + CAS + work tree), in-process"
    };
    Row::new(
        what,
        ours,
        "git add + git commit, same change",
        Some(peer),
        "≤ 0.3×",
        Some(0.3),
    )
}

/// `RT_BENCH_FSYNC=1`: decide with fsync of loose objects and refs (`core.fsync=all`, which
/// `store::decide` follows as git does; git's own default fsyncs neither). Both clones get
/// the setting, so `git commit` fsyncs too.
fn fsync_if_asked(dir: &Path) {
    if std::env::var_os("RT_BENCH_FSYNC").is_some() {
        Git::new(dir).run(&["config", "core.fsync", "all"]);
    }
}

/// The same budget changes committed with `git add` + `git commit` in `git_dir`: the median.
fn git_peer(repo: &ForumRepo, git_dir: &Path, forum: &str, runs: usize) -> Duration {
    let git = Git::new(git_dir);
    let mut amount = 900_000_000u64;
    median_of_last(runs, || {
        amount += 1_000;
        let (_, bytes) = budget_decision(repo, forum, amount);
        let t = Instant::now();
        git_commit(&git, git_dir, forum, &bytes);
        LAST.with(|l| l.set(t.elapsed()));
    })
}

thread_local! {
    static LAST: Cell<Duration> = const { Cell::new(Duration::ZERO) };
}

/// The median of the part of each run that the run itself timed into `LAST`.
fn median_of_last(runs: usize, mut f: impl FnMut()) -> Duration {
    f();
    let mut times: Vec<_> = (0..runs.max(1))
        .map(|_| {
            f();
            LAST.with(|l| l.get())
        })
        .collect();
    times.sort();
    times[times.len() / 2]
}

/// `roundtable budget` as a process (open, load, judge, commit) against `git add` + `git commit`.
pub fn cli_decision(dir: &Path, forum: &str, runs: usize) -> Row {
    let ours_dir = measure::clone(dir, "cli-ours");
    let git_dir = measure::clone(dir, "cli-git");
    fsync_if_asked(&ours_dir);
    fsync_if_asked(&git_dir);
    let repo = ForumRepo::open(&ours_dir).unwrap();
    let by = repo.load_at(forum, "HEAD").unwrap().snapshot.forum.members[0]
        .id
        .clone();
    let bin = env!("CARGO_BIN_EXE_roundtable");
    let mut amount = 900_000_000u64;
    let ours = median(runs, || {
        amount += 1_000;
        let out = std::process::Command::new(bin)
            .arg("--repo")
            .arg(&ours_dir)
            .args([
                "budget",
                &amount.to_string(),
                "--by",
                &by,
                "--reason",
                REASON,
            ])
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
    });
    let peer = git_peer(&repo, &git_dir, forum, runs);
    Row::new(
        "`roundtable budget …` (process: load, judge, commit, work tree)",
        ours,
        "git add + git commit, same change",
        Some(peer),
        "≤ 0.3×",
        Some(0.3),
    )
}

/// `verify` of the whole first-parent history.
pub fn verify_history(dir: &Path, forum: &str, runs: usize) -> Row {
    let repo = ForumRepo::open(dir).unwrap();
    let tip = repo.resolve("HEAD").unwrap();
    let mut commits = 0;
    let ours = median(runs.min(3), || {
        let verdict = verify(&repo, forum, tip).unwrap();
        assert!(verdict.broken.is_none(), "{:?}", verdict.broken);
        commits = verdict.commits;
    });
    let git = Git::new(dir);
    let peer = median(runs.min(3), || {
        git.run(&["log", "--format=%H%x00%B", "--name-only"]);
    });
    Row::new(
        &format!("`verify` of the whole history ({commits} commits)"),
        ours,
        "git log --format=%B --name-only",
        Some(peer),
        "< 3 s",
        None,
    )
}
