//! Field by field: one-line and long text, finite numbers, required names, member ids.

use crate::domain::finding::{Finding, Step, field};
use crate::domain::records::{CONSENSUS, Goal, Weighting};
use crate::domain::snapshot::{RecordKind, RecordRef, Snapshot};
use crate::domain::text::{check_line, check_long};
use crate::domain::validate::{Scope, forum_ref, is_valid_id};
use std::collections::BTreeSet;

/// Checks every text and number field of every record.
pub(super) fn check(s: &Snapshot, scope: &Scope, out: &mut Vec<Finding>) {
    let mut f = Fields { out };
    if scope.has(RecordKind::Forum, "") {
        forum_fields(s, &mut f);
    }
    records(s, scope, &mut f);
}

fn forum_fields(s: &Snapshot, f: &mut Fields) {
    let forum = forum_ref();
    let fo = &s.forum;
    f.required(&forum, || vec![field("title")], "title", &fo.title);
    f.line(&forum, || vec![field("cycle")], "cycle", &fo.cycle);
    f.line(&forum, || vec![field("currency")], "currency", &fo.currency);
    let mut seen = BTreeSet::new();
    for (i, m) in fo.members.iter().enumerate() {
        let at = |name: &str| vec![field("members"), Step::Index(i), field(name)];
        if !is_valid_id(&m.id) {
            f.out.push(
                Finding::error(
                    forum.clone(),
                    at("id"),
                    format!("invalid member id `{}`", m.id),
                )
                .with_hint(ID_HINT),
            );
        } else if m.id == CONSENSUS {
            f.out.push(
                Finding::error(forum.clone(), at("id"), "the member id `forum` is reserved")
                    .with_hint("`scores/forum.ron` is the consensus scorecard; choose another id"),
            );
        } else if !seen.insert(m.id.as_str()) {
            f.out.push(
                Finding::error(
                    forum.clone(),
                    at("id"),
                    format!("the member id `{}` is used twice", m.id),
                )
                .with_hint("every member needs an id of their own"),
            );
        }
        f.required(&forum, || at("name"), "name", &m.name);
        f.line(&forum, || at("email"), "email", &m.email);
        if let Some(h) = &m.handle {
            f.line(&forum, || at("handle"), "handle", h);
        }
        if let Some(day) = &m.left
            && chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d").is_err()
        {
            f.out.push(
                Finding::error(forum.clone(), at("left"), format!("`{day}` is not a day"))
                    .with_hint(
                        "write the day the member left as YYYY-MM-DD, e.g. Some(\"2027-03-31\")",
                    ),
            );
        }
    }
    if let Weighting::Explicit(weights) = &fo.weighting {
        for (p, w) in weights {
            let at = vec![field("weighting"), Step::Value(p.clone())];
            if !w.is_finite() || *w < 0.0 {
                f.out.push(
                    Finding::error(
                        forum.clone(),
                        at,
                        format!("the weight of `{p}` is {w}; weights are finite and not negative"),
                    )
                    .with_hint("write a number such as 40.0"),
                );
            }
        }
    }
}

fn records(s: &Snapshot, scope: &Scope, f: &mut Fields) {
    for (id, silo) in &s.silos {
        if !scope.has(RecordKind::Silo, id) {
            continue;
        }
        let r = RecordRef::new(RecordKind::Silo, id);
        f.required(&r, || vec![field("name")], "name", &silo.name);
        f.long(
            &r,
            || vec![field("commitment")],
            "commitment",
            &silo.commitment,
        );
    }
    for (id, e) in &s.evidence {
        if !scope.has(RecordKind::Evidence, id) {
            continue;
        }
        let r = RecordRef::new(RecordKind::Evidence, id);
        f.required(&r, || vec![field("title")], "title", &e.title);
        f.line(&r, || vec![field("period")], "period", &e.period);
        f.line(&r, || vec![field("source")], "source", &e.source);
        f.long(&r, || vec![field("summary")], "summary", &e.summary);
        for (i, m) in e.metrics.iter().enumerate() {
            let at = |name: &str| vec![field("metrics"), Step::Index(i), field(name)];
            f.required(&r, || at("name"), "name", &m.name);
            f.line(&r, || at("unit"), "unit", &m.unit);
            f.number(&r, || at("value"), "value", m.value);
            if let Some(b) = m.baseline {
                f.number(&r, || at("baseline"), "baseline", b);
            }
        }
    }
    for (id, p) in &s.priorities {
        if !scope.has(RecordKind::Priority, id) {
            continue;
        }
        let r = RecordRef::new(RecordKind::Priority, id);
        f.required(&r, || vec![field("title")], "title", &p.title);
        f.long(
            &r,
            || vec![field("customer_problem")],
            "customer_problem",
            &p.customer_problem,
        );
        f.goal(&r, &p.goal);
    }
    for (id, p) in &s.initiatives {
        if !scope.has(RecordKind::Initiative, id) {
            continue;
        }
        let r = RecordRef::initiative(&p.silo, id);
        let i = &p.initiative;
        f.required(&r, || vec![field("title")], "title", &i.title);
        f.long(&r, || vec![field("summary")], "summary", &i.summary);
        if let Some(g) = &i.goal {
            f.goal(&r, g);
        }
    }
    if let Some(rk) = s
        .ranking
        .as_ref()
        .filter(|_| scope.has(RecordKind::Ranking, ""))
    {
        let r = RecordRef::new(RecordKind::Ranking, "");
        f.long(&r, || vec![field("note")], "note", &rk.note);
    }
    for (id, card) in &s.scorecards {
        if !scope.has(RecordKind::Scorecard, id) {
            continue;
        }
        let r = RecordRef::new(RecordKind::Scorecard, id);
        for (init, note) in &card.notes {
            f.long(
                &r,
                || vec![field("notes"), Step::Value(init.clone())],
                "note",
                note,
            );
        }
    }
    if let Some(a) = s
        .allocation
        .as_ref()
        .filter(|_| scope.has(RecordKind::Allocation, ""))
    {
        let r = RecordRef::new(RecordKind::Allocation, "");
        f.long(&r, || vec![field("note")], "note", &a.note);
        for (i, l) in a.lines.iter().enumerate() {
            let at = || vec![field("lines"), Step::Index(i), field("reason")];
            f.long(&r, at, "reason", &l.reason);
        }
    }
}

/// How a valid id looks, for hints.
pub(super) const ID_HINT: &str =
    "ids are lower-case letters, digits and `-`, 1–64 characters, starting with a letter or digit";

struct Fields<'a> {
    out: &'a mut Vec<Finding>,
}

impl Fields<'_> {
    fn line(&mut self, r: &RecordRef, at: impl FnOnce() -> Vec<Step>, name: &str, value: &str) {
        if let Err(p) = check_line(value) {
            self.out.push(
                Finding::error(r.clone(), at(), format!("`{name}` {}", p.describe()))
                    .with_hint(p.hint(true)),
            );
        }
    }

    fn long(&mut self, r: &RecordRef, at: impl FnOnce() -> Vec<Step>, name: &str, value: &str) {
        if let Err(p) = check_long(value) {
            self.out.push(
                Finding::error(r.clone(), at(), format!("`{name}` {}", p.describe()))
                    .with_hint(p.hint(false)),
            );
        }
    }

    fn required(&mut self, r: &RecordRef, at: impl FnOnce() -> Vec<Step>, name: &str, value: &str) {
        if value.trim().is_empty() {
            self.out.push(
                Finding::error(r.clone(), at(), format!("`{name}` is empty"))
                    .with_hint(format!("write a short {name}")),
            );
        } else {
            self.line(r, at, name, value);
        }
    }

    fn number(&mut self, r: &RecordRef, at: impl FnOnce() -> Vec<Step>, name: &str, value: f64) {
        if !value.is_finite() {
            self.out.push(
                Finding::error(
                    r.clone(),
                    at(),
                    format!("`{name}` is {value}; numbers must be finite"),
                )
                .with_hint("write a number such as 4.0"),
            );
        }
    }

    fn goal(&mut self, r: &RecordRef, g: &Goal) {
        let at = |name: &str| vec![field("goal"), field(name)];
        self.required(r, || at("metric"), "metric", &g.metric);
        self.line(r, || at("unit"), "unit", &g.unit);
        self.number(r, || at("baseline"), "baseline", g.baseline);
        self.number(r, || at("target"), "target", g.target);
    }
}
