//! Temp git repositories with a sandboxed git configuration and fixed dates.

use assert_cmd::Command;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

/// A temp repository; `home` keeps git away from the user's configuration.
pub struct Sandbox {
    pub dir: TempDir,
    home: TempDir,
}

impl Sandbox {
    /// An empty git repository.
    pub fn new() -> Self {
        let sandbox = Sandbox {
            dir: TempDir::new().unwrap(),
            home: TempDir::new().unwrap(),
        };
        sandbox.git(&["init", "-q", "-b", "main"]);
        sandbox
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// Runs git in the repository; panics on failure.
    pub fn git(&self, args: &[&str]) -> String {
        let out = crate::common::kit::git_command(self.root(), self.home.path())
            .args(["-c", "user.name=Test", "-c", "user.email=test@example.com"])
            .args(args)
            .env("GIT_AUTHOR_DATE", "2026-11-01T09:00:00Z")
            .env("GIT_COMMITTER_DATE", "2026-11-01T09:00:00Z")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Writes a file (creating folders).
    pub fn write(&self, rel: &str, bytes: &[u8]) {
        let path = self.root().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }

    /// Stages everything and commits.
    pub fn commit(&self, message: &str) {
        self.git(&["add", "-A"]);
        self.git(&["commit", "-q", "--allow-empty", "-m", message]);
    }

    /// `roundtable check --repo <root> <args>`.
    pub fn check(&self, args: &[&str]) -> Command {
        let mut cmd = Command::cargo_bin("roundtable").unwrap();
        cmd.arg("check").arg("--repo").arg(self.root()).args(args);
        cmd.env("NO_COLOR", "1");
        cmd
    }
}

/// `tests/invalid/`.
pub fn invalid_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("invalid")
}

/// Copies a folder's files into `dest` (relative paths kept), skipping the fixture's own files.
pub fn copy_tree(from: &Path, dest: &Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name().into_string().unwrap();
        let target = dest.join(&name);
        if entry.file_type().unwrap().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            copy_tree(&entry.path(), &target);
        } else if name != "expected.txt" && name != "remove.txt" {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// A repository holding the valid base forum `t`, committed.
pub fn base_forum() -> Sandbox {
    let sandbox = Sandbox::new();
    let forum = sandbox.root().join("forums").join("t");
    std::fs::create_dir_all(&forum).unwrap();
    copy_tree(&invalid_dir().join("_base"), &forum);
    sandbox.commit("base forum");
    sandbox
}
