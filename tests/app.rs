#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The real binary in a real terminal (tmux): a short meeting whose decisions land as commits,
//! a commit by someone else noticed, and the terminal restored after `q`, SIGTERM and SIGHUP.
//! Skipped when tmux is missing (`.ci/run` installs it).

use crate::common::kit::copy_dir;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

pub(crate) fn have_tmux() -> bool {
    Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success())
}

pub(crate) fn git(dir: &Path, home: &Path, args: &[&str]) {
    let ok = crate::common::kit::git_command(dir, home)
        .args(args)
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

pub(crate) fn demo_repo(root: &Path) -> PathBuf {
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

fn decision_message(summary: &str, kind: &str, by: &str) -> String {
    format!(
        "{summary}\n\nSet up for the meeting.\n\nForum: fy2027-cx\nDecision: {kind}\nDecided-By: {by}\nPresent: {by}\n"
    )
}

/// The bundled forum with a short history, stopped in Ranking: the forum with its evidence
/// and priorities, then the ballots, then the silos' initiatives, each a decision commit; the
/// ranking, the scores and the allocation are left for the meeting.
fn meeting_repo(root: &Path) -> PathBuf {
    let home = root.join("home");
    std::fs::create_dir_all(&home).unwrap();
    let repo = root.join("repo");
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("forums/fy2027-cx");
    let forum = repo.join("forums/fy2027-cx");
    std::fs::create_dir_all(&forum).unwrap();
    let text = std::fs::read_to_string(source.join("forum.ron")).unwrap();
    std::fs::write(
        forum.join("forum.ron"),
        text.replace("phase: Scoring", "phase: Ranking"),
    )
    .unwrap();
    for dir in ["silos", "evidence", "priorities"] {
        copy_dir(&source.join(dir), &forum.join(dir));
    }
    git(&repo, &home, &["init", "-q", "-b", "main"]);
    let steps = [
        (
            &["forums"][..],
            "Open the forum with its evidence and priorities",
            "init",
        ),
        (&["ballots"][..], "Ballots of 7 members", "ballot"),
        (&["initiatives"][..], "The silos' initiatives", "propose"),
    ];
    for (dirs, summary, kind) in steps {
        for d in dirs {
            if *d != "forums" {
                copy_dir(&source.join(d), &forum.join(d));
            }
        }
        git(&repo, &home, &["add", "."]);
        git(
            &repo,
            &home,
            &[
                "commit",
                "-q",
                "-m",
                &decision_message(summary, kind, "dana"),
            ],
        );
    }
    repo
}

pub(crate) struct Tmux {
    socket: String,
}

const DEADLINE: Duration = Duration::from_secs(90);

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
    pub(crate) fn screen(&self) -> String {
        self.run(&["capture-pane", "-p", "-t", "app"])
    }
    pub(crate) fn format(&self, f: &str) -> String {
        self.run(&["display", "-p", "-t", "app", f])
            .trim()
            .to_string()
    }
    /// Polls the pane (short sleeps, one generous deadline) until `text` shows.
    pub(crate) fn wait_for(&self, text: &str) -> String {
        let start = Instant::now();
        loop {
            let s = self.screen();
            if s.contains(text) {
                return s;
            }
            assert!(start.elapsed() < DEADLINE, "never saw {text:?}:\n{s}");
            std::thread::sleep(Duration::from_millis(100));
        }
    }
    /// Polls the pane until every one of `texts` shows at once: a screen is written top to
    /// bottom, so a capture taken mid-frame can hold its title and the last screen's rest.
    pub(crate) fn wait_for_all(&self, texts: &[&str]) -> String {
        let start = Instant::now();
        loop {
            let s = self.screen();
            if texts.iter().all(|t| s.contains(t)) {
                return s;
            }
            assert!(
                start.elapsed() < DEADLINE,
                "never saw all of {texts:?}:\n{s}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }
    /// Polls the pane until `text` shows and two captures 100 ms apart are the same: the
    /// frame is whole, so what it does not hold can be asserted too.
    pub(crate) fn wait_steady(&self, text: &str) -> String {
        let start = Instant::now();
        let mut last = String::new();
        loop {
            let s = self.screen();
            if s.contains(text) && s == last {
                return s;
            }
            assert!(
                start.elapsed() < DEADLINE,
                "never steady with {text:?}:\n{s}"
            );
            last = s;
            std::thread::sleep(Duration::from_millis(100));
        }
    }
    /// Polls the pane until `text` is gone: the way to know an Escape was read alone before
    /// the next key is sent (a terminal reads Escape and a key that follows at once as Alt-key).
    pub(crate) fn wait_gone(&self, text: &str) -> String {
        let start = Instant::now();
        loop {
            let s = self.screen();
            if !s.contains(text) {
                return s;
            }
            assert!(start.elapsed() < DEADLINE, "{text:?} never went:\n{s}");
            std::thread::sleep(Duration::from_millis(100));
        }
    }
    pub(crate) fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "app"];
        args.extend_from_slice(keys);
        self.run(&args);
    }
    /// Types text literally (no key names).
    pub(crate) fn text(&self, text: &str) {
        self.run(&["send-keys", "-t", "app", "-l", text]);
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

/// A plain shell in a 100×30 tmux pane, its prompt `READY$ `; the app is typed at it.
pub(crate) fn shell(name: &str) -> Tmux {
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
        "env -i PATH=/usr/bin:/bin TERM=xterm-256color PS1='READY$ ' sh",
    ]);
    t.wait_for("READY$");
    t
}

/// Starts the app at the shell prompt; its exit code and `stty -a` land in `<name>.after`.
pub(crate) fn start(root: &Path, repo: &Path, name: &str) -> (Tmux, PathBuf) {
    let bin = assert_cmd::cargo::cargo_bin("roundtable");
    let after = root.join(format!("{name}.after"));
    let t = shell(name);
    t.text(&format!(
        "{} --repo {}; echo EXIT=$? > {a}; stty -a >> {a}; clear",
        bin.display(),
        repo.display(),
        a = after.display()
    ));
    t.keys(&["Enter"]);
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
        assert!(start.elapsed() < DEADLINE, "the app did not exit");
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// After the app: cooked mode, main screen, no mouse reporting, cursor shown, prompt back.
pub(crate) fn assert_restored(t: &Tmux, after: &Path) {
    let s = wait_file(after);
    assert!(s.contains("EXIT=0"), "{s}");
    assert!(
        s.contains(" icanon") && s.contains(" echo"),
        "raw mode left on:\n{s}"
    );
    t.wait_for("READY$");
    let flags = t.format("#{alternate_on} #{mouse_any_flag} #{mouse_sgr_flag} #{cursor_flag}");
    assert_eq!(
        flags, "0 0 0 1",
        "alternate screen, mouse, SGR mouse, cursor"
    );
}

pub(crate) fn app_pid(t: &Tmux) -> String {
    let shell = t.format("#{pane_pid}");
    let start = Instant::now();
    loop {
        let out = Command::new("pgrep").args(["-P", &shell]).output().unwrap();
        let pid = String::from_utf8_lossy(&out.stdout)
            .lines()
            .next()
            .unwrap_or("")
            .trim()
            .to_string();
        if !pid.is_empty() {
            return pid;
        }
        assert!(start.elapsed() < DEADLINE, "no app process");
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// Waits until the forum on screen is the branch tip (`@abc1234` in the status bar): a
/// decision's own reload has landed, so the next dialog is computed on the new forum (a
/// dialog opened on the old one is asked again, as the room should be).
fn on_screen_is_the_tip(t: &Tmux, repo: &Path) {
    let head = git_out(repo, &["rev-parse", "HEAD"]);
    t.wait_for(&format!("@{}", &head.trim()[..7]));
}

pub(crate) fn git_out(repo: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .args(args)
        .current_dir(repo)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout).into_owned()
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
    assert_eq!(t.format("#{alternate_on} #{mouse_any_flag}"), "1 1");
    assert_eq!(
        t.format("#{pane_title}"),
        "roundtable",
        "the constant title"
    );
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
    assert_restored(&t, &after);
    assert!(
        !t.screen().contains("Head-to-head"),
        "the alternate screen was left"
    );
}

#[test]
fn sigterm_and_sighup_go_through_the_normal_quit_path() {
    if !have_tmux() {
        eprintln!("tmux is missing: skipped");
        return;
    }
    for signal in ["TERM", "HUP"] {
        let dir = tempfile::tempdir().unwrap();
        let repo = demo_repo(dir.path());
        let (t, after) = start(dir.path(), &repo, &signal.to_lowercase());
        t.wait_for("FY2027 Customer Experience Forum");
        let pid = app_pid(&t);
        let sent = Command::new("kill")
            .args([&format!("-{signal}"), &pid])
            .status()
            .unwrap();
        assert!(sent.success());
        assert_restored(&t, &after);
    }
}

/// The terminal itself goes away (the tmux server is killed: the tty hangs up and SIGHUP
/// arrives): the app must exit, not spin on the dead terminal.
#[test]
fn a_closed_terminal_ends_the_app() {
    if !have_tmux() {
        eprintln!("tmux is missing: skipped");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let repo = demo_repo(dir.path());
    let (t, _after) = start(dir.path(), &repo, "hangup");
    t.wait_for("FY2027 Customer Experience Forum");
    let pid = app_pid(&t);
    t.run(&["kill-server"]);
    let start = Instant::now();
    while Path::new(&format!("/proc/{pid}")).exists() {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "the app {pid} outlived its terminal"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// The meeting of the issue: open, go to ranking, lock it, score an initiative, open
/// allocation, commit it with a reason, quit; every decision is a commit with its trailers,
/// a commit made by someone else meanwhile is noticed, and the terminal is restored.
#[test]
fn a_short_meeting_locks_scores_and_allocates_as_decision_commits() {
    if !have_tmux() {
        eprintln!("tmux is missing: skipped");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let repo = meeting_repo(dir.path());
    let home = dir.path().join("home");
    let (t, after) = start(dir.path(), &repo, "meeting");
    t.wait_for("▶ Ranking");
    t.keys(&["3"]);
    t.wait_for("Head-to-head margins");
    t.keys(&["L"]);
    t.wait_for("Lock the ranking → advance to Scoring");
    t.text("Ballots are in; Schulze order agreed");
    t.keys(&["Enter"]);
    t.wait_for("Lock the ranking of 7 priorities (Schulze) and advance");
    t.wait_for("(locked)");

    // Another facilitator pushes scores while the app is open: it notices and says so.
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("forums/fy2027-cx/scores"),
        &repo.join("forums/fy2027-cx/scores"),
    );
    git(&repo, &home, &["add", "."]);
    let message = decision_message("Scores from the silo workshops", "score", "sam");
    git(&repo, &home, &["commit", "-q", "-m", &message]);
    t.wait_for("Branch moved: Scores from the silo workshops");
    t.wait_for("scorecards 0 → 5");

    t.keys(&["5"]);
    t.wait_for("Scorecard: forum");
    t.keys(&["e"]);
    t.wait_for("ENTERING SCORES");
    t.keys(&["3"]);
    t.wait_for("1 score(s) entered for forum");
    t.keys(&["c"]);
    t.wait_for("Reason");
    t.text("The room agreed on 3");
    t.keys(&["Enter"]);
    t.wait_for(": Score accountant-partner-programme for forum (1 priority)");
    on_screen_is_the_tip(&t, &repo);

    t.keys(&["A"]);
    t.wait_for("Scoring → Allocation");
    t.text("Every initiative is scored");
    t.keys(&["Enter"]);
    t.wait_for(": Advance from Scoring to Allocation");
    on_screen_is_the_tip(&t, &repo);

    // In score entry 6 is a score (above the scale: said so); after Esc it changes screen.
    t.keys(&["6"]);
    t.wait_for("Scores run 0…4: 6 is above the forum's scale");
    // (Escape alone, then the digit: sent together a terminal reads them as Alt-6.)
    t.keys(&["Escape"]);
    t.wait_for("Score entry off");
    t.keys(&["6"]);
    t.wait_for("Rule vs greedy");
    t.keys(&["c"]);
    t.wait_for("Allocate the budget");
    t.text("Funded as the rule says");
    t.keys(&["Tab", "Tab", "BSpace", "BSpace", "BSpace", "BSpace"]);
    t.text("dana, sam, marco");
    t.keys(&["Enter"]);
    t.wait_for(": Allocate ");
    t.keys(&["q"]);
    assert_restored(&t, &after);

    let log = git_out(&repo, &["log", "--format=%s%n%b%n--", "-5"]);
    let decisions: Vec<&str> = log.split("\n--\n").collect();
    let has = |i: usize, parts: &[&str]| {
        let d = decisions.get(i).copied().unwrap_or("");
        for p in parts {
            assert!(
                d.contains(p),
                "decision {i} lacks {p:?}:\n{d}\n\nlog:\n{log}"
            );
        }
    };
    has(
        0,
        &[
            "Allocate",
            "Funded as the rule says",
            "Decision: allocate",
            "Decided-By: dana",
            "Present: dana, sam, marco",
        ],
    );
    has(
        1,
        &[
            "Advance from Scoring to Allocation",
            "Decision: advance",
            "Decided-By: dana",
        ],
    );
    has(
        2,
        &["Decision: score", "The room agreed on 3", "Present: dana"],
    );
    has(3, &["Decision: score", "Decided-By: sam"]);
    has(
        4,
        &[
            "Lock the ranking",
            "Decision: advance",
            "Ballots are in",
            "Decided-By: dana",
            "Present: dana",
        ],
    );
    let tree = git_out(&repo, &["ls-tree", "-r", "--name-only", "HEAD"]);
    assert!(tree.contains("forums/fy2027-cx/ranking.ron"), "{tree}");
    assert!(tree.contains("forums/fy2027-cx/allocation.ron"), "{tree}");
    let forum = git_out(&repo, &["show", "HEAD:forums/fy2027-cx/forum.ron"]);
    assert!(forum.contains("phase: Allocation"), "{forum}");
    let status = git_out(&repo, &["status", "--porcelain"]);
    assert!(status.trim().is_empty(), "the work tree follows: {status}");
}

/// Scores entered for two members, then `c`: both cards are offered in one pass, each its own
/// decision by its scorer; then `q` with work pending asks first, and only Enter drops it.
#[test]
fn two_members_scores_commit_in_one_pass_and_q_with_pending_work_asks() {
    if !have_tmux() {
        eprintln!("tmux is missing: skipped");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let repo = demo_repo(dir.path());
    let (t, after) = start(dir.path(), &repo, "pending");
    t.wait_for("FY2027 Customer Experience Forum");
    t.keys(&["5"]);
    t.wait_for("Scorecard: forum");
    t.keys(&["e", "m"]);
    t.wait_for("Scores now go on the card of: dana");
    t.keys(&["3", "2"]);
    t.wait_for("2 score(s) entered for dana");
    t.keys(&["m"]);
    t.wait_for("Scores now go on the card of: sam");
    t.keys(&["1"]);
    t.wait_for("1 score(s) entered for sam");
    t.keys(&["c"]);
    t.wait_for("Card 1 of 2: 2 score(s) for dana");
    t.text("Scored in the room");
    t.keys(&["Enter"]);
    t.wait_for("Card 2 of 2: 1 score(s) for sam");
    // The reason is carried over; sam decides his own card.
    t.keys(&["Enter"]);
    t.wait_for("for sam (1 priority)");

    // Work pending: q asks first, Esc keeps it, Enter drops it and quits.
    t.keys(&["4"]);
    t.wait_for("1 score(s) entered for sam");
    t.keys(&["q"]);
    t.wait_for("Quit and drop the work entered?");
    t.wait_for("1 score(s) on the sam scorecard");
    t.keys(&["Escape"]);
    t.wait_gone("Quit and drop the work entered?");
    t.keys(&["q"]);
    t.wait_for("Quit and drop the work entered?");
    t.keys(&["Enter"]);
    assert_restored(&t, &after);

    let log = git_out(&repo, &["log", "--format=%s%n%b%n--", "-3"]);
    let decisions: Vec<&str> = log.split("\n--\n").collect();
    assert!(decisions[0].contains("Decided-By: sam"), "{log}");
    assert!(decisions[0].contains("Scored in the room"), "{log}");
    assert!(decisions[1].contains("Decided-By: dana"), "{log}");
    assert!(decisions[2].contains("Start the forum"), "{log}");
}

/// A what-if budget typed as `2.5m` is EUR 2,500,000; present mode on Scoring shows the
/// initiative being scored, and leaves with Esc.
#[test]
fn what_if_reads_2_5m_and_present_mode_follows_scoring() {
    if !have_tmux() {
        eprintln!("tmux is missing: skipped");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let repo = demo_repo(dir.path());
    let (t, after) = start(dir.path(), &repo, "whatif");
    t.wait_for("FY2027 Customer Experience Forum");
    t.keys(&["6"]);
    t.wait_for("Rule vs greedy");
    t.keys(&["b"]);
    t.wait_for("What-if budget");
    t.text("2.5m");
    t.keys(&["Enter"]);
    t.wait_for("What if EUR 2,500,000");
    t.keys(&["b"]);
    t.wait_for("Type an amount");
    t.text("2600000.50");
    t.keys(&["Enter"]);
    t.wait_for("the forum records whole EUR");
    // (The dialog must be gone before the digit: sent at once, they read as Alt-5.)
    t.keys(&["Escape"]);
    t.wait_gone("Type an amount");
    t.wait_for("What if EUR 2,500,000");
    t.keys(&["5"]);
    t.wait_for("Scorecard: forum");
    t.keys(&["F"]);
    t.wait_for("PRESENT · Scoring");
    t.keys(&["Escape"]);
    t.wait_gone("PRESENT · Scoring");
    t.wait_for("Scorecard: forum");
    t.keys(&["q"]);
    assert_restored(&t, &after);
}

/// The forum back in Priorities: the room adds a piece of evidence through the Evidence
/// screen's form, decides it in the dialog, and the commit is an `evidence` decision that
/// `verify` accepts.
#[test]
fn evidence_added_through_the_form_is_one_evidence_decision() {
    if !have_tmux() {
        eprintln!("tmux is missing: skipped");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let repo = demo_repo(dir.path());
    let home = dir.path().join("home");
    let reopened = crate::common::kit::roundtable_command(&repo, &home)
        .args([
            "reopen",
            "--to",
            "Priorities",
            "--by",
            "dana",
            "--reason",
            "New evidence came in",
        ])
        .output()
        .unwrap();
    assert!(reopened.status.success(), "{reopened:?}");
    let (t, after) = start(dir.path(), &repo, "form");
    t.wait_for("FY2027 Customer Experience Forum");
    t.keys(&["2"]);
    t.wait_for("n new");
    t.keys(&["n"]);
    t.wait_for("Add evidence");
    t.text("review-sites-2026");
    t.keys(&["Tab", "C-u"]);
    t.text("SocialListening");
    t.keys(&["Tab"]);
    t.text("Review sites, autumn");
    t.keys(&["Tab"]);
    t.text("2026-10");
    t.keys(&["Tab"]);
    t.text("Trustpilot export");
    t.keys(&["Tab"]);
    t.text("Setup is the top complaint.");
    t.keys(&["Tab"]);
    t.text("setup complaints = 41 % (was 30)");
    t.keys(&["Enter"]);
    t.wait_for("Add evidence review-sites-2026");
    t.text("Marketing's review-site data");
    t.keys(&["Enter"]);
    t.wait_for(": Add evidence review-sites-2026: Review sites, autumn");
    let message = git_out(&repo, &["log", "-1", "--format=%B"]);
    assert!(message.contains("Decision: evidence"), "{message}");
    let record =
        std::fs::read_to_string(repo.join("forums/fy2027-cx/evidence/review-sites-2026.ron"))
            .unwrap();
    assert!(
        record.contains("SocialListening") && record.contains("baseline: Some(30.0)"),
        "{record}"
    );
    t.keys(&["q"]);
    assert_restored(&t, &after);
    let verified = crate::common::kit::roundtable_command(&repo, &home)
        .arg("verify")
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&verified.stdout);
    assert!(
        verified.status.success() && out.contains("every gate holds"),
        "{out}"
    );
}

/// The year after, in a real terminal: the demo's rehearsal branch runs into June 2027, and
/// the Results screen (`9`) shows goals on track and behind, sparklines, statuses, and an
/// executive's commitment beside the priority it serves.
#[test]
fn the_results_screen_shows_the_year_after_on_the_demo() {
    if !have_tmux() {
        eprintln!("tmux is missing: skipped");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path().join("demo");
    let home = dir.path().join("home");
    std::fs::create_dir_all(&home).unwrap();
    let built = std::process::Command::new(assert_cmd::cargo::cargo_bin("roundtable"))
        .args(["demo", repo.to_str().unwrap(), "--no-tui"])
        .env("HOME", &home)
        .output()
        .unwrap();
    assert!(built.status.success(), "{built:?}");
    git(&repo, &home, &["switch", "-q", "rehearsal/derailments"]);
    let (t, after) = start(dir.path(), &repo, "results");
    t.wait_for("FY2027 Customer Experience Forum");
    t.keys(&["9"]);
    // On track and behind, the first goal's readings falling towards its target, and the
    // funded initiatives' statuses further down.
    t.wait_for_all(&[
        "Results on",
        "✓ on track",
        "▼ behind",
        "█▇▇▆▅▄▃",
        "delivered",
        "at-risk",
    ]);
    t.keys(&["j"]);
    t.wait_for("Nina Berg commits: billing contacts per 1,000 accounts a month 25 by 2027-09");
    t.keys(&["q"]);
    assert_restored(&t, &after);
}
