//! A customer session's template: the forum's open questions, put to the customer.
//!
//! Two kinds of question are open: priorities whose evidence is weak (fewer than two pieces
//! of evidence still current, or a survey that heard least from a segment), and initiatives
//! near the cut line (the two funded ones of least value per money, the two unfunded ones of
//! most).

use crate::domain::analysis::Analysis;
use crate::domain::evidence::{age, hearing};
use crate::domain::records::{Evidence, EvidenceKind, Question, Session};
use crate::domain::snapshot::Snapshot;

/// How many initiatives on each side of the cut line are asked about.
pub const NEAR_THE_LINE: usize = 2;

/// The priorities whose evidence is weak, in the order in force.
pub fn weak_priorities(s: &Snapshot, a: &Analysis) -> Vec<String> {
    a.priorities
        .iter()
        .map(|p| p.id.as_str())
        .filter(|id| {
            let Some(p) = s.priorities.get(*id) else {
                return false;
            };
            let current = p
                .evidence
                .iter()
                .filter_map(|e| s.evidence.get(e))
                .filter(|e| age(&s.forum, e).is_none())
                .count();
            let quiet = p
                .evidence
                .iter()
                .filter_map(|e| s.evidence.get(e))
                .any(|e| hearing(e).is_some_and(|h| h.warning().is_some()));
            current < 2 || quiet
        })
        .map(str::to_string)
        .collect()
}

/// The initiatives nearest the cut line: the funded ones of least value per money, then the
/// unfunded ones of most (mandatory ones are never near it).
pub fn near_the_line(a: &Analysis) -> Vec<String> {
    let portfolio = a.portfolio();
    let mut funded: Vec<_> = a
        .initiatives
        .iter()
        .filter(|v| !v.mandatory && portfolio.funds(&v.id))
        .collect();
    let mut unfunded: Vec<_> = a
        .initiatives
        .iter()
        .filter(|v| !v.mandatory && !portfolio.funds(&v.id) && v.value > 0.0)
        .collect();
    funded.sort_by(|x, y| {
        x.value_per_100k
            .total_cmp(&y.value_per_100k)
            .then_with(|| x.id.cmp(&y.id))
    });
    unfunded.sort_by(|x, y| {
        y.value_per_100k
            .total_cmp(&x.value_per_100k)
            .then_with(|| x.id.cmp(&y.id))
    });
    funded
        .into_iter()
        .take(NEAR_THE_LINE)
        .chain(unfunded.into_iter().take(NEAR_THE_LINE))
        .map(|v| v.id.clone())
        .collect()
}

/// A `CustomerSession` record with the forum's open questions, answers left empty.
pub fn template(s: &Snapshot, a: &Analysis, organisation: &str, role: &str) -> Evidence {
    let weak = weak_priorities(s, a);
    let mut questions: Vec<Question> = weak
        .iter()
        .filter_map(|id| s.priorities.get(id))
        .map(|p| Question {
            question: format!(
                "\"{}\": does this happen to you, how often, and what does it cost you?",
                p.title
            ),
            answer: String::new(),
        })
        .collect();
    for id in near_the_line(a) {
        if let Some(i) = s.initiative(&id) {
            let funded = a.portfolio().funds(&id);
            questions.push(Question {
                question: format!(
                    "\"{}\" ({}): would it change anything for you? ({})",
                    i.title,
                    if i.summary.trim().is_empty() {
                        id.as_str()
                    } else {
                        i.summary.trim()
                    },
                    if funded {
                        "funded, near the cut line"
                    } else {
                        "not funded, near the cut line"
                    }
                ),
                answer: String::new(),
            });
        }
    }
    Evidence {
        kind: EvidenceKind::CustomerSession,
        title: format!("Planning session with {organisation}"),
        period: String::new(),
        source: "Customer session at the forum".into(),
        summary: String::new(),
        metrics: Vec::new(),
        invited: None,
        responded: None,
        segments: Vec::new(),
        carried_from: None,
        session: Some(Session {
            organisation: organisation.to_string(),
            role: role.to_string(),
            agenda: vec![
                "Introductions and what the forum decides this cycle".into(),
                "The customer's own words: their last hard moment with us".into(),
                "Our open questions".into(),
                "What they would fund first, in their words".into(),
            ],
            questions,
            informs: weak,
        }),
    }
}
