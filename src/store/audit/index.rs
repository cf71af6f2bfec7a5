//! The forum's history index: every first-parent commit's changes to the forum's records,
//! kept under `.git/roundtable/` so an audit reads a few kilobytes instead of walking the
//! history.
//!
//! For each first-parent commit from a tip back to the root, newest first, the index lists
//! the record files under `forums/<forum>/` that the commit changed against its first
//! parent: the path, the blob before and the blob after. It is worked out once by a pruned
//! tree diff (subtrees with equal ids are not opened) and then only extended: when the
//! branch has moved on, the commits since the indexed tip are diffed and put in front. A
//! tip that is not a first-parent descendant of the indexed one (a rewritten branch, an old
//! `--rev` on another line) gets an index of its own.
//!
//! The file is a cache of what git holds, nothing more: it ends with the SHA-1 of its
//! contents, and one that does not match (cut short, edited) is rebuilt from git. `verify`
//! never reads it. When `.git/` cannot be written the index is used in memory only.

use crate::store::audit::raw::{self, entries, find, header};
use crate::store::error::StoreError;
use crate::store::layout::FORUMS;
use crate::store::repo::ForumRepo;
use git2::{ObjectType, Odb, Oid};
use std::collections::HashMap;
use std::path::PathBuf;

/// One record file changed by one commit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Change {
    /// The commit's position in [`Index::commits`].
    pub at: u32,
    /// The path's position in [`Index::paths`].
    pub path: u32,
    /// The blob before the commit (`None`: the file was not there).
    pub old: Option<Oid>,
    /// The blob after it (`None`: the commit removed it).
    pub new: Option<Oid>,
}

/// The changes of one forum along one first-parent history.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Index {
    /// First-parent commits from the tip back to the root, newest first.
    pub commits: Vec<Oid>,
    /// Paths relative to the forum's folder (`scores/ana.ron`).
    pub paths: Vec<String>,
    /// Every change, by commit position, newest first.
    pub changes: Vec<Change>,
}

/// The first format; the file starts with it.
const MAGIC: &[u8] = b"roundtable history index 1\n";

impl Index {
    /// The index for `tip`, read from `.git/roundtable/` and extended, or built, as needed;
    /// saved again when it changed.
    pub fn for_tip(repo: &ForumRepo, forum: &str, tip: Oid) -> Result<Index, StoreError> {
        let odb = repo.repo.odb()?;
        let file = index_file(repo, forum);
        let stored = file
            .as_ref()
            .and_then(|f| std::fs::read(f).ok())
            .and_then(|bytes| Index::decode(&bytes));
        let stored = match stored {
            Some(index) if index.commits.contains(&tip) => return Ok(index),
            other => other,
        };
        let index = match stored {
            Some(old) => match extend(&odb, forum, tip, old)? {
                Some(index) => index,
                None => build(&odb, forum, tip)?,
            },
            None => build(&odb, forum, tip)?,
        };
        if let Some(file) = file {
            save(&file, &index.to_bytes());
        }
        Ok(index)
    }

    /// The position of `commit` among the commits, if it is one of them.
    pub fn position(&self, commit: Oid) -> Option<usize> {
        self.commits.iter().position(|c| *c == commit)
    }

    /// The changes made by the commits from position `from` back to the root, newest first,
    /// grouped by commit.
    pub fn changes_from(&self, from: usize) -> impl Iterator<Item = (usize, &[Change])> {
        let start = self.changes.partition_point(|c| (c.at as usize) < from);
        let mut rest = &self.changes[start..];
        std::iter::from_fn(move || {
            let first = rest.first()?;
            let n = rest.iter().take_while(|c| c.at == first.at).count();
            let (group, tail) = rest.split_at(n);
            rest = tail;
            Some((first.at as usize, group))
        })
    }

    /// The index as its file holds it.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = MAGIC.to_vec();
        let n = |out: &mut Vec<u8>, k: usize| {
            out.extend_from_slice(&u32::try_from(k).unwrap_or(u32::MAX).to_le_bytes());
        };
        n(&mut out, self.commits.len());
        for c in &self.commits {
            out.extend_from_slice(c.as_bytes());
        }
        n(&mut out, self.paths.len());
        for p in &self.paths {
            n(&mut out, p.len());
            out.extend_from_slice(p.as_bytes());
        }
        n(&mut out, self.changes.len());
        for c in &self.changes {
            out.extend_from_slice(&c.at.to_le_bytes());
            out.extend_from_slice(&c.path.to_le_bytes());
            out.push(u8::from(c.old.is_some()) | (u8::from(c.new.is_some()) << 1));
            for oid in [c.old, c.new].into_iter().flatten() {
                out.extend_from_slice(oid.as_bytes());
            }
        }
        let sum = Oid::hash_object(ObjectType::Blob, &out).unwrap_or(Oid::ZERO_SHA1);
        out.extend_from_slice(sum.as_bytes());
        out
    }

    /// The index in `bytes`, `None` when they are not a whole, unaltered index.
    fn decode(bytes: &[u8]) -> Option<Index> {
        let (body, sum) = bytes.split_at_checked(bytes.len().checked_sub(20)?)?;
        if Oid::hash_object(ObjectType::Blob, body).ok()?.as_bytes() != sum {
            return None;
        }
        let mut r = Reader {
            rest: body.strip_prefix(MAGIC)?,
        };
        let mut index = Index::default();
        // Each list is reserved whole (a growing list is copied at each doubling), but never
        // for more entries than the bytes left could hold: the counts are read from a file.
        let n = r.u32()?;
        index.commits.reserve(r.at_most(n, 20));
        for _ in 0..n {
            index.commits.push(r.oid()?);
        }
        let n = r.u32()?;
        index.paths.reserve(r.at_most(n, 4));
        for _ in 0..n {
            let len = r.u32()? as usize;
            index
                .paths
                .push(String::from_utf8(r.take(len)?.to_vec()).ok()?);
        }
        let n = r.u32()?;
        index.changes.reserve(r.at_most(n, 9));
        for _ in 0..n {
            let (at, path) = (r.u32()?, r.u32()?);
            let flags = r.take(1)?[0];
            let old = if flags & 1 != 0 { Some(r.oid()?) } else { None };
            let new = if flags & 2 != 0 { Some(r.oid()?) } else { None };
            if at as usize >= index.commits.len() || path as usize >= index.paths.len() {
                return None;
            }
            index.changes.push(Change { at, path, old, new });
        }
        (r.rest.is_empty() && index.changes.is_sorted_by_key(|c| c.at)).then_some(index)
    }
}

struct Reader<'a> {
    rest: &'a [u8],
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let (head, tail) = self.rest.split_at_checked(n)?;
        self.rest = tail;
        Some(head)
    }

    /// `n` entries of at least `size` bytes each, as many as the bytes left can hold.
    fn at_most(&self, n: u32, size: usize) -> usize {
        (n as usize).min(self.rest.len() / size)
    }

    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }

    fn oid(&mut self) -> Option<Oid> {
        Oid::from_bytes(self.take(20)?).ok()
    }
}

/// Where the index of `forum` is kept; `None` for a forum id that is not a plain file name.
fn index_file(repo: &ForumRepo, forum: &str) -> Option<PathBuf> {
    let plain = !forum.is_empty()
        && forum
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    plain.then(|| {
        repo.repo
            .path()
            .join("roundtable")
            .join(format!("history-{forum}.idx"))
    })
}

/// Writes the index beside its place and moves it there, so a reader never sees half of
/// one; a failure leaves the index in memory only.
fn save(file: &std::path::Path, bytes: &[u8]) {
    let Some(dir) = file.parent() else { return };
    if std::fs::create_dir_all(dir).is_err() {
        return;
    }
    let tmp = file.with_extension(format!("idx.{}", std::process::id()));
    if std::fs::write(&tmp, bytes).is_ok() && std::fs::rename(&tmp, file).is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
}

/// The forum's tree at a commit whose root tree is `root`.
fn forum_tree(odb: &Odb<'_>, forum: &str, root: Oid) -> Result<Option<Oid>, StoreError> {
    let root = raw::tree(odb, root)?;
    let Some((forums, true)) = find(root.data(), FORUMS) else {
        return Ok(None);
    };
    let forums = raw::tree(odb, forums)?;
    Ok(find(forums.data(), forum)
        .filter(|(_, dir)| *dir)
        .map(|(o, _)| o))
}

/// Paths interned to their positions.
#[derive(Default)]
struct Paths {
    list: Vec<String>,
    known: HashMap<String, u32>,
}

impl Paths {
    fn id(&mut self, path: String) -> u32 {
        if let Some(&k) = self.known.get(&path) {
            return k;
        }
        let k = u32::try_from(self.list.len()).unwrap_or(u32::MAX);
        self.known.insert(path.clone(), k);
        self.list.push(path);
        k
    }
}

/// The files that differ between two trees (either may be absent), with their blobs before
/// and after; equal subtrees are not opened.
fn diff(
    odb: &Odb<'_>,
    prefix: &str,
    old: Option<Oid>,
    new: Option<Oid>,
    out: &mut Vec<(String, Option<Oid>, Option<Oid>)>,
) -> Result<(), StoreError> {
    if old == new {
        return Ok(());
    }
    // name → (old (oid, is tree), new (oid, is tree))
    type Side = Option<(Oid, bool)>;
    let mut names: Vec<(Vec<u8>, Side, Side)> = Vec::new();
    if let Some(o) = old {
        let t = raw::tree(odb, o)?;
        names.extend(entries(t.data()).map(|e| (e.name.to_vec(), Some((e.oid, e.is_tree)), None)));
    }
    if let Some(n) = new {
        let at: HashMap<Vec<u8>, usize> = names
            .iter()
            .enumerate()
            .map(|(k, (name, _, _))| (name.clone(), k))
            .collect();
        let t = raw::tree(odb, n)?;
        for e in entries(t.data()) {
            match at.get(e.name) {
                Some(&k) => names[k].2 = Some((e.oid, e.is_tree)),
                None => names.push((e.name.to_vec(), None, Some((e.oid, e.is_tree)))),
            }
        }
    }
    for (name, o, n) in names {
        if o == n {
            continue;
        }
        let path = format!("{prefix}{}", String::from_utf8_lossy(&name));
        let tree = |s: Side| s.filter(|(_, t)| *t).map(|(oid, _)| oid);
        let blob = |s: Side| s.filter(|(_, t)| !*t).map(|(oid, _)| oid);
        if tree(o).is_some() || tree(n).is_some() {
            diff(odb, &format!("{path}/"), tree(o), tree(n), out)?;
        }
        if blob(o) != blob(n) {
            out.push((path, blob(o), blob(n)));
        }
    }
    Ok(())
}

/// First-parent commits, newest first, each with its root tree.
type Line = Vec<(Oid, Oid)>;

/// The first-parent commits from `tip` back to `until` (not included; the root when `None`);
/// `None` when `until` was never met.
fn line(odb: &Odb<'_>, tip: Oid, until: Option<Oid>) -> Result<Option<Line>, StoreError> {
    let mut out = Vec::new();
    let mut at = Some(tip);
    while let Some(oid) = at {
        if Some(oid) == until {
            return Ok(Some(out));
        }
        let h = header(odb, oid)?;
        out.push((oid, h.tree));
        at = h.parents.first().copied();
    }
    Ok(until.is_none().then_some(out))
}

/// The changes of `commits` (newest first, each with its root tree), the last one compared
/// with `below` (the forum's tree under it; `None` at the root).
fn changes_of(
    odb: &Odb<'_>,
    forum: &str,
    commits: &[(Oid, Oid)],
    below: Option<Oid>,
    paths: &mut Paths,
) -> Result<Vec<Change>, StoreError> {
    let trees: Vec<Option<Oid>> = commits
        .iter()
        .map(|(_, root)| forum_tree(odb, forum, *root))
        .collect::<Result<_, _>>()?;
    let mut out = Vec::new();
    let mut found = Vec::new();
    for (k, tree) in trees.iter().enumerate() {
        let older = trees.get(k + 1).copied().unwrap_or(below);
        found.clear();
        diff(odb, "", older, *tree, &mut found)?;
        found.sort_by(|a, b| a.0.cmp(&b.0));
        for (path, old, new) in found.drain(..) {
            out.push(Change {
                at: u32::try_from(k).unwrap_or(u32::MAX),
                path: paths.id(path),
                old,
                new,
            });
        }
    }
    Ok(out)
}

/// The whole index of `tip`.
fn build(odb: &Odb<'_>, forum: &str, tip: Oid) -> Result<Index, StoreError> {
    let commits = line(odb, tip, None)?.unwrap_or_default();
    let mut paths = Paths::default();
    let changes = changes_of(odb, forum, &commits, None, &mut paths)?;
    Ok(Index {
        commits: commits.into_iter().map(|(c, _)| c).collect(),
        paths: paths.list,
        changes,
    })
}

/// `old` extended to `tip`, or `None` when `tip` does not descend from its tip by first
/// parents.
fn extend(odb: &Odb<'_>, forum: &str, tip: Oid, old: Index) -> Result<Option<Index>, StoreError> {
    let Some(&old_tip) = old.commits.first() else {
        return Ok(None);
    };
    let Some(new) = line(odb, tip, Some(old_tip))? else {
        return Ok(None);
    };
    let below = forum_tree(odb, forum, header(odb, old_tip)?.tree)?;
    let mut paths = Paths {
        known: old
            .paths
            .iter()
            .enumerate()
            .map(|(k, p)| (p.clone(), u32::try_from(k).unwrap_or(u32::MAX)))
            .collect(),
        list: old.paths,
    };
    let mut changes = changes_of(odb, forum, &new, below, &mut paths)?;
    let shift = u32::try_from(new.len()).unwrap_or(u32::MAX);
    changes.extend(old.changes.into_iter().map(|c| Change {
        at: c.at.saturating_add(shift),
        ..c
    }));
    let mut commits: Vec<Oid> = new.into_iter().map(|(c, _)| c).collect();
    commits.extend(old.commits);
    Ok(Some(Index {
        commits,
        paths: paths.list,
        changes,
    }))
}

#[cfg(test)]
mod tests;
