//! The forum before and after one commit, both kept up to date in place.
//!
//! Replaying used to clone the whole snapshot at every commit to judge before against after
//! and to rebuild it from every file whenever `forum.ron` changed. Here two snapshots walk the
//! history side by side: each commit's touched records are put into `after`, the commit is
//! judged, and the same records are put into `before`. Only touched records are decoded
//! (once per blob) and copied. A rebuild from the file list happens only where it could give
//! a different forum than the in-place update: at the start, when `forum.ron` is gone or does
//! not decode, or while two silo folders hold the same initiative id. Scorecards no gate can
//! read yet are put off (see [`Pair::advance`]).

use crate::domain::records::{Forum, Phase};
use crate::domain::snapshot::{Proposal, RecordKind, RecordRef, Snapshot};
use crate::store::decode::{AnyRecord, decode};
use crate::store::layout::{FORUMS, Place, classify};
use git2::Oid;
use std::collections::{BTreeMap, HashMap};

/// One changed path of a commit and its new blob (`None` when deleted).
pub type Touched = (String, Option<Oid>);

/// Parses blobs once per (oid, kind).
#[derive(Default)]
struct Cache {
    parsed: HashMap<(Oid, RecordKind), Option<AnyRecord>>,
}

impl Cache {
    fn get(
        &mut self,
        repo: &git2::Repository,
        oid: Oid,
        path: &str,
        kind: RecordKind,
    ) -> Option<AnyRecord> {
        self.parsed
            .entry((oid, kind))
            .or_insert_with(|| {
                let blob = repo.find_blob(oid).ok()?;
                decode(path, kind, blob.content()).ok()
            })
            .clone()
    }
}

/// The forum's files and its snapshot before and after the commit being judged.
pub struct Pair {
    forum: String,
    cache: Cache,
    files: BTreeMap<String, Oid>,
    /// Initiative id → how many silo folders hold a file for it.
    homes: HashMap<String, usize>,
    /// Initiative ids held by more than one silo folder.
    shared: usize,
    /// True when `after` is what a rebuild from `files` would give (but for the scorecards
    /// put off, which both snapshots lack alike).
    clean: bool,
    /// Scorecard changes put into neither snapshot yet: path → latest blob.
    deferred: BTreeMap<String, Option<Oid>>,
    /// What the last `advance` put into `after` in place, for `settle` to put into `before`.
    applied: Vec<Touched>,
    /// True when the last commit rebuilt `after`: `before` then becomes a copy of it.
    rebuilt: bool,
    pub before: Option<Snapshot>,
    pub after: Option<Snapshot>,
}

impl Pair {
    /// No files yet: no forum.
    pub fn new(forum: &str) -> Self {
        Pair {
            forum: forum.to_string(),
            cache: Cache::default(),
            files: BTreeMap::new(),
            homes: HashMap::new(),
            shared: 0,
            clean: true,
            rebuilt: false,
            deferred: BTreeMap::new(),
            applied: Vec::new(),
            before: None,
            after: None,
        }
    }

    /// Moves `after` to the commit that touched these files (`before` stays where it was),
    /// exactly as a rebuild on every `forum.ron` change and in-place updates otherwise would.
    ///
    /// Scorecards are put off while no gate can read them: from Scoring on, with no
    /// allocation on either side and no reorganisation, a changed scorecard breaks nothing
    /// and moves no rule result, so it is decoded only once a commit needs it.
    pub fn advance(&mut self, git: &git2::Repository, touched: &[Touched], reorg: bool) {
        let shared_before = self.shared;
        for (path, blob) in touched {
            let changed = match blob {
                Some(oid) => self.files.insert(path.clone(), *oid).is_none(),
                None => self.files.remove(path).is_some(),
            };
            if changed {
                self.count_home(path, blob.is_some());
            }
        }
        let unshared = shared_before == 0 && self.shared == 0;
        let rebuild_due =
            self.after.is_none() || touched.iter().any(|(p, _)| p.ends_with("/forum.ron"));
        let in_place = !rebuild_due
            || (self.after.is_some() && self.clean && unshared && self.forum_decodes(git));
        self.rebuilt = !in_place;
        if !in_place {
            self.after = self.rebuild(git);
            self.clean = true;
            // `before` is judged as it stood: with every scorecard put off so far.
            let mut before = self.before.take();
            if let Some(snap) = before.as_mut() {
                self.flush_into(git, snap);
            }
            self.before = before;
            self.deferred.clear();
            return;
        }
        self.clean = self.clean && unshared;
        let (cards, rest): (Vec<Touched>, Vec<Touched>) =
            touched.iter().cloned().partition(|(p, _)| is_card(p));
        let mut after = self.after.take();
        if let Some(snap) = after.as_mut() {
            self.apply_all(git, snap, &rest);
        }
        let unread = |s: &Snapshot| s.forum.phase >= Phase::Scoring && s.allocation.is_none();
        let defer = !reorg
            && after.as_ref().is_some_and(unread)
            && self.before.as_ref().is_some_and(|b| b.allocation.is_none());
        self.applied = rest;
        if defer {
            self.deferred.extend(cards);
        } else {
            let mut before = self.before.take();
            for snap in [before.as_mut(), after.as_mut()].into_iter().flatten() {
                self.flush_into(git, snap);
            }
            self.before = before;
            self.deferred.clear();
            if let Some(snap) = after.as_mut() {
                self.apply_all(git, snap, &cards);
            }
            self.applied.extend(cards);
        }
        self.after = after;
    }

    /// Moves `before` to where `after` is, once the commit has been judged.
    pub fn settle(&mut self, git: &git2::Repository) {
        let in_step = self.before.is_some() && self.after.is_some();
        let mut before = self.before.take();
        match before.as_mut() {
            Some(snap) if in_step && !self.rebuilt => {
                let applied = std::mem::take(&mut self.applied);
                self.apply_all(git, snap, &applied);
            }
            _ => before = self.after.clone(),
        }
        self.before = before;
    }

    /// Puts the scorecards put off so far into `snap` (the latest blob of each).
    fn flush_into(&mut self, git: &git2::Repository, snap: &mut Snapshot) {
        let deferred: Vec<Touched> = self.deferred.iter().map(|(p, b)| (p.clone(), *b)).collect();
        for (path, blob) in deferred {
            self.apply(git, snap, &path, blob);
        }
    }

    fn count_home(&mut self, path: &str, added: bool) {
        let Place::Record { record, .. } = classify(path) else {
            return;
        };
        if record.kind != RecordKind::Initiative {
            return;
        }
        let count = self.homes.entry(record.id).or_default();
        if added {
            *count += 1;
            if *count == 2 {
                self.shared += 1;
            }
        } else {
            if *count == 2 {
                self.shared -= 1;
            }
            *count = count.saturating_sub(1);
        }
    }

    fn forum_decodes(&mut self, git: &git2::Repository) -> bool {
        let path = format!("{FORUMS}/{}/forum.ron", self.forum);
        let Some(oid) = self.files.get(&path).copied() else {
            return false;
        };
        matches!(
            self.cache.get(git, oid, &path, RecordKind::Forum),
            Some(AnyRecord::Forum(_))
        )
    }

    /// Deletions first: an initiative moved to another silo's folder is removed from the
    /// old one before it is put in the new one.
    fn apply_all(&mut self, git: &git2::Repository, snap: &mut Snapshot, touched: &[Touched]) {
        let (gone, kept): (Vec<_>, Vec<_>) = touched.iter().partition(|(_, b)| b.is_none());
        for (path, blob) in gone.into_iter().chain(kept) {
            self.apply(git, snap, path, *blob);
        }
    }

    fn rebuild(&mut self, git: &git2::Repository) -> Option<Snapshot> {
        let path = format!("{FORUMS}/{}/forum.ron", self.forum);
        let oid = *self.files.get(&path)?;
        let Some(AnyRecord::Forum(f)) = self.cache.get(git, oid, &path, RecordKind::Forum) else {
            return None;
        };
        let mut snap = Snapshot::new(self.forum.clone(), Forum::clone(&f));
        let files: Vec<(String, Oid)> = self.files.iter().map(|(p, o)| (p.clone(), *o)).collect();
        for (path, oid) in files {
            self.apply(git, &mut snap, &path, Some(oid));
        }
        Some(snap)
    }

    fn apply(
        &mut self,
        git: &git2::Repository,
        snap: &mut Snapshot,
        path: &str,
        blob: Option<Oid>,
    ) {
        let Place::Record { record, .. } = classify(path) else {
            return;
        };
        let parsed = blob.and_then(|oid| self.cache.get(git, oid, path, record.kind));
        put(snap, &record, parsed);
    }
}

fn is_card(path: &str) -> bool {
    matches!(classify(path), Place::Record { record, .. } if record.kind == RecordKind::Scorecard)
}

/// Puts one record into a snapshot (`None` removes it), as `repo::assemble` would.
fn put(snap: &mut Snapshot, record: &RecordRef, value: Option<AnyRecord>) {
    let id = record.id.clone();
    match (record.kind, value) {
        (RecordKind::Forum, Some(AnyRecord::Forum(f))) => snap.forum = f,
        (RecordKind::Silo, Some(AnyRecord::Silo(r))) => {
            snap.silos.insert(id, r);
        }
        (RecordKind::Evidence, Some(AnyRecord::Evidence(r))) => {
            snap.evidence.insert(id, r);
        }
        (RecordKind::Priority, Some(AnyRecord::Priority(r))) => {
            snap.priorities.insert(id, r);
        }
        (RecordKind::Ballot, Some(AnyRecord::Ballot(r))) => {
            snap.ballots.insert(id, r);
        }
        (RecordKind::Scorecard, Some(AnyRecord::Scorecard(r))) => {
            snap.scorecards.insert(id, r);
        }
        (RecordKind::Action, Some(AnyRecord::Action(r))) => {
            snap.actions.insert(id, r);
        }
        (RecordKind::Endorsement, Some(AnyRecord::Endorsement(r))) => {
            snap.endorsements.insert(id, r);
        }
        (RecordKind::Delivery, Some(AnyRecord::Delivery(r))) => {
            snap.delivery.insert(id, r);
        }
        (RecordKind::Readings, Some(AnyRecord::Readings(r))) => {
            snap.readings.insert(id, r);
        }
        (RecordKind::Spend, Some(AnyRecord::Spend(r))) => {
            snap.spend.insert(id, r);
        }
        (RecordKind::Review, Some(AnyRecord::Review(r))) => {
            snap.reviews.insert(id, r);
        }
        (RecordKind::Ranking, Some(AnyRecord::Ranking(r))) => snap.ranking = Some(r),
        (RecordKind::Allocation, Some(AnyRecord::Allocation(r))) => snap.allocation = Some(r),
        (RecordKind::Initiative, Some(AnyRecord::Initiative(r))) => {
            let silo = record.silo.clone().unwrap_or_default();
            let taken = snap.initiatives.get(&id).is_some_and(|p| p.silo != silo);
            if !taken {
                snap.initiatives.insert(
                    id,
                    Proposal {
                        silo,
                        initiative: r,
                    },
                );
            }
        }
        (RecordKind::Forum, _) => {}
        (RecordKind::Silo, _) => {
            snap.silos.remove(&id);
        }
        (RecordKind::Evidence, _) => {
            snap.evidence.remove(&id);
        }
        (RecordKind::Priority, _) => {
            snap.priorities.remove(&id);
        }
        (RecordKind::Ballot, _) => {
            snap.ballots.remove(&id);
        }
        (RecordKind::Scorecard, _) => {
            snap.scorecards.remove(&id);
        }
        (RecordKind::Action, _) => {
            snap.actions.remove(&id);
        }
        (RecordKind::Endorsement, _) => {
            snap.endorsements.remove(&id);
        }
        (RecordKind::Delivery, _) => {
            snap.delivery.remove(&id);
        }
        (RecordKind::Readings, _) => {
            snap.readings.remove(&id);
        }
        (RecordKind::Spend, _) => {
            snap.spend.remove(&id);
        }
        (RecordKind::Review, _) => {
            snap.reviews.remove(&id);
        }
        (RecordKind::Ranking, _) => snap.ranking = None,
        (RecordKind::Allocation, _) => snap.allocation = None,
        (RecordKind::Initiative, _) => {
            let silo = record.silo.as_deref().unwrap_or_default();
            if snap.initiatives.get(&id).is_some_and(|p| p.silo == silo) {
                snap.initiatives.remove(&id);
            }
        }
    }
}
