//! How long `verify` takes on a 10,000-commit forum history (the bundled example forum, then
//! score changes, budget changes and ballots, each a decision commit with trailers).
//!
//! Run: `cargo bench --bench verify` (prints the figures; no assertions on time).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use git2::{Oid, Repository, Signature, Time};
use roundtable::domain::records::Scorecard;
use roundtable::domain::snapshot::RecordKind;
use roundtable::store::decide::to_ron;
use roundtable::store::decode::{AnyRecord, decode};
use roundtable::store::history::replay::verify;
use roundtable::store::repo::ForumRepo;
use std::path::Path;
use std::time::Instant;

const FORUM: &str = "fy2027-cx";
const COMMITS: usize = 10_000;

fn add_dir(repo: &Repository, dir: &Path) -> Oid {
    let mut b = repo.treebuilder(None).unwrap();
    for entry in std::fs::read_dir(dir).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name().into_string().unwrap();
        if entry.file_type().unwrap().is_dir() {
            b.insert(&name, add_dir(repo, &entry.path()), 0o040000)
                .unwrap();
        } else {
            let blob = repo.blob(&std::fs::read(entry.path()).unwrap()).unwrap();
            b.insert(&name, blob, 0o100644).unwrap();
        }
    }
    b.write().unwrap()
}

/// Replaces `forums/<FORUM>/<dir>/<file>` (dir may be empty) in `root`.
fn replace(repo: &Repository, root: Oid, dir: &str, file: &str, bytes: &[u8]) -> Oid {
    let root_tree = repo.find_tree(root).unwrap();
    let forums = repo
        .find_tree(root_tree.get_name("forums").unwrap().id())
        .unwrap();
    let forum = repo
        .find_tree(forums.get_name(FORUM).unwrap().id())
        .unwrap();
    let blob = repo.blob(bytes).unwrap();
    let forum_oid = if dir.is_empty() {
        let mut b = repo.treebuilder(Some(&forum)).unwrap();
        b.insert(file, blob, 0o100644).unwrap();
        b.write().unwrap()
    } else {
        let sub = repo.find_tree(forum.get_name(dir).unwrap().id()).unwrap();
        let mut s = repo.treebuilder(Some(&sub)).unwrap();
        s.insert(file, blob, 0o100644).unwrap();
        let mut b = repo.treebuilder(Some(&forum)).unwrap();
        b.insert(dir, s.write().unwrap(), 0o040000).unwrap();
        b.write().unwrap()
    };
    let mut f = repo.treebuilder(Some(&forums)).unwrap();
    f.insert(FORUM, forum_oid, 0o040000).unwrap();
    let mut r = repo.treebuilder(Some(&root_tree)).unwrap();
    r.insert("forums", f.write().unwrap(), 0o040000).unwrap();
    r.write().unwrap()
}

fn message(summary: &str, kind: &str, by: &str) -> String {
    format!(
        "{summary}\n\nBench.\n\nForum: {FORUM}\nDecision: {kind}\nDecided-By: {by}\nPresent: {by}\n"
    )
}

fn build(dir: &Path) -> Oid {
    let repo = Repository::init(dir).unwrap();
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("forums");
    let mut forums = repo.treebuilder(None).unwrap();
    forums
        .insert(FORUM, add_dir(&repo, &example.join(FORUM)), 0o040000)
        .unwrap();
    let mut root = repo.treebuilder(None).unwrap();
    root.insert("forums", forums.write().unwrap(), 0o040000)
        .unwrap();
    let mut tree = root.write().unwrap();
    let sig = |i: usize| {
        Signature::new(
            "Dana",
            "dana@example.com",
            &Time::new(1_767_261_600 + i as i64 * 600, 0),
        )
        .unwrap()
    };
    let t = repo.find_tree(tree).unwrap();
    let mut tip = repo
        .commit(
            None,
            &sig(0),
            &sig(0),
            &message("Set up", "init", "dana"),
            &t,
            &[],
        )
        .unwrap();
    let members = ["dana", "lee", "priya", "sam", "tom"];
    let mut cards: Vec<Scorecard> = members
        .iter()
        .map(|m| {
            let path = example.join(FORUM).join(format!("scores/{m}.ron"));
            match decode("s", RecordKind::Scorecard, &std::fs::read(path).unwrap()).unwrap() {
                AnyRecord::Scorecard(s) => s,
                _ => unreachable!(),
            }
        })
        .collect();
    for i in 1..COMMITS {
        let k = i % members.len();
        // Every tenth commit edits a note; the others change one score.
        let card = &mut cards[k];
        if i % 10 == 0 {
            card.notes
                .insert("agent-desktop-extend".into(), format!("revisited {i}"));
        } else {
            let first = card
                .scores
                .keys()
                .nth(i % card.scores.len())
                .cloned()
                .unwrap();
            let row = card.scores.get_mut(&first).unwrap();
            let p = row.keys().next().cloned().unwrap();
            let v = row.get_mut(&p).unwrap();
            *v = (*v + 1) % 5;
        }
        let (file_dir, file, bytes, kind) = (
            "scores",
            format!("{}.ron", members[k]),
            to_ron(card).unwrap(),
            "score",
        );
        tree = replace(&repo, tree, file_dir, &file, &bytes);
        let t = repo.find_tree(tree).unwrap();
        let parent = repo.find_commit(tip).unwrap();
        tip = repo
            .commit(
                None,
                &sig(i),
                &sig(i),
                &message(&format!("Score {i}"), kind, members[k]),
                &t,
                &[&parent],
            )
            .unwrap();
    }
    repo.reference("refs/heads/main", tip, true, "bench")
        .unwrap();
    tip
}

fn main() {
    let dir = tempfile::TempDir::new().unwrap();
    let start = Instant::now();
    let tip = build(dir.path());
    println!(
        "built a {COMMITS}-commit history in {:.2?}",
        start.elapsed()
    );
    measure(dir.path(), tip, "loose objects");
    let gc = std::process::Command::new("git")
        .args(["gc", "--quiet"])
        .current_dir(dir.path())
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .status();
    if gc.is_ok_and(|s| s.success()) {
        measure(dir.path(), tip, "packed (after git gc)");
    }
}

fn measure(dir: &Path, tip: Oid, label: &str) {
    let repo = ForumRepo::open(dir).unwrap();
    let mut times = Vec::new();
    for _ in 0..3 {
        let start = Instant::now();
        let verdict = verify(&repo, FORUM, tip).unwrap();
        times.push(start.elapsed());
        assert_eq!(verdict.commits, COMMITS);
        assert!(verdict.broken.is_none(), "{:?}", verdict.broken);
    }
    times.sort();
    println!(
        "verify over {COMMITS} commits, {label}: best {:.2?}, median {:.2?}, worst {:.2?}",
        times[0], times[1], times[2]
    );
}
