//! Packing after a decision (`store::housekeeping`): the threshold is git's own estimate
//! (files in `objects/17` × 256 past 6,700), a decision past it leaves the objects packed, and
//! a machine without `git` still decides (the repository is only larger).

use super::Forum;
use roundtable::store::housekeeping::{LOOSE_LIMIT, Packed, loose_estimate, pack_if_needed};
use std::path::{Path, PathBuf};

/// Writes real loose blobs until `objects/17` holds `n` of them (about 256 tries each), all
/// reachable from `refs/filler` (git packs reachable objects; unreachable new ones stay loose).
fn seed_loose(git_dir: &Path, n: usize) {
    let repo = git2::Repository::open(git_dir).unwrap();
    let mut tree = repo.treebuilder(None).unwrap();
    let mut k = 0u64;
    while std::fs::read_dir(git_dir.join("objects/17"))
        .map(|d| d.count())
        .unwrap_or(0)
        < n
    {
        let oid = repo.blob(format!("filler {k}\n").as_bytes()).unwrap();
        tree.insert(format!("f{k}"), oid, 0o100644).unwrap();
        k += 1;
    }
    let tree = repo.find_tree(tree.write().unwrap()).unwrap();
    let who = git2::Signature::new("Filler", "filler@example.com", &git2::Time::new(0, 0)).unwrap();
    let commit = repo.commit(None, &who, &who, "filler", &tree, &[]).unwrap();
    repo.reference(&format!("refs/filler/{n}"), commit, true, "filler")
        .unwrap();
}

fn git_dir(f: &Forum) -> PathBuf {
    f.path().join(".git")
}

#[test]
fn the_threshold_is_gits_estimate() {
    let f = Forum::new("Ranking");
    let dir = git_dir(&f);
    let at_limit = LOOSE_LIMIT / 256; // 26 files: 6,656, not past 6,700
    seed_loose(&dir, at_limit);
    assert!(loose_estimate(&dir) <= LOOSE_LIMIT);
    assert_eq!(pack_if_needed(&dir), Packed::NotNeeded);
    seed_loose(&dir, at_limit + 1);
    assert!(loose_estimate(&dir) > LOOSE_LIMIT);
}

#[test]
fn a_decision_past_the_threshold_packs_and_without_git_still_decides() {
    let f = Forum::new("Ranking");
    let dir = git_dir(&f);
    seed_loose(&dir, LOOSE_LIMIT / 256 + 2);
    assert!(loose_estimate(&dir) > LOOSE_LIMIT);

    // No git on PATH: the decision is made all the same; nothing is packed.
    let before = f.rev("main");
    let out = f
        .rt()
        .env("PATH", "/nonexistent")
        .args(["budget", "650", "--by", "dana", "--reason", "CFO confirmed"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    assert_ne!(f.rev("main"), before, "the decision was committed");
    assert!(
        loose_estimate(&dir) > LOOSE_LIMIT,
        "nothing packed without git"
    );

    // With git: the next decision packs the loose objects as `git commit` would.
    f.ok(&["budget", "700", "--by", "dana", "--reason", "CFO again"]);
    assert!(
        loose_estimate(&dir) <= LOOSE_LIMIT,
        "packed after the decision: {}",
        loose_estimate(&dir)
    );
    let packs = std::fs::read_dir(dir.join("objects/pack"))
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "pack"))
        .count();
    assert!(packs >= 1, "a pack was written");
    f.ok(&["verify"]);
}
