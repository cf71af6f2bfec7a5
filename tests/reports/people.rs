//! People and silos as decisions (derailments: a reorganisation, people moving on):
//! `member add`, `member leave` and `silo split`, with the real binary on a copy of the
//! bundled forum. A member who leaves keeps their ballots and scores valid, decides nothing
//! more, and `check` and `verify` stay clean.

use super::common::{Forum, ok, refused, run};

fn clean(f: &Forum) {
    ok(f, &["check"]);
    let verified = ok(f, &["verify"]);
    assert!(verified.contains("every gate holds"), "{verified}");
}

fn last_trailers(f: &Forum) -> String {
    f.git(&["log", "-1", "--format=%s%n%b"])
}

#[test]
fn a_member_joins_another_leaves_and_their_votes_stay_valid() {
    let f = Forum::new();
    ok(
        &f,
        &[
            "member",
            "add",
            "ana",
            "--name",
            "Ana Silva",
            "--email",
            "ana@example.com",
            "--silo",
            "sales",
            "--by",
            "dana",
            "--reason",
            "Ana takes over sales",
        ],
    );
    let log = last_trailers(&f);
    assert!(
        log.contains("Ana Silva (ana) joins the forum for sales"),
        "{log}"
    );
    assert!(log.contains("Decision: reorg"), "{log}");
    clean(&f);

    // Marco still leads sales: he hands it over first, as the refusal says.
    let err = refused(
        &f,
        &[
            "member", "leave", "marco", "--by", "dana", "--reason", "Moved on",
        ],
    );
    assert!(err.contains("still leads silo(s) sales"), "{err}");
    assert!(err.contains("roundtable member reassign marco"), "{err}");
    ok(
        &f,
        &[
            "member", "reassign", "marco", "ana", "--by", "dana", "--reason", "Handover",
        ],
    );
    ok(
        &f,
        &[
            "member",
            "leave",
            "marco",
            "--on",
            "2027-03-31",
            "--by",
            "dana",
            "--reason",
            "Marco moved to another company",
        ],
    );
    let forum = std::fs::read_to_string(f.path().join("forums/fy2027-cx/forum.ron")).unwrap();
    assert!(forum.contains("left: Some(\"2027-03-31\")"), "{forum}");
    // His ballot stays; the forum stays clean, the history verified.
    assert!(f.path().join("forums/fy2027-cx/ballots/marco.ron").exists());
    clean(&f);
    let report = ok(&f, &["report"]);
    assert!(report.contains("Marco"), "the brief still names his ballot");

    // He decides nothing more, and is not present at a decision any more.
    let err = refused(
        &f,
        &[
            "score",
            "marco",
            "guided-setup",
            "first-30-days=2",
            "--by",
            "marco",
            "--reason",
            "late",
        ],
    );
    assert!(
        err.contains("`marco` left the forum on 2027-03-31"),
        "{err}"
    );
    let err = refused(
        &f,
        &[
            "budget",
            "2500000",
            "--by",
            "dana",
            "--reason",
            "more",
            "--present",
            "dana,marco",
        ],
    );
    assert!(err.contains("`marco` (in Present) left the forum"), "{err}");
    // Someone who has left cannot leave twice; an unknown id gets a did-you-mean.
    let err = refused(
        &f,
        &["member", "leave", "marco", "--by", "dana", "--reason", "x"],
    );
    assert!(
        err.contains("already left the forum on 2027-03-31"),
        "{err}"
    );
    let err = refused(
        &f,
        &["member", "leave", "marcoo", "--by", "dana", "--reason", "x"],
    );
    assert!(err.contains("did you mean `marco`?"), "{err}");
}

#[test]
fn a_day_of_leaving_that_is_not_a_day_is_refused_by_check() {
    let f = Forum::new();
    let path = f.path().join("forums/fy2027-cx/forum.ron");
    let text = std::fs::read_to_string(&path).unwrap();
    let bad = text.replacen(
        "id: \"aisha\",",
        "id: \"aisha\",\n            left: Some(\"last spring\"),",
        1,
    );
    std::fs::write(&path, bad).unwrap();
    let (code, out, err) = run(&f, &["check"]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(
        out.contains("`last spring` is not a day") || err.contains("`last spring` is not a day"),
        "{out}{err}"
    );
}

#[test]
fn a_silo_split_moves_its_initiatives_and_people_and_keeps_verify_clean() {
    let f = Forum::new();
    ok(
        &f,
        &[
            "silo",
            "split",
            "product",
            "platform",
            "--initiatives",
            "bank-feed-resilience,einvoicing-de-fr",
            "--members",
            "lee",
            "--name",
            "Platform Engineering",
            "--lead",
            "lee",
            "--by",
            "dana",
            "--reason",
            "Platform becomes its own team",
        ],
    );
    let log = last_trailers(&f);
    assert!(
        log.contains("Split silo product into product and platform (2 initiatives, 1 member)"),
        "{log}"
    );
    let root = f.path().join("forums/fy2027-cx");
    assert!(
        root.join("initiatives/platform/bank-feed-resilience.ron")
            .exists()
    );
    assert!(
        !root
            .join("initiatives/product/bank-feed-resilience.ron")
            .exists()
    );
    assert!(root.join("initiatives/product/guided-setup.ron").exists());
    let silo = std::fs::read_to_string(root.join("silos/platform.ron")).unwrap();
    assert!(
        silo.contains("Platform Engineering") && silo.contains("lead: \"lee\""),
        "{silo}"
    );
    // git sees the moves as renames, so the audit trail follows the initiative.
    let moved = f.git(&["show", "--format=", "--name-status", "-M", "HEAD"]);
    assert!(moved.contains("R100"), "{moved}");
    clean(&f);
    let audit = ok(&f, &["audit", "bank-feed-resilience"]);
    assert!(audit.contains("Split silo product"), "{audit}");

    let err = refused(
        &f,
        &[
            "silo",
            "split",
            "product",
            "web",
            "--initiatives",
            "guided-setp",
            "--by",
            "dana",
            "--reason",
            "x",
        ],
    );
    assert!(err.contains("did you mean `guided-setup`?"), "{err}");
}
