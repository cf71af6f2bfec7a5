//! The silo's pull-request kit end to end, as docs/proposals.md tells it: propose → edit →
//! `check --proposal` → push → `proposals` → `accept` → `verify`.

use super::Forum;

#[test]
fn propose_check_accept_verify() {
    let origin = Forum::new();
    // The silo lead works in a clone, as on a git host.
    let lead = Forum::clone_of(&origin);
    let out = lead.ok(&[
        "propose",
        "--silo",
        "support",
        "--title",
        "Faster refunds",
        "--cost",
        "60",
    ]);
    assert!(out.contains("proposal/support/faster-refunds"), "{out}");
    lead.git(&["switch", "-q", "proposal/support/faster-refunds"]);
    let path = lead.file("initiatives/support/faster-refunds.ron");
    let text = std::fs::read_to_string(&path).unwrap();
    let text = text
        .replace("addresses: [],", "addresses: [\"p2\"],")
        .replace(
            "What changes for the customer, who does the work, and by when.",
            "Refunds settled on the first call by support agents, from Q2.",
        );
    std::fs::write(&path, text).unwrap();
    lead.ok(&["check"]);
    lead.git(&["commit", "-q", "-am", "Describe faster refunds"]);
    let out = lead.ok(&["check", "--proposal", "--base", "origin/main"]);
    assert!(out.contains("faster-refunds.cost: — → EUR 60"), "{out}");
    lead.git(&[
        "push",
        "-q",
        "-u",
        "origin",
        "proposal/support/faster-refunds",
    ]);

    // The facilitator sees it in the forum's repository and accepts it.
    let listed = origin.ok(&["proposals"]);
    assert!(
        listed.starts_with("proposal/support/faster-refunds "),
        "{listed}"
    );
    assert!(
        listed.lines().next().unwrap().ends_with("✓ valid"),
        "{listed}"
    );
    origin.ok(&[
        "accept",
        "proposal/support/faster-refunds",
        "--by",
        "dana",
        "--reason",
        "Refunds serve billing clarity",
        "--present",
        "dana,sam",
    ]);
    origin.ok(&["verify"]);
    assert!(origin.ok(&["proposals"]).starts_with("No open proposals"));
    assert!(
        origin
            .file("initiatives/support/faster-refunds.ron")
            .exists()
    );
    let values = origin.ok(&["values"]);
    assert!(
        values.contains("faster-refunds") || values.contains("Faster refunds"),
        "{values}"
    );
}
