//! The test kit shared by the integration tests and the library's unit tests: sandboxed git
//! commands (own HOME, no system or user config) and copying the bundled forums.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::process::Command;

/// The repository's bundled `forums/` folder (the example forum).
pub fn bundled_forums() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("forums")
}

/// Sandboxes `cmd`: no system config, `home` as HOME and XDG config, so the machine's git
/// identity, hooks and signing settings never leak into a test.
pub fn sandbox<'a>(cmd: &'a mut Command, home: &Path) -> &'a mut Command {
    cmd.env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home)
}

/// A `git` command in `dir`, sandboxed with `home`.
pub fn git_command(dir: &Path, home: &Path) -> Command {
    let mut cmd = Command::new("git");
    cmd.current_dir(dir);
    sandbox(&mut cmd, home);
    cmd
}

/// The real `roundtable` binary in `dir`, sandboxed with `home`.
pub fn roundtable_command(dir: &Path, home: &Path) -> Command {
    let mut cmd = Command::new(assert_cmd::cargo::cargo_bin("roundtable"));
    cmd.current_dir(dir);
    sandbox(&mut cmd, home);
    cmd
}

/// Runs a prepared git command; fails the test on a non-zero exit; returns standard output.
pub fn run_git(mut cmd: Command, args: &[&str]) -> String {
    let out = cmd.args(args).output().unwrap();
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Copies a folder tree (files and folders; nothing else is expected in fixtures).
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), target).unwrap();
        }
    }
}
