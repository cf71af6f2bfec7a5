//! Numbers and names at the edges: money past the exact bound, huge explicit weights, and
//! member names git cannot write into a commit.

use super::*;

fn check_of(repo: &Repo) -> (i32, String) {
    repo.run(&["check", "--rev", "HEAD"])
}

#[test]
fn costs_and_budgets_past_the_bound_are_refused() {
    let repo = Repo::new();
    let text =
        initiative("Portal", "A portal.").replace("cost: 100000", "cost: 9223372036854775000");
    repo.write("initiatives/support/portal.ron", &text);
    repo.write(
        "forum.ron",
        &FORUM.replace("budget: 1000000", "budget: 18446744073709551615"),
    );
    repo.commit("huge money");
    let (code, out) = check_of(&repo);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("portal.ron") && out.contains("`cost` is 9223372036854775000"),
        "{out}"
    );
    assert!(
        out.contains("forum.ron") && out.contains("`budget` is 18446744073709551615"),
        "{out}"
    );
    assert!(out.contains("10^15"), "{out}");
    // The bound itself is fine.
    let text = initiative("Portal", "A portal.").replace("cost: 100000", "cost: 1000000000000000");
    repo.write("initiatives/support/portal.ron", &text);
    repo.write("forum.ron", FORUM);
    repo.commit("the bound");
    let (_, out) = check_of(&repo);
    assert!(!out.contains("`cost` is"), "{out}");
}

#[test]
fn huge_or_all_zero_explicit_weights_are_refused() {
    let repo = Repo::new();
    let forum = FORUM.replace(
        "    phase: Scoring,",
        "    phase: Scoring,\n    weighting: Explicit({\"first-30-days\": 1e308}),",
    );
    repo.write("forum.ron", &forum);
    repo.commit("huge weight");
    let (code, out) = check_of(&repo);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("explicit weights are at most 1e9"), "{out}");
    repo.write("forum.ron", &forum.replace("1e308", "0.0"));
    repo.commit("zero weight");
    let (code, out) = check_of(&repo);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("every explicit weight is 0"), "{out}");
}

#[test]
fn names_and_emails_git_cannot_sign_are_refused_at_check() {
    let repo = Repo::new();
    repo.write(
        "forum.ron",
        &FORUM
            .replace("name: \"Sam\"", "name: \"Sam <root@evil>\"")
            .replace(
                "email: \"dana@example.com\"",
                "email: \"dana>@example.com\"",
            ),
    );
    repo.commit("hostile names");
    let (code, out) = check_of(&repo);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("members[1].name") || out.contains("member's name"),
        "{out}"
    );
    assert!(out.contains("member's email"), "{out}");
    assert!(out.contains("git cannot write"), "{out}");
}

#[test]
fn control_bytes_in_a_reason_never_reach_the_commit_message() {
    let repo = Repo::new();
    let (code, out) = repo.run(&[
        "budget",
        "1100000",
        "--by",
        "dana",
        "--reason",
        "Finance\x1b[2J said so\x07\u{202e} today\nsecond line",
    ]);
    assert_eq!(code, 0, "{out}");
    let message = repo.git(&["log", "-1", "--format=%B"]);
    assert!(
        !message
            .chars()
            .any(|c| (c < ' ' && c != '\n') || c == '\u{7f}' || c == '\u{202e}'),
        "{message:?}"
    );
    assert!(
        message.contains("said so") && message.contains("second line"),
        "{message}"
    );
    assert!(message.contains("Decision: budget"), "{message}");
}

#[test]
fn a_priority_scored_twice_is_refused() {
    let repo = Repo::new();
    let before = repo.git(&["rev-parse", "HEAD"]);
    let (code, out) = repo.run(&[
        "score",
        "sam",
        "portal",
        "first-30-days=4",
        "first-30-days=1",
        "--by",
        "dana",
    ]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("`first-30-days` is scored twice"), "{out}");
    assert_eq!(repo.git(&["rev-parse", "HEAD"]), before);
}

#[test]
fn money_in_hex_or_with_separators_is_refused_with_a_hint() {
    let repo = Repo::new();
    for (written, hint) in [("0x10", "0x10"), ("1_000_000", "1_000_000")] {
        let text =
            initiative("Portal", "A portal.").replace("cost: 100000", &format!("cost: {written}"));
        repo.write("initiatives/support/portal.ron", &text);
        repo.commit(&format!("cost {written}"));
        let (code, out) = check_of(&repo);
        assert_eq!(code, 1, "{out}");
        assert!(
            out.contains(&format!(
                "`{hint}`: numbers are written as plain decimal digits"
            )),
            "{out}"
        );
        assert!(out.contains("portal.ron:1:"), "the file and line: {out}");
        assert!(out.contains("hint: write 16 for 0x10"), "{out}");
    }
}
