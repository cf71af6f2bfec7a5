#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The real binary in a real terminal (tmux): open the bundled forum, move around, quit; and
//! the terminal is restored after `q` and after SIGTERM. Skipped when tmux is missing.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

fn have_tmux() -> bool {
    Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success())
}

fn git(dir: &Path, home: &Path, args: &[&str]) {
    let ok = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", home)
        .env("GIT_AUTHOR_NAME", "Dana Whitfield")
        .env("GIT_AUTHOR_EMAIL", "dana@example.com")
        .env("GIT_COMMITTER_NAME", "Dana Whitfield")
        .env("GIT_COMMITTER_EMAIL", "dana@example.com")
        .env("GIT_AUTHOR_DATE", "2026-10-01T09:00:00Z")
        .env("GIT_COMMITTER_DATE", "2026-10-01T09:00:00Z")
        .status()
        .unwrap()
        .success();
    assert!(ok, "git {args:?}");
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), target).unwrap();
        }
    }
}

fn demo_repo(root: &Path) -> PathBuf {
    let home = root.join("home");
    std::fs::create_dir_all(&home).unwrap();
    let repo = root.join("repo");
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("forums/fy2027-cx"),
        &repo.join("forums/fy2027-cx"),
    );
    git(&repo, &home, &["init", "-q", "-b", "main"]);
    git(&repo, &home, &["add", "."]);
    git(&repo, &home, &["commit", "-q", "-m", "Start the forum"]);
    repo
}

struct Tmux {
    socket: String,
}

impl Tmux {
    fn run(&self, args: &[&str]) -> String {
        let out = Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }
    fn screen(&self) -> String {
        self.run(&["capture-pane", "-p", "-t", "app"])
    }
    fn wait_for(&self, text: &str) -> String {
        let start = Instant::now();
        loop {
            let s = self.screen();
            if s.contains(text) {
                return s;
            }
            assert!(
                start.elapsed() < Duration::from_secs(60),
                "never saw {text:?}:\n{s}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }
    fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "app"];
        args.extend_from_slice(keys);
        self.run(&args);
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .arg("kill-server")
            .output();
    }
}

fn start(root: &Path, repo: &Path, name: &str) -> (Tmux, PathBuf) {
    let bin = assert_cmd::cargo::cargo_bin("roundtable");
    let after = root.join(format!("{name}.after"));
    let script = format!(
        "{} --repo {}; echo EXIT=$? > {a}; stty -a >> {a}; sleep 30",
        bin.display(),
        repo.display(),
        a = after.display()
    );
    let t = Tmux {
        socket: format!("roundtable-test-{}-{name}", std::process::id()),
    };
    t.run(&[
        "new-session",
        "-d",
        "-s",
        "app",
        "-x",
        "100",
        "-y",
        "30",
        &script,
    ]);
    (t, after)
}

fn wait_file(path: &Path) -> String {
    let start = Instant::now();
    loop {
        if let Ok(s) = std::fs::read_to_string(path)
            && s.contains("speed")
        {
            return s;
        }
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "the app did not exit"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn a_facilitator_opens_the_forum_moves_around_and_quits_cleanly() {
    if !have_tmux() {
        eprintln!("tmux is missing: skipped");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let repo = demo_repo(dir.path());
    let (t, after) = start(dir.path(), &repo, "quit");
    t.wait_for("FY2027 Customer Experience Forum");
    t.keys(&["3"]);
    t.wait_for("Head-to-head margins");
    t.keys(&["?"]);
    t.wait_for("Keys");
    t.keys(&["?"]);
    t.keys(&["6"]);
    t.wait_for("Rule vs greedy");
    t.keys(&["Left"]);
    t.wait_for("What if EUR 2,280,000");
    t.keys(&["q"]);
    let s = wait_file(&after);
    assert!(s.contains("EXIT=0"), "{s}");
    assert!(
        s.contains(" icanon") && s.contains(" echo"),
        "raw mode left on:\n{s}"
    );
    assert!(
        !t.screen().contains("Head-to-head"),
        "the alternate screen was left"
    );
}

#[test]
fn sigterm_goes_through_the_normal_quit_path() {
    if !have_tmux() {
        eprintln!("tmux is missing: skipped");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let repo = demo_repo(dir.path());
    let (t, after) = start(dir.path(), &repo, "term");
    t.wait_for("FY2027 Customer Experience Forum");
    let shell = t.run(&["display", "-p", "-t", "app", "#{pane_pid}"]);
    let app = Command::new("pgrep")
        .args(["-P", shell.trim()])
        .output()
        .unwrap();
    let pid = String::from_utf8_lossy(&app.stdout)
        .lines()
        .next()
        .unwrap_or("")
        .trim()
        .to_string();
    assert!(!pid.is_empty(), "no app process");
    assert!(
        Command::new("kill")
            .args(["-TERM", &pid])
            .status()
            .unwrap()
            .success()
    );
    let s = wait_file(&after);
    assert!(s.contains("EXIT=0"), "{s}");
    assert!(
        s.contains(" icanon") && s.contains(" echo"),
        "raw mode left on:\n{s}"
    );
}

#[test]
fn a_short_meeting_scores_advances_and_allocates_as_decision_commits() {
    if !have_tmux() {
        eprintln!("tmux is missing: skipped");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let repo = demo_repo(dir.path());
    let (t, after) = start(dir.path(), &repo, "score");
    t.wait_for("FY2027 Customer Experience Forum");
    t.keys(&["5"]);
    t.wait_for("Scoring as");
    t.keys(&["3"]);
    t.wait_for("1 score(s) entered");
    t.keys(&["c"]);
    t.wait_for("Reason");
    t.keys(&["Room agreed", "Enter"]);
    t.wait_for("Decided:");
    t.keys(&["q"]);
    let s = wait_file(&after);
    assert!(s.contains("EXIT=0"), "{s}");
    let log = Command::new("git")
        .args(["log", "-1", "--format=%s%n%b"])
        .current_dir(&repo)
        .output()
        .unwrap();
    let log = String::from_utf8_lossy(&log.stdout);
    assert!(
        log.contains("Decision: score") && log.contains("Room agreed"),
        "{log}"
    );
}
