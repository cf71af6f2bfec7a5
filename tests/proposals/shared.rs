//! Shared initiatives by pull request: `check --proposal` names the contributing leads,
//! `accept` records their approval as `Approved-By:`, a facilitator may accept without it,
//! `codeowners` gives them review of the file, and `verify` refuses a forged approval.

use super::Forum;

/// A new cx initiative that support pays 120 of.
const JOINT: &str = r#"Initiative(
    title: "Joint journey fix",
    owner: "dana",
    cost: 200,
    addresses: ["p1"],
    contributions: [Contribution(silo: "support", cost: 120)],
)
"#;

fn shared() -> Forum {
    let f = Forum::new();
    f.branch("proposal/cx/joint", &[("initiatives/cx/joint.ron", JOINT)]);
    f
}

#[test]
fn check_proposal_names_the_leads_who_must_approve() {
    let f = shared();
    let out = f.ok(&[
        "check",
        "--proposal",
        "--rev",
        "proposal/cx/joint",
        "--base",
        "main",
    ]);
    assert!(
        out.contains("joint: shared with support, whose lead `sam` must approve"),
        "{out}"
    );
    let json = f.ok(&[
        "check",
        "--proposal",
        "--rev",
        "proposal/cx/joint",
        "--base",
        "main",
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["approvals"][0]["lead"], "sam");
    assert_eq!(v["approvals"][0]["silo"], "support");
    // The open proposals list says it too.
    let listed = f.ok(&["proposals"]);
    assert!(
        listed.contains("approval: joint: shared with support, whose lead `sam` must approve"),
        "{listed}"
    );
    // An initiative of one silo needs nobody else.
    f.branch(
        "proposal/support/refunds",
        &[("initiatives/support/refunds.ron", super::REFUNDS)],
    );
    let out = f.ok(&[
        "check",
        "--proposal",
        "--rev",
        "proposal/support/refunds",
        "--base",
        "main",
    ]);
    assert!(!out.contains("must approve"), "{out}");
}

#[test]
fn accept_records_the_approving_lead_and_verify_passes() {
    let f = shared();
    f.ok(&[
        "accept",
        "proposal/cx/joint",
        "--approved-by",
        "sam",
        "--by",
        "dana",
        "--reason",
        "Both silos fund the journey fix",
        "--present",
        "dana,sam",
    ]);
    let m = f.head_message();
    assert_eq!(m.trailers.approved_by, vec!["sam"]);
    f.ok(&["verify"]);
    // The file asks both leads for review.
    let owners = f.ok(&["codeowners"]);
    assert!(
        owners.contains("/forums/f/initiatives/cx/joint.ron dana@example.com sam@example.com"),
        "{owners}"
    );
}

#[test]
fn a_facilitator_accepts_without_approval_with_a_reason_and_says_so() {
    let f = shared();
    let (code, _, err) = f.run(&[
        "accept",
        "proposal/cx/joint",
        "--by",
        "dana",
        "--reason",
        "Sam is away; support agreed by mail",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("accepted without the approval of sam"),
        "{err}"
    );
    assert!(f.head_message().trailers.approved_by.is_empty());
    f.ok(&["verify"]);
}

#[test]
fn accept_refuses_an_approver_who_is_not_a_contributing_lead() {
    let f = shared();
    let out = f.fails(&[
        "accept",
        "proposal/cx/joint",
        "--approved-by",
        "dana",
        "--by",
        "dana",
        "--reason",
        "dana approves her own",
    ]);
    assert!(
        out.contains("leads none of its contributing silos"),
        "{out}"
    );
}

#[test]
fn verify_refuses_a_forged_approval() {
    let f = shared();
    f.ok(&[
        "accept",
        "proposal/cx/joint",
        "--approved-by",
        "sam",
        "--by",
        "dana",
        "--reason",
        "Both silos fund it",
    ]);
    let message = f.git(&["log", "-1", "--format=%B"]);
    let forged = message.replace("Approved-By: sam", "Approved-By: dana");
    assert_ne!(forged, message);
    f.git(&["commit", "-q", "--amend", "-m", &forged]);
    let out = f.fails(&["verify"]);
    assert!(
        out.contains("leads none of its contributing silos"),
        "{out}"
    );
}

#[test]
fn a_contributing_silos_lead_may_not_write_the_lead_silos_file_alone() {
    // sam leads support, which contributes; the file is cx's. A `propose` decision by sam
    // that writes it is refused on replay.
    let f = Forum::new();
    f.write("initiatives/cx/joint.ron", JOINT);
    f.git(&["add", "-A"]);
    f.git(&[
        "-c",
        "user.name=Sam Okafor",
        "-c",
        "user.email=sam@example.com",
        "commit",
        "-q",
        "-m",
        "Propose Joint journey fix\n\nForum: f\nDecision: propose\nDecided-By: sam\nPresent: sam\n",
    ]);
    let out = f.fails(&["verify"]);
    assert!(out.contains("may not propose for silo `cx`"), "{out}");
}
