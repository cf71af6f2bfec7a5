//! Exit codes, JSON, `--rev`, and hostile repositories: huge blobs, symlinks, submodules.

use super::sandbox::{Sandbox, base_forum};
use predicates::str::contains;

#[test]
fn exit_code_2_when_it_cannot_run() {
    let not_git = tempfile::TempDir::new().unwrap();
    let mut cmd = assert_cmd::Command::cargo_bin("roundtable").unwrap();
    cmd.arg("check").arg("--repo").arg(not_git.path());
    cmd.assert()
        .code(2)
        .stderr(contains("not inside a git repository"))
        .stderr(contains(
            "hint: run it inside a forum's git repository or pass --repo DIR",
        ));
    let empty = Sandbox::new();
    empty
        .check(&[])
        .assert()
        .code(2)
        .stderr(contains("no forum found"))
        .stderr(contains(
            "hint: start one with `roundtable init <forum-id>`",
        ));
    let base = base_forum();
    base.check(&["--forum", "nope"])
        .assert()
        .code(2)
        .stderr(contains("no forum `nope`"));
    let forum = std::fs::read(base.root().join("forums/t/forum.ron")).unwrap();
    base.write("forums/u/forum.ron", &forum);
    // Several forums: without --forum, every one is checked (u's findings fail the check).
    base.check(&[])
        .assert()
        .code(1)
        .stdout(contains("forums/u/"))
        .stderr(contains("checked 2 forums: t, u"));
    base.check(&["--forum", "u"])
        .assert()
        .code(1)
        .stdout(contains("unknown silo `cx`"));
    base.check(&["--rev", "no-such-rev"])
        .assert()
        .code(2)
        .stderr(contains("no-such-rev"))
        .stderr(contains("hint: name a branch, tag or commit that exists"));
    // A repository with no commit yet: the hint says how to make the first.
    let unborn = tempfile::TempDir::new().unwrap();
    git2::Repository::init(unborn.path()).unwrap();
    let mut cmd = assert_cmd::Command::cargo_bin("roundtable").unwrap();
    cmd.args(["check", "--rev", "HEAD", "--repo"])
        .arg(unborn.path());
    cmd.assert()
        .code(2)
        .stderr(contains("hint: the repository has no commits yet"));
}

#[test]
fn json_has_errors_and_warnings_with_positions() {
    let s = base_forum();
    let portal =
        "Initiative(title: \"P\", owner: \"sam\", cost: 600, addresses: [\"first-30-day\"])";
    let col = portal.find("\"first-30-day").unwrap() + 1;
    s.write("forums/t/initiatives/support/portal.ron", portal.as_bytes());
    s.write(
        "forums/t/silos/cx.ron",
        b"Silo(name: \"CX\", lead: \"dana\")",
    );
    let out = s
        .check(&["--format", "json"])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(
        v["errors"],
        serde_json::json!([{
            "path": "forums/t/initiatives/support/portal.ron",
            "line": 1, "col": col,
            "message": "unknown priority `first-30-day`",
            "hint": "did you mean `first-30-days`?"
        }])
    );
    // The portal no longer serves a known priority: cx serves both alone.
    assert_eq!(
        v["warnings"][0]["path"],
        "forums/t/priorities/billing-clarity.ron"
    );
    assert_eq!(
        v["warnings"][1]["message"],
        "this ranked priority is served by one silo only, `cx`"
    );
    assert_eq!(v["warnings"][2]["path"], "forums/t/silos/cx.ron");
    assert_eq!(v["warnings"].as_array().unwrap().len(), 3);
}

#[test]
fn rev_checks_the_commit_not_the_work_tree() {
    let s = base_forum();
    let good = s.git(&["rev-parse", "HEAD"]);
    s.write("forums/t/ballots/sam.ron", b"Ballot(order: [\"nope\"])");
    s.check(&[]).assert().code(1);
    s.check(&["--rev", "HEAD"]).assert().code(0);
    s.commit("bad ballot");
    s.check(&["--rev", "HEAD"])
        .assert()
        .code(1)
        .stdout(contains("unknown priority `nope`"));
    s.check(&["--rev", good.trim()]).assert().code(0);
}

#[test]
fn a_blob_over_1_mib_is_refused_from_its_header() {
    let s = base_forum();
    let mut big = b"Evidence(kind: Other, title: \"big\", summary: \"".to_vec();
    big.extend(std::iter::repeat_n(b'a', 1024 * 1024 + 10));
    big.extend(b"\")");
    s.write("forums/t/evidence/big.ron", &big);
    s.commit("big");
    let message = format!(
        "forums/t/evidence/big.ron:1:1: error: the file is {} bytes; records are at most 1 MiB",
        big.len()
    );
    for args in [&[][..], &["--rev", "HEAD"][..]] {
        s.check(args)
            .assert()
            .code(1)
            .stdout(contains(message.as_str()));
    }
}

#[test]
fn a_bracket_bomb_is_an_error_not_a_crash() {
    let s = base_forum();
    let mut bomb = b"Ballot(order: ".to_vec();
    bomb.extend(std::iter::repeat_n(b'[', 100_000));
    s.write("forums/t/ballots/sam.ron", &bomb);
    s.check(&[])
        .assert()
        .code(1)
        .stdout(contains("forums/t/ballots/sam.ron:1:"));
}

#[cfg(unix)]
#[test]
fn symlinks_and_submodules_are_refused_and_not_read() {
    let s = base_forum();
    std::os::unix::fs::symlink("/etc/passwd", s.root().join("forums/t/evidence/passwd.ron"))
        .unwrap();
    // A submodule: a gitlink entry in the tree, plus a nested repository in the work tree.
    let inner = Sandbox::new();
    inner.write("x.ron", b"Silo(name: \"x\", lead: \"sam\")");
    inner.commit("inner");
    let head = inner.git(&["rev-parse", "HEAD"]);
    s.git(&[
        "update-index",
        "--add",
        "--cacheinfo",
        &format!("160000,{},forums/t/silos/sub", head.trim()),
    ]);
    s.git(&["add", "forums/t/evidence/passwd.ron"]);
    s.git(&["commit", "-q", "-m", "hostile"]);
    let out = s
        .check(&["--rev", "HEAD"])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    assert!(
        out.contains(
            "forums/t/evidence/passwd.ron: error: not a regular file (symlink?); not read"
        ),
        "{out}"
    );
    assert!(
        out.contains(
            "forums/t/silos/sub: error: a submodule or foreign object is not a record; not read"
        ),
        "{out}"
    );
    // In the work tree, a nested repository is ignored the same way.
    std::fs::create_dir_all(s.root().join("forums/t/silos/sub/.git")).unwrap();
    s.write("forums/t/silos/sub/x.ron", b"not even RON");
    let out = s.check(&[]).assert().code(1).get_output().stdout.clone();
    let out = String::from_utf8(out).unwrap();
    assert!(
        out.contains(
            "forums/t/silos/sub: error: a nested git repository (submodule?) is not a record; not read"
        ),
        "{out}"
    );
    assert!(
        out.contains(
            "forums/t/evidence/passwd.ron: error: not a regular file (symlink?); not read"
        ),
        "{out}"
    );
}
