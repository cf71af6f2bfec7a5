//! "Not proven optimal", end to end with a small work limit (`ROUNDTABLE_WORK_LIMIT`, a count
//! of search steps): the CLI, the brief, `verify` and the app each say it; with the default
//! limit the same forum is proven optimal and none of them does.

use crate::app::{demo_repo, have_tmux, shell};
use assert_cmd::Command;
use std::path::Path;

fn rt(repo: &Path, limit: Option<&str>, args: &[&str]) -> (i32, String) {
    let home = repo.parent().unwrap().join("home");
    let mut cmd = Command::from_std(crate::common::kit::roundtable_command(repo, &home));
    cmd.env_remove("ROUNDTABLE_WORK_LIMIT");
    if let Some(l) = limit {
        cmd.env("ROUNDTABLE_WORK_LIMIT", l);
    }
    let out = cmd.args(args).output().unwrap();
    let mut text = String::from_utf8_lossy(&out.stdout).into_owned();
    text.push_str(&String::from_utf8_lossy(&out.stderr));
    (out.status.code().unwrap_or(-1), text)
}

#[test]
fn the_cli_the_brief_and_verify_say_not_proven_optimal() {
    let dir = tempfile::tempdir().unwrap();
    let repo = demo_repo(dir.path());
    let small = Some("1");

    let (code, out) = rt(&repo, small, &["allocate", "--dry-run"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("NOT proven optimal"), "{out}");
    let (_, out) = rt(&repo, None, &["allocate", "--dry-run"]);
    assert!(out.contains("— proven optimal"), "{out}");
    let (_, out) = rt(&repo, small, &["allocate", "--dry-run", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["proven_optimal"], false, "{json}");

    for format in ["md", "html"] {
        let (code, out) = rt(&repo, small, &["report", "--format", format]);
        assert_eq!(code, 0, "{out}");
        assert!(out.contains("not proven optimal"), "{format}");
        let (_, out) = rt(&repo, None, &["report", "--format", format]);
        assert!(!out.contains("not proven optimal"), "{format}");
    }

    // An allocation decided under the small limit; verify names it, only under that limit.
    let (code, out) = rt(
        &repo,
        None,
        &["advance", "--by", "dana", "--reason", "Scored"],
    );
    assert_eq!(code, 0, "{out}");
    let (code, out) = rt(
        &repo,
        small,
        &["allocate", "--by", "dana", "--reason", "The rule's result"],
    );
    assert_eq!(code, 0, "{out}");
    let (code, out) = rt(&repo, small, &["verify"]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("is NOT proven optimal: the search hit its work limit of 1 step"),
        "{out}"
    );
    let (_, out) = rt(&repo, small, &["verify", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["allocation_proven_optimal"], false);
    let (_, out) = rt(&repo, None, &["verify"]);
    assert!(!out.contains("NOT proven"), "{out}");
    let (_, out) = rt(&repo, None, &["verify", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["allocation_proven_optimal"], true);

    let (code, out) = rt(&repo, Some("soon"), &["values"]);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("ROUNDTABLE_WORK_LIMIT is `soon`"), "{out}");
}

#[test]
fn the_app_says_not_proven_optimal_on_the_allocation_screen() {
    if !have_tmux() {
        eprintln!("tmux is missing: skipped");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let repo = demo_repo(dir.path());
    let bin = assert_cmd::cargo::cargo_bin("roundtable");
    for (limit, says) in [("1", true), ("40000000", false)] {
        let t = shell(&format!("limit{limit}"));
        t.text(&format!(
            "ROUNDTABLE_WORK_LIMIT={limit} {} --repo {}",
            bin.display(),
            repo.display()
        ));
        t.keys(&["Enter"]);
        t.wait_for("FY2027 Customer Experience Forum");
        t.keys(&["6"]);
        let screen = t.wait_steady("Rule vs greedy");
        assert_eq!(
            screen.contains("NOT proven optimal"),
            says,
            "limit {limit}:\n{screen}"
        );
        t.keys(&["q"]);
    }
}
