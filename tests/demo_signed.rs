//! `demo --signed`: the demo's story in a forum that asks for signed decisions, with a key made
//! for each member; `verify` checks every signature, and the room decides on, signed.

use crate::common::kit::{git_command, roundtable_command, run_git};
use tempfile::TempDir;

#[test]
fn the_signed_demo_signs_every_decision_and_verifies() {
    let home = TempDir::new().unwrap();
    let work = TempDir::new().unwrap();
    let dir = work.path().join("demo");
    let run = |args: &[&str], at: &std::path::Path| {
        let out = roundtable_command(at, home.path())
            .args(args)
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout).into_owned();
        assert!(out.status.success(), "{args:?}: {text}{:?}", out.stderr);
        text
    };
    let built = run(
        &["demo", dir.to_str().unwrap(), "--no-tui", "--signed"],
        work.path(),
    );
    assert!(
        built.contains("Signed: forum.ron asks for signed decisions"),
        "{built}"
    );
    let forum = std::fs::read_to_string(dir.join("forums/fy2027-cx/forum.ron")).unwrap();
    assert!(forum.contains("signing: Required"), "{forum}");
    assert_eq!(
        forum.matches("signing_key: Some(\"ssh-ed25519 ").count(),
        7,
        "{forum}"
    );
    let out = run(&["verify"], &dir);
    assert!(
        out.contains("66 signed decision(s), each signed with its member's key"),
        "{out}"
    );
    assert!(out.contains("1 anchor(s)"), "{out}");
    let raw = run_git(git_command(&dir, home.path()), &["cat-file", "-p", "HEAD"]);
    assert!(
        raw.contains("gpgsig -----BEGIN SSH SIGNATURE-----"),
        "{raw}"
    );
    // The facilitator decides on, signed with her demo key.
    run(
        &[
            "accept",
            "proposal/it/sso-for-accountants",
            "--by",
            "dana",
            "--reason",
            "Fits",
        ],
        &dir,
    );
    assert!(run(&["verify"], &dir).contains("67 signed decision(s)"));
}
