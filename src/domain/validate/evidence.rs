//! Evidence rules: survey response, series, age, and the evidence the forum requires.

use crate::domain::evidence::{age, coverage, hearing};
use crate::domain::finding::{Finding, Step, field};
use crate::domain::records::{Evidence, Phase};
use crate::domain::snapshot::{RecordKind, RecordRef, Snapshot};
use crate::domain::text::check_line;
use crate::domain::validate::{Scope, forum_ref};

/// Checks the survey and series fields, warns about quiet segments, old evidence and
/// missing required evidence, and about priorities citing a survey with a quiet segment.
pub(super) fn check(s: &Snapshot, scope: &Scope, out: &mut Vec<Finding>) {
    for (id, e) in &s.evidence {
        if !scope.has(RecordKind::Evidence, id) {
            continue;
        }
        let r = RecordRef::new(RecordKind::Evidence, id);
        fields(&r, e, out);
        if let Some(w) = hearing(e).and_then(|h| {
            let at = h.quiet.first().map(|q| q.index)?;
            Some((at, h.warning()?))
        }) {
            out.push(
                Finding::warning(r.clone(), vec![field("segments"), Step::Index(w.0)], w.1)
                    .with_hint("weigh what this survey says against who answered it; hear that segment another way"),
            );
        }
        if let Some(old) = age(&s.forum, e) {
            out.push(
                Finding::warning(r.clone(), vec![field("period")], old.message())
                    .with_hint("refresh it with a newer period, or retire it"),
            );
        }
    }
    for (id, p) in &s.priorities {
        if !scope.has(RecordKind::Priority, id) {
            continue;
        }
        for (j, cited) in p.evidence.iter().enumerate() {
            let Some(w) = s
                .evidence
                .get(cited)
                .and_then(hearing)
                .and_then(|h| h.warning())
            else {
                continue;
            };
            out.push(
                Finding::warning(
                    RecordRef::new(RecordKind::Priority, id),
                    vec![field("evidence"), Step::Index(j)],
                    format!("cites the survey `{cited}`, which {w}"),
                )
                .with_hint("check that the customers this priority is about were heard"),
            );
        }
    }
    if s.forum.phase == Phase::Evidence && scope.has(RecordKind::Forum, "") {
        let missing: Vec<String> = coverage(s)
            .iter()
            .filter(|c| !c.is_met())
            .map(|c| c.label())
            .collect();
        if !missing.is_empty() {
            out.push(
                Finding::warning(
                    forum_ref(),
                    vec![field("phase")],
                    format!("before Priorities the forum needs {}", missing.join(", ")),
                )
                .with_hint("add the evidence, or change `required_evidence` in forum.ron"),
            );
        }
    }
}

fn fields(r: &RecordRef, e: &Evidence, out: &mut Vec<Finding>) {
    if let (Some(invited), Some(responded)) = (e.invited, e.responded)
        && responded > invited
    {
        out.push(
            Finding::error(
                r.clone(),
                vec![field("responded")],
                format!("`responded` is {responded}, more than the {invited} invited"),
            )
            .with_hint("a survey's respondents are among those it invited"),
        );
    }
    if e.invited.is_some() != e.responded.is_some() {
        let (has, lacks) = if e.invited.is_some() {
            ("invited", "responded")
        } else {
            ("responded", "invited")
        };
        out.push(
            Finding::warning(
                r.clone(),
                vec![field(has)],
                format!("`{has}` without `{lacks}`: no response rate"),
            )
            .with_hint(format!("add `{lacks}: Some(…)`")),
        );
    }
    for (i, seg) in e.segments.iter().enumerate() {
        let at = |name: &str| vec![field("segments"), Step::Index(i), field(name)];
        if seg.name.trim().is_empty() {
            out.push(
                Finding::error(r.clone(), at("name"), "`name` is empty")
                    .with_hint("name the segment"),
            );
        } else if let Err(p) = check_line(&seg.name) {
            out.push(
                Finding::error(r.clone(), at("name"), format!("`name` {}", p.describe()))
                    .with_hint(p.hint(true)),
            );
        }
        if seg.responded > seg.invited {
            out.push(
                Finding::error(
                    r.clone(),
                    at("responded"),
                    format!(
                        "`responded` is {}, more than the {} invited in `{}`",
                        seg.responded, seg.invited, seg.name
                    ),
                )
                .with_hint("a segment's respondents are among those it invited"),
            );
        }
    }
    for (i, m) in e.metrics.iter().enumerate() {
        for (k, (label, value)) in m.series.iter().enumerate() {
            let at = |n: usize| {
                vec![
                    field("metrics"),
                    Step::Index(i),
                    field("series"),
                    Step::Index(k),
                    Step::Index(n),
                ]
            };
            if let Err(p) = check_line(label) {
                out.push(
                    Finding::error(
                        r.clone(),
                        at(0),
                        format!("the reading's label {}", p.describe()),
                    )
                    .with_hint(p.hint(true)),
                );
            }
            if !value.is_finite() {
                out.push(
                    Finding::error(
                        r.clone(),
                        at(1),
                        format!("the reading `{label}` is {value}; numbers must be finite"),
                    )
                    .with_hint("write a number such as 4.0"),
                );
            }
        }
    }
}
