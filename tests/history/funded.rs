//! Funded means an amount above 0: a line of 0 is "not funded, with the forum's reason", for
//! mandatory items, dependencies, alternatives, the counts of `allocate` and the report, and
//! `verify` — on forums built here, through the real binary.

use super::Forum;

const TRAILERS: &str = "\n\nForum: f\nDecided-By: dana\nPresent: dana\nDecision: allocate\n";

/// The crate's forum with `portal` and `chatbot` rewritten, ranked, locked, scored and ready
/// to allocate (budget 600; portal 300, chatbot 200, journey 400 and unscored).
fn scored(portal: &str, chatbot: &str) -> Forum {
    let f = Forum::new("Ranking");
    f.write(
        "initiatives/support/portal.ron",
        &format!(
            r#"Initiative(title: "Portal", owner: "sam", cost: 300, addresses: ["p1"]{portal})"#
        ),
    );
    f.write(
        "initiatives/support/chatbot.ron",
        &format!(
            r#"Initiative(title: "Chatbot", owner: "sam", cost: 200, addresses: ["p2", "p3"]{chatbot})"#
        ),
    );
    f.git(&["add", "-A"]);
    f.git(&["commit", "-q", "--amend", "--no-edit"]);
    f.ok(&["rank", "--by", "dana", "--reason", "ballots agree"]);
    f.ok(&["advance", "--by", "dana", "--reason", "lock"]);
    f.ok(&["score", "dana", "portal", "p1=4", "--by", "dana"]);
    f.ok(&["score", "dana", "chatbot", "p2=3", "p3=3", "--by", "dana"]);
    f.ok(&["advance", "--by", "dana", "--reason", "scored"]);
    f
}

#[test]
fn a_mandatory_initiative_at_0_is_refused() {
    let f = scored(", mandatory: true", "");
    let out = f.fails(&[
        "allocate",
        "--by",
        "dana",
        "--set",
        "portal=0",
        "--line-reason",
        "portal=we would rather not",
    ]);
    assert!(out.contains("mandatory"), "{out}");
    assert!(out.contains("portal"), "{out}");
    // By hand, the same line is named by verify.
    f.write(
        "allocation.ron",
        r#"Allocation(rule: Optimal, budget: 600, lines: [
    Line(initiative: "portal", amount: 0, reason: "we would rather not"),
    Line(initiative: "chatbot", amount: 200, reason: "rule"),
])
"#,
    );
    f.commit_all(&format!("Allocate{TRAILERS}"));
    let (code, out, _) = f.run(&["verify"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("`portal` is mandatory"), "{out}");
}

#[test]
fn funded_while_its_dependency_gets_0_is_refused() {
    let f = scored("", r#", depends_on: ["portal"]"#);
    let out = f.fails(&[
        "allocate",
        "--by",
        "dana",
        "--set",
        "portal=0",
        "--line-reason",
        "portal=next year",
    ]);
    assert!(out.contains("`chatbot` depends on `portal`"), "{out}");
    f.write(
        "allocation.ron",
        r#"Allocation(rule: Optimal, budget: 600, lines: [
    Line(initiative: "portal", amount: 0, reason: "next year"),
    Line(initiative: "chatbot", amount: 200, reason: "rule"),
])
"#,
    );
    f.commit_all(&format!("Allocate{TRAILERS}"));
    let (code, out, _) = f.run(&["verify"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("`chatbot` depends on `portal`"), "{out}");
}

#[test]
fn the_swap_of_two_alternatives_is_accepted_and_counted_alike() {
    let f = scored("", r#", excludes: ["portal"]"#);
    let dry = f.ok(&["allocate", "--dry-run"]);
    assert!(dry.contains("Funded: 1 of 3 initiatives"), "{dry}");
    f.ok(&[
        "allocate",
        "--by",
        "dana",
        "--set",
        "portal=0",
        "--line-reason",
        "portal=the chatbot replaces it",
        "--set",
        "chatbot=200",
        "--line-reason",
        "chatbot=chosen over the portal",
    ]);
    let message = f.git(&["log", "-1", "--format=%s"]);
    assert!(message.contains("to 1 initiatives"), "{message}");
    let (code, out, err) = f.run(&["verify"]);
    assert_eq!(code, 0, "{out}{err}");
    let report = f.ok(&["report", "--format", "md"]);
    assert!(report.contains("to 1 of 3 initiatives"), "{report}");
    let check = f.ok(&["check"]);
    assert!(!check.contains("alternatives"), "{check}");
}
