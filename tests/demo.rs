//! `roundtable demo` and `roundtable init`, run as a new user would: the real binary, real
//! temp folders, a sandboxed git config.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use assert_cmd::Command;
use chrono::{Datelike, FixedOffset, TimeZone, Timelike, Weekday};
use git2::Repository;
use roundtable::domain::records::{Allocation, Evidence, Forum, Phase, Role};
use roundtable::store::decode::parse;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use tempfile::TempDir;

/// A sandbox: a HOME with its own git config, and a work folder.
struct Sandbox {
    home: TempDir,
    work: TempDir,
}

impl Sandbox {
    fn new() -> Self {
        let home = TempDir::new().unwrap();
        std::fs::write(
            home.path().join(".gitconfig"),
            "[user]\n\tname = Robin Vale\n\temail = robin@example.com\n",
        )
        .unwrap();
        Sandbox {
            home,
            work: TempDir::new().unwrap(),
        }
    }

    /// The binary, run in `dir` with the sandbox's git config.
    fn rt(&self, dir: &Path) -> Command {
        let mut cmd = Command::from_std(crate::common::kit::roundtable_command(
            dir,
            self.home.path(),
        ));
        cmd.env("GIT_CONFIG_GLOBAL", self.home.path().join(".gitconfig"))
            .env_remove("GIT_AUTHOR_DATE")
            .env_remove("GIT_COMMITTER_DATE")
            .env("NO_COLOR", "1");
        cmd
    }

    fn git(&self, dir: &Path, args: &[&str]) -> String {
        let out = crate::common::kit::git_command(dir, self.home.path())
            .args(args)
            .env("GIT_CONFIG_GLOBAL", self.home.path().join(".gitconfig"))
            .output()
            .unwrap();
        assert!(out.status.success(), "git {args:?}: {out:?}");
        String::from_utf8(out.stdout).unwrap()
    }

    /// Builds the demo in a new folder and returns it.
    fn demo(&self) -> PathBuf {
        let dir = self.work.path().join("demo");
        let out = self
            .rt(self.work.path())
            .args(["demo", dir.to_str().unwrap(), "--no-tui"])
            .assert()
            .success();
        let stdout = String::from_utf8_lossy(&out.get_output().stdout).to_string();
        assert!(stdout.contains(dir.to_str().unwrap()), "{stdout}");
        assert!(stdout.contains("roundtable verify"), "{stdout}");
        dir
    }
}

fn stdout(out: &assert_cmd::assert::Assert) -> String {
    String::from_utf8_lossy(&out.get_output().stdout).to_string()
}

fn output(out: &assert_cmd::assert::Assert) -> String {
    let o = out.get_output();
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// Every file under `root`, by relative path, with its bytes.
fn files(root: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let rel = path
                    .strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .to_string();
                out.insert(rel, std::fs::read(&path).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(root, root, &mut out);
    out
}

fn bundled() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("forums/fy2027-cx")
}

fn trailer<'a>(message: &'a str, key: &str) -> Option<&'a str> {
    message
        .lines()
        .find_map(|l| l.strip_prefix(key)?.strip_prefix(": "))
}

#[test]
fn demo_builds_a_verified_history_that_ends_at_the_bundled_example() {
    let sb = Sandbox::new();
    let dir = sb.demo();

    // The final records are the bundled example, byte for byte, and nothing is uncommitted.
    let built = files(&dir.join("forums/fy2027-cx"));
    let example = files(&bundled());
    assert_eq!(
        built.keys().collect::<Vec<_>>(),
        example.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &example {
        assert!(built.get(path) == Some(bytes), "{path} differs");
    }
    assert_eq!(sb.git(&dir, &["status", "--porcelain"]), "");
    assert_eq!(sb.git(&dir, &["branch", "--show-current"]).trim(), "main");

    // `verify` replays every gate at every commit.
    let out = sb.rt(&dir).arg("verify").assert().success();
    assert!(
        stdout(&out).contains("every gate holds"),
        "{}",
        stdout(&out)
    );
    // The ranking lock left its anchor, a whole annotated tag in the demo's pack.
    assert!(
        stdout(&out).contains("1 anchor(s) of closed stages, each still in the history"),
        "{}",
        stdout(&out)
    );
    let anchor = sb.git(
        &dir,
        &["tag", "-l", "roundtable/fy2027-cx/ranking-locked-*"],
    );
    assert_eq!(
        sb.git(&dir, &["cat-file", "-t", anchor.trim()]).trim(),
        "tag"
    );

    // The history: many decisions by several members on several working days, in office
    // hours, each with the four trailers.
    let repo = Repository::open(&dir).unwrap();
    let mut walk = repo.revwalk().unwrap();
    walk.push_ref("refs/heads/main").unwrap();
    walk.simplify_first_parent().unwrap();
    let (mut authors, mut days, mut kinds) = (BTreeSet::new(), BTreeSet::new(), BTreeMap::new());
    let mut merges = 0;
    let mut count = 0;
    for oid in walk {
        let c = repo.find_commit(oid.unwrap()).unwrap();
        let msg = c.message().unwrap().to_string();
        assert_eq!(trailer(&msg, "Forum"), Some("fy2027-cx"), "{msg}");
        let kind = trailer(&msg, "Decision")
            .expect("a Decision trailer")
            .to_string();
        let by = trailer(&msg, "Decided-By").expect("a Decided-By trailer");
        let present = trailer(&msg, "Present").expect("a Present trailer");
        assert!(present.split(", ").any(|p| p == by), "{msg}");
        let t = c.author().when();
        let local = FixedOffset::east_opt(t.offset_minutes() * 60)
            .unwrap()
            .timestamp_opt(t.seconds(), 0)
            .unwrap();
        assert!(
            !matches!(local.weekday(), Weekday::Sat | Weekday::Sun),
            "{msg}"
        );
        assert!((9..18).contains(&local.hour()), "{local} {msg}");
        assert_eq!(local.year(), 2026);
        if kind == "accept" {
            assert_eq!(c.parent_count(), 2, "an accept merges its branch: {msg}");
            let proposal = c.parent(1).unwrap();
            // The silo's lead wrote it; a facilitator of another silo merged it.
            assert_ne!(
                proposal.author().name().unwrap(),
                c.author().name().unwrap()
            );
            assert_eq!(proposal.parent_count(), 1);
            merges += 1;
        }
        authors.insert(c.author().name().unwrap().to_string());
        days.insert(local.date_naive());
        *kinds.entry(kind).or_insert(0) += 1;
        count += 1;
    }
    assert!(count >= 60, "{count} decisions");
    assert_eq!(authors.len(), 7, "{authors:?}");
    assert!(days.len() >= 25, "{} days", days.len());
    for kind in [
        "init", "evidence", "priority", "advance", "ballot", "rank", "accept", "score",
    ] {
        assert!(kinds.contains_key(kind), "no {kind} decision: {kinds:?}");
    }
    assert_eq!(kinds["ballot"], 7);
    assert_eq!(kinds["advance"], 3);
    assert!(merges >= 20, "{merges} merges");

    // `git log` reads the same story.
    let log = sb.git(
        &dir,
        &[
            "log",
            "--first-parent",
            "--format=%an|%ad|%s",
            "--date=short",
        ],
    );
    assert!(log.contains("Dana Whitfield|2026-09-21|Set up the FY2027 Customer Experience Forum"));
    assert!(log.contains("Lock the ranking of 7 priorities (Schulze)"));
    assert!(log.contains("(proposal/product/guided-setup)"), "{log}");

    // `roundtable log` reads sensibly.
    let out = sb.rt(&dir).arg("log").assert().success();
    let text = stdout(&out);
    assert!(text.contains("Lock the ranking of 7 priorities"), "{text}");
    assert!(
        text.contains("present: dana, aisha, sam, lee, priya, marco, tom"),
        "{text}"
    );
}

#[test]
fn demo_leaves_one_valid_and_one_broken_proposal_open() {
    let sb = Sandbox::new();
    let dir = sb.demo();
    let branches = sb.git(&dir, &["branch", "--format=%(refname:short)"]);
    let open: Vec<&str> = branches
        .lines()
        .filter(|b| b.starts_with("proposal/"))
        .collect();
    assert_eq!(
        open,
        [
            "proposal/it/sso-for-accountants",
            "proposal/sales/renewal-reminders"
        ]
    );
    // Each open branch is one commit on main, by the silo's lead.
    for (branch, lead) in [
        ("proposal/it/sso-for-accountants", "Aisha Mensah"),
        ("proposal/sales/renewal-reminders", "Marco Bellini"),
    ] {
        let commits = sb.git(&dir, &["log", "--format=%an", &format!("main..{branch}")]);
        assert_eq!(commits.trim(), lead);
    }
    sb.rt(&dir)
        .args([
            "check",
            "--proposal",
            "--base",
            "main",
            "--rev",
            "proposal/it/sso-for-accountants",
        ])
        .assert()
        .success();
    let out = sb
        .rt(&dir)
        .args([
            "check",
            "--proposal",
            "--base",
            "main",
            "--rev",
            "proposal/sales/renewal-reminders",
        ])
        .assert()
        .code(1);
    let text = output(&out);
    assert!(text.contains("renewal-reminders.ron:6:"), "{text}");
    assert!(text.contains("did you mean `tell-me-first`"), "{text}");
    // The same answer from `check --rev`, and from the proposals list.
    sb.rt(&dir)
        .args(["check", "--rev", "proposal/sales/renewal-reminders"])
        .assert()
        .code(1);
    let out = sb.rt(&dir).arg("proposals").assert().success();
    let text = stdout(&out);
    assert!(text.contains("proposal/it/sso-for-accountants"), "{text}");
    assert!(text.contains("proposal/sales/renewal-reminders"), "{text}");

    // The room's next step works: accept the valid one; the history still verifies.
    sb.rt(&dir)
        .args([
            "accept",
            "proposal/it/sso-for-accountants",
            "--by",
            "dana",
            "--reason",
            "Small and clear.",
        ])
        .assert()
        .success();
    assert!(
        dir.join("forums/fy2027-cx/initiatives/it/sso-for-accountants.ron")
            .exists()
    );
    sb.rt(&dir).arg("verify").assert().success();
    sb.rt(&dir)
        .args([
            "accept",
            "proposal/sales/renewal-reminders",
            "--by",
            "dana",
            "--reason",
            "r",
        ])
        .assert()
        .code(1);
}

#[test]
fn demo_refuses_a_folder_that_is_not_empty() {
    let sb = Sandbox::new();
    let dir = sb.work.path().join("full");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(dir.join("notes.txt"), "mine").unwrap();
    let out = sb
        .rt(sb.work.path())
        .args(["demo", dir.to_str().unwrap(), "--no-tui"])
        .assert()
        .code(1);
    assert!(output(&out).contains("is not empty"), "{}", output(&out));
    assert!(!dir.join(".git").exists());
    assert_eq!(
        std::fs::read_to_string(dir.join("notes.txt")).unwrap(),
        "mine"
    );
}

#[test]
fn init_scaffolds_a_fresh_forum_in_a_new_repository() {
    let sb = Sandbox::new();
    let dir = sb.work.path().join("planning");
    std::fs::create_dir(&dir).unwrap();
    sb.rt(&dir)
        .args([
            "init", "q1-2027", "--cycle", "Q1 2027", "--budget", "500000",
        ])
        .assert()
        .success();
    sb.rt(&dir).arg("check").assert().success();
    let text = std::fs::read(dir.join("forums/q1-2027/forum.ron")).unwrap();
    let forum: Forum = parse("forum.ron", &text).unwrap();
    assert_eq!(forum.phase, Phase::Evidence);
    assert_eq!(forum.budget, 500_000);
    assert_eq!(forum.cycle, "Q1 2027");
    assert_eq!(forum.members.len(), 1);
    assert_eq!(forum.members[0].id, "robin-vale");
    assert_eq!(forum.members[0].role, Role::Facilitator);
    assert!(dir.join("forums/q1-2027/silos/cx-office.ron").exists());
    let msg = sb.git(&dir, &["log", "-1", "--format=%an%n%B"]);
    assert!(msg.starts_with("Robin Vale\n"), "{msg}");
    assert!(
        msg.contains("Decision: init\nDecided-By: robin-vale\n"),
        "{msg}"
    );
    assert_eq!(sb.git(&dir, &["rev-list", "--count", "HEAD"]).trim(), "1");
    // A second init of the same forum is refused.
    sb.rt(&dir).args(["init", "q1-2027"]).assert().code(1);
}

#[test]
fn init_from_carries_the_lasting_records_and_the_unfunded_initiatives() {
    let sb = Sandbox::new();
    let dir = sb.demo();
    // Finish the FY2027 cycle: advance to Allocation and allocate by the forum's rule.
    sb.rt(&dir)
        .args(["advance", "--by", "dana", "--reason", "Scoring is done."])
        .assert()
        .success();
    sb.rt(&dir)
        .args([
            "allocate",
            "--by",
            "dana",
            "--reason",
            "The optimiser's plan.",
        ])
        .assert()
        .success();
    let old = dir.join("forums/fy2027-cx");
    let allocation: Allocation = parse(
        "allocation.ron",
        &std::fs::read(old.join("allocation.ron")).unwrap(),
    )
    .unwrap();
    let funded: BTreeSet<&str> = allocation
        .lines
        .iter()
        .filter(|l| l.amount > 0)
        .map(|l| l.initiative.as_str())
        .collect();
    assert!(!funded.is_empty());

    sb.rt(&dir)
        .args([
            "init",
            "fy2028-cx",
            "--from",
            "fy2027-cx",
            "--budget",
            "2000000",
        ])
        .assert()
        .success();
    sb.rt(&dir)
        .args(["check", "--forum", "fy2028-cx"])
        .assert()
        .success();
    sb.rt(&dir)
        .args(["verify", "--forum", "fy2028-cx"])
        .assert()
        .success();

    let new = dir.join("forums/fy2028-cx");
    let forum: Forum = parse("forum.ron", &std::fs::read(new.join("forum.ron")).unwrap()).unwrap();
    assert_eq!(forum.phase, Phase::Evidence);
    assert_eq!(forum.cycle, "FY2028");
    assert_eq!(forum.title, "FY2028 Customer Experience Forum");
    assert_eq!(forum.budget, 2_000_000);
    let old_forum: Forum =
        parse("forum.ron", &std::fs::read(old.join("forum.ron")).unwrap()).unwrap();
    assert_eq!(forum.members, old_forum.members);

    let (was, now) = (files(&old), files(&new));
    for folder in ["silos/", "priorities/"] {
        let a: BTreeMap<_, _> = was.iter().filter(|(p, _)| p.starts_with(folder)).collect();
        let b: BTreeMap<_, _> = now.iter().filter(|(p, _)| p.starts_with(folder)).collect();
        assert!(!a.is_empty());
        assert_eq!(a, b, "{folder} carried over byte for byte");
    }
    // Evidence is carried marked with the cycle it came from, otherwise the same record.
    let evidence = |files: &BTreeMap<String, Vec<u8>>| -> BTreeMap<String, Evidence> {
        files
            .iter()
            .filter(|(p, _)| p.starts_with("evidence/"))
            .map(|(p, bytes)| (p.clone(), parse(p, bytes).unwrap()))
            .collect()
    };
    let (mut was_evidence, now_evidence) = (evidence(&was), evidence(&now));
    assert!(!was_evidence.is_empty());
    for e in was_evidence.values_mut() {
        assert_eq!(e.carried_from, None);
        e.carried_from = Some("FY2027".into());
    }
    assert_eq!(
        was_evidence, now_evidence,
        "evidence carried, marked carried_from"
    );
    for gone in ["ballots/", "scores/", "ranking.ron", "allocation.ron"] {
        assert!(
            !now.keys().any(|p| p.starts_with(gone)),
            "{gone} stays behind"
        );
    }
    // The initiative id of a path under initiatives/<silo>/.
    let initiative = |p: &String| {
        p.strip_prefix("initiatives/").map(|p| {
            p.rsplit('/')
                .next()
                .unwrap()
                .trim_end_matches(".ron")
                .to_string()
        })
    };
    let carried: BTreeSet<String> = now.keys().filter_map(initiative).collect();
    let expected: BTreeSet<String> = was
        .keys()
        .filter_map(initiative)
        .filter(|id| !funded.contains(id.as_str()))
        .collect();
    assert!(!expected.is_empty());
    assert_eq!(carried, expected);

    let msg = sb.git(&dir, &["log", "-1", "--format=%B"]);
    assert!(msg.contains("Decision: init"), "{msg}");
    assert!(msg.contains("carried over from fy2027-cx"), "{msg}");
}

/// The derailments rehearsed on their own branch: the cut with its defence plan, a
/// reorganisation and a new leader's challenge, all verified and all in the brief; the forum
/// branch stays in Scoring and the rehearsal is no proposal.
#[test]
fn demo_rehearses_a_cut_a_reorganisation_and_a_new_leader_on_a_branch() {
    let sb = Sandbox::new();
    let dir = sb.demo();
    let rev = "rehearsal/derailments";
    let log = sb.git(&dir, &["log", "--format=%s", &format!("main..{rev}")]);
    for step in [
        "Defence plan",
        "Rebudget from",
        "Split silo product",
        "Nina Berg challenges the plan",
    ] {
        assert!(log.contains(step), "{step}: {log}");
    }
    let verified = stdout(
        &sb.rt(&dir)
            .args(["verify", "--rev", rev])
            .assert()
            .success(),
    );
    assert!(verified.contains("every gate holds"), "{verified}");
    let brief = stdout(
        &sb.rt(&dir)
            .args(["report", "--rev", rev])
            .assert()
            .success(),
    );
    let section = brief
        .split("## What changed since the plan was agreed")
        .nth(1)
        .unwrap_or_else(|| panic!("{brief}"));
    assert!(section.contains("**Defence plan.**"), "{section}");
    assert!(
        section.contains("budget: EUR 2,400,000 → EUR 2,040,000"),
        "{section}"
    );
    assert!(
        section.contains("Split silo product into product and platform"),
        "{section}"
    );
    assert!(
        section.contains("Nina Berg challenged the plan"),
        "{section}"
    );
    let proposals = stdout(&sb.rt(&dir).arg("proposals").assert().success());
    assert!(!proposals.contains("rehearsal"), "{proposals}");
    let phase = sb.git(&dir, &["show", "main:forums/fy2027-cx/forum.ron"]);
    assert!(
        phase.contains("phase: Scoring"),
        "the forum branch stays in Scoring"
    );
}

#[test]
fn demo_runs_into_the_year_after_with_statuses_and_readings() {
    let sb = Sandbox::new();
    let dir = sb.demo();
    let rev = "rehearsal/derailments";
    let out = stdout(
        &sb.rt(&dir)
            .args([
                "results",
                "--rev",
                rev,
                "--today",
                "2027-06-15",
                "--format",
                "json",
            ])
            .assert()
            .success(),
    );
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    let rows = json["results"].as_array().unwrap();
    let track = |t: &str| rows.iter().filter(|r| r["track"] == t).count();
    assert!(track("on track") >= 2, "{out}");
    assert!(track("behind") >= 1, "{out}");
    let months = rows
        .iter()
        .map(|r| r["readings"].as_array().map_or(0, Vec::len))
        .max()
        .unwrap();
    assert_eq!(months, 6, "a reading a month, January to June");
    let status = |s: &str| rows.iter().filter(|r| r["status"] == s).count();
    assert_eq!(status("delivered"), 1, "{out}");
    assert_eq!(status("at-risk"), 1, "{out}");
    assert!(
        rows.iter().any(|r| r["flags"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f == "funded, not started")),
        "{out}"
    );
    // Every progress and measure decision is replayed under the authority model.
    let verified = stdout(
        &sb.rt(&dir)
            .args(["verify", "--rev", rev])
            .assert()
            .success(),
    );
    assert!(verified.contains("every gate holds"), "{verified}");
    let log = sb.git(
        &dir,
        &["log", "--format=%(trailers:key=Decision,valueonly)", rev],
    );
    assert!(log.contains("progress") && log.contains("measure"), "{log}");
}

#[test]
fn demo_rehearses_the_next_cycle_with_its_review_step() {
    let sb = Sandbox::new();
    let dir = sb.demo();
    let rev = "rehearsal/next-year";
    let verified = stdout(
        &sb.rt(&dir)
            .args(["verify", "--rev", rev, "--forum", "fy2028-cx"])
            .assert()
            .success(),
    );
    assert!(verified.contains("every gate holds"), "{verified}");
    let listed = sb.git(
        &dir,
        &[
            "ls-tree",
            "--name-only",
            &format!("{rev}:forums/fy2028-cx/reviews"),
        ],
    );
    let reviews: Vec<&str> = listed.lines().collect();
    assert!(reviews.len() > 3, "{listed}");
    let log = sb.git(
        &dir,
        &[
            "log",
            "--format=%s",
            &format!("rehearsal/derailments..{rev}"),
        ],
    );
    for verdict in [
        ": stop (FY2027)",
        ": scale-back (FY2027)",
        ": continue (FY2027)",
    ] {
        assert!(log.contains(verdict), "{verdict}: {log}");
    }
    let evidence = sb.git(
        &dir,
        &[
            "ls-tree",
            "--name-only",
            &format!("{rev}:forums/fy2028-cx/evidence"),
        ],
    );
    assert!(
        evidence.contains("first-30-days-results-fy2027.ron"),
        "{evidence}"
    );
    // On that branch the new forum cannot leave Evidence: reviews are still open.
    sb.git(&dir, &["switch", "-q", rev]);
    sb.git(&dir, &["config", "roundtable.branch", rev]);
    let out = sb
        .rt(&dir)
        .args([
            "advance",
            "--forum",
            "fy2028-cx",
            "--by",
            "dana",
            "--reason",
            "Go",
            "--present",
            "dana,sam,lee,priya,tom,aisha",
        ])
        .assert()
        .failure();
    let err = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(
        err.contains("still open") && err.contains("roundtable review"),
        "{err}"
    );
}

#[test]
fn the_next_cycles_agenda_starts_with_the_review() {
    let sb = Sandbox::new();
    let dir = sb.demo();
    sb.git(&dir, &["switch", "-q", "rehearsal/next-year"]);
    let agenda = stdout(
        &sb.rt(&dir)
            .args(["agenda", "--forum", "fy2028-cx"])
            .assert()
            .success(),
    );
    let first = agenda
        .lines()
        .find(|l| l.starts_with("1. "))
        .unwrap_or_default();
    assert!(
        first.contains("Review the last cycle's funded initiatives"),
        "{agenda}"
    );
    assert!(agenda.contains("still open: 12 of 15:"), "{agenda}");
}
