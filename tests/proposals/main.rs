//! Proposals by pull request on real temp repositories (sandboxed git config, fixed dates):
//! `check --proposal`, `proposals`, `accept`, and the whole kit end to end.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod accept;
mod check;
mod kit;
mod listing;

use assert_cmd::Command;
use roundtable::store::history::{Message, parse_message};
use std::path::{Path, PathBuf};
use tempfile::TempDir;

pub const FORUM_ID: &str = "f";

const FORUM: &str = r#"Forum(
    title: "Test Forum",
    cycle: "FY2027",
    currency: "EUR",
    budget: 600,
    phase: Ranking,
    members: [
        Member(id: "dana", name: "Dana Whitfield", email: "dana@example.com", silo: "cx", role: Facilitator),
        Member(id: "sam", name: "Sam Okafor", email: "sam@example.com", silo: "support", role: Member),
    ],
)
"#;

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
        "initiatives/support/portal.ron",
        r#"Initiative(title: "Portal", owner: "sam", cost: 300, addresses: ["p1"])"#,
    ),
    (
        "initiatives/cx/journey.ron",
        r#"Initiative(title: "Journey", owner: "dana", cost: 400, addresses: ["p1", "p2"])"#,
    ),
    ("ballots/dana.ron", r#"Ballot(order: ["p1", "p2"])"#),
];

/// A valid new initiative of silo support.
pub const REFUNDS: &str = r#"Initiative(
    title: "Faster refunds",
    owner: "sam",
    cost: 150,
    addresses: ["p2"],
)
"#;

/// A temp forum repository on branch `main`, with its own HOME.
pub struct Forum {
    pub dir: TempDir,
    pub home: TempDir,
}

impl Forum {
    /// A forum in phase Ranking with one hand-made first commit.
    #[allow(clippy::new_without_default)]
    pub fn new() -> Forum {
        let forum = Forum {
            dir: TempDir::new().unwrap(),
            home: TempDir::new().unwrap(),
        };
        forum.git(&["init", "-q", "-b", "main", "."]);
        forum.configure();
        forum.write("forum.ron", FORUM);
        for (rel, text) in FILES {
            forum.write(rel, text);
        }
        forum.commit_all("Set up the forum");
        forum
    }

    /// A clone of `origin` (its own HOME), with `origin` as its remote.
    pub fn clone_of(origin: &Forum) -> Forum {
        let forum = Forum {
            dir: TempDir::new().unwrap(),
            home: TempDir::new().unwrap(),
        };
        let from = origin.path().to_str().unwrap().to_string();
        forum.git(&["clone", "-q", &from, "."]);
        forum.configure();
        forum
    }

    fn configure(&self) {
        self.git(&["config", "user.name", "Clerk"]);
        self.git(&["config", "user.email", "clerk@example.com"]);
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

    pub fn commit_all(&self, message: &str) {
        self.git(&["add", "-A"]);
        self.git(&["commit", "-q", "-m", message]);
    }

    /// A branch from `main` with `files` written (relative to the forum) and committed;
    /// comes back to `main`.
    pub fn branch(&self, name: &str, files: &[(&str, &str)]) {
        self.git(&["switch", "-q", "-c", name, "main"]);
        for (rel, text) in files {
            self.write(rel, text);
        }
        self.commit_all(&format!("Work on {name}"));
        self.git(&["switch", "-q", "main"]);
    }

    pub fn rev(&self, rev: &str) -> String {
        self.git(&["rev-parse", rev]).trim().to_string()
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

    /// Runs the binary and expects exit 1; returns stdout and stderr together.
    pub fn fails(&self, args: &[&str]) -> String {
        let (code, out, err) = self.run(args);
        assert_eq!(code, 1, "roundtable {args:?}\nstdout: {out}\nstderr: {err}");
        format!("{out}{err}")
    }
}
