//! Which records' findings a change can alter: those are validated again, the others keep
//! the findings they had.
//!
//! A finding on a record depends on that record and on a few facts about others (see
//! `domain::validate`): the ids that exist (references and their "did you mean" hints), the
//! forum's settings, an initiative's cost, dependencies and mandatory flag (the allocation's
//! rules, alternatives, cycles), the phase (which records it allows). A change reaches:
//!
//! - always the changed records themselves;
//! - forum.ron: with only the budget changed, the allocation; with the phase, the ranking,
//!   the allocation and every scorecard; any other setting, every record;
//! - a silo: the allocation (caps); a silo that comes or goes, every record;
//! - evidence that comes or goes: every priority (their references);
//! - a priority that comes or goes: every record;
//! - the ranking: the forum (a phase past Ranking needs one) and every priority (which are
//!   ranked decides the one-silo warnings);
//! - an initiative: the allocation and the priorities it addresses, before and after (who
//!   serves them); with its contributions changed, the scorecards that score it (recusal); with its mandatory flag changed, the initiatives that
//!   exclude it; with its dependencies changed, every initiative on a cycle before or after;
//!   one that comes or goes, also every record that names it or had a reference to a missing
//!   initiative (their findings and hints name the ids that exist), and the cycles;
//! - ballots, scorecards and the allocation reach nothing else.

use super::Swap;
use crate::domain::snapshot::{RecordKind, Snapshot};
use crate::domain::validate::{Scope, UNKNOWN_INITIATIVE, on_cycles};
use crate::store::decode::AnyRecord;
use crate::store::layout::{Place, classify};
use crate::store::problem::Problem;
use crate::store::repo::Loaded;
use std::collections::{BTreeMap, BTreeSet};

/// What must be known of the forum before the change.
pub(super) struct Before {
    /// Records with a finding about a missing initiative (only read when initiatives come
    /// or go).
    unknown: Vec<(RecordKind, String)>,
    /// Initiatives on a cycle before, when a change can alter the cycles.
    cycles: Option<BTreeSet<String>>,
}

type Decoded = (
    String,
    crate::domain::snapshot::RecordRef,
    Option<AnyRecord>,
    Option<Vec<u8>>,
);

/// Takes note of what the change will need from the forum before it.
pub(super) fn before(s: &Snapshot, problems: &[Problem], changes: &[Decoded]) -> Before {
    let mut comes_or_goes = false;
    let mut cycles_may_change = false;
    for (_, record, new, _) in changes {
        if record.kind != RecordKind::Initiative {
            continue;
        }
        let old = s.initiative(&record.id);
        let new = match new {
            Some(AnyRecord::Initiative(i)) => Some(i),
            _ => None,
        };
        match (old, new) {
            (Some(o), Some(n)) => cycles_may_change |= o.depends_on != n.depends_on,
            (None, None) => {}
            _ => {
                comes_or_goes = true;
                cycles_may_change = true;
            }
        }
    }
    let unknown = if comes_or_goes {
        problems
            .iter()
            .filter(|p| p.message.starts_with(UNKNOWN_INITIATIVE))
            .filter_map(|p| match classify(&p.path) {
                Place::Record { record, .. } => Some((record.kind, record.id)),
                Place::Stray { .. } => None,
            })
            .collect()
    } else {
        Vec::new()
    };
    Before {
        unknown,
        cycles: cycles_may_change.then(|| on_cycles(s)),
    }
}

impl Before {
    /// The records to validate again, given the forum after the change and the swaps made.
    pub(super) fn after(self, s: &Snapshot, swaps: &[Swap]) -> Scope {
        let mut scope = Scope::none();
        // Who names whom, built once at the first initiative that needs it (looking through
        // every initiative for each one made a 20,000-file proposal quadratic).
        let mut index: Option<Index> = None;
        for swap in swaps {
            scope.add(swap.record.kind, &swap.record.id);
            let came_or_went = swap.old.is_some() != swap.new.is_some();
            match (&swap.old, &swap.new) {
                (Some(AnyRecord::Forum(old)), Some(AnyRecord::Forum(new))) => {
                    let mut same = old.clone();
                    same.budget = new.budget;
                    same.phase = new.phase;
                    if same != *new {
                        scope.add_all();
                    }
                    if old.budget != new.budget {
                        scope.add(RecordKind::Allocation, "");
                    }
                    if old.phase != new.phase {
                        scope.add(RecordKind::Ranking, "");
                        scope.add(RecordKind::Allocation, "");
                        for id in s.scorecards.keys() {
                            scope.add(RecordKind::Scorecard, id);
                        }
                    }
                }
                _ => match swap.record.kind {
                    RecordKind::Forum => scope.add_all(),
                    RecordKind::Silo if came_or_went => scope.add_all(),
                    RecordKind::Silo => scope.add(RecordKind::Allocation, ""),
                    RecordKind::Evidence if came_or_went => {
                        for id in s.priorities.keys() {
                            scope.add(RecordKind::Priority, id);
                        }
                    }
                    RecordKind::Priority if came_or_went => scope.add_all(),
                    RecordKind::Ranking => {
                        scope.add(RecordKind::Forum, "");
                        // Which priorities are ranked decides the one-silo warnings.
                        for id in s.priorities.keys() {
                            scope.add(RecordKind::Priority, id);
                        }
                    }
                    RecordKind::Initiative => {
                        initiative(s, swap, &self.unknown, &mut scope, &mut index)
                    }
                    _ => {}
                },
            }
        }
        if let Some(before) = self.cycles {
            for id in before.iter().chain(on_cycles(s).iter()) {
                scope.add(RecordKind::Initiative, id);
            }
        }
        scope
    }
}

/// For each initiative id: the initiatives that exclude it, those that name it (depends on or
/// excludes it), and the scorecards that score or note it — in the forum after the change.
#[derive(Default)]
struct Index {
    excluding: BTreeMap<String, Vec<String>>,
    naming: BTreeMap<String, Vec<String>>,
    scoring: BTreeMap<String, Vec<String>>,
    unknown_added: bool,
}

impl Index {
    fn of(s: &Snapshot) -> Index {
        let mut index = Index::default();
        for (other, p) in &s.initiatives {
            let i = &p.initiative;
            for x in &i.excludes {
                index
                    .excluding
                    .entry(x.clone())
                    .or_default()
                    .push(other.clone());
            }
            let named: BTreeSet<&String> = i.depends_on.iter().chain(&i.excludes).collect();
            for x in named {
                index
                    .naming
                    .entry(x.clone())
                    .or_default()
                    .push(other.clone());
            }
        }
        for (member, card) in &s.scorecards {
            let ids: BTreeSet<&String> = card.scores.keys().chain(card.notes.keys()).collect();
            for id in ids {
                index
                    .scoring
                    .entry(id.clone())
                    .or_default()
                    .push(member.clone());
            }
        }
        index
    }
}

fn initiative(
    s: &Snapshot,
    swap: &Swap,
    unknown: &[(RecordKind, String)],
    scope: &mut Scope,
    index: &mut Option<Index>,
) {
    scope.add(RecordKind::Allocation, "");
    fn as_initiative(r: &Option<AnyRecord>) -> Option<&crate::domain::records::Initiative> {
        match r {
            Some(AnyRecord::Initiative(i)) => Some(i),
            _ => None,
        }
    }
    let id = swap.record.id.as_str();
    let (old, new) = (as_initiative(&swap.old), as_initiative(&swap.new));
    // The priorities it serves (their one-silo warnings), before and after.
    for p in old.iter().chain(new.iter()).flat_map(|i| &i.addresses) {
        scope.add(RecordKind::Priority, p);
    }
    match (old, new) {
        (Some(o), Some(n)) => {
            if o.contributions != n.contributions {
                // Recusal follows the contributing silos.
                for (member, card) in &s.scorecards {
                    if card.scores.contains_key(id) {
                        scope.add(RecordKind::Scorecard, member);
                    }
                }
            }
            if o.mandatory != n.mandatory {
                let index = index.get_or_insert_with(|| Index::of(s));
                for other in index.excluding.get(id).into_iter().flatten() {
                    scope.add(RecordKind::Initiative, other);
                }
            }
        }
        (None, None) => {}
        _ => {
            let index = index.get_or_insert_with(|| Index::of(s));
            if !index.unknown_added {
                for (kind, other) in unknown {
                    scope.add(*kind, other);
                }
                index.unknown_added = true;
            }
            for other in index.naming.get(id).into_iter().flatten() {
                scope.add(RecordKind::Initiative, other);
            }
            for member in index.scoring.get(id).into_iter().flatten() {
                scope.add(RecordKind::Scorecard, member);
            }
        }
    }
}

/// True when the problem at `path` is a finding on a record in `scope` (a record file of the
/// forum before or after the change; a path the listing complained about never is).
pub(super) fn is_in(scope: &Scope, held: &Loaded, changed: &[Swap], path: &str) -> bool {
    let is_record_file = held.sources.contains_key(path) || changed.iter().any(|s| s.path == path);
    is_record_file
        && match classify(path) {
            Place::Record { record, .. } => scope.has(record.kind, &record.id),
            Place::Stray { .. } => false,
        }
}
