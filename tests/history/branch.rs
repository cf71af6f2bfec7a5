//! Decisions go to the forum's branch (`main`, or `roundtable.branch` in git config): made
//! while another branch is checked out, or with HEAD detached, they are refused with a hint
//! and nothing moves.

use super::Forum;

fn refused_off_branch(f: &Forum, message: &str, hint: &str) {
    let main = f.rev("main");
    let head = f.rev("HEAD");
    let (code, out, err) = f.run(&["budget", "650", "--by", "dana", "--reason", "CFO"]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(err.contains(&format!("error: {message}")), "{err}");
    assert!(err.contains(&format!("hint: {hint}")), "{err}");
    assert_eq!(f.rev("main"), main, "the forum's branch did not move");
    assert_eq!(f.rev("HEAD"), head, "the checked-out commit did not move");
    assert_eq!(
        f.git(&["status", "--porcelain"]),
        "",
        "the work tree is untouched"
    );
}

#[test]
fn a_decision_on_another_branch_is_refused_with_a_hint() {
    let f = Forum::new("Ranking");
    f.git(&["switch", "-q", "-c", "proposal/support/x"]);
    refused_off_branch(
        &f,
        "the forum's branch is `main`, but `proposal/support/x` is checked out: decisions go to the forum's branch only",
        "`git switch main` and decide again",
    );
    // Reading still works from the proposal branch, and lists nothing of its own.
    f.ok(&["proposals"]);
    f.git(&["switch", "-q", "main"]);
    f.ok(&["budget", "650", "--by", "dana", "--reason", "CFO"]);
}

#[test]
fn a_decision_with_head_detached_is_refused_with_a_hint() {
    let f = Forum::new("Ranking");
    f.git(&["checkout", "-q", "--detach"]);
    refused_off_branch(
        &f,
        "HEAD is detached: decisions go to the forum's branch `main`, which is not checked out",
        "`git switch main` and decide again",
    );
}

#[test]
fn the_forum_branch_is_named_in_git_config() {
    let f = Forum::new("Ranking");
    f.git(&["branch", "-q", "-m", "main", "forum"]);
    // Without the setting, the forum's branch is `main`, which this repository lacks.
    let (code, _, err) = f.run(&["budget", "650", "--by", "dana", "--reason", "CFO"]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("the forum's branch is `main`, but `forum` is checked out"),
        "{err}"
    );
    assert!(err.contains("git config roundtable.branch NAME"), "{err}");
    f.git(&["config", "roundtable.branch", "forum"]);
    let before = f.rev("forum");
    let out = f.ok(&["budget", "650", "--by", "dana", "--reason", "CFO"]);
    assert!(out.contains("on forum"), "{out}");
    assert_eq!(
        f.git(&["rev-parse", "forum~1"]).trim(),
        before,
        "one decision on the configured branch"
    );
    f.git(&["switch", "-q", "-c", "elsewhere"]);
    let (code, _, err) = f.run(&["budget", "700", "--by", "dana", "--reason", "CFO"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("`git switch forum`"), "{err}");
}
