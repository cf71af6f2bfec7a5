//! Comparing two neighbouring commits of the walk, and the bisection over a scorecard's versions.

use super::{Found, Seen, Walker, locked_phase};
use crate::store::error::StoreError;
use git2::Oid;

/// The commit that set the row now in force, among a card's versions (newest first): the
/// newest version whose older neighbour holds another row. Found by galloping back from
/// the newest and bisecting, so a card with thousands of versions costs a dozen reads;
/// if a row went back to an earlier value (A → B → A), the commit named may be an earlier
/// one that set the same scores.
pub(super) fn set_in_force(
    w: &Walker<'_, '_>,
    list: &[(Oid, Oid)],
    tip_row: Option<&[u8]>,
) -> Result<Option<Oid>, StoreError> {
    let same = |k: usize| -> Result<bool, StoreError> {
        Ok(match list.get(k) {
            Some((_, blob)) => w.row(Some(*blob))?.as_deref() == tip_row,
            None => false,
        })
    };
    if list.is_empty() {
        return Ok(None);
    }
    // Invariant: version `lo` holds the tip's row; version `hi` does not (or is past the end).
    let (mut lo, mut step) = (0usize, 1usize);
    let mut hi = loop {
        let probe = lo + step;
        if probe >= list.len() || !same(probe)? {
            break probe.min(list.len());
        }
        lo = probe;
        step *= 2;
    };
    while hi - lo > 1 {
        let mid = lo + (hi - lo) / 2;
        if same(mid)? {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    Ok(list.get(lo).map(|(commit, _)| *commit))
}

/// What the walk still looks for, per followed thing, and the versions of each card found.
pub(super) struct Looking {
    pub(super) initiative: bool,
    pub(super) ranked: bool,
    pub(super) alloc: bool,
    pub(super) lock: bool,
    pub(super) cards: Vec<bool>,
    /// Per card: (commit, blob) of each version, newest first, back to its first commit.
    pub(super) versions: Vec<Vec<(Oid, Oid)>>,
    pub(super) ev: Vec<bool>,
    pub(super) pr: Vec<bool>,
}

impl Looking {
    /// Looking for everything `follow` names (the tip then says what is in force).
    pub(super) fn all(follow: &super::Follow) -> Self {
        Looking {
            initiative: true,
            ranked: true,
            alloc: true,
            lock: true,
            cards: Vec::new(),
            versions: vec![Vec::new(); follow.cards.len()],
            ev: vec![true; follow.evidence.len()],
            pr: vec![true; follow.priorities.len()],
        }
    }

    /// True when every question has its commit: the walk can stop.
    pub(super) fn done(&self) -> bool {
        !self.initiative
            && !self.ranked
            && !self.alloc
            && !self.lock
            && self.cards.iter().all(|l| !l)
            && self.ev.iter().all(|l| !l)
            && self.pr.iter().all(|l| !l)
    }
}

/// Attributes every difference between `newer` and the commit before it (`older`) to the
/// newer commit.
pub(super) fn compare(
    w: &mut Walker<'_, '_>,
    found: &mut Found,
    at: Oid,
    newer: &Seen,
    older: &Seen,
    l: &mut Looking,
) -> Result<(), StoreError> {
    if l.initiative && newer.initiative != older.initiative {
        match (&newer.initiative, &older.initiative) {
            (Some(_), None) => {
                found.introduced = Some(at);
                l.initiative = false;
            }
            (Some((to, _)), Some((from, _))) => {
                let moved = (from != to).then(|| (from.clone(), to.clone()));
                found.changes.push((at, moved));
            }
            _ => l.initiative = false,
        }
    }
    if l.ranked && newer.ranking != older.ranking {
        found.ranked = Some(at);
        l.ranked = false;
    }
    if l.alloc && newer.allocation != older.allocation {
        found.allocated = Some(at);
        l.alloc = false;
    }
    if l.lock && newer.forum_ron != older.forum_ron {
        let before = w.phase(older.forum_ron)?;
        if !locked_phase(before.as_deref()) {
            found.locked = Some(at);
            l.lock = false;
        }
    }
    for (i, looking) in l.cards.iter_mut().enumerate() {
        let (n, o) = (
            newer.cards.get(i).copied().flatten(),
            older.cards.get(i).copied().flatten(),
        );
        if *looking
            && n != o
            && let (Some(blob), Some(list)) = (n, l.versions.get_mut(i))
        {
            list.push((at, blob));
            *looking = o.is_some();
        }
    }
    for (i, looking) in l.ev.iter_mut().enumerate() {
        let (n, o) = (
            newer.evidence.get(i).copied().flatten(),
            older.evidence.get(i).copied().flatten(),
        );
        if *looking && n != o {
            found
                .evidence
                .entry(w.follow.evidence[i].clone())
                .or_default()
                .push(at);
            *looking = o.is_some();
        }
    }
    for (i, looking) in l.pr.iter_mut().enumerate() {
        let (n, o) = (
            newer.priorities.get(i).copied().flatten(),
            older.priorities.get(i).copied().flatten(),
        );
        if *looking && n != o {
            found
                .priorities
                .entry(w.follow.priorities[i].clone())
                .or_default()
                .push(at);
            *looking = o.is_some();
        }
    }
    Ok(())
}
