//! The history itself: a shallow clone is said to be cut, anchors of closed stages catch a
//! rewritten history, `--against` a revision it must hold, and signed decisions where the
//! forum asks — with real git (`git clone --depth 1`, `git rebase`) and real `ssh-keygen`.

use super::{Forum, forum_ron};
use std::path::Path;
use std::process::Command;

/// Ranked, locked, scored and allocated with the real binary: two anchors.
fn allocated() -> Forum {
    let f = Forum::new("Ranking");
    f.ok(&["rank", "--by", "dana", "--reason", "ballots agree"]);
    f.ok(&["advance", "--by", "dana", "--reason", "lock"]);
    f.ok(&["score", "dana", "portal", "p1=4", "--by", "dana"]);
    f.ok(&["advance", "--by", "dana", "--reason", "scored"]);
    f.ok(&["allocate", "--by", "dana", "--reason", "the rule"]);
    f
}

fn anchors(f: &Forum) -> Vec<String> {
    f.git(&["tag", "-l", "roundtable/*"])
        .lines()
        .map(str::to_string)
        .collect()
}

/// git in `dir` with the sandbox's settings and extra environment; returns stdout.
fn git_env(f: &Forum, dir: &Path, args: &[&str], env: &[(&str, &str)]) -> String {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", f.home.path())
        .env("GIT_AUTHOR_DATE", "2026-01-01T10:00:00Z")
        .env("GIT_COMMITTER_DATE", "2026-01-01T10:00:00Z")
        .envs(env.iter().copied())
        .output()
        .unwrap();
    assert!(out.status.success(), "git {args:?}: {out:?}");
    String::from_utf8(out.stdout).unwrap()
}

/// The real binary in `dir`: (exit code, stdout + stderr).
fn rt_in(f: &Forum, dir: &Path, args: &[&str]) -> (i32, String) {
    let out = f.rt().current_dir(dir).args(args).output().unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.code().unwrap_or(-1), text)
}

#[test]
fn the_decisions_that_close_a_stage_leave_an_annotated_anchor() {
    let f = allocated();
    let tags = anchors(&f);
    assert_eq!(tags.len(), 2, "{tags:?}");
    let lock = tags
        .iter()
        .find(|t| t.starts_with("roundtable/f/ranking-locked-"));
    let alloc = tags
        .iter()
        .find(|t| t.starts_with("roundtable/f/allocation-"));
    let (lock, alloc) = (lock.unwrap(), alloc.unwrap());
    // Annotated, by the deciding member, on the decision commit.
    assert_eq!(f.git(&["cat-file", "-t", alloc]).trim(), "tag");
    let tag = f.git(&["cat-file", "-p", alloc]);
    assert!(
        tag.contains("tagger Dana Whitfield <dana@example.com>"),
        "{tag}"
    );
    assert_eq!(f.rev(&format!("{alloc}^{{commit}}")), f.rev("HEAD"));
    assert!(
        f.git(&["log", "-1", "--format=%B", lock])
            .contains("Decision: advance")
    );
    let out = f.ok(&["verify"]);
    assert!(out.contains("2 anchor(s) of closed stages"), "{out}");
    // The anchor records its branch.
    assert!(tag.contains("\nBranch: main\n"), "{tag}");
    // An older revision, or a branch that left before the allocation, does not hold the
    // later anchors, and has not lost them.
    let out = f.ok(&["verify", "--rev", "HEAD~1"]);
    assert!(out.contains("1 anchor(s) of closed stages"), "{out}");
    f.git(&["switch", "-q", "-c", "proposal/support/faq", "HEAD~2"]);
    f.write(
        "initiatives/support/faq.ron",
        r#"Initiative(title: "FAQ", owner: "sam", cost: 100, addresses: ["p1"])"#,
    );
    f.commit_all("Propose a FAQ");
    f.git(&["switch", "-q", "main"]);
    let (_, out, _) = f.run(&["verify", "--rev", "proposal/support/faq"]);
    assert!(
        out.contains("1 anchor(s)") && !out.contains("no longer"),
        "{out}"
    );
    // Advancing to Closed is the last anchor; other decisions leave none.
    f.ok(&["advance", "--by", "dana", "--reason", "closing"]);
    let tags = anchors(&f);
    assert_eq!(tags.len(), 3, "{tags:?}");
    assert!(tags.iter().any(|t| t.starts_with("roundtable/f/closed-")));
}

#[test]
fn a_rebase_that_rewrites_an_old_reason_is_reported_by_its_anchors_and_against() {
    let f = allocated();
    f.git(&["branch", "published"]);
    assert!(
        f.ok(&["verify", "--against", "published"])
            .contains("the history contains published")
    );
    // Reword the lock's reason, as `git rebase -i` does; every later commit is rewritten.
    let lock = f.git(&["log", "--format=%h", "--grep=^lock$"]);
    let lock = lock.trim();
    assert_eq!(lock.len(), 7, "one lock commit: {lock}");
    git_env(
        &f,
        f.path(),
        &["rebase", "-q", "-i", "--root"],
        &[
            (
                "GIT_SEQUENCE_EDITOR",
                &format!("sed -i 's/^pick {lock}/reword {lock}/'"),
            ),
            (
                "GIT_EDITOR",
                "sed -i 's/^lock$/locked after a long debate/'",
            ),
        ],
    );
    assert!(
        f.git(&["log", "--format=%B"])
            .contains("locked after a long debate")
    );
    // The rules still hold: only the anchors and the published branch tell.
    let (code, out, err) = f.run(&["verify"]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(out.contains("every gate holds"), "{out}");
    assert!(out.contains("anchor roundtable/f/ranking-locked-"), "{out}");
    assert!(out.contains("anchor roundtable/f/allocation-"), "{out}");
    assert!(out.contains("no longer in the branch's history"), "{out}");
    let (code, out, _) = f.run(&["verify", "--against", "published"]);
    assert_eq!(code, 1);
    assert!(
        out.contains("the history does not contain published"),
        "{out}"
    );
    let json = f.run(&["verify", "--format", "json"]).1;
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["history"]["lost"].as_array().unwrap().len(), 2, "{json}");
    assert_eq!(v["history_holds"], false);
}

#[test]
fn a_shallow_clone_says_the_history_is_cut_and_fails_unless_asked() {
    let f = allocated();
    let clone = tempfile::TempDir::new().unwrap();
    let url = format!("file://{}", f.path().display());
    let target = clone.path().to_str().unwrap();
    git_env(
        &f,
        f.path(),
        &["clone", "-q", "--depth", "1", &url, target],
        &[],
    );
    let head = f.git(&["rev-parse", "--short=7", "HEAD"]);
    let (code, out) = rt_in(&f, clone.path(), &["verify"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("the history is cut"), "{out}");
    assert!(
        out.contains(&format!("the first commit it can see is {}", head.trim())),
        "{out}"
    );
    assert!(out.contains("--shallow"), "{out}");
    let (code, out) = rt_in(&f, clone.path(), &["verify", "--shallow"]);
    assert!(out.contains("the history is cut"), "{out}");
    assert_eq!(code, 0, "{out}");
    // The whole clone verifies without a word about a cut.
    let (code, out) = rt_in(&f, f.path(), &["verify"]);
    assert_eq!(code, 0, "{out}");
    assert!(!out.contains("cut"), "{out}");
}

/// A key pair made for the test: (private key path, public key text).
fn keypair(f: &Forum, name: &str) -> (String, String) {
    let path = f.home.path().join(name);
    let out = Command::new("ssh-keygen")
        .args(["-q", "-t", "ed25519", "-N", "", "-C", name, "-f"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(out.status.success(), "ssh-keygen: {out:?}");
    let public = std::fs::read_to_string(path.with_extension("pub")).unwrap();
    (path.display().to_string(), public.trim().to_string())
}

/// A forum with `signing: Required` and both members' keys; git signs as dana.
fn signed_forum() -> (Forum, String, String) {
    let f = Forum::new("Ranking");
    let (dana_key, dana_pub) = keypair(&f, "dana_ed25519");
    let (sam_key, sam_pub) = keypair(&f, "sam_ed25519");
    let text = forum_ron("Ranking", 600)
        .replace(
            "role: Facilitator)",
            &format!("role: Facilitator, signing_key: Some(\"{dana_pub}\"))"),
        )
        .replace(
            "role: Member)",
            &format!("role: Member, signing_key: Some(\"{sam_pub}\"))"),
        )
        .replace("    members: [", "    signing: Required,\n    members: [");
    f.write("forum.ron", &text);
    // The setting is a facilitator's `edit` decision, itself signed.
    f.git(&["config", "gpg.format", "ssh"]);
    f.git(&["config", "user.signingkey", &dana_key]);
    f.ok(&[
        "edit",
        "forum.ron",
        "--by",
        "dana",
        "--reason",
        "Ask for signed decisions",
    ]);
    (f, dana_key, sam_key)
}

#[test]
fn a_signed_forum_signs_every_decision_and_verify_checks_each_signature() {
    let (f, dana_key, sam_key) = signed_forum();
    f.ok(&["rank", "--by", "dana", "--reason", "ballots agree"]);
    let raw = f.git(&["cat-file", "-p", "HEAD"]);
    assert!(
        raw.contains("gpgsig -----BEGIN SSH SIGNATURE-----"),
        "{raw}"
    );
    // git itself accepts the signature, with the same allowed signers.
    let allowed = f.home.path().join("allowed");
    let dana_pub = std::fs::read_to_string(format!("{dana_key}.pub")).unwrap();
    std::fs::write(&allowed, format!("dana@example.com {dana_pub}")).unwrap();
    let shown = git_env(
        &f,
        f.path(),
        &[
            "-c",
            &format!("gpg.ssh.allowedSignersFile={}", allowed.display()),
            "log",
            "-1",
            "--format=%G?",
        ],
        &[],
    );
    assert_eq!(shown.trim(), "G", "git's own check");
    let out = f.ok(&["verify"]);
    assert!(out.contains("2 signed decision(s)"), "{out}");

    // Sam's decision cannot be signed with Dana's key: refused, nothing written.
    let before = f.rev("HEAD");
    let err = f.fails(&[
        "ballot", "sam", "p1", "p2", "p3", "--by", "sam", "--reason", "mine",
    ]);
    assert!(err.contains("not `sam`'s signing_key"), "{err}");
    assert_eq!(f.rev("HEAD"), before);
    f.git(&["config", "user.signingkey", &sam_key]);
    f.ok(&[
        "ballot", "sam", "p2", "p1", "p3", "--by", "sam", "--reason", "mine",
    ]);
    let out = f.ok(&["verify"]);
    assert!(out.contains("3 signed decision(s)"), "{out}");

    // By hand: a decision signed with Sam's key that says Dana decided, and an unsigned one.
    f.write("ballots/dana.ron", r#"Ballot(order: ["p3", "p1", "p2"])"#);
    f.git(&["add", "-A"]);
    let msg = "Dana's ballot\n\nForum: f\nDecision: ballot\nDecided-By: dana\nPresent: dana\n";
    f.git(&["commit", "-q", "-S", "-m", msg]);
    let forged = f.head_short();
    f.write("ballots/dana.ron", r#"Ballot(order: ["p1", "p3", "p2"])"#);
    f.git(&["add", "-A"]);
    f.git(&["commit", "-q", "--no-gpg-sign", "-m", msg]);
    let unsigned = f.head_short();
    let (code, out, _) = f.run(&["verify"]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains(&format!("decision {forged} "))
            && out.contains("signed, but not with `dana`'s signing_key"),
        "{out}"
    );
    assert!(
        out.contains(&format!("decision {unsigned} "))
            && out.contains("not signed, and the forum asks for signed decisions"),
        "{out}"
    );
}

#[test]
fn a_signed_forum_refuses_a_decision_git_cannot_sign() {
    let (f, _, _) = signed_forum();
    f.git(&["config", "--unset", "gpg.format"]);
    let before = f.rev("HEAD");
    let err = f.fails(&["rank", "--by", "dana", "--reason", "ballots agree"]);
    assert!(err.contains("gpg.format ssh"), "{err}");
    assert_eq!(f.rev("HEAD"), before);
}

#[test]
fn anchors_travel_with_push_follow_tags_and_a_clone_verifies_them() {
    let f = allocated();
    let remote = tempfile::TempDir::new().unwrap();
    let bare = remote.path().to_str().unwrap();
    git_env(
        &f,
        f.path(),
        &["init", "-q", "--bare", "-b", "main", bare],
        &[],
    );
    f.git(&["push", "-q", "--follow-tags", bare, "main"]);
    let listed = git_env(&f, f.path(), &["ls-remote", "--tags", bare], &[]);
    assert_eq!(
        listed.matches("refs/tags/roundtable/f/").count(),
        4,
        "{listed}"
    );
    let clone = tempfile::TempDir::new().unwrap();
    let target = clone.path().to_str().unwrap();
    git_env(&f, f.path(), &["clone", "-q", bare, target], &[]);
    let (code, out) = rt_in(&f, clone.path(), &["verify", "--against", "origin/main"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("2 anchor(s) of closed stages"), "{out}");
    assert!(out.contains("the history contains origin/main"), "{out}");
}
