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
                    "\"{}\" (`{id}`): would it change anything for you? ({})",
                    i.title.split_whitespace().collect::<Vec<_>>().join(" "),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::analysis::analyse;
    use crate::domain::analysis::tests::six_forum;

    #[test]
    fn the_template_asks_about_the_initiatives_nearest_the_cut_line() {
        let s = six_forum();
        let a = analyse(&s);
        // Funded i1, i3, i5 (and mandatory i6): the two of least value per money are i1 and
        // i5; unfunded, the two of most are i4 and i2.
        assert_eq!(near_the_line(&a), vec!["i1", "i5", "i4", "i2"]);
        let e = template(&s, &a, "A bakery", "owner");
        let session = e.session.unwrap_or_default();
        assert_eq!(e.kind, EvidenceKind::CustomerSession);
        assert!(
            session.questions[session.questions.len() - 4]
                .question
                .contains("(`i1`): would it change anything for you? (funded, near the cut line)")
        );
        assert!(session.questions.iter().all(|q| q.answer.is_empty()));
        // Every priority of six_forum cites no evidence: all are weak and informed.
        assert_eq!(session.informs, weak_priorities(&s, &a));
        assert_eq!(session.informs.len(), 4);
    }
}
