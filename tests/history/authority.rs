//! Who may change what: each way the history could be bent (issue "trust"), on a forum the
//! test builds, is refused when made through roundtable and named by `verify` when made by
//! hand with git — every one of them, not only the first.

use super::{Forum, forum_ron};

/// A decision message with trailers and a reason.
fn decided(summary: &str, kind: &str, by: &str) -> String {
    format!(
        "{summary}\n\nAs the room agreed.\n\nForum: f\nDecision: {kind}\nDecided-By: {by}\nPresent: {by}\n"
    )
}

/// Runs verify; returns its text, after checking it exits 1 and names `hash` with `rule`.
fn named(f: &Forum, hash: &str, rule: &str) -> String {
    let (code, out, err) = f.run(&["verify"]);
    assert_eq!(code, 1, "{out}{err}");
    let line = out
        .lines()
        .find(|l| l.starts_with(&format!("commit {hash} ")))
        .unwrap_or_else(|| panic!("{hash} is named: {out}"));
    assert!(
        out.contains(&format!("[{rule}]")),
        "{rule} for {line}: {out}"
    );
    out
}

/// Ranked and locked (Scoring), with the real binary.
fn scoring() -> Forum {
    let f = Forum::new("Ranking");
    f.ok(&["rank", "--by", "dana", "--reason", "ballots agree"]);
    f.ok(&["advance", "--by", "dana", "--reason", "lock"]);
    f
}

#[test]
fn a_non_member_editing_a_scorecard_or_the_budget_by_hand_is_named() {
    let f = scoring();
    f.write(
        "scores/sam.ron",
        r#"Scorecard(scores: {"journey": {"p1": 4}})"#,
    );
    let card = f.hand_commit("Fix a score");
    f.write("forum.ron", &forum_ron("Scoring", 6000));
    let budget = f.hand_commit("Budget");
    let out = named(&f, &card, "hand-edit");
    assert!(
        out.contains("scores/sam.ron changed without a decision"),
        "{out}"
    );
    assert!(out.contains(&format!("commit {budget} ")), "{out}");
    assert!(
        out.contains("the commit's author Clerk <clerk@example.com> is not a member"),
        "{out}"
    );
    let json = f.run(&["verify", "--format", "json"]).1;
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["violations"].as_array().unwrap().len(), 2, "{json}");
}

#[test]
fn a_member_who_makes_herself_facilitator_then_allocates_is_named() {
    let f = scoring();
    f.ok(&["advance", "--by", "dana", "--reason", "scored"]);
    let promoted = forum_ron("Allocation", 600).replace(
        r#"silo: "support", role: Member"#,
        r#"silo: "support", role: Facilitator"#,
    );
    f.write("forum.ron", &promoted);
    let role = f.hand_commit(&decided("Sam facilitates", "edit", "sam"));
    f.write(
        "allocation.ron",
        r#"Allocation(rule: Optimal, budget: 600, lines: [Line(initiative: "chatbot", amount: 200, reason: "sam says")])"#,
    );
    let allocated = f.hand_commit(&decided("Allocate", "allocate", "sam"));
    let out = named(&f, &role, "authority");
    assert!(
        out.contains("an edit decision is a facilitator's decision; `sam` is not a facilitator"),
        "{out}"
    );
    // The role she gave herself gives her nothing: the allocation after it is named too.
    let line = out
        .lines()
        .find(|l| l.starts_with(&format!("commit {allocated} ")))
        .unwrap_or_else(|| panic!("the allocation {allocated} is named: {out}"));
    assert!(line.contains("[authority]"), "{out}");
    assert!(
        out.contains(
            "an allocate decision is a facilitator's decision; `sam` is not a facilitator"
        ),
        "{out}"
    );
}

#[test]
fn forum_settings_change_only_through_the_matching_decision() {
    let f = scoring();
    // A budget decision that also switches recusal off and changes the scale.
    let text = forum_ron("Scoring", 700).replace(
        "    members: [",
        "    recusal: false,\n    scale: 10,\n    allocation_rule: Greedy,\n    members: [",
    );
    f.write("forum.ron", &text);
    let bad = f.hand_commit(&decided("Budget", "budget", "dana"));
    let out = named(&f, &bad, "authority");
    assert!(
        out.contains("a budget decision may not change the forum's settings: that takes edit"),
        "{out}"
    );
    // Through roundtable: `budget` changes the budget only; `edit` takes the settings.
    let f = scoring();
    f.write("forum.ron", &text.replace("budget: 700", "budget: 600"));
    f.ok(&[
        "edit",
        "forum.ron",
        "--by",
        "dana",
        "--reason",
        "The forum moves to a 0-10 scale",
    ]);
    assert_eq!(f.head_message().trailers.decision.as_deref(), Some("edit"));
    f.ok(&["verify"]);
    // A member cannot make that edit.
    f.write("forum.ron", &text.replace("budget: 700", "budget: 900"));
    let err = f.fails(&["edit", "--by", "sam", "--reason", "more money"]);
    assert!(err.contains("facilitator"), "{err}");
}

#[test]
fn evidence_and_priorities_are_frozen_by_the_ranking() {
    let f = scoring();
    f.write(
        "evidence/loss.ron",
        r#"Evidence(kind: LossReview, title: "Loss review", summary: "softer numbers")"#,
    );
    let evidence = f.hand_commit(&decided("Soften the loss review", "evidence", "dana"));
    f.write(
        "priorities/p1.ron",
        r#"Priority(title: "First days", evidence: ["loss"], goal: Goal(metric: "churn", baseline: 6.0, target: 5.5))"#,
    );
    let goal = f.hand_commit(&decided("An easier goal", "priority", "dana"));
    let out = named(&f, &evidence, "authority");
    assert!(
        out.contains("evidence and priorities are frozen by the ranking"),
        "{out}"
    );
    assert!(out.contains(&format!("commit {goal} ")), "{out}");
}

#[test]
fn an_outsider_forging_decided_by_is_named_by_the_author_rule() {
    let f = Forum::new("Evidence");
    f.write("forum.ron", &forum_ron("Evidence", 900));
    f.git(&["add", "-A"]);
    f.git(&[
        "commit",
        "-q",
        "--author",
        "Mallory <mallory@example.com>",
        "-m",
        &decided("Set the budget", "budget", "dana"),
    ]);
    let forged = f
        .git(&["rev-parse", "--short=7", "HEAD"])
        .trim()
        .to_string();
    let out = named(&f, &forged, "author");
    assert!(
        out.contains("the commit's author Mallory <mallory@example.com> is not `dana`"),
        "{out}"
    );
}

#[test]
fn a_scorecard_is_changed_by_its_member_or_recorded_for_one_present() {
    let f = scoring();
    // Sam cannot score for Dana; Dana cannot record Sam's card unless Sam is present.
    let err = f.fails(&["score", "dana", "journey", "p1=1", "--by", "sam"]);
    assert!(
        err.contains("`sam` may not change `dana`'s scorecard"),
        "{err}"
    );
    let err = f.fails(&["score", "sam", "journey", "p1=1", "--by", "dana"]);
    assert!(err.contains("only with `sam` in Present"), "{err}");
    f.ok(&[
        "score",
        "sam",
        "journey",
        "p1=1",
        "--by",
        "dana",
        "--present",
        "dana,sam",
    ]);
    // The decision log shows it under Sam's name.
    let log = f.ok(&["log", "--member", "sam"]);
    assert!(log.contains("Score journey for sam"), "{log}");
    f.ok(&["verify"]);
    // By hand, the same forgery is named.
    f.write(
        "scores/dana.ron",
        r#"Scorecard(scores: {"portal": {"p1": 0}})"#,
    );
    let bad = f.hand_commit(&decided("Score for dana", "score", "sam"));
    named(&f, &bad, "authority");
}

#[test]
fn ballots_freeze_with_the_lock_and_scores_with_the_allocation() {
    let f = scoring();
    let err = f.fails(&["ballot", "sam", "p3", "p2", "p1", "--by", "sam"]);
    assert!(
        err.contains("ballots are frozen by the ranking lock"),
        "{err}"
    );
    f.ok(&["score", "dana", "portal", "p1=4", "--by", "dana"]);
    f.ok(&["advance", "--by", "dana", "--reason", "scored"]);
    f.ok(&["allocate", "--by", "dana", "--reason", "the rule"]);
    let err = f.fails(&["score", "dana", "portal", "p1=1", "--by", "dana"]);
    assert!(
        err.contains("scorecards are frozen once the budget is allocated"),
        "{err}"
    );
    f.ok(&["advance", "--by", "dana", "--reason", "done"]);
    let err = f.fails(&["score", "dana", "portal", "p1=1", "--by", "dana"]);
    assert!(err.contains("the forum is in Closed"), "{err}");
    // Reopening unfreezes them, as the rule says.
    f.ok(&[
        "reopen",
        "--to",
        "Ranking",
        "--by",
        "dana",
        "--reason",
        "a new loss review",
    ]);
    f.ok(&["ballot", "sam", "p3", "p2", "p1", "--by", "sam"]);
    f.ok(&["verify"]);
    // A ballot changed by hand after the lock is named.
    f.ok(&["advance", "--by", "dana", "--reason", "lock again"]);
    f.write("ballots/sam.ron", r#"Ballot(order: ["p2", "p1", "p3"])"#);
    let bad = f.hand_commit(&decided("Sam changes his mind", "ballot", "sam"));
    named(&f, &bad, "authority");
}

#[test]
fn mandatory_is_set_only_by_a_facilitator_with_a_reason() {
    let f = Forum::new("Scoring");
    f.write(
        "initiatives/support/bigdesk.ron",
        r#"Initiative(title: "Big desk", owner: "sam", cost: 300, addresses: ["p1"], mandatory: true)"#,
    );
    let bad = f.hand_commit(&decided("Propose the big desk", "propose", "sam"));
    let out = named(&f, &bad, "authority");
    assert!(
        out.contains(
            "`bigdesk` is made mandatory: only a facilitator's decision with a reason may set it"
        ),
        "{out}"
    );
}

#[test]
fn a_silo_proposes_only_into_its_own_folder() {
    let f = Forum::new("Scoring");
    f.write(
        "initiatives/cx/sams-idea.ron",
        r#"Initiative(title: "Sam's idea", owner: "sam", cost: 100, addresses: ["p1"])"#,
    );
    let bad = f.hand_commit(&decided("Propose for cx", "propose", "sam"));
    let out = named(&f, &bad, "authority");
    assert!(
        out.contains("`sam` of silo `support` may not propose for silo `cx`"),
        "{out}"
    );
}

#[test]
fn a_quorum_holds_for_rank_advance_and_allocate() {
    let f = Forum::new("Ranking");
    let with_quorum =
        forum_ron("Ranking", 600).replace("    members: [", "    quorum: Some(2),\n    members: [");
    f.write("forum.ron", &with_quorum);
    f.ok(&["edit", "--by", "dana", "--reason", "A quorum of two"]);
    let err = f.fails(&["rank", "--by", "dana", "--reason", "alone"]);
    assert!(
        err.contains("needs a quorum of 2 members present; 1 was present"),
        "{err}"
    );
    f.ok(&[
        "rank",
        "--by",
        "dana",
        "--reason",
        "both here",
        "--present",
        "dana,sam",
    ]);
    let err = f.fails(&["advance", "--by", "dana", "--reason", "alone"]);
    assert!(err.contains("quorum"), "{err}");
    // By hand, below the quorum: named.
    f.write(
        "forum.ron",
        &with_quorum.replace("phase: Ranking", "phase: Scoring"),
    );
    let bad = f.hand_commit(&decided("Lock", "advance", "dana"));
    named(&f, &bad, "quorum");
}
