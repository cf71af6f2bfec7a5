//! Several forums in one repository (`init NEW --from OLD` leaves two side by side): `check`,
//! `verify` and `proposals` cover every forum without `--forum`; `check --proposal` (the
//! shipped CI job's command) and `accept` take the forum the branch changes.

use super::{Forum, REFUNDS};

/// The test forum `f`, and `fy2028` carried over from it by `init --from`.
fn two_forums() -> Forum {
    let f = Forum::new();
    f.ok(&[
        "init",
        "fy2028",
        "--from",
        "f",
        "--by",
        "dana",
        "--reason",
        "The next cycle",
    ]);
    assert!(f.path().join("forums/fy2028/forum.ron").is_file());
    f
}

/// A proposal branch for `fy2028` (not the forum `Forum::branch` writes to).
fn propose_to_fy2028(f: &Forum) {
    f.git(&["switch", "-q", "-c", "proposal/support/refunds", "main"]);
    let path = f
        .path()
        .join("forums/fy2028/initiatives/support/refunds.ron");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, REFUNDS).unwrap();
    f.commit_all("Propose faster refunds");
}

#[test]
fn check_verify_and_proposals_cover_every_forum_without_forum() {
    let f = two_forums();
    for args in [&["check"][..], &["check", "--rev", "HEAD"][..]] {
        let (code, out, err) = f.run(args);
        assert_eq!(code, 0, "{args:?}: {out}{err}");
        assert!(
            err.contains("checked 2 forums: f, fy2028"),
            "{args:?}: {err}"
        );
        assert!(!err.contains("several forums"), "{err}");
    }
    let out = f.ok(&["verify"]);
    assert!(out.contains("verified forum f:"), "{out}");
    assert!(out.contains("verified forum fy2028:"), "{out}");
    let json: serde_json::Value =
        serde_json::from_str(&f.ok(&["verify", "--format", "json"])).unwrap();
    let names: Vec<&str> = json["forums"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["forum"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["f", "fy2028"]);
    let out = f.ok(&["proposals"]);
    assert!(
        out.contains("Forum f:") && out.contains("Forum fy2028:"),
        "{out}"
    );
    // --forum still picks one.
    let out = f.ok(&["verify", "--forum", "fy2028"]);
    assert!(!out.contains("forum f:"), "{out}");
}

#[test]
fn a_finding_names_its_forum_and_fails_the_whole_check() {
    let f = two_forums();
    let bad = f.path().join("forums/fy2028/initiatives/support/bad.ron");
    std::fs::write(
        &bad,
        "Initiative(title: \"Bad\", owner: \"nobody\", cost: 1, addresses: [\"p1\"])\n",
    )
    .unwrap();
    let (code, out, _) = f.run(&["check"]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("forums/fy2028/initiatives/support/bad.ron:"),
        "{out}"
    );
    let errors: Vec<&str> = out.lines().filter(|l| l.contains(": error: ")).collect();
    assert_eq!(errors.len(), 1, "only fy2028 has an error: {out}");
}

#[test]
fn the_ci_check_and_accept_take_the_forum_the_branch_changes() {
    let f = two_forums();
    propose_to_fy2028(&f);
    // The command the shipped CI jobs run, on the proposal branch, without --forum.
    let (code, out, err) = f.run(&[
        "check",
        "--proposal",
        "--base",
        "main",
        "--format",
        "github",
    ]);
    assert_eq!(code, 0, "{out}{err}");
    let (code, out, err) = f.run(&["check", "--proposal", "--base", "main"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("forums/fy2028/initiatives/support/refunds.ron"),
        "{out}"
    );
    f.git(&["switch", "-q", "main"]);
    let out = f.ok(&[
        "accept",
        "proposal/support/refunds",
        "--by",
        "dana",
        "--reason",
        "Refunds for the new cycle",
    ]);
    assert!(out.contains("accept decision"), "{out}");
    assert_eq!(f.head_message().trailers.forum.as_deref(), Some("fy2028"));
    let out = f.ok(&["verify"]);
    assert!(out.contains("verified forum fy2028:"), "{out}");
}

#[test]
fn a_branch_changing_two_forums_is_refused_with_a_hint() {
    let f = two_forums();
    propose_to_fy2028(&f);
    f.write("initiatives/support/refunds.ron", REFUNDS);
    f.commit_all("And in the old forum too");
    let out = f.fails(&["check", "--proposal", "--base", "main"]);
    assert!(
        out.contains("the change touches several forums (f, fy2028)"),
        "{out}"
    );
    assert!(out.contains("--forum"), "{out}");
}
