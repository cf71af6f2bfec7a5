//! `roundtable sync` with the real `git`: a bare remote and three clones in temp dirs —
//! fast-forward, push, a diverged replay, a decision that no longer holds kept on a held
//! ref, a push race lost to another clone, and `verify --against` afterwards.

use crate::common::sandbox::Sandbox;
use crate::history::Forum;
use std::path::Path;
use tempfile::TempDir;

/// The host's bare repository and three clones of it (the room, a member, a silo lead).
struct Meeting {
    _seed: Forum,
    host: Sandbox,
    a: Sandbox,
    b: Sandbox,
    c: Sandbox,
}

fn meeting(phase: &str) -> Meeting {
    let seed = Forum::new(phase);
    let host = Sandbox {
        dir: TempDir::new().unwrap(),
        home: TempDir::new().unwrap(),
    };
    let from = seed.path().to_str().unwrap().to_string();
    host.git(&["clone", "-q", "--bare", &from, "."]);
    let (a, b, c) = (
        Sandbox::clone_of(&host),
        Sandbox::clone_of(&host),
        Sandbox::clone_of(&host),
    );
    Meeting {
        _seed: seed,
        host,
        a,
        b,
        c,
    }
}

/// A record's text with every blank taken out.
fn squeezed(s: &Sandbox, rel: &str) -> String {
    let text = std::fs::read_to_string(s.file(rel)).unwrap();
    text.split_whitespace().collect()
}

fn tip(s: &Sandbox) -> String {
    s.rev("HEAD")
}

fn host_tip(m: &Meeting) -> String {
    m.host.rev("refs/heads/main")
}

fn clean(s: &Sandbox) {
    assert_eq!(s.git(&["status", "--porcelain"]), "", "a clean work tree");
}

fn verified(s: &Sandbox) {
    let out = s.ok(&["verify", "--against", "origin/main"]);
    assert!(out.contains("every gate holds"), "{out}");
    assert!(out.contains("the history contains origin/main"), "{out}");
}

#[test]
fn a_push_a_fast_forward_and_a_diverged_replay_where_every_decision_holds() {
    let m = meeting("Ranking");
    // Ahead: pushed.
    m.a.ok(&["ballot", "sam", "p3", "p1", "p2", "--by", "sam"]);
    let out = m.a.ok(&["sync"]);
    assert!(out.contains("1 commit(s) pushed"), "{out}");
    assert_eq!(host_tip(&m), tip(&m.a));
    // Behind: fast-forwarded, the work tree brought along.
    let out = m.b.ok(&["sync"]);
    assert!(out.contains("1 commit(s) came in"), "{out}");
    assert_eq!(tip(&m.b), tip(&m.a));
    let ballot = squeezed(&m.b, "ballots/sam.ron");
    assert!(ballot.contains(r#""p3","p1","p2""#), "{ballot}");
    clean(&m.b);
    let out = m.b.ok(&["sync"]);
    assert!(out.contains("already the same"), "{out}");

    // Both moved: b pushes first, a's decision is judged again on b's and kept.
    m.a.ok(&["ballot", "dana", "p2", "p1", "p3", "--by", "dana"]);
    m.b.ok(&["ballot", "sam", "p1", "p2", "p3", "--by", "sam"]);
    m.b.ok(&["sync"]);
    let b_tip = tip(&m.b);
    let out = m.a.ok(&["sync"]);
    assert!(out.contains("1 commit(s) came in"), "{out}");
    assert!(out.contains("1 local decision(s) judged again"), "{out}");
    assert!(out.contains("1 commit(s) pushed"), "{out}");
    assert_eq!(m.a.rev("HEAD^"), b_tip, "replayed on the remote's tip");
    assert_eq!(host_tip(&m), tip(&m.a));
    let msg = m.a.head_message();
    assert_eq!(msg.trailers.decision.as_deref(), Some("ballot"));
    assert_eq!(msg.trailers.decided_by.as_deref(), Some("dana"));
    assert_eq!(
        m.a.git(&["log", "-1", "--format=%an"]).trim(),
        "Dana Whitfield"
    );
    // Both ballots are in the work tree; no merge commit, nothing held.
    let dana = squeezed(&m.a, "ballots/dana.ron");
    let sam = squeezed(&m.a, "ballots/sam.ron");
    assert!(dana.contains(r#""p2","p1","p3""#), "{dana}");
    assert!(sam.contains(r#""p1","p2","p3""#), "{sam}");
    assert_eq!(m.a.git(&["rev-list", "--merges", "HEAD"]), "");
    assert_eq!(m.a.git(&["for-each-ref", "refs/roundtable/held"]), "");
    clean(&m.a);
    m.b.ok(&["sync"]);
    m.c.ok(&["sync"]);
    for s in [&m.a, &m.b, &m.c] {
        assert_eq!(tip(s), host_tip(&m));
        verified(s);
    }
}

#[test]
fn a_silos_proposal_branch_arrives_with_a_sync() {
    let m = meeting("Ranking");
    m.c.git(&["checkout", "-q", "-b", "proposal/support-faq"]);
    std::fs::write(
        m.c.file("initiatives/support/faq.ron"),
        r#"Initiative(title: "FAQ", owner: "sam", cost: 50, addresses: ["p2"])"#,
    )
    .unwrap();
    m.c.commit_all("Propose an FAQ");
    m.c.git(&["push", "-q", "origin", "proposal/support-faq"]);
    m.a.ok(&["sync"]);
    assert_eq!(
        m.a.rev("refs/remotes/origin/proposal/support-faq"),
        m.c.rev("HEAD")
    );
    let out = m.a.ok(&["proposals"]);
    assert!(out.contains("support-faq"), "{out}");
}

#[test]
fn two_budgets_the_second_is_held_and_nothing_is_lost() {
    let m = meeting("Ranking");
    m.a.ok(&[
        "budget",
        "700",
        "--by",
        "dana",
        "--reason",
        "the board said 700",
    ]);
    let a_budget = tip(&m.a);
    m.b.ok(&[
        "budget",
        "800",
        "--by",
        "dana",
        "--reason",
        "finance said 800",
    ]);
    m.b.ok(&["sync"]);
    let out = m.a.fails(&["sync"]);
    assert!(out.contains("held: decision"), "{out}");
    assert!(
        out.contains("forums/f/forum.ron changed on the remote"),
        "{out}"
    );
    assert!(out.contains("EUR 800"), "{out}");
    assert!(out.contains("refs/roundtable/held/1"), "{out}");
    // Kept, not lost: the held ref is the local branch as it was.
    assert_eq!(m.a.rev("refs/roundtable/held/1"), a_budget);
    // The local branch is the remote's, its work tree too.
    assert_eq!(tip(&m.a), host_tip(&m));
    let forum = squeezed(&m.a, "forum.ron");
    assert!(forum.contains("budget:800"), "{forum}");
    clean(&m.a);
    verified(&m.a);
    verified(&m.b);
    // A second sync has nothing to do and keeps the held ref.
    let out = m.a.ok(&["sync"]);
    assert!(out.contains("already the same"), "{out}");
    assert_eq!(m.a.rev("refs/roundtable/held/1"), a_budget);
}

#[test]
fn a_score_after_the_forum_was_reopened_elsewhere_is_judged_again_and_held() {
    let m = meeting("Ranking");
    m.a.ok(&["rank", "--by", "dana", "--reason", "the ballots agree"]);
    m.a.ok(&["advance", "--by", "dana", "--reason", "lock"]);
    let anchors = m.a.git(&["tag", "-l", "roundtable/*"]);
    m.a.ok(&["sync"]);
    // The anchor of the lock went up with the branch, and came down to b.
    let on_host = m.host.git(&["tag", "-l", "roundtable/*"]);
    assert_eq!(on_host, anchors);
    assert!(on_host.contains("ranking-locked"), "{on_host}");
    m.b.ok(&["sync"]);
    assert_eq!(m.b.git(&["tag", "-l", "roundtable/*"]), anchors);

    m.a.ok(&["score", "dana", "portal", "p1=4", "--by", "dana"]);
    m.a.ok(&["score", "sam", "portal", "p1=3", "--by", "sam"]);
    let a_tip = tip(&m.a);
    m.b.ok(&[
        "reopen",
        "--to",
        "Ranking",
        "--by",
        "dana",
        "--reason",
        "a new priority",
    ]);
    m.b.ok(&["sync"]);
    let out = m.a.fails(&["sync"]);
    assert!(out.contains("held: decision"), "{out}");
    // The gate speaks, not a file clash: no scores before the Scoring phase.
    assert!(!out.contains("changed on the remote"), "{out}");
    assert!(
        out.contains("scores are taken from the Scoring phase on"),
        "{out}"
    );
    assert!(out.contains("the 1 local decision(s) after it"), "{out}");
    assert_eq!(m.a.rev("refs/roundtable/held/1"), a_tip);
    assert_eq!(tip(&m.a), host_tip(&m));
    clean(&m.a);
    verified(&m.a);
}

/// A pre-push hook in `a` that lets `b` sync first, once: a's push then loses the race.
fn race_hook(a: &Sandbox, b: &Sandbox) {
    let bin = assert_cmd::cargo::cargo_bin("roundtable");
    let marker = a.home.path().join("raced");
    let hook = a.path().join(".git/hooks/pre-push");
    let script = format!(
        "#!/bin/sh\nunset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE GIT_PREFIX\n\
         if [ ! -e '{m}' ]; then touch '{m}'; '{bin}' --repo '{b}' sync >/dev/null || exit 1; fi\n",
        m = marker.display(),
        bin = bin.display(),
        b = b.path().display()
    );
    std::fs::write(&hook, script).unwrap();
    make_executable(&hook);
}

fn make_executable(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).unwrap();
}

#[test]
fn a_push_race_lost_to_another_clone_is_recovered_by_the_sync() {
    let m = meeting("Ranking");
    m.a.ok(&["ballot", "dana", "p2", "p1", "p3", "--by", "dana"]);
    m.b.ok(&["ballot", "sam", "p1", "p2", "p3", "--by", "sam"]);
    race_hook(&m.a, &m.b);
    let out = m.a.ok(&["sync"]);
    assert!(m.a.home.path().join("raced").exists(), "the hook ran");
    assert!(
        out.contains("another clone pushed first 1 time(s)"),
        "{out}"
    );
    assert!(out.contains("1 local decision(s) judged again"), "{out}");
    // b's decision was not overwritten: a's sits on top of it.
    assert_eq!(m.a.rev("HEAD^"), m.b.rev("HEAD"));
    assert_eq!(host_tip(&m), tip(&m.a));
    verified(&m.a);
    m.b.ok(&["sync"]);
    verified(&m.b);
}

#[test]
fn no_remote_is_a_refusal_with_a_hint() {
    let f = Forum::new("Ranking");
    let out = f.fails(&["sync"]);
    assert!(out.contains("no remote `origin`"), "{out}");
    assert!(out.contains("git remote add"), "{out}");
}

#[test]
fn a_seat_for_someone_who_is_no_member_is_refused_with_the_members() {
    let f = Forum::new("Ranking");
    let out = f.fails(&["--member", "nobody"]);
    assert!(out.contains("no member `nobody` in forum f"), "{out}");
    assert!(out.contains("its members: dana, sam"), "{out}");
}
