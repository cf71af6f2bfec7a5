//! The history index answers as the walk does, is extended rather than rebuilt, and is
//! rebuilt from git when its file is damaged or its branch rewritten.

use super::*;
use crate::domain::analysis::analyse;
use crate::domain::audit::chain;
use crate::store::audit::follow;
use crate::store::audit::walk::{Follow, Rows, walk, walk_indexed};
use crate::store::generate::{Plan, generate};
use std::path::Path;

const FORUM: &str = "fy2027-gen";

fn generated(dir: &Path) -> ForumRepo {
    let plan = Plan {
        forum_id: FORUM.into(),
        silos: 4,
        initiatives: 24,
        commits: 220,
        seed: 11,
    };
    generate(dir, &plan).unwrap();
    ForumRepo::open(dir).unwrap()
}

/// For every initiative at `tip`, the walk over the index finds exactly what the
/// first-parent walk finds; returns how many were compared.
fn same_as_the_walk(repo: &ForumRepo, forum: &str, tip: Oid, index: &Index) -> usize {
    let loaded = repo.load_at(forum, &tip.to_string()).unwrap();
    let analysis = analyse(&loaded.snapshot);
    let odb = repo.repo.odb().unwrap();
    let mut n = 0;
    for id in loaded.snapshot.initiatives.keys() {
        let c = chain(&loaded.snapshot, &analysis, id).unwrap();
        let f = follow(&c);
        let walked = walk(&odb, forum, tip, &f).unwrap();
        let indexed = walk_indexed(&odb, forum, tip, &f, index, &Rows::default()).unwrap();
        assert_eq!(indexed, walked, "{id} at {tip}");
        // Rows read by an earlier walk that followed every card answer the same.
        let rows = Rows::default();
        let every_card = Follow {
            initiative: id.clone(),
            cards: loaded.snapshot.scorecards.keys().cloned().collect(),
            ..Follow::default()
        };
        walk_indexed(&odb, forum, tip, &every_card, index, &rows).unwrap();
        let again = walk_indexed(&odb, forum, tip, &f, index, &rows).unwrap();
        assert_eq!(again, walked, "{id} at {tip}, rows read before");
        n += 1;
    }
    n
}

/// The changes with their commits and paths written out (path positions depend on the
/// order paths were first met).
fn described(index: &Index) -> Vec<(Oid, String, Option<Oid>, Option<Oid>)> {
    index
        .changes
        .iter()
        .map(|c| {
            (
                index.commits[c.at as usize],
                index.paths[c.path as usize].clone(),
                c.old,
                c.new,
            )
        })
        .collect()
}

#[test]
fn the_index_finds_what_the_walk_finds_on_every_branch_of_the_demo() {
    let tmp = tempfile::tempdir().unwrap();
    let built = crate::store::demo::build(&tmp.path().join("demo")).unwrap();
    let repo = ForumRepo::open(&built.dir).unwrap();
    let mut compared = 0;
    let branches = crate::store::audit::tests::local_branches(&repo);
    assert!(branches.len() > 1, "{branches:?}");
    for branch in &branches {
        let tip = repo.resolve(branch).unwrap();
        let Ok(forum) = repo.pick_forum(None, branch) else {
            continue;
        };
        let index = Index::for_tip(&repo, &forum, tip).unwrap();
        assert_eq!(index.commits[0], tip);
        compared += same_as_the_walk(&repo, &forum, tip, &index);
    }
    assert!(compared > 20, "{compared}");
}

#[test]
fn the_index_finds_what_the_walk_finds_on_a_long_generated_history() {
    let tmp = tempfile::tempdir().unwrap();
    let repo = generated(tmp.path());
    let tip = repo.resolve("HEAD").unwrap();
    let index = Index::for_tip(&repo, FORUM, tip).unwrap();
    assert!(index.commits.len() >= 220, "{}", index.commits.len());
    assert_eq!(same_as_the_walk(&repo, FORUM, tip, &index), 24);
    // An older commit of the same line is answered from the same index.
    let older = index.commits[20];
    assert!(same_as_the_walk(&repo, FORUM, older, &index) > 0);
}

#[test]
fn the_index_is_kept_under_git_and_extended_when_the_branch_moves_on() {
    let tmp = tempfile::tempdir().unwrap();
    let repo = generated(tmp.path());
    let tip = repo.resolve("HEAD").unwrap();
    let whole = build(&repo.repo.odb().unwrap(), FORUM, tip).unwrap();
    // Indexed first at an older commit, as if the last audit was 60 decisions ago.
    let earlier = whole.commits[60];
    let first = Index::for_tip(&repo, FORUM, earlier).unwrap();
    assert_eq!(first.commits[0], earlier);
    let file = repo.repo.path().join("roundtable/history-fy2027-gen.idx");
    assert!(file.exists());
    // Now at the tip: extended by the 60 commits since, equal to an index built whole.
    let extended = Index::for_tip(&repo, FORUM, tip).unwrap();
    assert_eq!(extended.commits, whole.commits);
    assert_eq!(described(&extended), described(&whole));
    let saved = Index::decode(&std::fs::read(&file).unwrap()).unwrap();
    assert_eq!(saved, extended);
    assert_eq!(same_as_the_walk(&repo, FORUM, tip, &saved), 24);
}

#[test]
fn a_damaged_index_is_rebuilt_from_git() {
    let tmp = tempfile::tempdir().unwrap();
    let repo = generated(tmp.path());
    let tip = repo.resolve("HEAD").unwrap();
    let good = Index::for_tip(&repo, FORUM, tip).unwrap();
    let file = repo.repo.path().join("roundtable/history-fy2027-gen.idx");
    let bytes = std::fs::read(&file).unwrap();
    // One byte changed in the middle (a blob id), then the file cut short: neither is read.
    let mut edited = bytes.clone();
    let middle = edited.len() / 2;
    edited[middle] ^= 0x01;
    assert_eq!(Index::decode(&edited), None);
    assert_eq!(Index::decode(&bytes[..bytes.len() - 7]), None);
    std::fs::write(&file, &edited).unwrap();
    assert_eq!(Index::for_tip(&repo, FORUM, tip).unwrap(), good);
    assert_eq!(std::fs::read(&file).unwrap(), bytes);
}

#[test]
fn a_rewritten_branch_gets_an_index_of_its_own() {
    let tmp = tempfile::tempdir().unwrap();
    let repo = generated(tmp.path());
    let tip = repo.resolve("HEAD").unwrap();
    let old = Index::for_tip(&repo, FORUM, tip).unwrap();
    // Amend the tip: the new tip does not descend from the indexed one.
    let commit = repo.repo.find_commit(tip).unwrap();
    let parent = commit.parent(0).unwrap();
    let sig = commit.author();
    let rewritten = repo
        .repo
        .commit(
            None,
            &sig,
            &sig,
            "rewritten",
            &commit.tree().unwrap(),
            &[&parent],
        )
        .unwrap();
    let index = Index::for_tip(&repo, FORUM, rewritten).unwrap();
    assert_eq!(index.commits[0], rewritten);
    assert_eq!(index.commits[1..], old.commits[1..]);
    assert_eq!(same_as_the_walk(&repo, FORUM, rewritten, &index), 24);
}

#[test]
fn an_unwritable_git_folder_leaves_the_index_in_memory() {
    let tmp = tempfile::tempdir().unwrap();
    let repo = generated(tmp.path());
    let tip = repo.resolve("HEAD").unwrap();
    // A file where the index's folder would be: nothing can be saved there.
    std::fs::write(repo.repo.path().join("roundtable"), "not a folder").unwrap();
    let index = Index::for_tip(&repo, FORUM, tip).unwrap();
    assert_eq!(index.commits[0], tip);
    assert_eq!(same_as_the_walk(&repo, FORUM, tip, &index), 24);
}
