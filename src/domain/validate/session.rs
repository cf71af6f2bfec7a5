//! Customer sessions and customers at the table: a `CustomerSession` carries its `session`
//! (and only it does), names who came, informs known priorities; a customer member observes.

use crate::domain::finding::{Finding, Step, field};
use crate::domain::records::{EvidenceKind, Role};
use crate::domain::snapshot::{RecordKind, RecordRef, Snapshot};
use crate::domain::validate::refs::Ids;
use crate::domain::validate::{Scope, forum_ref};

/// Checks each evidence record's session and each customer member's role.
pub(super) fn check(s: &Snapshot, ids: &Ids, scope: &Scope, out: &mut Vec<Finding>) {
    for (id, e) in &s.evidence {
        if !scope.has(RecordKind::Evidence, id) {
            continue;
        }
        let r = RecordRef::new(RecordKind::Evidence, id);
        let is_session = e.kind == EvidenceKind::CustomerSession;
        let Some(session) = &e.session else {
            if is_session {
                out.push(
                    Finding::error(r, vec![field("kind")], "a customer session has no `session`")
                        .with_hint(
                            "add session: Session(organisation: \"…\", role: \"…\", agenda: [], questions: [], informs: []), or run `roundtable session new`",
                        ),
                );
            }
            continue;
        };
        if !is_session {
            out.push(
                Finding::error(
                    r,
                    vec![field("session")],
                    format!(
                        "`session` belongs to a CustomerSession, not to {:?}",
                        e.kind
                    ),
                )
                .with_hint("set kind: CustomerSession, or take the session out"),
            );
            continue;
        }
        for (name, value) in [
            ("organisation", &session.organisation),
            ("role", &session.role),
        ] {
            if value.trim().is_empty() {
                out.push(
                    Finding::error(
                        r.clone(),
                        vec![field("session"), field(name)],
                        format!("the session names no {name}"),
                    )
                    .with_hint("say who came, without personal data: e.g. organisation: \"40-person accounting firm\", role: \"finance lead\""),
                );
            }
        }
        ids.priorities
            .resolve_list(&r, "informs", &session.informs, out);
        // resolve_list locates at `informs`; the field sits inside `session`.
        for f in out
            .iter_mut()
            .filter(|f| f.record == r && f.at.first() == Some(&field("informs")))
        {
            f.at.insert(0, field("session"));
        }
        for (i, q) in session.questions.iter().enumerate() {
            if q.question.trim().is_empty() {
                out.push(
                    Finding::error(
                        r.clone(),
                        vec![
                            field("session"),
                            field("questions"),
                            Step::Index(i),
                            field("question"),
                        ],
                        "a question with no text",
                    )
                    .with_hint("write the question, or take the entry out"),
                );
            } else if q.answer.trim().is_empty() {
                out.push(
                    Finding::warning(
                        r.clone(),
                        vec![
                            field("session"),
                            field("questions"),
                            Step::Index(i),
                            field("answer"),
                        ],
                        format!("no answer yet to \"{}\"", q.question.trim()),
                    )
                    .with_hint("write what the customer said, or take the question out"),
                );
            }
        }
    }
    if scope.has(RecordKind::Forum, "") {
        for (i, m) in s.forum.members.iter().enumerate() {
            commitments(s, i, m, out);
            if m.customer && m.role != Role::Observer {
                out.push(
                    Finding::error(
                        forum_ref(),
                        vec![field("members"), Step::Index(i), field("role")],
                        format!("`{}` is a customer and must be an Observer", m.id),
                    )
                    .with_hint("a customer sits in and is recorded as present, but does not vote, score or decide: role: Observer"),
                );
            }
        }
    }
}

/// An executive with no commitment is warned; a commitment must name a priority of the forum,
/// a finite target and a `YYYY-MM` month.
fn commitments(s: &Snapshot, i: usize, m: &crate::domain::records::Member, out: &mut Vec<Finding>) {
    let at = |rest: Vec<Step>| {
        let mut steps = vec![field("members"), Step::Index(i)];
        steps.extend(rest);
        steps
    };
    if m.role == Role::Executive && m.commitments.is_empty() && m.active() {
        out.push(
            Finding::warning(
                forum_ref(),
                at(vec![field("role")]),
                format!("`{}` is an executive with no commitment", m.id),
            )
            .with_hint("add what they promise: `commitments: [Commitment(priority: \"…\", metric: \"…\", target: 0.0, by: \"YYYY-MM\")]`"),
        );
    }
    for (k, c) in m.commitments.iter().enumerate() {
        let here = |name: &str| at(vec![field("commitments"), Step::Index(k), field(name)]);
        if !s.priorities.contains_key(&c.priority) {
            let hint = crate::domain::finding::closest(
                &c.priority,
                s.priorities.keys().map(String::as_str),
            )
            .map_or("name a priority of the forum".to_string(), |p| {
                format!("did you mean `{p}`?")
            });
            out.push(
                Finding::error(
                    forum_ref(),
                    here("priority"),
                    format!(
                        "`{}` commits to `{}`, which is not a priority of the forum",
                        m.id, c.priority
                    ),
                )
                .with_hint(&hint),
            );
        }
        if !c.target.is_finite() {
            out.push(
                Finding::error(forum_ref(), here("target"), "the target is not a number")
                    .with_hint("a plain number, e.g. 12.5"),
            );
        }
        let month = chrono::NaiveDate::parse_from_str(&format!("{}-01", c.by.trim()), "%Y-%m-%d");
        if month.is_err() || c.by.trim().len() != 7 {
            out.push(
                Finding::error(
                    forum_ref(),
                    here("by"),
                    format!("`{}` is not a month", c.by),
                )
                .with_hint("by: \"YYYY-MM\""),
            );
        }
        if m.role != Role::Executive {
            out.push(
                Finding::warning(
                    forum_ref(),
                    here("priority"),
                    format!("`{}` holds commitments but is not an Executive", m.id),
                )
                .with_hint("role: Executive"),
            );
        }
    }
}
