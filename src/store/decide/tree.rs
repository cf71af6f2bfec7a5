//! Building a commit's new tree in memory from the old one and a set of file changes.

use git2::{ObjectType, Oid, Repository, Tree};
use std::collections::BTreeMap;

const FILE_MODE: i32 = 0o100644;
const TREE_MODE: i32 = 0o040000;

/// One file change by its path components: the new blob, or `None` to delete.
type Edit<'p> = (Vec<&'p str>, Option<Oid>);

/// Writes the tree that is `base` with `changes` applied (path → blob, `None` deletes).
pub fn rebuild(
    repo: &Repository,
    base: Option<&Tree>,
    changes: &BTreeMap<String, Option<Oid>>,
) -> Result<Oid, git2::Error> {
    let edits: Vec<Edit> = changes
        .iter()
        .map(|(path, blob)| (path.split('/').filter(|c| !c.is_empty()).collect(), *blob))
        .collect();
    match build(repo, base, &edits)? {
        Some(oid) => Ok(oid),
        None => repo.treebuilder(None)?.write(),
    }
}

/// Applies edits below one tree; `None` when the result is empty.
fn build(
    repo: &Repository,
    base: Option<&Tree>,
    edits: &[Edit<'_>],
) -> Result<Option<Oid>, git2::Error> {
    let mut builder = repo.treebuilder(base)?;
    let mut deeper: BTreeMap<&str, Vec<Edit>> = BTreeMap::new();
    for (parts, blob) in edits {
        match parts.as_slice() {
            [] => {}
            [name] => match blob {
                Some(oid) => {
                    builder.insert(name, *oid, FILE_MODE)?;
                }
                None => {
                    if builder.get(name)?.is_some() {
                        builder.remove(name)?;
                    }
                }
            },
            [dir, rest @ ..] => deeper.entry(dir).or_default().push((rest.to_vec(), *blob)),
        }
    }
    for (dir, sub_edits) in deeper {
        let sub_tree = match builder.get(dir)? {
            Some(entry) if entry.kind() == Some(ObjectType::Tree) => {
                Some(repo.find_tree(entry.id())?)
            }
            _ => None,
        };
        match build(repo, sub_tree.as_ref(), &sub_edits)? {
            Some(oid) => {
                builder.insert(dir, oid, TREE_MODE)?;
            }
            None => {
                if builder.get(dir)?.is_some() {
                    builder.remove(dir)?;
                }
            }
        }
    }
    if builder.is_empty() {
        return Ok(None);
    }
    builder.write().map(Some)
}
