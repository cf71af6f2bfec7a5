//! The derailments, rehearsed on a branch of their own (`rehearsal/derailments`) so that the
//! forum branch stays in Scoring for the meeting: from the demo's tip the forum allocates,
//! ratifies a defence plan, takes a 15 % cut that follows it, splits a silo, welcomes a new
//! CFO who challenges the plan, and answers her. `roundtable report --rev
//! rehearsal/derailments` shows all of it under "What changed since the plan was agreed".
//! Then the year after runs into June 2027 ([`super::delivery`]).

use super::{Book, FORUM, at, decision};
use crate::domain::analysis::analyse;
use crate::domain::phase::DecisionKind;
use crate::domain::records::{
    Closing, Commitment, CutOrder, Defence, Endorsement, Line, Member, Role,
};
use crate::domain::snapshot::{RecordKind, RecordRef};
use crate::store::error::StoreError;
use git2::Oid;

/// The rehearsal's branch.
pub const REHEARSAL: &str = "rehearsal/derailments";

/// Writes the rehearsal from `from` (the forum branch's tip) on its own branch.
pub(super) fn derailments(book: &mut Book, from: Oid) -> Result<(), StoreError> {
    super::on_branch(book, REHEARSAL, from, write)
}

fn write(book: &mut Book) -> Result<(), StoreError> {
    let room = ["dana", "sam", "lee", "priya", "tom", "aisha"];
    let mut d = decision(
        DecisionKind::Advance,
        "Advance from Scoring to Allocation",
        "Every scorecard that will come is in; Marco's apologies noted.",
        "dana",
        &room,
        at(12, 1, 10, 0),
    );
    let loaded = book.repo.load_at(FORUM, &oid(book)?)?;
    let mut forum = loaded.snapshot.forum.clone();
    forum.phase = crate::domain::records::Phase::Allocation;
    d.put(&RecordRef::new(RecordKind::Forum, ""), &forum)?;
    book.record(&d)?;

    // The allocation as the rule gives it.
    let s = book.repo.load_at(FORUM, &oid(book)?)?.snapshot;
    let analysis = analyse(&s);
    let p = analysis.portfolio();
    let lines: Vec<Line> = p
        .funded
        .iter()
        .map(|id| Line {
            initiative: id.clone(),
            amount: s.initiative(id).map_or(0, |i| i.cost),
            reason: format!("{} rule", analysis.rule.name()),
        })
        .collect();
    let mut d = decision(
        DecisionKind::Allocate,
        format!(
            "Allocate the budget to {} initiatives (Optimal)",
            lines.len()
        ),
        "As ranked and scored.",
        "dana",
        &room,
        at(12, 1, 11, 30),
    );
    d.put(
        &RecordRef::new(RecordKind::Allocation, "allocation"),
        &crate::domain::records::Allocation {
            rule: analysis.rule,
            budget: s.forum.budget,
            lines,
            note: "As ranked and scored.".into(),
        },
    )?;
    book.record(&d)?;

    // The defence plan, before any cut comes.
    let mut forum = s.forum.clone();
    forum.defence = Some(Defence {
        protected: vec!["bank-feed-resilience".into()],
        cut_order: CutOrder::Explicit(vec!["journey-dashboard".into()]),
    });
    let mut d = decision(
        DecisionKind::Defence,
        "Defence plan: 1 protected, cut journey-dashboard first, then by margin",
        "If finance cuts, bank feeds stay: they are the second reason accounts leave. The dashboard goes first.",
        "dana",
        &room,
        at(12, 3, 9, 30),
    );
    d.put(&RecordRef::new(RecordKind::Forum, ""), &forum)?;
    book.record(&d)?;

    // The cut, following the plan.
    let s = book.repo.load_at(FORUM, &oid(book)?)?.snapshot;
    let analysis = analyse(&s);
    let cut = s.forum.budget / 100 * 85;
    let note = "Finance cuts 15 % across the company.";
    let r =
        crate::domain::rebudget::rebudget(&s, &analysis, cut, note).map_err(StoreError::Refused)?;
    let mut d = decision(
        DecisionKind::Rebudget,
        r.summary,
        format!("{note}\n\n{}", r.details),
        "dana",
        &room,
        at(12, 10, 14, 0),
    );
    d.put(&RecordRef::new(RecordKind::Forum, ""), &r.forum)?;
    d.put(
        &RecordRef::new(RecordKind::Allocation, "allocation"),
        &r.allocation,
    )?;
    book.record(&d)?;

    // A reorganisation: platform work becomes its own silo, led by Lee.
    let loaded = book.repo.load_at(FORUM, &oid(book)?)?;
    let plan = crate::store::reorg::split_silo(
        &loaded,
        &crate::store::reorg::Split {
            from: "product",
            new: "platform",
            name: Some("Platform Engineering"),
            lead: Some("lee"),
            initiatives: &["bank-feed-resilience".into(), "einvoicing-de-fr".into()],
            members: &["lee".into()],
        },
    )
    .map_err(|r| StoreError::Refused(r.message))?;
    let mut d = decision(
        DecisionKind::Reorg,
        plan.summary,
        "Platform becomes a team of its own in January.",
        "dana",
        &room,
        at(12, 14, 10, 0),
    );
    d.changes = plan.changes;
    book.record(&d)?;

    // A new leader: the CFO joins, is briefed, and challenges the plan; the forum answers.
    let mut forum = book.repo.load_at(FORUM, &oid(book)?)?.snapshot.forum;
    forum.members.push(Member {
        id: "nina".into(),
        name: "Nina Berg".into(),
        email: "nina.berg@example.com".into(),
        silo: "finance".into(),
        role: Role::Executive,
        handle: None,
        signing_key: None,
        customer: false,
        left: None,
        commitments: vec![Commitment {
            priority: "billing-clarity".into(),
            metric: "billing contacts per 1,000 accounts a month".into(),
            target: 25.0,
            by: "2027-09".into(),
        }],
    });
    let mut d = decision(
        DecisionKind::Reorg,
        "Nina Berg (nina) joins the forum for finance",
        "The new CFO joins the forum for finance, and commits to cutting billing contacts to 25 per 1,000 by September.",
        "dana",
        &room,
        at(12, 15, 9, 0),
    );
    d.put(&RecordRef::new(RecordKind::Forum, ""), &forum)?;
    book.record(&d)?;
    let challenge = Endorsement {
        member: "nina".into(),
        on: "2026-12-16".into(),
        challenge: true,
        text: "Why does IT get nothing while we pay for three systems?".into(),
        answer: None,
    };
    let id = RecordRef::new(RecordKind::Endorsement, "nina-2026-12-16");
    let mut d = decision(
        DecisionKind::Endorse,
        "Nina Berg challenges the plan",
        challenge.text.clone(),
        "nina",
        &["nina", "dana"],
        at(12, 16, 16, 0),
    );
    d.put(&id, &challenge)?;
    book.record(&d)?;
    let answer = "Consolidation is next year's first line; this year the money follows the customer's first 30 days.";
    let mut answered = challenge;
    answered.answer = Some(Closing {
        on: "2026-12-17".into(),
        note: answer.into(),
    });
    let mut d = decision(
        DecisionKind::Endorse,
        "Answer nina's challenge of the plan",
        answer,
        "dana",
        &["dana", "nina", "aisha"],
        at(12, 17, 10, 0),
    );
    d.put(&id, &answered)?;
    book.record(&d)?;
    super::delivery::the_year_after(book)?;
    let end = book
        .tip
        .ok_or_else(|| StoreError::Refused("the demo wrote nothing".into()))?;
    super::next_year::rehearse(book, end)
}

fn oid(book: &Book) -> Result<String, StoreError> {
    book.tip
        .map(|t| t.to_string())
        .ok_or_else(|| StoreError::Refused("the rehearsal starts from the demo's tip".into()))
}
