//! Proposals that are not plain records: a duplicate id blamed on the file the change added,
//! symlink and gitlink entries, and a branch with no record; each refused by `check --rev`,
//! `check --proposal`, `proposals` and `accept`, with the entry named.

use super::Forum;

/// Runs every way a proposal is judged on `branch` and asserts each refuses it naming `entry`
/// with `message`.
fn refused_everywhere(f: &Forum, branch: &str, entry: &str, message: &str) {
    let out = f.fails(&["check", "--proposal", "--base", "main", "--rev", branch]);
    assert!(out.contains(entry) && out.contains(message), "{out}");
    let out = f.fails(&["check", "--rev", branch]);
    assert!(out.contains(entry), "check --rev: {out}");
    let out = f.ok(&["proposals"]);
    let head = out.lines().find(|l| l.starts_with(branch));
    if let Some(head) = head {
        assert!(head.contains('✗'), "{out}");
        assert!(out.contains(entry), "{out}");
    }
    let out = f.fails(&[
        "accept",
        branch,
        "--by",
        "dana",
        "--reason",
        "Agreed",
        "--present",
        "dana",
    ]);
    assert!(
        out.contains(entry) || out.contains(message),
        "accept: {out}"
    );
    assert!(!out.contains("Accept 0"), "{out}");
    assert_eq!(f.git(&["rev-parse", "main"]), f.git(&["rev-parse", "HEAD"]));
}

#[test]
fn a_duplicate_id_is_blamed_on_the_file_the_change_added() {
    let f = Forum::new();
    // `cx` sorts before `support`: the forum's own portal.ron is read second.
    f.branch(
        "proposal/cx/portal",
        &[(
            "initiatives/cx/portal.ron",
            r#"Initiative(title: "Portal too", owner: "dana", cost: 10, addresses: ["p1"])"#,
        )],
    );
    let args = [
        "check",
        "--proposal",
        "--base",
        "main",
        "--rev",
        "proposal/cx/portal",
    ];
    let out = f.fails(&args);
    assert!(
        out.contains(
            "forums/f/initiatives/cx/portal.ron:1:1: error: initiative id `portal` is also used by silo `support` (forums/f/initiatives/support/portal.ron) (hint: initiative ids are unique across all silos; rename one of the files)"
        ),
        "{out}"
    );
    assert!(
        !out.contains("forums/f/initiatives/support/portal.ron:1:1"),
        "the untouched file is not blamed: {out}"
    );
    let mut github = args.to_vec();
    github.extend(["--format", "github"]);
    let (code, gh, _) = f.run(&github);
    assert_eq!(code, 1);
    assert!(
        gh.contains("::error file=forums/f/initiatives/cx/portal.ron,line=1,col=1::initiative id `portal` is also used by silo `support` (forums/f/initiatives/support/portal.ron)"),
        "{gh}"
    );
    assert!(!gh.contains("file=forums/f/initiatives/support/"), "{gh}");
    // A plain check of the forum names both files, each pointing at the other.
    let out = f.fails(&["check", "--rev", "proposal/cx/portal"]);
    assert!(
        out.contains("forums/f/initiatives/support/portal.ron:1:1: error: initiative id `portal` is also used by silo `cx` (forums/f/initiatives/cx/portal.ron)"),
        "{out}"
    );
    assert!(
        out.contains("forums/f/initiatives/cx/portal.ron:1:1: error"),
        "{out}"
    );
}

#[test]
#[cfg(unix)]
fn a_symlink_entry_is_refused_and_named() {
    let f = Forum::new();
    f.git(&["switch", "-q", "-c", "proposal/support/link", "main"]);
    // The link points at a valid record of another silo: read through, it would pass.
    std::os::unix::fs::symlink("../cx/journey.ron", f.file("initiatives/support/link.ron"))
        .unwrap();
    f.commit_all("Link a record");
    f.git(&["switch", "-q", "main"]);
    refused_everywhere(
        &f,
        "proposal/support/link",
        "forums/f/initiatives/support/link.ron",
        "a symlink cannot be part of a proposal",
    );
}

#[test]
fn a_gitlink_entry_is_refused_and_named() {
    let f = Forum::new();
    let head = f.rev("main");
    f.git(&["switch", "-q", "-c", "proposal/support/vendored", "main"]);
    f.git(&[
        "update-index",
        "--add",
        "--cacheinfo",
        &format!("160000,{head},forums/f/initiatives/support/vendored.ron"),
    ]);
    f.git(&["commit", "-q", "-m", "Vendor a submodule"]);
    f.git(&["switch", "-q", "main"]);
    refused_everywhere(
        &f,
        "proposal/support/vendored",
        "forums/f/initiatives/support/vendored.ron",
        "a submodule (gitlink) entry cannot be part of a proposal",
    );
}

#[test]
fn a_branch_with_no_record_is_refused() {
    let f = Forum::new();
    f.git(&["switch", "-q", "-c", "proposal/support/empty", "main"]);
    f.git(&["commit", "-q", "--allow-empty", "-m", "Nothing yet"]);
    f.git(&["switch", "-q", "main"]);
    let out = f.fails(&[
        "check",
        "--proposal",
        "--base",
        "main",
        "--rev",
        "proposal/support/empty",
    ]);
    assert!(
        out.contains("forums/f/: error: the branch changes no record of the forum"),
        "{out}"
    );
    let out = f.fails(&[
        "accept",
        "proposal/support/empty",
        "--by",
        "dana",
        "--reason",
        "Agreed",
    ]);
    assert!(out.contains("changes no record"), "{out}");
}
