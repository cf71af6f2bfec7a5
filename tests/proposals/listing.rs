//! `roundtable proposals`: local and remote-tracking branches that change initiatives and are
//! not merged, each with its status and the fields that move the score.

use super::{Forum, REFUNDS};

#[test]
fn lists_local_and_remote_tracking_proposals_and_hides_merged_ones() {
    let origin = Forum::new();
    origin.branch(
        "proposal/cx/survey",
        &[(
            "initiatives/cx/survey.ron",
            r#"Initiative(title: "Survey", owner: "dana", cost: 50, addresses: ["p1"])"#,
        )],
    );
    origin.branch(
        "proposal/support/broken",
        &[(
            "initiatives/support/broken.ron",
            "Initiative(\n    title: \"Broken\",\n    owner: \"nobody\",\n    cost: 10,\n)\n",
        )],
    );
    origin.branch(
        "proposal/support/done",
        &[("initiatives/support/refunds.ron", REFUNDS)],
    );
    origin.ok(&[
        "accept",
        "proposal/support/done",
        "--by",
        "dana",
        "--reason",
        "Agreed",
    ]);
    // A branch that changes no initiative is not a proposal.
    origin.branch(
        "notes",
        &[(
            "evidence/more.ron",
            r#"Evidence(kind: Survey, title: "More")"#,
        )],
    );

    let clone = Forum::clone_of(&origin);
    clone.branch(
        "proposal/support/local",
        &[(
            "initiatives/support/portal.ron",
            r#"Initiative(title: "Portal", owner: "sam", cost: 280, addresses: ["p1"])"#,
        )],
    );
    clone.git(&["fetch", "-q", "origin"]);
    let out = clone.ok(&["proposals"]);
    let heads: Vec<&str> = out.lines().filter(|l| !l.starts_with(' ')).collect();
    assert_eq!(heads.len(), 3, "{out}");
    assert!(heads[0].starts_with("proposal/support/local "), "{out}");
    assert!(heads[0].ends_with("[support]  ✓ valid"), "{out}");
    assert!(heads[1].starts_with("origin/proposal/cx/survey "), "{out}");
    assert!(heads[1].ends_with("✓ valid"), "{out}");
    assert!(
        heads[2].starts_with("origin/proposal/support/broken "),
        "{out}"
    );
    assert!(heads[2].contains("✗"), "{out}");
    assert!(out.contains("portal.cost: EUR 300 → EUR 280"), "{out}");
    assert!(out.contains("survey.cost: — → EUR 50"), "{out}");
    assert!(out.contains("    survey: \"Survey\" (owner dana)"), "{out}");
    assert!(out.contains("    portal: \"Portal\" (owner sam)"), "{out}");
    assert!(
        out.contains("forums/f/initiatives/support/broken.ron:"),
        "{out}"
    );
    assert!(!out.contains("done"), "a merged proposal is hidden: {out}");
    assert!(!out.contains("origin/main"), "{out}");
    assert!(!out.contains("notes"), "{out}");

    let json: serde_json::Value =
        serde_json::from_str(&clone.ok(&["proposals", "--format", "json"])).unwrap();
    let items = json.as_array().unwrap();
    assert_eq!(items.len(), 3);
    assert_eq!(items[0]["remote"], false);
    assert_eq!(items[1]["remote"], true);
    assert_eq!(items[1]["valid"], true);
    assert_eq!(items[2]["valid"], false);
    assert_eq!(items[2]["status"]["status"], "invalid");
    assert!(items[2]["errors"][0]["line"].as_u64().is_some());
    assert_eq!(items[1]["tip"], clone.rev("origin/proposal/cx/survey"));
    assert_eq!(items[1]["initiatives"][0]["title"], "Survey");
    assert_eq!(items[1]["initiatives"][0]["owner"], "dana");

    // Once the local branch is pushed, the remote-tracking twin at the same commit is not
    // listed twice.
    clone.git(&["push", "-q", "origin", "proposal/support/local"]);
    clone.git(&["fetch", "-q", "origin"]);
    let out = clone.ok(&["proposals"]);
    assert!(!out.contains("origin/proposal/support/local"), "{out}");
}

#[test]
fn no_proposals_says_so() {
    let f = Forum::new();
    let out = f.ok(&["proposals"]);
    assert!(out.starts_with("No open proposals"), "{out}");
}
