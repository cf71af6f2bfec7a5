//! `roundtable accept BRANCH`: one merge commit with the trailers, the branch's files land,
//! `verify` passes; refusals for merged, invalid and unknown branches.

use super::{Forum, REFUNDS};

#[test]
fn accept_writes_one_merge_commit_with_trailers_and_verify_passes() {
    let f = Forum::new();
    f.branch(
        "proposal/support/refunds",
        &[("initiatives/support/refunds.ron", REFUNDS)],
    );
    let tip = f.rev("proposal/support/refunds");
    let main_before = f.rev("main");
    let before = f.commit_count();
    let out = f.ok(&[
        "accept",
        "proposal/support/refunds",
        "--by",
        "dana",
        "--reason",
        "Support's refunds fit billing clarity",
        "--present",
        "dana,sam",
    ]);
    assert!(out.contains("accept decision"), "{out}");
    // One new first-parent commit (plus the branch's own commit, now reachable).
    assert_eq!(
        f.git(&["rev-list", "--count", "--first-parent", "HEAD"])
            .trim(),
        "2"
    );
    assert_eq!(f.commit_count(), before + 2);
    let parents = f.git(&["log", "-1", "--format=%P"]);
    assert_eq!(parents.trim(), format!("{main_before} {tip}"));
    let m = f.head_message();
    assert_eq!(m.trailers.decision.as_deref(), Some("accept"));
    assert_eq!(m.trailers.decided_by.as_deref(), Some("dana"));
    assert_eq!(m.trailers.forum.as_deref(), Some("f"));
    assert_eq!(m.trailers.present, vec!["dana", "sam"]);
    assert_eq!(
        m.summary,
        "Accept the proposal Faster refunds from support (proposal/support/refunds)"
    );
    assert_eq!(m.reason, "Support's refunds fit billing clarity");
    assert_eq!(
        f.git(&["log", "-1", "--format=%an <%ae>"]).trim(),
        "Dana Whitfield <dana@example.com>"
    );
    // The file landed in the commit and in the work tree; nothing else moved.
    assert_eq!(
        f.git(&["show", "HEAD:forums/f/initiatives/support/refunds.ron"]),
        REFUNDS
    );
    assert_eq!(
        std::fs::read_to_string(f.file("initiatives/support/refunds.ron")).unwrap(),
        REFUNDS
    );
    assert_eq!(f.git(&["status", "--porcelain"]), "");
    assert_eq!(
        f.git(&["diff", "--name-only", "HEAD^1", "HEAD"]).trim(),
        "forums/f/initiatives/support/refunds.ron"
    );
    f.ok(&["verify"]);
    // Accepting it again is refused: it is merged.
    let out = f.fails(&[
        "accept",
        "proposal/support/refunds",
        "--by",
        "dana",
        "--reason",
        "again",
    ]);
    assert!(out.contains("already merged into main"), "{out}");
}

#[test]
fn accept_refuses_invalid_and_unknown_branches_and_strangers() {
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
    let before = f.commit_count();
    let out = f.fails(&[
        "accept",
        "proposal/support/sneaky",
        "--by",
        "dana",
        "--reason",
        "x",
    ]);
    assert!(
        out.contains("cannot accept proposal/support/sneaky: it is not a valid proposal"),
        "{out}"
    );
    assert!(out.contains("forums/f/ranking.ron:1:1: error"), "{out}");
    let out = f.fails(&[
        "accept",
        "proposal/support/sneeky",
        "--by",
        "dana",
        "--reason",
        "x",
    ]);
    assert!(
        out.contains("did you mean `proposal/support/sneaky`?"),
        "{out}"
    );
    f.branch(
        "proposal/support/ok",
        &[("initiatives/support/refunds.ron", REFUNDS)],
    );
    let out = f.fails(&[
        "accept",
        "proposal/support/ok",
        "--by",
        "stranger",
        "--reason",
        "x",
    ]);
    assert!(out.contains("`stranger` is not a member"), "{out}");
    assert_eq!(f.commit_count(), before, "nothing was written");
}

#[test]
fn accept_decision_is_callable_from_the_library() {
    use roundtable::domain::phase::DecisionKind;
    use roundtable::store::decide::{branch_tip, decide};
    use roundtable::store::proposals::accept_decision;
    use roundtable::store::repo::ForumRepo;
    let f = Forum::new();
    f.branch(
        "proposal/support/refunds",
        &[("initiatives/support/refunds.ron", REFUNDS)],
    );
    let repo = ForumRepo::open(f.path()).unwrap();
    let d = accept_decision(
        &repo,
        "f",
        "proposal/support/refunds",
        "dana",
        "Ready",
        &["sam".to_string(), "dana".to_string()],
    )
    .unwrap();
    assert_eq!(d.kind, DecisionKind::Accept);
    assert_eq!(
        d.merge.unwrap().to_string(),
        f.rev("proposal/support/refunds")
    );
    assert_eq!(d.changes.len(), 1);
    assert!(
        d.changes
            .contains_key("forums/f/initiatives/support/refunds.ron")
    );
    let tip = branch_tip(&repo, "refs/heads/main").unwrap();
    let done = decide(&repo, "refs/heads/main", tip, &d).unwrap();
    assert!(done.loaded.snapshot.initiatives.contains_key("refunds"));
}

#[test]
fn a_branch_speaks_only_for_its_own_silo() {
    let f = Forum::new();
    // A "cx" branch that only cuts support's portal cost.
    f.branch(
        "proposal/cx/cheaper-portal",
        &[(
            "initiatives/support/portal.ron",
            r#"Initiative(title: "Portal", owner: "sam", cost: 15, addresses: ["p1"])"#,
        )],
    );
    let listed = f.ok(&["proposals", "--format", "json"]);
    assert!(
        listed.contains("the branch speaks for silo `cx` but changes silo `support`'s initiative"),
        "{listed}"
    );
    let before = f.rev("main");
    let err = f.fails(&[
        "accept",
        "proposal/cx/cheaper-portal",
        "--by",
        "dana",
        "--reason",
        "cheaper",
    ]);
    assert!(err.contains("speaks for silo `cx`"), "{err}");
    assert_eq!(f.rev("main"), before, "nothing written");
}

#[test]
fn accept_needs_a_reason() {
    let f = Forum::new();
    f.branch(
        "proposal/support/refunds",
        &[("initiatives/support/refunds.ron", REFUNDS)],
    );
    let before = f.commit_count();
    for args in [
        &["accept", "proposal/support/refunds", "--by", "dana"][..],
        &[
            "accept",
            "proposal/support/refunds",
            "--by",
            "dana",
            "--reason",
            "  ",
        ][..],
    ] {
        let (code, _, err) = f.run(args);
        assert_eq!(code, 1, "{err}");
        assert!(
            err.contains("error: accepting a proposal needs a reason"),
            "{err}"
        );
        assert!(
            err.contains("hint: add --reason \"why the forum takes it\""),
            "{err}"
        );
    }
    assert_eq!(f.commit_count(), before, "nothing was written");
}
