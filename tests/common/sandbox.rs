//! A temp forum repository on branch `main` with its own HOME: git with a sandboxed config
//! and fixed dates, and the real binary run inside it. Shared by the integration test crates
//! that include this file; each uses part of it.
#![allow(dead_code)]

use assert_cmd::Command;
use roundtable::store::history::{Message, parse_message};
use std::path::{Path, PathBuf};
use tempfile::TempDir;

/// The forum id every sandboxed forum uses.
pub const FORUM_ID: &str = "f";

pub struct Sandbox {
    pub dir: TempDir,
    pub home: TempDir,
}

impl Sandbox {
    /// An empty repository on `main`, with a committer configured.
    pub fn init() -> Sandbox {
        let s = Sandbox::bare();
        s.git(&["init", "-q", "-b", "main", "."]);
        s.configure();
        s
    }

    /// A clone of `origin` (its own HOME), with `origin` as its remote.
    pub fn clone_of(origin: &Sandbox) -> Sandbox {
        let s = Sandbox::bare();
        let from = origin.path().to_str().unwrap().to_string();
        s.git(&["clone", "-q", &from, "."]);
        s.configure();
        s
    }

    fn bare() -> Sandbox {
        Sandbox {
            dir: TempDir::new().unwrap(),
            home: TempDir::new().unwrap(),
        }
    }

    fn configure(&self) {
        self.git(&["config", "user.name", "Clerk"]);
        self.git(&["config", "user.email", "clerk@example.com"]);
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// A file of the forum, by its path relative to `forums/<id>/`.
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
        let out = crate::common::kit::git_command(self.path(), self.home.path())
            .args(args)
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
        let mut cmd = Command::from_std(super::kit::roundtable_command(
            self.path(),
            self.home.path(),
        ));
        cmd.env("GIT_AUTHOR_DATE", "2026-02-03T09:30:00Z")
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
