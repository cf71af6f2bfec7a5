//! The silos' pull-request kit end to end with the git CLI: propose → edit → check passes;
//! codeowners gives each silo lead their folder.

use super::common::Forum;

const PATH: &str = "forums/fy2027-cx/initiatives/support/faster-refunds.ron";

fn stdout(a: &assert_cmd::assert::Assert) -> String {
    String::from_utf8(a.get_output().stdout.clone()).unwrap()
}

#[test]
fn propose_then_check_passes_and_the_work_tree_is_untouched() {
    let f = Forum::new();
    f.write("notes.txt", "uncommitted work\n");
    let a = f
        .roundtable()
        .args([
            "propose",
            "--silo",
            "support",
            "--title",
            "Faster refunds",
            "--cost",
            "60000",
        ])
        .assert()
        .success();
    assert!(stdout(&a).contains("git switch proposal/support/faster-refunds"));
    // The current checkout is still main, with its uncommitted file, and no proposal file.
    assert_eq!(f.git(&["branch", "--show-current"]).trim(), "main");
    assert!(!f.path().join(PATH).exists());
    assert!(f.path().join("notes.txt").exists());
    // The branch holds exactly one new file, committed as a `propose` decision.
    let changed = f.git(&[
        "diff",
        "--name-status",
        "main",
        "proposal/support/faster-refunds",
    ]);
    assert_eq!(changed.trim(), format!("A\t{PATH}"));
    let message = f.git(&[
        "log",
        "-1",
        "--format=%B",
        "proposal/support/faster-refunds",
    ]);
    assert!(message.contains("Decision: propose") && message.contains("Decided-By: sam"));
    // The template as committed decodes as an initiative of the silo, owned by its lead.
    let repo = roundtable::store::repo::ForumRepo::open(f.path()).unwrap();
    let loaded = repo
        .load_at("fy2027-cx", "proposal/support/faster-refunds")
        .unwrap();
    let p = &loaded.snapshot.initiatives["faster-refunds"];
    assert_eq!(p.silo, "support");
    assert_eq!(p.initiative.title, "Faster refunds");
    assert_eq!(p.initiative.owner, "sam");
    assert_eq!(p.initiative.cost, 60_000);
    // Until the silo lead fills it in, check says what is left: no priorities, the template's
    // summary — warnings, so the branch can be pushed early for discussion.
    let findings: Vec<String> = loaded.problems.iter().map(ToString::to_string).collect();
    let at = |what: &str| {
        findings
            .iter()
            .any(|x| x.contains(PATH) && x.contains(what))
    };
    assert!(
        at("warning: this initiative addresses no priority"),
        "{findings:?}"
    );
    assert!(
        at("warning: the summary is still the template's"),
        "{findings:?}"
    );

    // The silo lead edits it as docs/proposals.md says, commits and checks.
    f.git(&["stash", "-u", "-q"]);
    f.git(&["switch", "-q", "proposal/support/faster-refunds"]);
    let text = std::fs::read_to_string(f.path().join(PATH)).unwrap();
    let text = text
        .replace(
            "addresses: [],",
            "addresses: [\"billing-clarity\", \"first-contact\"],",
        )
        .replace(
            "What changes for the customer, who does the work, and by when.",
            "Agents refund up to 500 euros on the call; finance audits a sample weekly.",
        );
    f.write(PATH, &text);
    f.roundtable().arg("check").assert().success();
    f.commit_at(
        "2026-11-03T10:00:00+01:00",
        &["-q", "-am", "Describe faster refunds"],
    );
    let proposal = f
        .roundtable()
        .args(["check", "--proposal", "--base", "main"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&proposal.stderr);
    assert!(proposal.status.success(), "{err}");
}

#[test]
fn propose_refuses_what_it_cannot_do() {
    let f = Forum::new();
    let err = |args: &[&str]| {
        let out = f.roundtable().args(args).assert().code(1);
        String::from_utf8(out.get_output().stderr.clone()).unwrap()
    };
    assert!(
        err(&["propose", "--silo", "suport", "--title", "X y"]).contains("did you mean `support`?")
    );
    assert!(
        err(&[
            "propose",
            "--silo",
            "support",
            "--title",
            "Callback not hold"
        ])
        .contains("already used by silo `support`")
    );
    assert!(
        err(&["propose", "--silo", "support", "--title", "!!!"])
            .contains("not a valid initiative id")
    );
    f.roundtable()
        .args([
            "propose",
            "--silo",
            "sales",
            "--title",
            "Quote tool",
            "--id",
            "quote-tool",
        ])
        .assert()
        .success();
    assert!(
        err(&[
            "propose",
            "--silo",
            "sales",
            "--title",
            "Quote tool",
            "--id",
            "quote-tool"
        ])
        .contains("already exists")
    );
    let forum = std::fs::read_to_string(f.path().join("forums/fy2027-cx/forum.ron")).unwrap();
    f.write(
        "forums/fy2027-cx/forum.ron",
        &forum.replace("phase: Scoring", "phase: Allocation"),
    );
    f.commit_at("2026-11-04T10:00:00+01:00", &["-q", "-am", "Advance"]);
    assert!(
        err(&["propose", "--silo", "sales", "--title", "Late idea"]).contains("phase Allocation")
    );
}

#[test]
fn codeowners_gives_each_silo_lead_their_folder() {
    let f = Forum::new();
    let out = f.roundtable().arg("codeowners").assert().success();
    insta::assert_snapshot!("codeowners", stdout(&out));
    let file = f.path().join("CODEOWNERS");
    f.roundtable()
        .args(["codeowners", "--out"])
        .arg(&file)
        .assert()
        .success();
    let text = std::fs::read_to_string(file).unwrap();
    assert!(text.contains(
        "/forums/fy2027-cx/initiatives/support/ @sam-okafor @dana-whitfield @aisha-mensah\n"
    ));
    // The last matching line wins: every line that owns a path inside the forum names the
    // facilitators, so they never lose review of a proposal.
    for line in text.lines().filter(|l| l.starts_with("/forums/")) {
        assert!(
            line.contains("@dana-whitfield") && line.contains("@aisha-mensah"),
            "{line}"
        );
    }
}

/// The commands in the ready-to-copy CI workflows are ones this roundtable accepts.
#[test]
fn the_ci_workflows_run_commands_that_parse() {
    use clap::Parser;
    let root = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("docs/ci");
    let mut seen = 0;
    for file in ["github-actions.yml", "gitlab-ci.yml"] {
        let text = std::fs::read_to_string(root.join(file)).unwrap();
        for line in text.lines().filter(|l| !l.trim_start().starts_with('#')) {
            let Some(at) = line.find("roundtable check --") else {
                continue;
            };
            let command = line[at..].split(['>', '|']).next().unwrap();
            let mut plain = command.to_string();
            while let (Some(a), Some(b)) = (plain.find("${{"), plain.find("}}")) {
                plain.replace_range(a..b + 2, "main");
            }
            let args: Vec<String> = plain
                .split_whitespace()
                .map(|w| {
                    if w.contains('$') {
                        "origin/main".to_string()
                    } else {
                        w.replace('"', "")
                    }
                })
                .collect();
            let cli = roundtable::cli::args::Cli::try_parse_from(&args);
            assert!(cli.is_ok(), "{file}: {command}: {:?}", cli.err());
            assert!(command.contains("--proposal --base"), "{command}");
            seen += 1;
        }
    }
    assert_eq!(seen, 3);
}
