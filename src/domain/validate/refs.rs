//! Every reference resolves: ids written in one record name a record that exists.

use crate::domain::finding::{Finding, Step, closest, field};
use crate::domain::records::{CONSENSUS, Weighting};
use crate::domain::snapshot::{RecordKind, RecordRef, Snapshot};
use crate::domain::validate::{Scope, forum_ref, list};
use std::collections::BTreeSet;

/// True when `id` is a valid record id: `[a-z0-9][a-z0-9-]{0,63}`.
pub fn is_valid_id(id: &str) -> bool {
    let bytes = id.as_bytes();
    !bytes.is_empty()
        && bytes.len() <= 64
        && (bytes[0].is_ascii_lowercase() || bytes[0].is_ascii_digit())
        && bytes
            .iter()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || *b == b'-')
}

/// One kind of thing a reference may name, with the ids that exist.
pub(super) struct Known<'a> {
    pub what: &'static str,
    pub plural: &'static str,
    pub ids: Vec<&'a str>,
    /// The same ids in order, for binary search (members are listed in forum.ron's order).
    sorted: Vec<&'a str>,
    /// Ids of records that exist but could not be read: references to them resolve.
    pub broken: Vec<&'a str>,
}

impl<'a> Known<'a> {
    pub fn new(what: &'static str, plural: &'static str, ids: Vec<&'a str>) -> Self {
        let mut sorted = ids.clone();
        sorted.sort_unstable();
        Known {
            what,
            plural,
            ids,
            sorted,
            broken: Vec::new(),
        }
    }

    /// An error with a "did you mean" hint when `wanted` names nothing known.
    pub fn resolve(&self, r: &RecordRef, at: Vec<Step>, wanted: &str) -> Option<Finding> {
        self.resolve_at(r, wanted, || at)
    }

    /// Like [`Known::resolve`], building the steps only when there is a finding (a forum
    /// holds some 100,000 references; most resolve).
    pub fn resolve_at(
        &self,
        r: &RecordRef,
        wanted: &str,
        at: impl FnOnce() -> Vec<Step>,
    ) -> Option<Finding> {
        if self.sorted.binary_search(&wanted).is_ok() || self.broken.contains(&wanted) {
            return None;
        }
        let at = at();
        let finding = Finding::error(r.clone(), at, format!("unknown {} `{wanted}`", self.what));
        Some(match closest(wanted, self.ids.iter().copied()) {
            Some(c) => finding.with_hint(format!("did you mean `{c}`?")),
            None if self.ids.is_empty() => {
                finding.with_hint(format!("the forum has no {} yet", self.plural))
            }
            None => finding.with_hint(format!(
                "known {}: {}",
                self.plural,
                list(self.ids.iter().copied())
            )),
        })
    }

    /// A resolver for ids asked in ascending order (a map's keys): it walks the known ids
    /// once instead of searching them for each. Any order still gets the right answer.
    pub fn ascending(&self) -> Ascending<'_, 'a> {
        Ascending {
            known: self,
            next: 0,
        }
    }

    /// Resolves every id of a list field, and refuses an id listed twice.
    pub fn resolve_list(&self, r: &RecordRef, name: &str, ids: &[String], out: &mut Vec<Finding>) {
        let mut seen = BTreeSet::new();
        for (i, id) in ids.iter().enumerate() {
            let at = || vec![field(name), Step::Index(i)];
            if !seen.insert(id.as_str()) {
                out.push(
                    Finding::error(
                        r.clone(),
                        at(),
                        format!("`{id}` is listed twice in `{name}`"),
                    )
                    .with_hint("list each id once"),
                );
                continue;
            }
            out.extend(self.resolve_at(r, id, at));
        }
    }
}

/// See [`Known::ascending`].
pub(super) struct Ascending<'k, 'a> {
    known: &'k Known<'a>,
    next: usize,
}

impl Ascending<'_, '_> {
    /// Like [`Known::resolve_at`].
    pub fn resolve_at(
        &mut self,
        r: &RecordRef,
        wanted: &str,
        at: impl FnOnce() -> Vec<Step>,
    ) -> Option<Finding> {
        let ids = &self.known.sorted;
        while ids.get(self.next).is_some_and(|id| *id < wanted) {
            self.next += 1;
        }
        if ids.get(self.next).is_some_and(|id| *id == wanted) {
            return None;
        }
        self.known.resolve_at(r, wanted, at)
    }
}

/// The ids that exist in a snapshot, by kind.
pub(super) struct Ids<'a> {
    pub members: Known<'a>,
    pub silos: Known<'a>,
    pub evidence: Known<'a>,
    pub priorities: Known<'a>,
    pub initiatives: Known<'a>,
}

impl<'a> Ids<'a> {
    /// The ids in `s`, plus those of records that exist but could not be read.
    pub fn of(s: &'a Snapshot, broken: &'a [RecordRef]) -> Self {
        let mut ids = Ids {
            members: Known::new(
                "member",
                "members",
                s.forum.members.iter().map(|m| m.id.as_str()).collect(),
            ),
            silos: Known::new("silo", "silos", keys_of(&s.silos)),
            evidence: Known::new("evidence", "evidence records", keys_of(&s.evidence)),
            priorities: Known::new("priority", "priorities", keys_of(&s.priorities)),
            initiatives: Known::new("initiative", "initiatives", keys_of(&s.initiatives)),
        };
        for r in broken {
            let known = match r.kind {
                RecordKind::Silo => &mut ids.silos,
                RecordKind::Evidence => &mut ids.evidence,
                RecordKind::Priority => &mut ids.priorities,
                RecordKind::Initiative => &mut ids.initiatives,
                _ => continue,
            };
            known.broken.push(r.id.as_str());
        }
        ids
    }
}

fn keys_of<V>(m: &std::collections::BTreeMap<String, V>) -> Vec<&str> {
    m.keys().map(String::as_str).collect()
}

/// Checks the references of every record except the ranking and allocation (see gates, funding).
pub(super) fn check(s: &Snapshot, ids: &Ids, scope: &Scope, out: &mut Vec<Finding>) {
    let forum = forum_ref();
    if scope.has(RecordKind::Forum, "") {
        for (i, m) in s.forum.members.iter().enumerate() {
            let at = vec![field("members"), Step::Index(i), field("silo")];
            out.extend(ids.silos.resolve(&forum, at, &m.silo));
        }
        if let Weighting::Explicit(w) = &s.forum.weighting {
            for p in w.keys() {
                let at = vec![field("weighting"), Step::Key(p.clone())];
                out.extend(ids.priorities.resolve(&forum, at, p));
            }
        }
    }
    for (id, silo) in &s.silos {
        if !scope.has(RecordKind::Silo, id) {
            continue;
        }
        let r = RecordRef::new(RecordKind::Silo, id);
        out.extend(ids.members.resolve(&r, vec![field("lead")], &silo.lead));
    }
    for (id, p) in &s.priorities {
        if !scope.has(RecordKind::Priority, id) {
            continue;
        }
        let r = RecordRef::new(RecordKind::Priority, id);
        ids.evidence.resolve_list(&r, "evidence", &p.evidence, out);
    }
    for (id, p) in &s.initiatives {
        if !scope.has(RecordKind::Initiative, id) {
            continue;
        }
        let r = RecordRef::initiative(&p.silo, id);
        if let Some(f) = ids.silos.resolve(&r, Vec::new(), &p.silo) {
            out.push(Finding {
                message: format!("the folder `initiatives/{}/` names no silo", p.silo),
                ..f
            });
        }
        let i = &p.initiative;
        out.extend(ids.members.resolve(&r, vec![field("owner")], &i.owner));
        ids.priorities
            .resolve_list(&r, "addresses", &i.addresses, out);
        ids.initiatives
            .resolve_list(&r, "depends_on", &i.depends_on, out);
        ids.initiatives
            .resolve_list(&r, "excludes", &i.excludes, out);
        contributions(&r, &p.silo, i, ids, out);
    }
    for (id, b) in &s.ballots {
        if !scope.has(RecordKind::Ballot, id) {
            continue;
        }
        let r = RecordRef::new(RecordKind::Ballot, id);
        if let Some(f) = ids.members.resolve(&r, Vec::new(), id) {
            out.push(Finding {
                message: format!(
                    "the ballot `{id}` is not a member's: no member has the id `{id}`"
                ),
                ..f
            });
        }
        ids.priorities.resolve_list(&r, "order", &b.order, out);
    }
    for (id, card) in &s.scorecards {
        if !scope.has(RecordKind::Scorecard, id) {
            continue;
        }
        let r = RecordRef::new(RecordKind::Scorecard, id);
        if id != CONSENSUS {
            if let Some(f) = ids.members.resolve(&r, Vec::new(), id) {
                out.push(Finding {
                    message: format!(
                        "the scorecard `{id}` is not a member's: no member has the id `{id}`"
                    ),
                    hint: f
                        .hint
                        .or(Some("`scores/forum.ron` is the consensus".into())),
                    ..f
                });
            }
        }
        let mut initiatives = ids.initiatives.ascending();
        for (init, by_priority) in &card.scores {
            let at = || vec![field("scores"), Step::Key(init.clone())];
            out.extend(initiatives.resolve_at(&r, init, at));
            for p in by_priority.keys() {
                let at = || {
                    vec![
                        field("scores"),
                        Step::Value(init.clone()),
                        Step::Key(p.clone()),
                    ]
                };
                out.extend(ids.priorities.resolve_at(&r, p, at));
            }
        }
        let mut initiatives = ids.initiatives.ascending();
        for init in card.notes.keys() {
            let at = || vec![field("notes"), Step::Key(init.clone())];
            out.extend(initiatives.resolve_at(&r, init, at));
        }
    }
}

/// A shared initiative's contributions: known silos, each once, never the lead silo, and
/// together no more than the cost.
fn contributions(
    r: &RecordRef,
    lead: &str,
    i: &crate::domain::records::Initiative,
    ids: &Ids,
    out: &mut Vec<Finding>,
) {
    let mut seen = BTreeSet::new();
    let mut given: u128 = 0;
    for (k, c) in i.contributions.iter().enumerate() {
        let at = || vec![field("contributions"), Step::Index(k), field("silo")];
        given += u128::from(c.cost);
        if c.silo == lead {
            out.push(
                Finding::error(
                    r.clone(),
                    at(),
                    format!("`{lead}` leads this initiative and cannot also contribute to it"),
                )
                .with_hint("the lead silo carries whatever the contributions leave"),
            );
        } else if !seen.insert(c.silo.as_str()) {
            out.push(
                Finding::error(
                    r.clone(),
                    at(),
                    format!("silo `{}` contributes twice", c.silo),
                )
                .with_hint("give each contributing silo one share"),
            );
        } else {
            out.extend(ids.silos.resolve_at(r, &c.silo, at));
        }
    }
    if given > u128::from(i.cost) {
        out.push(
            Finding::error(
                r.clone(),
                vec![field("contributions")],
                format!(
                    "the contributions add up to {given}, more than the cost of {}",
                    i.cost
                ),
            )
            .with_hint("the shares of other silos are part of `cost`, not added to it"),
        );
    }
}
