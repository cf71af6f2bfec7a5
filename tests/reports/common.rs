//! Temp forum repositories driven by the real `git` CLI with a sandboxed configuration.

use crate::common::kit::copy_dir;
use assert_cmd::Command;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

/// A temp repository holding a copy of the bundled forum, committed once.
pub struct Forum {
    pub dir: TempDir,
    pub home: TempDir,
}

impl Forum {
    pub fn new() -> Forum {
        let forum = Forum {
            dir: tempfile::tempdir().unwrap(),
            home: tempfile::tempdir().unwrap(),
        };
        forum.git(&["init", "-q", "-b", "main"]);
        let src = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("forums");
        copy_dir(&src, &forum.path().join("forums"));
        forum.git(&["add", "."]);
        forum.commit_at("2026-11-02T09:00:00+01:00", &["-q", "-m", "Initial forum"]);
        forum
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    fn git_cmd(&self, date: &str) -> std::process::Command {
        let mut c = crate::common::kit::git_command(self.path(), self.home.path());
        c.env("GIT_AUTHOR_NAME", "Dana Whitfield")
            .env("GIT_AUTHOR_EMAIL", "dana.whitfield@example.com")
            .env("GIT_COMMITTER_NAME", "Dana Whitfield")
            .env("GIT_COMMITTER_EMAIL", "dana.whitfield@example.com")
            .env("GIT_AUTHOR_DATE", date)
            .env("GIT_COMMITTER_DATE", date);
        c
    }

    /// Runs git and returns its standard output; fails the test on a non-zero exit.
    pub fn git(&self, args: &[&str]) -> String {
        self.git_at("2026-11-02T09:00:00+01:00", args)
    }

    pub fn git_at(&self, date: &str, args: &[&str]) -> String {
        let out = self.git_cmd(date).args(args).output().unwrap();
        assert!(
            out.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    pub fn commit_at(&self, date: &str, args: &[&str]) {
        let mut all = vec!["commit"];
        all.extend_from_slice(args);
        self.git_at(date, &all);
    }

    /// The real binary, run inside the repository with the same sandbox.
    pub fn roundtable(&self) -> Command {
        let mut c = Command::from_std(crate::common::kit::roundtable_command(
            self.path(),
            self.home.path(),
        ));
        c.env("GIT_AUTHOR_NAME", "Sam Okafor")
            .env("GIT_AUTHOR_EMAIL", "sam.okafor@example.com")
            .env("GIT_COMMITTER_NAME", "Sam Okafor")
            .env("GIT_COMMITTER_EMAIL", "sam.okafor@example.com");
        c
    }

    pub fn write(&self, rel: &str, text: &str) {
        let p = self.path().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
}

/// Runs roundtable; returns (exit code, stdout, stderr).
pub fn run(f: &Forum, args: &[&str]) -> (i32, String, String) {
    let out = f.roundtable().args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// Runs a command that must succeed and returns its stdout.
pub fn ok(f: &Forum, args: &[&str]) -> String {
    let (code, out, err) = run(f, args);
    assert_eq!(code, 0, "{args:?}: {out}{err}");
    out
}

/// Runs a command that must be refused (exit 1) without writing anything; returns stderr.
pub fn refused(f: &Forum, args: &[&str]) -> String {
    let head = f.git(&["rev-parse", "HEAD"]);
    let (code, out, err) = run(f, args);
    assert_eq!(code, 1, "{args:?} is refused: {out}{err}");
    assert_eq!(f.git(&["rev-parse", "HEAD"]), head, "nothing written");
    err
}
