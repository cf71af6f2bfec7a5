//! Judging a decision on the forum the caller already holds, instead of reading it again.
//!
//! The held forum must be the one at the branch tip. Only the changed files are decoded; the
//! new records are swapped into the held snapshot (the old ones kept, to undo), validation
//! runs on the records the change can reach ([`reach`]), and the gates judge a
//! [`Change`] built from the old records. Every answer — refusal, message, the forum after —
//! is what the whole path (`decide::prepare`, which reads every file) gives; whenever that
//! cannot be guaranteed cheaply (a broken record held, a file that does not decode, an
//! initiative moving between silos, a reorganisation) the caller takes the whole path.

mod reach;
#[cfg(test)]
mod tests;

#[cfg(test)]
thread_local! {
    /// How many decisions took the held path on this thread (tests only).
    static TAKEN: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

use super::Decision;
use crate::domain::phase::{Change, DecisionKind, Move, Violation, judge_change};
use crate::domain::records::{Allocation, Forum, Member, Ranking};
use crate::domain::snapshot::{Proposal, RecordKind, RecordRef, Snapshot};
use crate::domain::validate::validate_scoped;
use crate::store::decode::AnyRecord;
use crate::store::layout::Place;
use crate::store::problem::Problem;
use crate::store::repo::{Decoded, Loaded, decode_file};
use crate::store::source::RawFile;

/// One changed file: where it lives, the record there before and after.
pub(super) struct Swap {
    path: String,
    record: RecordRef,
    old: Option<AnyRecord>,
    new: Option<AnyRecord>,
    old_bytes: Option<Vec<u8>>,
}

/// What a decision did to the held forum, so it can be undone.
pub(super) struct Applied {
    swaps: Vec<Swap>,
    problems: Vec<Problem>,
    /// Broken gates.
    pub violations: Vec<Violation>,
    /// The forum after is the forum before (no record changed).
    pub unchanged: bool,
}

impl Applied {
    /// Puts the held forum back as it was.
    pub fn undo(self, held: &mut Loaded) {
        held.problems = self.problems;
        for swap in self.swaps.into_iter().rev() {
            put(&mut held.snapshot, &swap.record, swap.old);
            match swap.old_bytes {
                Some(bytes) => held.sources.insert(swap.path, bytes),
                None => held.sources.remove(&swap.path),
            };
        }
    }

    /// The deciding member, after the decision or else before it.
    pub fn member<'a>(&'a self, after: &'a Snapshot, id: &str) -> Option<&'a Member> {
        after.member(id).or_else(|| {
            self.old_forum()
                .and_then(|f| f.members.iter().find(|m| m.id == id))
        })
    }

    /// The forum's settings before the decision, when it changed forum.ron.
    pub fn old_forum(&self) -> Option<&Forum> {
        self.swaps.iter().find_map(|s| match &s.old {
            Some(AnyRecord::Forum(f)) => Some(f),
            _ => None,
        })
    }
}

/// Applies the decision to `held` (loaded at the branch tip) and judges it; `None` when this
/// decision must take the whole path (`held` is then untouched).
pub(super) fn apply(held: &mut Loaded, decision: &Decision) -> Option<Applied> {
    if decision.kind == DecisionKind::Reorg
        || held.snapshot.id != decision.forum
        || records_in(&held.snapshot) != held.sources.len()
    {
        return None;
    }
    let decoded = decode_changes(held, decision)?;
    let reach = reach::before(&held.snapshot, &held.problems, &decoded);
    let mut swaps = Vec::with_capacity(decoded.len());
    for (path, record, new, bytes) in decoded {
        let old = put(&mut held.snapshot, &record, new.clone());
        let old_bytes = match bytes {
            Some(b) => held.sources.insert(path.clone(), b),
            None => held.sources.remove(&path),
        };
        swaps.push(Swap {
            path,
            record,
            old,
            new,
            old_bytes,
        });
    }
    let scope = reach.after(&held.snapshot, &swaps);
    let findings = validate_scoped(&held.snapshot, &[], &scope);
    let mut problems: Vec<Problem> = held
        .problems
        .iter()
        .filter(|p| !reach::is_in(&scope, held, &swaps, &p.path))
        .cloned()
        .collect();
    problems.extend(crate::store::locate::locate_all(
        &held.snapshot.id,
        &findings,
        &held.sources,
    ));
    problems.sort();
    problems.dedup();
    let problems = std::mem::replace(&mut held.problems, problems);
    let unchanged = swaps.iter().all(|s| s.old == s.new);
    let violations = judge(&swaps, &held.snapshot, decision);
    #[cfg(test)]
    TAKEN.with(|t| t.set(t.get() + 1));
    Some(Applied {
        swaps,
        problems,
        violations,
        unchanged,
    })
}

/// Judges the transition from the old records to the held snapshot, as `judge` would.
fn judge(swaps: &[Swap], after: &Snapshot, decision: &Decision) -> Vec<Violation> {
    let old = |kind: RecordKind| swaps.iter().find(|s| s.record.kind == kind);
    let forum = match old(RecordKind::Forum).and_then(|s| s.old.as_ref()) {
        Some(AnyRecord::Forum(f)) => f,
        _ => &after.forum,
    };
    let ranking: Option<&Ranking> = match old(RecordKind::Ranking) {
        Some(s) => match &s.old {
            Some(AnyRecord::Ranking(r)) => Some(r),
            _ => None,
        },
        None => after.ranking.as_ref(),
    };
    let allocation: Option<&Allocation> = match old(RecordKind::Allocation) {
        Some(s) => match &s.old {
            Some(AnyRecord::Allocation(a)) => Some(a),
            _ => None,
        },
        None => after.allocation.as_ref(),
    };
    let of_kind = |kind| swaps.iter().filter(move |s| s.record.kind == kind);
    let mut arrived: Vec<&str> = of_kind(RecordKind::Initiative)
        .filter(|s| s.old.is_none() && s.new.is_some())
        .map(|s| s.record.id.as_str())
        .collect();
    arrived.sort_unstable();
    arrived.dedup();
    let change = Change {
        forum,
        ranking,
        allocation,
        priorities_came_or_went: of_kind(RecordKind::Priority)
            .any(|s| s.old.is_some() != s.new.is_some()),
        scorecards_changed: of_kind(RecordKind::Scorecard).any(|s| s.old != s.new),
        arrived,
    };
    let mut violations = judge_change(
        &change,
        after,
        Move {
            kind: Some(decision.kind),
            reason: &decision.reason,
        },
    );
    // The authority reads, of the forum before: its settings, the allocation, the changed
    // initiatives and (for a ranking's quorum) the ballots, which no such decision changes.
    let mut before = Snapshot::new(after.id.clone(), forum.clone());
    before.allocation = allocation.cloned();
    if decision.kind == DecisionKind::Rank {
        before.ballots = after.ballots.clone();
    }
    for s in of_kind(RecordKind::Initiative) {
        if let Some(AnyRecord::Initiative(p)) = &s.old {
            before.initiatives.insert(
                s.record.id.clone(),
                Proposal {
                    silo: s.record.silo.clone().unwrap_or_default(),
                    initiative: p.clone(),
                },
            );
        }
    }
    // And the changed endorsements and delivery records as they were (their history counts).
    for s in swaps {
        match &s.old {
            Some(AnyRecord::Endorsement(e)) => {
                before.endorsements.insert(s.record.id.clone(), e.clone());
            }
            Some(AnyRecord::Delivery(d)) => {
                before.delivery.insert(s.record.id.clone(), d.clone());
            }
            Some(AnyRecord::Readings(r)) => {
                before.readings.insert(s.record.id.clone(), r.clone());
            }
            Some(AnyRecord::Spend(r)) => {
                before.spend.insert(s.record.id.clone(), r.clone());
            }
            Some(AnyRecord::Review(r)) => {
                before.reviews.insert(s.record.id.clone(), r.clone());
            }
            _ => {}
        }
    }
    let changed: Vec<RecordRef> = swaps.iter().map(|s| s.record.clone()).collect();
    violations.extend(super::authority_of(
        Some(&before),
        after,
        &changed,
        decision,
    ));
    violations
}

/// A changed file decoded: its path, its record, the new record and bytes (`None`: deleted).
type Changed = (String, RecordRef, Option<AnyRecord>, Option<Vec<u8>>);

/// The changed files decoded, in path order; `None` when one of them needs the whole path.
fn decode_changes(held: &Loaded, decision: &Decision) -> Option<Vec<Changed>> {
    let mut out = Vec::with_capacity(decision.changes.len());
    for (path, bytes) in &decision.changes {
        // A path the listing had a problem with (a symlink, a huge blob) stays the whole
        // path's business: it keeps that problem beside the new file.
        if !held.sources.contains_key(path) && held.problems.iter().any(|p| &p.path == path) {
            return None;
        }
        let record = match crate::store::layout::classify(path) {
            Place::Record { forum, record } if forum == decision.forum => record,
            _ => return None,
        };
        let new = match bytes {
            None if record.kind == RecordKind::Forum => return None,
            None => None,
            Some(bytes) => match decode_file(RawFile {
                path: path.clone(),
                bytes: bytes.clone(),
            }) {
                Decoded::Record {
                    decoded: Ok(any), ..
                } => Some(any),
                _ => return None,
            },
        };
        if record.kind == RecordKind::Initiative {
            // An id held in another silo folder (a move, or a clash the whole path reports).
            let elsewhere = held
                .snapshot
                .initiatives
                .get(&record.id)
                .is_some_and(|p| Some(&p.silo) != record.silo.as_ref());
            let twice = out.iter().any(|(_, r, _, _): &Changed| {
                r.kind == RecordKind::Initiative && r.id == record.id
            });
            if elsewhere || twice {
                return None;
            }
        }
        out.push((path.clone(), record, new, bytes.clone()));
    }
    Some(out)
}

/// How many records a snapshot holds (as many as files read when none was broken).
fn records_in(s: &Snapshot) -> usize {
    1 + s.silos.len()
        + s.evidence.len()
        + s.priorities.len()
        + s.ballots.len()
        + usize::from(s.ranking.is_some())
        + s.initiatives.len()
        + s.scorecards.len()
        + usize::from(s.allocation.is_some())
}

/// Puts a record into its place in the snapshot (or removes it) and returns what was there.
fn put(s: &mut Snapshot, record: &RecordRef, value: Option<AnyRecord>) -> Option<AnyRecord> {
    let id = record.id.clone();
    match (record.kind, value) {
        (RecordKind::Forum, Some(AnyRecord::Forum(f))) => {
            Some(AnyRecord::Forum(std::mem::replace(&mut s.forum, f)))
        }
        (RecordKind::Forum, _) => None,
        (RecordKind::Ranking, v) => {
            let new = match v {
                Some(AnyRecord::Ranking(r)) => Some(r),
                _ => None,
            };
            std::mem::replace(&mut s.ranking, new).map(AnyRecord::Ranking)
        }
        (RecordKind::Allocation, v) => {
            let new = match v {
                Some(AnyRecord::Allocation(a)) => Some(a),
                _ => None,
            };
            std::mem::replace(&mut s.allocation, new).map(AnyRecord::Allocation)
        }
        (RecordKind::Silo, v) => swap_in(&mut s.silos, id, v, |a| match a {
            AnyRecord::Silo(r) => Some(r),
            _ => None,
        })
        .map(AnyRecord::Silo),
        (RecordKind::Evidence, v) => swap_in(&mut s.evidence, id, v, |a| match a {
            AnyRecord::Evidence(r) => Some(r),
            _ => None,
        })
        .map(AnyRecord::Evidence),
        (RecordKind::Priority, v) => swap_in(&mut s.priorities, id, v, |a| match a {
            AnyRecord::Priority(r) => Some(r),
            _ => None,
        })
        .map(AnyRecord::Priority),
        (RecordKind::Ballot, v) => swap_in(&mut s.ballots, id, v, |a| match a {
            AnyRecord::Ballot(r) => Some(r),
            _ => None,
        })
        .map(AnyRecord::Ballot),
        (RecordKind::Action, v) => swap_in(&mut s.actions, id, v, |a| match a {
            AnyRecord::Action(r) => Some(r),
            _ => None,
        })
        .map(AnyRecord::Action),
        (RecordKind::Endorsement, v) => swap_in(&mut s.endorsements, id, v, |a| match a {
            AnyRecord::Endorsement(r) => Some(r),
            _ => None,
        })
        .map(AnyRecord::Endorsement),
        (RecordKind::Delivery, v) => swap_in(&mut s.delivery, id, v, |a| match a {
            AnyRecord::Delivery(r) => Some(r),
            _ => None,
        })
        .map(AnyRecord::Delivery),
        (RecordKind::Readings, v) => swap_in(&mut s.readings, id, v, |a| match a {
            AnyRecord::Readings(r) => Some(r),
            _ => None,
        })
        .map(AnyRecord::Readings),
        (RecordKind::Spend, v) => swap_in(&mut s.spend, id, v, |a| match a {
            AnyRecord::Spend(r) => Some(r),
            _ => None,
        })
        .map(AnyRecord::Spend),
        (RecordKind::Review, v) => swap_in(&mut s.reviews, id, v, |a| match a {
            AnyRecord::Review(r) => Some(r),
            _ => None,
        })
        .map(AnyRecord::Review),
        (RecordKind::Scorecard, v) => swap_in(&mut s.scorecards, id, v, |a| match a {
            AnyRecord::Scorecard(r) => Some(r),
            _ => None,
        })
        .map(AnyRecord::Scorecard),
        (RecordKind::Initiative, v) => {
            let silo = record.silo.clone().unwrap_or_default();
            swap_in(&mut s.initiatives, id, v, |a| match a {
                AnyRecord::Initiative(initiative) => Some(Proposal { silo, initiative }),
                _ => None,
            })
            .map(|p| AnyRecord::Initiative(p.initiative))
        }
    }
}

fn swap_in<V>(
    map: &mut crate::domain::records::IdMap<V>,
    id: String,
    value: Option<AnyRecord>,
    unwrap: impl FnOnce(AnyRecord) -> Option<V>,
) -> Option<V> {
    match value.and_then(unwrap) {
        Some(v) => map.insert(id, v),
        None => map.remove(&id),
    }
}
