//! Decisions as commits, races on the branch, locks, dirty files, and `verify` catching hand
//! edits — on real temp git repositories with a sandboxed git config and fixed dates.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod decisions;
mod races;
mod verify;

use assert_cmd::Command;
use roundtable::store::history::{Message, parse_message};
use std::path::{Path, PathBuf};
use tempfile::TempDir;

pub const FORUM_ID: &str = "f";

pub fn forum_ron(phase: &str, budget: u64) -> String {
    format!(
        r#"Forum(
    title: "Test Forum",
    cycle: "FY2027",
    currency: "EUR",
    budget: {budget},
    phase: {phase},
    members: [
        Member(id: "dana", name: "Dana Whitfield", email: "dana@example.com", silo: "cx", role: Facilitator),
        Member(id: "sam", name: "Sam Okafor", email: "sam@example.com", silo: "support", role: Member),
    ],
)
"#
    )
}

const FILES: &[(&str, &str)] = &[
    ("silos/cx.ron", r#"Silo(name: "CX Office", lead: "dana")"#),
    ("silos/support.ron", r#"Silo(name: "Support", lead: "sam")"#),
    (
        "evidence/loss.ron",
        r#"Evidence(kind: LossReview, title: "Loss review")"#,
    ),
    (
        "priorities/p1.ron",
        r#"Priority(title: "First days", evidence: ["loss"], goal: Goal(metric: "churn", baseline: 6.0, target: 4.0))"#,
    ),
    (
        "priorities/p2.ron",
        r#"Priority(title: "Billing", evidence: ["loss"], goal: Goal(metric: "calls", baseline: 3.0, target: 1.0))"#,
    ),
    (
        "priorities/p3.ron",
        r#"Priority(title: "First contact", evidence: ["loss"], goal: Goal(metric: "fcr", baseline: 60.0, target: 80.0))"#,
    ),
    (
        "initiatives/support/portal.ron",
        r#"Initiative(title: "Portal", owner: "sam", cost: 300, addresses: ["p1"])"#,
    ),
    (
        "initiatives/support/chatbot.ron",
        r#"Initiative(title: "Chatbot", owner: "sam", cost: 200, addresses: ["p2", "p3"])"#,
    ),
    (
        "initiatives/cx/journey.ron",
        r#"Initiative(title: "Journey", owner: "dana", cost: 400, addresses: ["p1", "p3"])"#,
    ),
    ("ballots/dana.ron", r#"Ballot(order: ["p1", "p2", "p3"])"#),
    ("ballots/sam.ron", r#"Ballot(order: ["p1", "p3", "p2"])"#),
];

/// A temp forum repository on branch `main`, with its own HOME.
pub struct Forum {
    pub dir: TempDir,
    pub home: TempDir,
}

impl Forum {
    /// A forum in `phase` with one hand-made first commit.
    pub fn new(phase: &str) -> Forum {
        let forum = Forum {
            dir: TempDir::new().unwrap(),
            home: TempDir::new().unwrap(),
        };
        forum.git(&["init", "-q", "-b", "main", "."]);
        forum.git(&["config", "user.name", "Clerk"]);
        forum.git(&["config", "user.email", "clerk@example.com"]);
        forum.write("forum.ron", &forum_ron(phase, 600));
        for (rel, text) in FILES {
            forum.write(rel, text);
        }
        forum.git(&["add", "-A"]);
        forum.git(&["commit", "-q", "-m", "Set up the forum"]);
        forum
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn file(&self, rel: &str) -> PathBuf {
        self.path().join("forums").join(FORUM_ID).join(rel)
    }

    pub fn write(&self, rel: &str, text: &str) {
        let path = self.file(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    /// Runs git with the sandboxed config; returns stdout.
    pub fn git(&self, args: &[&str]) -> String {
        let out = std::process::Command::new("git")
            .args(args)
            .current_dir(self.path())
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("HOME", self.home.path())
            .env("GIT_AUTHOR_DATE", "2026-01-01T10:00:00Z")
            .env("GIT_COMMITTER_DATE", "2026-01-01T10:00:00Z")
            .output()
            .unwrap();
        assert!(out.status.success(), "git {args:?}: {out:?}");
        String::from_utf8(out.stdout).unwrap()
    }

    /// Commits everything by hand with `message`; returns the short hash.
    pub fn hand_commit(&self, message: &str) -> String {
        self.git(&["add", "-A"]);
        self.git(&["commit", "-q", "-m", message]);
        self.head_short()
    }

    pub fn head_short(&self) -> String {
        self.git(&["rev-parse", "--short=7", "HEAD"])
            .trim()
            .to_string()
    }

    pub fn commit_count(&self) -> usize {
        self.git(&["rev-list", "--count", "HEAD"])
            .trim()
            .parse()
            .unwrap()
    }

    pub fn head_message(&self) -> Message {
        parse_message(&self.git(&["log", "-1", "--format=%B"]))
    }

    /// The real binary in this repository, sandboxed.
    pub fn rt(&self) -> Command {
        let mut cmd = Command::cargo_bin("roundtable").unwrap();
        cmd.current_dir(self.path())
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("HOME", self.home.path())
            .env("GIT_AUTHOR_DATE", "2026-02-03T09:30:00Z")
            .env("GIT_COMMITTER_DATE", "2026-02-03T09:30:00Z");
        cmd
    }

    /// Runs the binary; returns (exit code, stdout, stderr).
    pub fn run(&self, args: &[&str]) -> (i32, String, String) {
        let out = self.rt().args(args).output().unwrap();
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    }

    /// Runs the binary and expects success.
    pub fn ok(&self, args: &[&str]) -> String {
        let (code, out, err) = self.run(args);
        assert_eq!(code, 0, "roundtable {args:?}\nstdout: {out}\nstderr: {err}");
        out
    }
}
