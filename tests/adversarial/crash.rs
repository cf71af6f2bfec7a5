//! `kill -9` of a committing process at random points, repeated; stale and live locks.

use super::*;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// Where the decisions are made: the checked-out repository, or a bare clone of it.
struct Target<'a> {
    repo: &'a Repo,
    dir: PathBuf,
    git_dir: PathBuf,
    work_tree: bool,
}

impl<'a> Target<'a> {
    fn checked_out(repo: &'a Repo) -> Self {
        Target {
            repo,
            dir: repo.path().to_path_buf(),
            git_dir: repo.path().join(".git"),
            work_tree: true,
        }
    }

    fn bare(repo: &'a Repo) -> Self {
        let dir = repo.home.path().join("bare.git");
        let (from, to) = (repo.path().to_string_lossy(), dir.to_string_lossy());
        repo.git(&["clone", "-q", "--bare", &from, &to]);
        Target {
            repo,
            git_dir: dir.clone(),
            dir,
            work_tree: false,
        }
    }

    fn git(&self, args: &[&str]) -> String {
        let out = self
            .repo
            .git_cmd()
            .current_dir(&self.dir)
            .args(args)
            .output()
            .unwrap();
        assert!(out.status.success(), "git {args:?}: {out:?}");
        String::from_utf8(out.stdout).unwrap().trim().to_string()
    }

    fn budget(&self, amount: u64) -> std::process::Child {
        std::process::Command::new(assert_cmd::cargo::cargo_bin("roundtable"))
            .arg("--repo")
            .arg(&self.dir)
            .args([
                "budget",
                &amount.to_string(),
                "--by",
                "dana",
                "--reason",
                "Finance revised the envelope.",
            ])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap()
    }

    fn decide_ok(&self, amount: u64) {
        let out = self.budget(amount).wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    fn tip(&self) -> String {
        self.git(&["rev-parse", "refs/heads/main"])
    }

    fn fsck_clean(&self) {
        let out = self
            .repo
            .git_cmd()
            .current_dir(&self.dir)
            .args(["fsck", "--full", "--no-dangling"])
            .output()
            .unwrap();
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            out.status.success() && text.trim().is_empty(),
            "git fsck: {text}"
        );
    }

    /// The work tree's forum.ron is whole: the old commit's or the new one's, byte for byte —
    /// or, while a killed decision's pending note waits for the next decision to finish it,
    /// the version of the note's old commit.
    fn work_tree_is_old_or_new(&self, before: &str, after: &str) {
        if !self.work_tree {
            return;
        }
        let rel = "forums/f/forum.ron";
        let on_disk = std::fs::read_to_string(self.dir.join(rel)).unwrap();
        let mut versions = vec![before.to_string(), after.to_string()];
        let note = std::fs::read_to_string(self.git_dir.join("roundtable-decide.pending"));
        if let Some(old) = note.ok().as_deref().and_then(|n| n.lines().next()) {
            versions.extend(old.strip_prefix("old ").map(str::to_string));
        }
        let whole = versions
            .iter()
            .any(|v| on_disk.trim() == self.git(&["show", &format!("{v}:{rel}")]));
        assert!(whole, "a torn work-tree file: {on_disk:?}");
    }
}

/// After a kill: an interrupted decision is named by `check` and `verify`, a plain
/// `git commit` cannot commit the old index over it, and `roundtable recover` (on even rounds)
/// or the next decision (on odd ones) finishes it.
fn interrupted_decisions_survive_git_commit(target: &Target, after: &str, round: u64) -> bool {
    let repo = target.repo;
    let note = target.git_dir.join("roundtable-decide.pending");
    let lock = target.git_dir.join("index.lock");
    assert!(
        !lock.exists() || note.exists(),
        "an index.lock with no note of the decision that staged it"
    );
    let interrupted = note.exists();
    if interrupted {
        for command in [&["check"][..], &["verify"][..]] {
            let out = std::process::Command::new(assert_cmd::cargo::cargo_bin("roundtable"))
                .arg("--repo")
                .arg(&target.dir)
                .args(command)
                .output()
                .unwrap();
            let err = String::from_utf8_lossy(&out.stderr);
            assert!(
                !out.status.success()
                    && err.contains("an interrupted decision: run `roundtable recover`"),
                "{command:?}: {err}"
            );
        }
    }
    // A plain `git commit`, as a person at the terminal would make one.
    let committed = repo
        .git_cmd()
        .args(["commit", "-q", "--allow-empty", "-m", "A hand-made commit"])
        .output()
        .unwrap();
    let rel = "forums/f/forum.ron";
    let decided = target.git(&["show", &format!("{after}:{rel}")]);
    assert_eq!(
        target.git(&["show", &format!("HEAD:{rel}")]),
        decided,
        "a plain git commit (exit {:?}) undid the decision",
        committed.status.code()
    );
    if note.exists() && round % 2 == 0 {
        let out = std::process::Command::new(assert_cmd::cargo::cargo_bin("roundtable"))
            .arg("--repo")
            .arg(&target.dir)
            .arg("recover")
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        assert!(!note.exists() && !lock.exists());
        let status = target.git(&["status", "--porcelain", "--untracked-files=all"]);
        assert_eq!(
            status, "",
            "recover leaves the work tree and index at the branch"
        );
    }
    interrupted
}

/// Kills decisions at random points, up to `rounds` times within `budget` of wall time.
fn kill_9_rounds(target: &Target, rounds: u64, budget: Duration) {
    // One decision to completion tells how long a decision takes here.
    let t = Instant::now();
    target.decide_ok(999_000);
    let span = t.elapsed().max(Duration::from_millis(5));
    let started = Instant::now();
    let mut seed = 0x2545_f491_4f6c_dd1d_u64 ^ u64::from(target.work_tree);
    let (mut killed, mut finished, mut locks, mut interrupted) = (0, 0, 0, 0);
    for round in 0..rounds {
        if started.elapsed() > budget {
            break;
        }
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let delay = span.mul_f64((seed % 1000) as f64 / 800.0);
        let before = target.tip();
        let mut child = target.budget(1_000_000 + round * 1_000);
        std::thread::sleep(delay);
        match child.try_wait().unwrap() {
            Some(_) => finished += 1,
            None => {
                child.kill().unwrap();
                killed += 1;
            }
        }
        child.wait().unwrap();
        target.fsck_clean();
        let after = target.tip();
        if after != before {
            let parent = target.git(&["rev-parse", &format!("{after}^")]);
            assert_eq!(parent, before, "the branch moved by exactly one commit");
            let message = target.git(&["log", "-1", "--format=%B", &after]);
            assert!(message.contains("Decision: budget"), "{message}");
        }
        target.work_tree_is_old_or_new(&before, &after);
        if target.work_tree && interrupted_decisions_survive_git_commit(target, &after, round) {
            interrupted += 1;
        }
        for name in ["refs/heads/main.lock"] {
            let stale = target.git_dir.join(name);
            if !stale.exists() {
                continue;
            }
            locks += 1;
            let out = target.budget(5).wait_with_output().unwrap();
            let err = String::from_utf8_lossy(&out.stderr);
            assert!(!out.status.success() && err.contains(name), "{err}");
            assert!(stale.exists(), "a stale lock is never deleted by the app");
            assert_eq!(target.tip(), after);
            std::fs::remove_file(&stale).unwrap();
        }
        // roundtable's own lock is an OS lock: a killed holder leaves nothing to clear,
        // and a decision killed after moving the branch is finished by the next one.
    }
    let tally = format!(
        "killed {killed}, finished {finished}, stale git locks {locks}, interrupted {interrupted}"
    );
    eprintln!("work tree {}: {tally}", target.work_tree);
    assert!(killed >= 5, "{tally}");
    target.decide_ok(1_234_000);
    target.fsck_clean();
    if target.work_tree {
        let status = target.git(&["status", "--porcelain", "--untracked-files=all"]);
        assert_eq!(status, "", "the work tree and index match the branch");
    }
}

#[test]
fn kill_9_at_random_points_leaves_the_branch_at_the_old_or_the_new_commit() {
    let repo = Repo::new();
    kill_9_rounds(&Target::checked_out(&repo), 40, Duration::from_secs(15));
}

#[test]
fn kill_9_of_a_decision_on_a_bare_repository() {
    let repo = Repo::new();
    kill_9_rounds(&Target::bare(&repo), 30, Duration::from_secs(10));
}

#[test]
fn a_second_writer_waits_for_the_work_tree_lock_and_it_never_goes_stale() {
    let repo = Repo::new();
    let target = Target::checked_out(&repo);
    let lock = repo.path().join(".git/roundtable-decide.lock");
    // A lock file left on disk by a dead process is no lock at all.
    std::fs::write(&lock, "").unwrap();
    target.decide_ok(1_500_000);
    // A live holder: a decision waits, then says another decision is being written.
    let mid = target.tip();
    let held = std::fs::OpenOptions::new().write(true).open(&lock).unwrap();
    fs4::FileExt::lock(&held).unwrap();
    let start = Instant::now();
    let waiting = target.budget(1_600_000);
    std::thread::sleep(Duration::from_millis(300));
    drop(held);
    let out = waiting.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(start.elapsed() >= Duration::from_millis(300));
    assert_ne!(target.tip(), mid, "decided after the holder let go");
}

#[test]
fn a_decision_killed_after_moving_the_branch_is_finished_by_the_next() {
    let repo = Repo::new();
    let target = Target::checked_out(&repo);
    let before = target.tip();
    // What a killed decision leaves: the branch at a new commit, the work tree and the
    // index at the old one, and the note naming both.
    let rel = "forums/f/forum.ron";
    let text = repo
        .git(&["show", &format!("HEAD:{rel}")])
        .replace("budget: 1000000", "budget: 1100000");
    let blob = repo.blob(format!("{text}\n").as_bytes());
    let index = repo.home.path().join("index");
    let with_index = |args: &[&str]| {
        let out = repo
            .git_cmd()
            .env("GIT_INDEX_FILE", &index)
            .args(args)
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        String::from_utf8(out.stdout).unwrap().trim().to_string()
    };
    with_index(&["read-tree", "HEAD"]);
    with_index(&[
        "update-index",
        "--cacheinfo",
        &format!("100644,{blob},{rel}"),
    ]);
    let tree = with_index(&["write-tree"]);
    let message =
        "Raise the budget\n\nForum: f\nDecision: budget\nDecided-By: dana\nPresent: dana\n";
    let new = repo.git(&["commit-tree", &tree, "-p", &before, "-m", message]);
    repo.git(&["update-ref", "refs/heads/main", &new, &before]);
    std::fs::write(
        repo.path().join(".git/roundtable-decide.pending"),
        format!("old {before}\nnew {new}\n"),
    )
    .unwrap();
    assert_ne!(target.git(&["status", "--porcelain"]), "");
    target.decide_ok(1_200_000);
    assert_eq!(target.git(&["rev-parse", "main^"]), new);
    assert_eq!(
        target.git(&["status", "--porcelain", "--untracked-files=all"]),
        ""
    );
    assert!(!repo.path().join(".git/roundtable-decide.pending").exists());
    // Without the note, the same state is refused as uncommitted edits, not overwritten.
    let tip = target.tip();
    repo.git(&["update-ref", "refs/heads/main", &new, &tip]);
    let out = target.budget(1_300_000).wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        !out.status.success() && err.contains("uncommitted edits"),
        "{err}"
    );
}

#[test]
fn a_stale_lock_is_named_and_left_in_place() {
    let repo = Repo::new();
    let target = Target::checked_out(&repo);
    let before = target.tip();
    for name in ["refs/heads/main.lock", "index.lock"] {
        let lock = repo.path().join(".git").join(name);
        std::fs::write(&lock, format!("{before}\n")).unwrap();
        let out = target.budget(2_000_000).wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{err}");
        assert!(err.contains(name), "the message names the lock: {err}");
        assert!(lock.exists(), "the lock is not deleted");
        assert_eq!(target.tip(), before);
        assert_no_control(err.as_bytes());
        std::fs::remove_file(&lock).unwrap();
    }
}

#[test]
fn a_decision_killed_with_its_index_staged_is_named_kept_from_git_commit_and_recovered() {
    let repo = Repo::new();
    let target = Target::checked_out(&repo);
    let before = target.tip();
    // What a decision killed after moving the branch leaves: the new index staged as git's
    // index.lock, the work tree at the old commit, and the note naming all three.
    let rel = "forums/f/forum.ron";
    let text = repo
        .git(&["show", &format!("HEAD:{rel}")])
        .replace("budget: 1000000", "budget: 1100000");
    let blob = repo.blob(format!("{text}\n").as_bytes());
    let lock = repo.path().join(".git/index.lock");
    let staged = |args: &[&str]| {
        let out = repo
            .git_cmd()
            .env("GIT_INDEX_FILE", &lock)
            .args(args)
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        String::from_utf8(out.stdout).unwrap().trim().to_string()
    };
    staged(&["read-tree", "HEAD"]);
    staged(&[
        "update-index",
        "--cacheinfo",
        &format!("100644,{blob},{rel}"),
    ]);
    let tree = staged(&["write-tree"]);
    let message =
        "Raise the budget\n\nForum: f\nDecision: budget\nDecided-By: dana\nPresent: dana\n";
    let new = repo.git(&["commit-tree", &tree, "-p", &before, "-m", message]);
    repo.git(&["update-ref", "refs/heads/main", &new, &before]);
    let hash = repo.git(&["hash-object", lock.to_str().unwrap()]);
    let note = repo.path().join(".git/roundtable-decide.pending");
    std::fs::write(&note, format!("old {before}\nnew {new}\nindex {hash}\n")).unwrap();

    for command in ["check", "verify"] {
        let (code, out) = repo.run_any(&[command]);
        assert_ne!(code, 0);
        assert!(
            out.contains("an interrupted decision: run `roundtable recover`"),
            "{command}: {out}"
        );
    }
    // git refuses to commit while the staged index holds its lock: the old index cannot be
    // committed over the decision.
    let out = repo
        .git_cmd()
        .args([
            "commit",
            "-q",
            "-a",
            "--allow-empty",
            "-m",
            "A hand-made commit",
        ])
        .output()
        .unwrap();
    assert!(!out.status.success(), "{out:?}");
    assert_eq!(target.tip(), new);

    let (code, out) = repo.run_any(&["recover"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("finished the interrupted decision"), "{out}");
    assert!(!note.exists() && !lock.exists());
    assert_eq!(
        target.git(&["status", "--porcelain", "--untracked-files=all"]),
        ""
    );
    assert!(
        std::fs::read_to_string(repo.path().join(rel))
            .unwrap()
            .contains("budget: 1100000")
    );
    // Now a plain commit keeps the decision.
    repo.git(&["commit", "-q", "--allow-empty", "-m", "A hand-made commit"]);
    assert!(
        repo.git(&["show", &format!("HEAD:{rel}")])
            .contains("budget: 1100000")
    );
    let (code, out) = repo.run_any(&["recover"]);
    assert_eq!(code, 0);
    assert!(out.contains("nothing to recover"), "{out}");
}

#[test]
fn a_decision_killed_before_moving_the_branch_is_undone_by_recover() {
    let repo = Repo::new();
    let target = Target::checked_out(&repo);
    let before = target.tip();
    let lock = repo.path().join(".git/index.lock");
    std::fs::copy(repo.path().join(".git/index"), &lock).unwrap();
    let hash = repo.git(&["hash-object", lock.to_str().unwrap()]);
    let note = repo.path().join(".git/roundtable-decide.pending");
    let never = "0123456789012345678901234567890123456789";
    std::fs::write(&note, format!("old {before}\nnew {never}\nindex {hash}\n")).unwrap();
    // The next decision undoes it first, then decides.
    target.decide_ok(1_700_000);
    assert!(!note.exists() && !lock.exists());
    assert_eq!(target.git(&["rev-parse", "main^"]), before);
    assert_eq!(
        target.git(&["status", "--porcelain", "--untracked-files=all"]),
        ""
    );
}
