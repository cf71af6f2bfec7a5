//! The room's app with a remote, in a real terminal (tmux): a member's scorecard, decided in
//! their own clone and synced, appears on the room's Scoring screen without a key press.
//! Skipped when tmux is missing (`.ci/run` installs it).

use crate::app::{assert_restored, demo_repo, git, have_tmux, start};
use std::path::Path;
use std::process::Command;

/// The real binary in `dir`: it must succeed.
fn rt(dir: &Path, home: &Path, args: &[&str]) {
    let out = crate::common::kit::roundtable_command(dir, home)
        .args(args)
        .output()
        .unwrap();
    assert!(out.status.success(), "roundtable {args:?}: {out:?}");
}

#[test]
fn a_members_scorecard_pushed_from_another_clone_appears_in_the_room() {
    if !have_tmux() {
        eprintln!("tmux is missing: skipped");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let room = demo_repo(root);
    let home = root.join("home");
    // The host: a bare repository the room's clone tracks, and a member's own clone of it.
    let host = root.join("host.git");
    let status = Command::new("git")
        .args(["clone", "-q", "--bare"])
        .arg(&room)
        .arg(&host)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .status()
        .unwrap();
    assert!(status.success());
    let host_path = host.to_str().unwrap();
    git(&room, &home, &["remote", "add", "origin", host_path]);
    git(&room, &home, &["fetch", "-q", "origin"]);
    git(&room, &home, &["branch", "-q", "-u", "origin/main"]);
    let member = root.join("aisha");
    git(
        root,
        &home,
        &["clone", "-q", host_path, member.to_str().unwrap()],
    );

    let (t, after) = start(root, &room, "remote");
    t.wait_for("Overview");
    t.keys(&["5"]);
    t.wait_for("5 of 7 scorecards in");
    t.wait_for("in step with origin");

    // Aisha scores from her own clone and syncs; nobody touches the room's keyboard.
    rt(
        &member,
        &home,
        &[
            "score",
            "aisha",
            "journey-dashboard",
            "first-30-days=3",
            "--by",
            "aisha",
        ],
    );
    rt(&member, &home, &["sync"]);
    t.wait_for("6 of 7 scorecards in");
    // The room's branch fast-forwarded to the member's decision: one history.
    let head = |repo: &Path| crate::app::git_out(repo, &["rev-parse", "HEAD"]);
    assert_eq!(head(&room), head(&member));
    t.keys(&["q"]);
    assert_restored(&t, &after);
}
