//! `roundtable evidence|priority add|edit|retire`: one decision each, with its trailers,
//! verified, refused in the wrong phase and for a bad record (located at path:line:col).

use super::Forum;

const SURVEY: &str = r#"Evidence(
    kind: Survey,
    title: "Onboarding survey",
    period: "2026-09",
    invited: Some(1000),
    responded: Some(68),
    segments: [SegmentResponse(name: "new accounts", invited: 100, responded: 2)],
)
"#;

const PRIORITY: &str = r#"Priority(
    title: "Heard from the newest",
    evidence: ["survey"],
    goal: Goal(metric: "answers", baseline: 2.0, target: 10.0),
)
"#;

/// Writes `text` to a file outside the repository; returns the folder (keep it) and the path.
fn outside(text: &str) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("record.ron");
    std::fs::write(&path, text).unwrap();
    let path = path.to_string_lossy().into_owned();
    (dir, path)
}

fn refused(f: &Forum, args: &[&str]) -> String {
    let (code, out, err) = f.run(args);
    assert_ne!(code, 0, "{args:?} was refused\n{out}");
    err
}

fn decided(f: &Forum, kind: &str) {
    let m = f.head_message();
    assert_eq!(m.trailers.decision.as_deref(), Some(kind));
    assert_eq!(m.trailers.decided_by.as_deref(), Some("sam"));
    assert_eq!(m.trailers.present, ["sam", "dana"]);
}

#[test]
fn evidence_and_priorities_are_added_changed_and_retired_as_decisions() {
    let f = Forum::new("Evidence");
    let by = [
        "--by",
        "sam",
        "--present",
        "sam,dana",
        "--reason",
        "the survey came in",
    ];
    let (_keep, survey) = outside(SURVEY);
    let before = f.commit_count();
    let (code, _, err) =
        f.run(&[&["evidence", "add", "survey", "--file", &survey][..], &by].concat());
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("heard least from: new accounts, 2.0 % against 6.8 %"),
        "{err}"
    );
    assert_eq!(f.commit_count(), before + 1);
    decided(&f, "evidence");
    assert!(f.file("evidence/survey.ron").exists());
    f.ok(&["verify"]);
    let (_keep2, p) = outside(PRIORITY);
    f.ok(&[&["priority", "add", "newest", "--file", &p][..], &by].concat());
    decided(&f, "priority");
    // Edit from standard input.
    let edited = SURVEY.replace("Onboarding survey", "Onboarding survey, autumn");
    f.rt()
        .args([&["evidence", "edit", "survey", "--file", "-"][..], &by].concat())
        .write_stdin(edited)
        .assert()
        .success();
    assert!(f.head_message().summary.contains("autumn"));
    // Retire warns about the citing priority and keeps the history.
    let (code, _, err) = f.run(&[&["evidence", "retire", "survey"][..], &by].concat());
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("priority `newest` cites `survey`"), "{err}");
    decided(&f, "evidence");
    assert!(!f.file("evidence/survey.ron").exists());
    assert!(
        f.git(&["log", "--format=%s"])
            .contains("Add evidence survey")
    );
    f.ok(&["verify"]);
}

#[test]
fn a_bad_record_is_refused_at_its_line_and_column() {
    let f = Forum::new("Evidence");
    let (_keep, bad) = outside("Evidence(\n    kind: Survey,\n    title: \"\",\n)\n");
    let before = f.commit_count();
    let err = refused(
        &f,
        &["evidence", "add", "bad", "--file", &bad, "--by", "sam"],
    );
    assert!(err.contains("record.ron:3:12"), "{err}");
    assert!(err.contains("`title` is empty"), "{err}");
    let (_keep2, typo) = outside("Evidence(\n    kind: Survey,\n    titel: \"x\",\n)\n");
    let err = refused(
        &f,
        &["evidence", "add", "typo", "--file", &typo, "--by", "sam"],
    );
    assert!(err.contains("record.ron:3:"), "{err}");
    assert_eq!(f.commit_count(), before);
}

#[test]
fn evidence_is_refused_once_the_forum_ranks() {
    let f = Forum::new("Ranking");
    let (_keep, survey) = outside(SURVEY);
    let err = refused(
        &f,
        &[
            "evidence", "add", "survey", "--file", &survey, "--by", "sam",
        ],
    );
    assert!(err.contains("Ranking"), "{err}");
    let before = f.commit_count();
    let err = refused(
        &f,
        &["evidence", "add", "loss", "--file", &survey, "--by", "sam"],
    );
    assert!(err.contains("exists already"), "{err}");
    assert_eq!(f.commit_count(), before);
}
