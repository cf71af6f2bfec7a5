//! File and folder names that are not UTF-8: git stores any bytes, a record's path must not.
//! Each is an error naming where it is, and nothing after it is skipped.

use super::*;
use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;

/// `forums/f/<rel>`, `rel` raw bytes, committed as a blob.
fn commit_raw(repo: &Repo, rel: &[u8], text: &str) {
    let oid = repo.blob(text.as_bytes());
    let mut path = b"forums/f/".to_vec();
    path.extend_from_slice(rel);
    let mut info = format!("100644,{oid},").into_bytes();
    info.extend_from_slice(&path);
    let out = repo
        .git_cmd()
        .args(["update-index", "--add", "--cacheinfo"])
        .arg(OsStr::from_bytes(&info))
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    repo.git(&["commit", "-q", "-m", "a name that is not UTF-8"]);
}

#[test]
fn a_committed_file_or_folder_name_that_is_not_utf8_is_an_error_and_the_rest_loads() {
    let repo = Repo::new();
    // A file, and a folder inside `initiatives/`: libgit2's own walk stopped at such a
    // folder, so `ranking.ron` and `scores/` after it were never read.
    commit_raw(
        &repo,
        b"initiatives/support/bad\xffname.ron",
        &initiative("Bad name", "x"),
    );
    commit_raw(
        &repo,
        b"initiatives/\x80silo/x.ron",
        &initiative("In a bad folder", "x"),
    );
    let (code, out) = repo.run(&["check", "--rev", "HEAD"]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains(
            "forums/f/initiatives/support/bad\u{fffd}name.ron: error: the name is not UTF-8"
        ),
        "{out}"
    );
    assert!(
        out.contains("forums/f/initiatives/\u{fffd}silo: error: the name is not UTF-8"),
        "{out}"
    );
    assert!(
        out.contains("hint: rename it with UTF-8 characters only"),
        "{out}"
    );
    repo.assert_rest_loads();
    let loaded = ForumRepo::open(repo.path())
        .unwrap()
        .load_at("f", "HEAD")
        .unwrap();
    assert!(loaded.snapshot.silos.contains_key("support"));
    assert!(
        loaded.snapshot.ranking.is_some(),
        "files after the bad folder still load"
    );
}

#[test]
fn a_work_tree_file_name_that_is_not_utf8_is_an_error() {
    let repo = Repo::new();
    let dir = repo.path().join("forums/f/initiatives/support");
    std::fs::write(
        dir.join(OsStr::from_bytes(b"caf\xe9.ron")),
        initiative("Latin-1 name", "x"),
    )
    .unwrap();
    let (code, out) = repo.run(&["check"]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("forums/f/initiatives/support/caf\u{fffd}.ron: error: the name is not UTF-8"),
        "{out}"
    );
    repo.assert_rest_loads();
}
