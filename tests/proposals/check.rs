//! `check --proposal --base REV`: one silo's initiatives, a phase that takes proposals, a
//! valid result; line-numbered errors in text, JSON and GitHub annotations.

use super::{Forum, REFUNDS};

fn on_branch(f: &Forum, name: &str) {
    f.git(&["switch", "-q", name]);
}

#[test]
fn a_valid_proposal_branch_passes() {
    let f = Forum::new();
    f.branch(
        "proposal/support/refunds",
        &[("initiatives/support/refunds.ron", REFUNDS)],
    );
    on_branch(&f, "proposal/support/refunds");
    let out = f.ok(&["check", "--proposal", "--base", "main"]);
    assert!(out.contains("silo support"), "{out}");
    assert!(
        out.contains("+ forums/f/initiatives/support/refunds.ron"),
        "{out}"
    );
    assert!(out.contains("refunds.cost: — → EUR 150"), "{out}");
    assert!(out.contains("refunds.addresses: — → p2"), "{out}");
    assert_eq!(
        f.ok(&[
            "check",
            "--proposal",
            "--base",
            "main",
            "--format",
            "github"
        ]),
        ""
    );
    let json: serde_json::Value =
        serde_json::from_str(&f.ok(&["check", "--proposal", "--base", "main", "--format", "json"]))
            .unwrap();
    assert_eq!(json["valid"], true);
    assert_eq!(json["silos"][0], "support");
    assert_eq!(json["errors"].as_array().unwrap().len(), 0);
    // Edits not yet committed are not part of the proposal, and the check says so.
    f.write("initiatives/support/refunds.ron", "Initiative(broken");
    let (code, _, err) = f.run(&["check", "--proposal", "--base", "main"]);
    assert_eq!(code, 0, "the committed proposal is still valid");
    assert!(
        err.contains("note: uncommitted edits under forums/"),
        "{err}"
    );
    f.git(&["checkout", "--", "."]);
    // An edit of an existing initiative shows what moves the score.
    f.branch(
        "proposal/support/portal-cheaper",
        &[(
            "initiatives/support/portal.ron",
            r#"Initiative(title: "Portal", owner: "sam", cost: 250, addresses: ["p1", "p2"])"#,
        )],
    );
    let out = f.ok(&[
        "check",
        "--proposal",
        "--base",
        "main",
        "--rev",
        "proposal/support/portal-cheaper",
    ]);
    assert!(out.contains("portal.cost: EUR 300 → EUR 250"), "{out}");
    assert!(out.contains("portal.addresses: p1 → p1, p2"), "{out}");
}

#[test]
fn a_branch_that_edits_the_ranking_is_rejected() {
    let f = Forum::new();
    f.branch(
        "proposal/support/sneaky",
        &[
            ("initiatives/support/refunds.ron", REFUNDS),
            (
                "ranking.ron",
                "Ranking(order: [\"p2\", \"p1\"], method: Schulze)\n",
            ),
        ],
    );
    on_branch(&f, "proposal/support/sneaky");
    let out = f.fails(&["check", "--proposal", "--base", "main"]);
    assert!(
        out.contains(
            "forums/f/ranking.ron:1:1: error: a proposal may not change ranking.ron: the ranking is the forum's decision"
        ),
        "{out}"
    );
    let (code, gh, _) = f.run(&[
        "check",
        "--proposal",
        "--base",
        "main",
        "--format",
        "github",
    ]);
    assert_eq!(code, 1);
    assert!(
        gh.contains(
            "::error file=forums/f/ranking.ron,line=1,col=1::a proposal may not change ranking.ron"
        ),
        "{gh}"
    );
}

#[test]
fn a_branch_that_touches_two_silos_is_rejected() {
    let f = Forum::new();
    f.branch(
        "proposal/both",
        &[
            ("initiatives/support/refunds.ron", REFUNDS),
            (
                "initiatives/cx/journey.ron",
                r#"Initiative(title: "Journey", owner: "dana", cost: 100, addresses: ["p1"])"#,
            ),
        ],
    );
    let out = f.fails(&[
        "check",
        "--proposal",
        "--base",
        "main",
        "--rev",
        "proposal/both",
    ]);
    assert!(
        out.contains(
            "a proposal belongs to one silo; this branch changes the initiatives of cx, support"
        ),
        "{out}"
    );
    assert!(
        out.contains("forums/f/initiatives/cx/journey.ron:1:1: error"),
        "{out}"
    );
    // Files outside the forum are not part of a proposal either.
    f.git(&["switch", "-q", "-c", "proposal/readme", "main"]);
    std::fs::write(f.path().join("README.md"), "hello\n").unwrap();
    f.write("initiatives/support/refunds.ron", REFUNDS);
    f.commit_all("Refunds and a readme");
    let out = f.fails(&["check", "--proposal", "--base", "main"]);
    assert!(
        out.contains(
            "README.md:1:1: error: a proposal changes only files in forums/f/initiatives/<silo>/"
        ),
        "{out}"
    );
}

#[test]
fn a_bad_field_is_located_by_line_and_column() {
    let f = Forum::new();
    let bad = "Initiative(\n    title: \"Faster refunds\",\n    owner: \"sam\",\n    cost: \"lots\",\n    addresses: [\"p2\"],\n)\n";
    f.branch(
        "proposal/support/bad",
        &[("initiatives/support/refunds.ron", bad)],
    );
    let out = f.fails(&[
        "check",
        "--proposal",
        "--base",
        "main",
        "--rev",
        "proposal/support/bad",
    ]);
    assert!(
        out.contains("forums/f/initiatives/support/refunds.ron:4:"),
        "{out}"
    );
    let typo = REFUNDS.replace("\"p2\"", "\"p9\"");
    f.branch(
        "proposal/support/typo",
        &[("initiatives/support/refunds.ron", &typo)],
    );
    let (code, gh, _) = f.run(&[
        "check",
        "--proposal",
        "--base",
        "main",
        "--rev",
        "proposal/support/typo",
        "--format",
        "github",
    ]);
    assert_eq!(code, 1, "{gh}");
    assert!(
        gh.contains("::error file=forums/f/initiatives/support/refunds.ron,line=5,col="),
        "{gh}"
    );
}

#[test]
fn after_scoring_the_forum_takes_no_proposals() {
    let f = Forum::new();
    f.ok(&["rank", "--by", "dana", "--reason", "ballots agree"]);
    f.ok(&["advance", "--by", "dana", "--reason", "lock"]);
    f.ok(&["advance", "--by", "dana", "--reason", "scored"]);
    f.branch(
        "proposal/support/late",
        &[("initiatives/support/refunds.ron", REFUNDS)],
    );
    let out = f.fails(&[
        "check",
        "--proposal",
        "--base",
        "main",
        "--rev",
        "proposal/support/late",
    ]);
    assert!(
        out.contains(
            "the forum is in phase Allocation: proposals are accepted up to and including Scoring"
        ),
        "{out}"
    );
}
