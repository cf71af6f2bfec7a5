//! Reading a forum's files, from a commit's tree or from the work tree, into raw bytes.
//!
//! Both sources check the same things before a byte is parsed: only regular files under
//! `forums/<forum-id>/`, nothing larger than 1 MiB (for git blobs, judged from the object
//! header). Everything after the bytes are read is one code path (`repo::assemble`).

use crate::store::layout::{FORUMS, MAX_RECORD_BYTES};
use crate::store::problem::Problem;
use git2::{ObjectType, Repository, Tree};
use std::path::Path;

/// One file's path (from the repository root) and bytes.
#[derive(Debug, Clone)]
pub struct RawFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// The files of one forum, plus the problems met while listing them.
#[derive(Debug, Default)]
pub struct Listing {
    pub files: Vec<RawFile>,
    pub problems: Vec<Problem>,
}

/// The hint for an entry under `forums/` that is not a plain file: a forum holds only its
/// records, so a link or a submodule there is refused rather than silently skipped (a
/// proposal must not slip one in).
const NOT_A_FILE_HINT: &str =
    "a forum holds plain record files only: commit the file itself, or remove the entry";

fn too_big(path: &str, size: u64) -> Problem {
    Problem::error(
        path,
        format!("the file is {size} bytes; records are at most 1 MiB"),
    )
    .at(1, 1)
    .with_hint("split long text into evidence records or link to a document")
}

/// Lists the forum ids in a tree (folders of `forums/` that hold a `forum.ron`).
pub fn forum_ids_in_tree(repo: &Repository, tree: &Tree) -> Vec<String> {
    let Ok(entry) = tree.get_path(Path::new(FORUMS)) else {
        return Vec::new();
    };
    let Ok(forums) = repo.find_tree(entry.id()) else {
        return Vec::new();
    };
    forums
        .iter()
        .filter(|e| e.kind() == Some(ObjectType::Tree))
        .filter_map(|e| {
            let sub = repo.find_tree(e.id()).ok()?;
            sub.get_name("forum.ron")?;
            e.name().ok().map(str::to_string)
        })
        .collect()
}

/// Reads every file under `forums/<forum_id>/` of a commit's tree.
pub fn read_tree(repo: &Repository, tree: &Tree, forum_id: &str) -> Listing {
    let mut files = Vec::new();
    let problems = read_tree_each(repo, tree, forum_id, &mut |f| files.push(f));
    Listing { files, problems }
}

/// Reads every file under `forums/<forum_id>/` of a commit's tree, handing each to `each`
/// as soon as it is read (in tree order); returns the problems met.
pub fn read_tree_each(
    repo: &Repository,
    tree: &Tree,
    forum_id: &str,
    each: &mut dyn FnMut(RawFile),
) -> Vec<Problem> {
    let mut listing = Listing::default();
    let prefix = format!("{FORUMS}/{forum_id}");
    let Ok(entry) = tree.get_path(Path::new(&prefix)) else {
        return listing.problems;
    };
    let Ok(forum_tree) = repo.find_tree(entry.id()) else {
        return listing.problems;
    };
    let odb = repo.odb().ok();
    let mut names = Vec::new();
    walk_tree(
        repo,
        &forum_tree,
        &prefix,
        &mut |path, entry| {
            match entry.kind() {
                Some(ObjectType::Blob) => {}
                _ => {
                    listing.problems.push(
                        Problem::error(
                            path,
                            "a submodule or foreign object is not a record; not read",
                        )
                        .with_hint(NOT_A_FILE_HINT),
                    );
                    return;
                }
            }
            let mode = entry.filemode();
            if mode != 0o100644 && mode != 0o100755 {
                listing.problems.push(
                    Problem::error(path, "not a regular file (symlink?); not read")
                        .with_hint(NOT_A_FILE_HINT),
                );
                return;
            }
            if let Some(odb) = &odb {
                if let Ok((size, _)) = odb.read_header(entry.id()) {
                    if size as u64 > MAX_RECORD_BYTES {
                        listing.problems.push(too_big(path, size as u64));
                        return;
                    }
                }
            }
            match repo.find_blob(entry.id()) {
                Ok(blob) => each(RawFile {
                    path: path.to_string(),
                    bytes: blob.content().to_vec(),
                }),
                Err(e) => listing
                    .problems
                    .push(Problem::error(path, format!("cannot read the blob: {e}"))),
            }
        },
        &mut names,
    );
    listing.problems.extend(names);
    listing.problems
}

/// The problem for a file or folder whose name is not UTF-8: git stores any bytes, but a
/// record's path must be readable by everyone, so the entry is refused, never guessed at.
fn not_utf8(parent: &str, name: &[u8]) -> Problem {
    let shown = crate::domain::text::sanitize(&String::from_utf8_lossy(name));
    Problem::error(
        format!("{parent}/{shown}"),
        "the name is not UTF-8 (shown with \u{fffd} for the bytes that are not); not read",
    )
    .with_hint(
        "rename it with UTF-8 characters only (git mv), e.g. lower-case letters, digits and `-`",
    )
}

/// Walks a tree depth-first in tree order (as git's pre-order walk), handing each non-tree
/// entry and its path to `visit`. Unlike libgit2's walk, a name that is not UTF-8 is a
/// problem reported here (and its folder is not entered), not an end to the walk.
fn walk_tree(
    repo: &Repository,
    tree: &Tree,
    rel: &str,
    visit: &mut dyn FnMut(&str, &git2::TreeEntry),
    problems: &mut Vec<Problem>,
) {
    for entry in tree.iter() {
        let Ok(name) = std::str::from_utf8(entry.name_bytes()) else {
            problems.push(not_utf8(rel, entry.name_bytes()));
            continue;
        };
        let path = format!("{rel}/{name}");
        if entry.kind() == Some(ObjectType::Tree) {
            if let Ok(sub) = repo.find_tree(entry.id()) {
                walk_tree(repo, &sub, &path, visit, problems);
            }
        } else {
            visit(&path, &entry);
        }
    }
}

/// Lists the forum ids in a work tree.
pub fn forum_ids_in_worktree(root: &Path) -> Vec<String> {
    let Ok(dir) = std::fs::read_dir(root.join(FORUMS)) else {
        return Vec::new();
    };
    let mut ids: Vec<String> = dir
        .filter_map(Result::ok)
        .filter(|e| e.path().join("forum.ron").is_file())
        .filter_map(|e| e.file_name().to_str().map(str::to_string))
        .collect();
    ids.sort();
    ids
}

/// Reads every file under `forums/<forum_id>/` of the work tree rooted at `root`.
pub fn read_worktree(root: &Path, forum_id: &str) -> Listing {
    let mut listing = Listing::default();
    let prefix = format!("{FORUMS}/{forum_id}");
    walk_dir(root, &prefix, &mut listing);
    listing.files.sort_by(|a, b| a.path.cmp(&b.path));
    listing
}

fn walk_dir(root: &Path, rel: &str, listing: &mut Listing) {
    let Ok(dir) = std::fs::read_dir(root.join(rel)) else {
        return;
    };
    for entry in dir.filter_map(Result::ok) {
        let Some(name) = entry.file_name().to_str().map(str::to_string) else {
            listing
                .problems
                .push(not_utf8(rel, entry.file_name().as_encoded_bytes()));
            continue;
        };
        let path = format!("{rel}/{name}");
        let Ok(meta) = std::fs::symlink_metadata(entry.path()) else {
            continue;
        };
        if meta.is_dir() && entry.path().join(".git").exists() {
            listing.problems.push(
                Problem::error(
                    &path,
                    "a nested git repository (submodule?) is not a record; not read",
                )
                .with_hint(NOT_A_FILE_HINT),
            );
        } else if meta.is_dir() {
            walk_dir(root, &path, listing);
        } else if !meta.is_file() {
            listing.problems.push(
                Problem::error(&path, "not a regular file (symlink?); not read")
                    .with_hint(NOT_A_FILE_HINT),
            );
        } else if meta.len() > MAX_RECORD_BYTES {
            listing.problems.push(too_big(&path, meta.len()));
        } else {
            match std::fs::read(entry.path()) {
                Ok(bytes) => listing.files.push(RawFile { path, bytes }),
                Err(e) => listing
                    .problems
                    .push(Problem::error(&path, format!("cannot read: {e}"))),
            }
        }
    }
}
