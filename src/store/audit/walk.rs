//! One first-parent walk, newest first, that finds the commits behind each step of an audit.
//!
//! Each commit's tree is looked up by path for just the records the audit follows, and
//! subtrees whose ids did not change since the newer commit are not read again; blobs are
//! read only where a scorecard or forum.ron changed. The initiative is followed by id, in
//! whatever silo folder it is, so a renamed silo keeps its trail.

use crate::store::audit::index::{Change, Index};
use crate::store::audit::raw::{self, entries, find, header, phase_word, score_row};
use crate::store::decode::{AnyRecord, decode};
use crate::store::error::StoreError;
use crate::store::layout::FORUMS;
use git2::{Odb, Oid};
use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};

mod compare;
use compare::{Looking, compare, set_in_force};

/// The audited initiative's rows as read from scorecard blobs, by blob id: a second walk
/// for the same initiative reads none of them again.
#[derive(Debug, Default)]
pub struct Rows(RefCell<HashMap<Oid, Option<Vec<u8>>>>);

/// What to follow.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Follow {
    pub initiative: String,
    pub evidence: Vec<String>,
    pub priorities: Vec<String>,
    /// Scorecard ids (member ids, `forum` for the consensus card).
    pub cards: Vec<String>,
}

/// Commit ids found by the walk (newest first where several).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Found {
    /// The first-parent commit that brought the initiative (in its current life) onto the branch.
    pub introduced: Option<Oid>,
    /// Later first-parent commits that changed its file; the flag is true for a move to
    /// another silo folder (from, to).
    pub changes: Vec<(Oid, Option<(String, String)>)>,
    /// Evidence id → commits that changed its file, newest first.
    pub evidence: HashMap<String, Vec<Oid>>,
    pub priorities: HashMap<String, Vec<Oid>>,
    /// The last commit that changed ranking.ron.
    pub ranked: Option<Oid>,
    /// The commit that moved the phase from Ranking (or earlier) to Scoring (or later), in force.
    pub locked: Option<Oid>,
    /// Card id → the commit that set the initiative's scores in force on that card.
    pub cards: HashMap<String, Oid>,
    /// The last commit that changed allocation.ron.
    pub allocated: Option<Oid>,
    /// First-parent commits walked.
    pub walked: usize,
}

/// The ids of the followed paths at one commit.
#[derive(Debug, Clone, Default, PartialEq)]
struct Seen {
    root: Option<Oid>,
    forum_tree: Option<Oid>,
    forum_ron: Option<Oid>,
    ranking: Option<Oid>,
    allocation: Option<Oid>,
    initiatives_tree: Option<Oid>,
    initiative: Option<(String, Oid)>,
    scores_tree: Option<Oid>,
    cards: Vec<Option<Oid>>,
    evidence_tree: Option<Oid>,
    evidence: Vec<Option<Oid>>,
    priorities_tree: Option<Oid>,
    priorities: Vec<Option<Oid>>,
}

struct Walker<'a, 'r> {
    odb: &'a Odb<'r>,
    forum: &'a str,
    follow: &'a Follow,
    rows: &'a Rows,
    file: String,
    /// Silo tree id → the initiative's blob in it.
    silo_cache: HashMap<Oid, Option<Oid>>,
    phase_cache: HashMap<Oid, Option<String>>,
}

impl<'a, 'r> Walker<'a, 'r> {
    fn new(odb: &'a Odb<'r>, forum: &'a str, follow: &'a Follow, rows: &'a Rows) -> Self {
        Walker {
            odb,
            forum,
            follow,
            rows,
            file: format!("{}.ron", follow.initiative),
            silo_cache: HashMap::new(),
            phase_cache: HashMap::new(),
        }
    }

    fn files(&self, dir: Option<Oid>, names: &[String]) -> Result<Vec<Option<Oid>>, StoreError> {
        let Some(dir) = dir else {
            return Ok(vec![None; names.len()]);
        };
        let tree = raw::tree(self.odb, dir)?;
        Ok(names
            .iter()
            .map(|n| find(tree.data(), &format!("{n}.ron")).map(|(o, _)| o))
            .collect())
    }

    fn initiative(&mut self, dir: Option<Oid>) -> Result<Option<(String, Oid)>, StoreError> {
        let Some(dir) = dir else { return Ok(None) };
        let tree = raw::tree(self.odb, dir)?;
        for silo in entries(tree.data()).filter(|e| e.is_tree) {
            let blob = match self.silo_cache.get(&silo.oid) {
                Some(b) => *b,
                None => {
                    let t = raw::tree(self.odb, silo.oid)?;
                    let b = find(t.data(), &self.file).map(|(o, _)| o);
                    self.silo_cache.insert(silo.oid, b);
                    b
                }
            };
            if let Some(b) = blob {
                return Ok(Some((String::from_utf8_lossy(silo.name).into_owned(), b)));
            }
        }
        Ok(None)
    }

    /// Every silo folder holding the initiative's file, keyed as git orders tree entries
    /// (the folder's name and a `/`), so the first is the one [`Walker::initiative`] finds.
    fn silos(&mut self, dir: Option<Oid>) -> Result<BTreeMap<Vec<u8>, Oid>, StoreError> {
        let mut out = BTreeMap::new();
        let Some(dir) = dir else { return Ok(out) };
        let tree = raw::tree(self.odb, dir)?;
        for silo in entries(tree.data()).filter(|e| e.is_tree) {
            let t = raw::tree(self.odb, silo.oid)?;
            if let Some((blob, false)) = find(t.data(), &self.file) {
                let mut key = silo.name.to_vec();
                key.push(b'/');
                out.insert(key, blob);
            }
        }
        Ok(out)
    }

    /// The followed ids at a commit whose root tree is `root`, reusing `newer` where a
    /// subtree did not change.
    fn seen(&mut self, root: Oid, newer: &Seen) -> Result<Seen, StoreError> {
        if newer.root == Some(root) {
            return Ok(newer.clone());
        }
        let root_tree = raw::tree(self.odb, root)?;
        let forum_tree = match find(root_tree.data(), FORUMS) {
            Some((oid, true)) => {
                let t = raw::tree(self.odb, oid)?;
                find(t.data(), self.forum)
                    .filter(|(_, d)| *d)
                    .map(|(o, _)| o)
            }
            _ => None,
        };
        if forum_tree.is_some() && forum_tree == newer.forum_tree {
            return Ok(Seen {
                root: Some(root),
                ..newer.clone()
            });
        }
        let mut s = Seen {
            root: Some(root),
            forum_tree,
            ..Seen::default()
        };
        let Some(ft) = forum_tree else {
            s.cards = vec![None; self.follow.cards.len()];
            s.evidence = vec![None; self.follow.evidence.len()];
            s.priorities = vec![None; self.follow.priorities.len()];
            return Ok(s);
        };
        let tree = raw::tree(self.odb, ft)?;
        let data = tree.data();
        let file = |name: &str| find(data, name).filter(|(_, d)| !d).map(|(o, _)| o);
        let dir = |name: &str| find(data, name).filter(|(_, d)| *d).map(|(o, _)| o);
        s.forum_ron = file("forum.ron");
        s.ranking = file("ranking.ron");
        s.allocation = file("allocation.ron");
        s.initiatives_tree = dir("initiatives");
        s.scores_tree = dir("scores");
        s.evidence_tree = dir("evidence");
        s.priorities_tree = dir("priorities");
        drop(tree);
        s.initiative =
            if s.initiatives_tree.is_some() && s.initiatives_tree == newer.initiatives_tree {
                newer.initiative.clone()
            } else {
                self.initiative(s.initiatives_tree)?
            };
        s.cards = if s.scores_tree.is_some() && s.scores_tree == newer.scores_tree {
            newer.cards.clone()
        } else {
            self.files(s.scores_tree, &self.follow.cards)?
        };
        s.evidence = if s.evidence_tree.is_some() && s.evidence_tree == newer.evidence_tree {
            newer.evidence.clone()
        } else {
            self.files(s.evidence_tree, &self.follow.evidence)?
        };
        s.priorities = if s.priorities_tree.is_some() && s.priorities_tree == newer.priorities_tree
        {
            newer.priorities.clone()
        } else {
            self.files(s.priorities_tree, &self.follow.priorities)?
        };
        Ok(s)
    }

    fn phase(&mut self, blob: Option<Oid>) -> Result<Option<String>, StoreError> {
        let Some(blob) = blob else { return Ok(None) };
        if let Some(p) = self.phase_cache.get(&blob) {
            return Ok(p.clone());
        }
        let object = self.odb.read(blob)?;
        let phase = phase_word(object.data()).or_else(|| {
            match decode(
                "forum.ron",
                crate::domain::snapshot::RecordKind::Forum,
                object.data(),
            ) {
                Ok(AnyRecord::Forum(f)) => Some(f.phase.name().to_string()),
                _ => None,
            }
        });
        self.phase_cache.insert(blob, phase.clone());
        Ok(phase)
    }

    fn row(&self, blob: Option<Oid>) -> Result<Option<Vec<u8>>, StoreError> {
        let Some(b) = blob else { return Ok(None) };
        if let Some(row) = self.rows.0.borrow().get(&b) {
            return Ok(row.clone());
        }
        let row = score_row(self.odb.read(b)?.data(), &self.follow.initiative);
        self.rows.0.borrow_mut().insert(b, row.clone());
        Ok(row)
    }
}

fn locked_phase(p: Option<&str>) -> bool {
    p.and_then(crate::domain::records::Phase::parse)
        .is_some_and(|p| p > crate::domain::records::Phase::Ranking)
}

/// Walks the first-parent history from `tip` (newest first) and finds the commits.
pub fn walk(odb: &Odb<'_>, forum: &str, tip: Oid, follow: &Follow) -> Result<Found, StoreError> {
    let rows = Rows::default();
    let mut w = Walker::new(odb, forum, follow, &rows);
    let mut found = Found::default();
    let mut commit = Some(tip);
    let mut newer: Option<(Oid, Seen)> = None;
    let mut tip_rows: Vec<Option<Vec<u8>>> = Vec::new();
    // Per followed thing: still looking? (Set from what is in force at the tip.)
    let mut l = Looking::all(follow);
    while let Some(oid) = commit {
        found.walked += 1;
        let h = header(odb, oid)?;
        let empty = Seen::default();
        let here = w.seen(h.tree, newer.as_ref().map_or(&empty, |n| &n.1))?;
        match &newer {
            None => tip_rows = at_tip(&mut w, &here, &mut l)?,
            Some((n_oid, n)) if n.forum_tree != here.forum_tree => {
                compare(&mut w, &mut found, *n_oid, n, &here, &mut l)?;
            }
            Some(_) => {}
        }
        if l.done() {
            break;
        }
        newer = Some((oid, here));
        commit = h.parents.first().copied();
    }
    // The root commit introduced whatever it holds.
    if commit.is_none()
        && let Some((oid, n)) = &newer
    {
        let none = Seen {
            cards: vec![None; follow.cards.len()],
            evidence: vec![None; follow.evidence.len()],
            priorities: vec![None; follow.priorities.len()],
            ..Seen::default()
        };
        compare(&mut w, &mut found, *oid, n, &none, &mut l)?;
    }
    in_force(&w, &l, &tip_rows, &mut found)?;
    Ok(found)
}

/// At the tip, what is in force decides what to look for; returns the initiative's row on
/// each followed card there.
fn at_tip(
    w: &mut Walker<'_, '_>,
    here: &Seen,
    l: &mut Looking,
) -> Result<Vec<Option<Vec<u8>>>, StoreError> {
    l.initiative = here.initiative.is_some();
    l.ranked = here.ranking.is_some();
    l.alloc = here.allocation.is_some();
    l.lock = locked_phase(w.phase(here.forum_ron)?.as_deref());
    let tip_rows = here
        .cards
        .iter()
        .map(|blob| w.row(*blob))
        .collect::<Result<Vec<_>, _>>()?;
    l.cards = tip_rows.iter().map(Option::is_some).collect();
    for (i, e) in here.evidence.iter().enumerate() {
        l.ev[i] = e.is_some();
    }
    for (i, p) in here.priorities.iter().enumerate() {
        l.pr[i] = p.is_some();
    }
    Ok(tip_rows)
}

/// Per followed card, the commit that set the tip's row, from the versions the walk listed.
fn in_force(
    w: &Walker<'_, '_>,
    l: &Looking,
    tip_rows: &[Option<Vec<u8>>],
    found: &mut Found,
) -> Result<(), StoreError> {
    for (i, list) in l.versions.iter().enumerate() {
        let tip_row = tip_rows.get(i).cloned().flatten();
        if tip_row.is_some()
            && let Some(at) = set_in_force(w, list, tip_row.as_deref())?
        {
            found.cards.insert(w.follow.cards[i].clone(), at);
        }
    }
    Ok(())
}

/// [`walk`] from the forum's history index ([`Index`]): the same answers, but only the
/// commits that changed the forum are looked at, and the only trees read are the tip's. The
/// followed files are taken back commit by commit by undoing each change (its blob before).
/// A `tip` the index does not hold is walked as [`walk`] does. Rows of the initiative are
/// read through `rows`.
pub fn walk_indexed(
    odb: &Odb<'_>,
    forum: &str,
    tip: Oid,
    follow: &Follow,
    index: &Index,
    rows: &Rows,
) -> Result<Found, StoreError> {
    let Some(start) = index.position(tip) else {
        return walk(odb, forum, tip, follow);
    };
    let mut w = Walker::new(odb, forum, follow, rows);
    let mut found = Found::default();
    let mut newer = w.seen(header(odb, tip)?.tree, &Seen::default())?;
    let mut l = Looking::all(follow);
    let tip_rows = at_tip(&mut w, &newer, &mut l)?;
    let mut silos = w.silos(newer.initiatives_tree)?;
    let mut last = None;
    let mut done = l.done();
    if !done {
        for (at, group) in index.changes_from(start) {
            let mut older = newer.clone();
            for change in group {
                undo(
                    &mut older,
                    &mut silos,
                    &index.paths[change.path as usize],
                    change,
                    &w,
                );
            }
            older.initiative = silos.iter().next().map(|(key, blob)| {
                (
                    String::from_utf8_lossy(&key[..key.len() - 1]).into_owned(),
                    *blob,
                )
            });
            compare(
                &mut w,
                &mut found,
                index.commits[at],
                &newer,
                &older,
                &mut l,
            )?;
            newer = older;
            last = Some(at);
            if l.done() {
                done = true;
                break;
            }
        }
    }
    // The walk reads a commit's parent to see what the commit changed: it has read one
    // commit past the last change it needed (none past the root).
    found.walked = match (done, last) {
        (false, _) => index.commits.len() - start,
        (true, None) => 1,
        (true, Some(at)) => (at + 2).min(index.commits.len()) - start,
    };
    in_force(&w, &l, &tip_rows, &mut found)?;
    Ok(found)
}

/// Takes the followed files of `seen` back over one change (to the blob before it).
fn undo(
    seen: &mut Seen,
    silos: &mut BTreeMap<Vec<u8>, Oid>,
    path: &str,
    change: &Change,
    w: &Walker<'_, '_>,
) {
    let before = change.old;
    let named = |list: &[String], dir: &str| -> Option<usize> {
        let stem = path.strip_prefix(dir)?.strip_suffix(".ron")?;
        list.iter().position(|x| x == stem)
    };
    match path {
        "forum.ron" => seen.forum_ron = before,
        "ranking.ron" => seen.ranking = before,
        "allocation.ron" => seen.allocation = before,
        _ => {
            if let Some(rest) = path.strip_prefix("initiatives/")
                && let Some((silo, file)) = rest.split_once('/')
                && file == w.file
            {
                let mut key = silo.as_bytes().to_vec();
                key.push(b'/');
                match before {
                    Some(blob) => silos.insert(key, blob),
                    None => silos.remove(&key),
                };
            } else if let Some(i) = named(&w.follow.cards, "scores/") {
                seen.cards[i] = before;
            } else if let Some(i) = named(&w.follow.evidence, "evidence/") {
                seen.evidence[i] = before;
            } else if let Some(i) = named(&w.follow.priorities, "priorities/") {
                seen.priorities[i] = before;
            }
        }
    }
}
