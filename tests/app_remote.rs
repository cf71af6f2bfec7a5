//! The room's app with a remote, in a real terminal (tmux): a member's scorecard, decided in
//! their own clone and synced, appears on the room's Scoring screen without a key press.
//! Skipped when tmux is missing (`.ci/run` installs it).

use crate::app::{Tmux, assert_restored, demo_repo, git, have_tmux, shell, start};
use std::path::Path;
use std::path::PathBuf;
use std::process::Command;

/// The real binary in `dir`: it must succeed.
fn rt(dir: &Path, home: &Path, args: &[&str]) {
    let out = crate::common::kit::roundtable_command(dir, home)
        .args(args)
        .output()
        .unwrap();
    assert!(out.status.success(), "roundtable {args:?}: {out:?}");
}

/// The room's clone of the demo forum tracking a bare host, and a member's clone of the host.
fn room_host_member(root: &Path) -> (PathBuf, PathBuf, PathBuf) {
    let room = demo_repo(root);
    let home = root.join("home");
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
    let member = root.join("member");
    git(
        root,
        &home,
        &["clone", "-q", host_path, member.to_str().unwrap()],
    );
    (room, home, member)
}

/// The app as `member`'s own seat in `repo`, in its own tmux server.
fn seat(repo: &Path, member: &str) -> Tmux {
    let bin = assert_cmd::cargo::cargo_bin("roundtable");
    let t = shell("seat");
    t.text(&format!(
        "{} --repo {} --member {member}",
        bin.display(),
        repo.display()
    ));
    t.keys(&["Enter"]);
    t
}

#[test]
fn a_member_scores_from_their_own_seat_and_the_room_sees_it_arrive() {
    if !have_tmux() {
        eprintln!("tmux is missing: skipped");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let (room, _home, member) = room_host_member(root);
    let (t, after) = start(root, &room, "room");
    t.wait_for("Overview");
    t.keys(&["5"]);
    t.wait_for("5 of 7 scorecards in");

    let s = seat(&member, "aisha");
    s.wait_for("Overview");
    s.keys(&["5"]);
    s.wait_for("Scorecard: aisha");
    // The seat edits nothing but the member's own: the room's moves are refused.
    s.keys(&["m"]);
    s.wait_for("aisha's seat:");
    s.keys(&["e"]);
    s.wait_for("ENTERING SCORES for aisha");
    s.keys(&["3"]);
    s.wait_for("1 score(s) entered");
    s.keys(&["c"]);
    s.wait_for("Reason");
    s.text("My own view of it");
    s.keys(&["Enter"]);
    s.wait_for("Decided, commit");
    // Pushed by the seat's app right after the decision; fetched by the room's app.
    t.wait_for("6 of 7 scorecards in");
    let author = crate::app::git_out(&room, &["log", "-1", "--format=%an <%ae>"]);
    assert_eq!(author.trim(), "Aisha Mensah <aisha.mensah@example.com>");
    s.keys(&["q"]);
    t.keys(&["q"]);
    assert_restored(&t, &after);
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
