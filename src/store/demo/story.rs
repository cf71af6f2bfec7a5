//! The first half of the story: the forum set up, evidence, priorities, ballots, the ranking.

use super::{Book, EVERYONE, at, decision, example, put_text};
use crate::domain::phase::DecisionKind;
use crate::domain::records::{Evidence, Priority};
use crate::store::error::StoreError;

/// `forum.ron` as it read in an earlier phase: the example's text with that phase.
pub(super) fn forum_in(phase: &str) -> String {
    example::text("forum.ron")
        .replace(
            " The ranking is locked; the room is scoring initiatives.",
            "",
        )
        .replace("phase: Scoring,", &format!("phase: {phase},"))
}

type When = (u32, u32, u32, u32);

/// Evidence: (id, who adds it, when, why).
const EVIDENCE: &[(&str, &str, When, &str)] = &[
    (
        "loss-review-2026",
        "dana",
        (9, 21, 14, 10),
        "The loss review goes first: it is the voice of the customers who already left.",
    ),
    (
        "contact-repeats-2026",
        "sam",
        (9, 22, 10, 15),
        "Support's contact figures for January to September, repeat contacts split out.",
    ),
    (
        "complaints-2026-q3",
        "sam",
        (9, 22, 16, 40),
        "The third quarter's complaint themes from the helpdesk and the complaints register.",
    ),
    (
        "segment-profitability-2026",
        "tom",
        (9, 23, 11, 0),
        "Finance's FY2026 margin by segment, so the room sees which customers carry the rest.",
    ),
    (
        "segment-movement-2026",
        "marco",
        (9, 24, 9, 45),
        "Who moved up a plan, who moved down and who left, over twelve months.",
    ),
    (
        "bank-feed-ops-2026",
        "aisha",
        (9, 24, 15, 20),
        "Bank-feed incidents and sync failures from operations monitoring.",
    ),
    (
        "social-listening-2026",
        "priya",
        (9, 25, 10, 30),
        "What customers said about us in public, January to September.",
    ),
    (
        "nps-2026",
        "priya",
        (9, 28, 11, 15),
        "The September survey, with its low response rate called out: read it with care.",
    ),
    (
        "einvoicing-mandates",
        "tom",
        (9, 29, 14, 0),
        "The e-invoicing mandates in Germany and France are law, not a choice.",
    ),
    (
        "agent-feedback-2026",
        "sam",
        (10, 14, 10, 0),
        "The October agent survey: what the front line says slows them down.",
    ),
    (
        "customer-council-2026",
        "dana",
        (10, 15, 16, 30),
        "Notes from the October customer council, while they are fresh.",
    ),
];

/// Priorities: (id, who proposes it, when).
const PRIORITIES: &[(&str, &str, When)] = &[
    ("first-30-days", "dana", (10, 19, 11, 20)),
    ("billing-clarity", "tom", (10, 19, 11, 45)),
    ("first-contact", "sam", (10, 20, 10, 5)),
    ("bank-feeds", "lee", (10, 20, 15, 30)),
    ("grow-with-us", "marco", (10, 21, 9, 50)),
    ("accountant-partners", "priya", (10, 21, 14, 15)),
    ("tell-me-first", "aisha", (10, 22, 11, 0)),
];

/// Ballots: (member, when), each cast alone before the ranking meeting.
const BALLOTS: &[(&str, When)] = &[
    ("dana", (10, 26, 9, 40)),
    ("sam", (10, 26, 11, 30)),
    ("lee", (10, 27, 10, 10)),
    ("priya", (10, 27, 16, 5)),
    ("marco", (10, 28, 9, 15)),
    ("tom", (10, 28, 14, 30)),
    ("aisha", (10, 29, 11, 45)),
];

fn when((m, d, h, min): When) -> (i64, i32) {
    at(m, d, h, min)
}

/// Dana sets the forum up with its members and silos; the silos bring the evidence.
/// The evidence a silo brings on a proposal branch (`proposal/marketing/…`), accepted by the
/// facilitator while the forum is in Evidence.
const BY_PULL_REQUEST: &str = "social-listening-2026";

fn evidence_by_pull_request(
    book: &mut Book,
    path: &str,
    text: &str,
    title: &str,
    (m, d, h, min): When,
    reason: &str,
) -> Result<(), StoreError> {
    let message = format!("Bring evidence: {title}\n\n{reason}\n");
    let branch = super::proposals::propose(
        book,
        "marketing",
        BY_PULL_REQUEST,
        path,
        text,
        (m, d, h, min),
        &message,
    )?;
    let mut dec = crate::store::proposals::accept_decision(
        book.repo,
        super::FORUM,
        &branch.name,
        "dana",
        "Marketing's social listening, brought by pull request; `roundtable check --proposal` passes.",
        &["dana".to_string(), "priya".to_string()],
    )?;
    dec.when = Some(at(m, d, h + 1, min));
    book.record(&dec)?;
    book.accepted += 1;
    book.repo
        .repo
        .find_reference(&format!("refs/heads/{}", branch.name))?
        .delete()?;
    Ok(())
}

pub(super) fn setup_and_evidence(book: &mut Book) -> Result<(), StoreError> {
    let mut d = decision(
        DecisionKind::Init,
        "Set up the FY2027 Customer Experience Forum",
        "Seven silos, seven members, EUR 2,400,000 to plan around the customer. \
         Evidence first: every silo brings what its customers are telling it.",
        "dana",
        &["dana", "aisha"],
        at(9, 21, 9, 30),
    );
    put_text(&mut d, "forum.ron", &forum_in("Evidence"));
    for silo in example::ids("silos") {
        let path = format!("silos/{silo}.ron");
        put_text(&mut d, &path, example::text(&path));
    }
    book.record(&d)?;

    for (id, by, at_time, reason) in EVIDENCE {
        let path = format!("evidence/{id}.ron");
        let text = example::text(&path);
        let evidence: Evidence = example::record(&path)?;
        if *id == BY_PULL_REQUEST {
            // Marketing brings its evidence by pull request, as silos bring initiatives.
            evidence_by_pull_request(book, &path, text, &evidence.title, *at_time, reason)?;
            continue;
        }
        let mut d = decision(
            DecisionKind::Evidence,
            format!("Add evidence: {}", evidence.title),
            *reason,
            by,
            &[by],
            when(*at_time),
        );
        put_text(&mut d, &path, text);
        book.record(&d)?;
    }

    let mut d = decision(
        DecisionKind::Advance,
        "Advance to Priorities",
        "The room walked through all eleven pieces of evidence. Two threads run through them: \
         new accounts struggle in their first month, and the bill surprises people.",
        "dana",
        EVERYONE,
        at(10, 19, 10, 0),
    );
    put_text(&mut d, "forum.ron", &forum_in("Priorities"));
    book.record(&d)?;
    Ok(())
}

/// Priorities proposed, the phase advanced, ballots cast, the ranking recorded and locked.
pub(super) fn priorities_and_ranking(book: &mut Book) -> Result<(), StoreError> {
    for (id, by, at_time) in PRIORITIES {
        let path = format!("priorities/{id}.ron");
        let text = example::text(&path);
        let priority: Priority = example::record(&path)?;
        let mut d = decision(
            DecisionKind::Priority,
            format!("Propose priority: {}", priority.title),
            format!(
                "\"{}\" Grounded in {}. Goal: {} from {} to {} {}.",
                priority.customer_problem,
                priority.evidence.join(", "),
                priority.goal.metric,
                priority.goal.baseline,
                priority.goal.target,
                priority.goal.unit
            ),
            by,
            &[by],
            when(*at_time),
        );
        put_text(&mut d, &path, text);
        book.record(&d)?;
    }

    // A customer at the table, once the priorities are on it: the session informs two of them.
    let path = "evidence/customer-session-2026-10.ron";
    let session: Evidence = example::record(path)?;
    let mut d = decision(
        DecisionKind::Evidence,
        format!("Add evidence: {}", session.title),
        "A customer at the table: a partner accountant answered the forum's open questions \
         before the ballots.",
        "dana",
        &["dana", "priya"],
        at(10, 23, 11, 0),
    );
    put_text(&mut d, path, example::text(path));
    book.record(&d)?;

    let mut d = decision(
        DecisionKind::Advance,
        "Advance to Ranking",
        "Seven priorities, each with a measurable goal. Every member now ranks them on a ballot.",
        "aisha",
        EVERYONE,
        at(10, 23, 15, 0),
    );
    put_text(&mut d, "forum.ron", &forum_in("Ranking"));
    book.record(&d)?;

    for (member, at_time) in BALLOTS {
        let path = format!("ballots/{member}.ron");
        let mut d = decision(
            DecisionKind::Ballot,
            format!("Cast {member}'s ballot (7 priorities)"),
            "Ranked alone, before Monday's ranking meeting.",
            member,
            &[member],
            when(*at_time),
        );
        put_text(&mut d, &path, example::text(&path));
        book.record(&d)?;
    }

    let mut d = decision(
        DecisionKind::Rank,
        "Record the forum's ranking of 7 priorities (Schulze)",
        "Schulze over the seven ballots, with no cycle. The closest calls were first-contact \
         over bank-feeds and first-contact over grow-with-us, 4 to 3 each.",
        "dana",
        EVERYONE,
        at(11, 2, 10, 5),
    );
    put_text(&mut d, "ranking.ron", example::text("ranking.ron"));
    book.record(&d)?;

    let mut d = decision(
        DecisionKind::Advance,
        "Lock the ranking of 7 priorities (Schulze)",
        "Nobody asked to reopen the ballots. The ranking is locked; silos send their proposals \
         by pull request by 12 November, and scoring starts on 16 November.",
        "dana",
        EVERYONE,
        at(11, 2, 10, 25),
    );
    put_text(&mut d, "forum.ron", example::text("forum.ron"));
    book.record(&d)?;
    Ok(())
}
