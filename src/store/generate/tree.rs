//! An in-memory picture of the commit's tree that writes only the folders a change touched.
//!
//! Each folder keeps its entries; after files change, the dirty folders are rebuilt with a
//! git2 `TreeBuilder`, deepest first, so one decision costs a blob and a handful of trees.

use git2::{Oid, Repository};
use std::collections::{BTreeMap, BTreeSet};

const BLOB: i32 = 0o100644;
const TREE: i32 = 0o040000;

/// The folders of a tree (`""` is the root), each mapping names to `(oid, mode)`.
#[derive(Debug, Default)]
pub struct TreeModel {
    folders: BTreeMap<String, BTreeMap<String, (Oid, i32)>>,
    dirty: BTreeSet<String>,
}

fn split(path: &str) -> (&str, &str) {
    match path.rsplit_once('/') {
        Some((dir, name)) => (dir, name),
        None => ("", path),
    }
}

impl TreeModel {
    /// An empty tree.
    pub fn new() -> Self {
        let mut model = TreeModel::default();
        model.folders.insert(String::new(), BTreeMap::new());
        model
    }

    /// Writes `bytes` as a blob at `path` (folders are created as needed).
    pub fn put(&mut self, repo: &Repository, path: &str, bytes: &[u8]) -> Result<(), git2::Error> {
        let oid = repo.blob(bytes)?;
        let (dir, name) = split(path);
        self.folders
            .entry(dir.to_string())
            .or_default()
            .insert(name.to_string(), (oid, BLOB));
        self.mark(dir);
        Ok(())
    }

    /// Removes the file at `path`, if present.
    pub fn remove(&mut self, path: &str) {
        let (dir, name) = split(path);
        if let Some(folder) = self.folders.get_mut(dir) {
            folder.remove(name);
            self.mark(dir);
        }
    }

    fn mark(&mut self, dir: &str) {
        let mut dir = dir.to_string();
        loop {
            self.dirty.insert(dir.clone());
            if dir.is_empty() {
                break;
            }
            let parent = split(&dir).0.to_string();
            self.folders.entry(parent.clone()).or_default();
            dir = parent;
        }
    }

    /// Writes the dirty folders, deepest first, and returns the root tree's id.
    pub fn write(&mut self, repo: &Repository) -> Result<Oid, git2::Error> {
        let mut dirty: Vec<String> = std::mem::take(&mut self.dirty).into_iter().collect();
        dirty.sort_by_key(|d| {
            std::cmp::Reverse(d.matches('/').count() + usize::from(!d.is_empty()))
        });
        let mut root = None;
        for dir in dirty {
            let entries = self.folders.get(&dir).cloned().unwrap_or_default();
            let mut builder = repo.treebuilder(None)?;
            for (name, (oid, mode)) in &entries {
                builder.insert(name, *oid, *mode)?;
            }
            let oid = builder.write()?;
            if dir.is_empty() {
                root = Some(oid);
            } else {
                let (parent, name) = split(&dir);
                let parent_entries = self.folders.entry(parent.to_string()).or_default();
                if entries.is_empty() {
                    parent_entries.remove(name);
                } else {
                    parent_entries.insert(name.to_string(), (oid, TREE));
                }
            }
        }
        match root {
            Some(oid) => Ok(oid),
            None => {
                let mut builder = repo.treebuilder(None)?;
                for (name, (oid, mode)) in self.folders.get("").into_iter().flatten() {
                    builder.insert(name, *oid, *mode)?;
                }
                builder.write()
            }
        }
    }
}
