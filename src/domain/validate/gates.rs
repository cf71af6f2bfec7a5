//! Phase gates visible in one snapshot, and the decided ranking.

use crate::domain::finding::{Finding, field};
use crate::domain::records::{Phase, RankingMethod};
use crate::domain::snapshot::{RecordKind, RecordRef, Snapshot};
use crate::domain::validate::list;
use crate::domain::validate::refs::Ids;
use crate::domain::validate::{Scope, forum_ref};

/// Checks the scale, the ranking, and which records the phase allows.
pub(super) fn check(s: &Snapshot, ids: &Ids, scope: &Scope, out: &mut Vec<Finding>) {
    let phase = s.forum.phase;
    let on_forum = scope.has(RecordKind::Forum, "");
    if on_forum && s.forum.scale == 0 {
        out.push(
            Finding::error(
                forum_ref(),
                vec![field("scale")],
                "`scale` is 0: nothing could be scored",
            )
            .with_hint("scores run 0..=scale; the usual scale is 4"),
        );
    }
    if scope.has(RecordKind::Ranking, "") {
        ranking(s, ids, out);
    }
    if on_forum && phase >= Phase::Scoring && s.ranking.is_none() {
        out.push(
            Finding::error(
                forum_ref(),
                vec![field("phase")],
                format!("phase {phase} needs a decided ranking, but there is no ranking.ron"),
            )
            .with_hint("decide the ranking, or reopen the forum to Ranking"),
        );
    }
    if phase < Phase::Scoring {
        for id in s.scorecards.keys() {
            if !scope.has(RecordKind::Scorecard, id) {
                continue;
            }
            out.push(
                Finding::error(
                    RecordRef::new(RecordKind::Scorecard, id),
                    Vec::new(),
                    format!(
                        "scorecards are taken from phase Scoring on; the forum is in phase {phase}"
                    ),
                )
                .with_hint("lock the ranking and advance to Scoring first"),
            );
        }
    }
    if phase < Phase::Allocation && s.allocation.is_some() && scope.has(RecordKind::Allocation, "")
    {
        out.push(
            Finding::error(
                RecordRef::new(RecordKind::Allocation, ""),
                Vec::new(),
                format!(
                    "allocation.ron may exist only in phase Allocation or Closed; the forum is in phase {phase}"
                ),
            )
            .with_hint("priorities first, then money: advance to Allocation, or remove the file"),
        );
    }
}

fn ranking(s: &Snapshot, ids: &Ids, out: &mut Vec<Finding>) {
    let Some(rk) = &s.ranking else { return };
    let r = RecordRef::new(RecordKind::Ranking, "");
    ids.priorities.resolve_list(&r, "order", &rk.order, out);
    ids.priorities
        .resolve_list(&r, "computed", &rk.computed, out);
    let missing: Vec<&str> = s
        .priorities
        .keys()
        .map(String::as_str)
        .filter(|p| !rk.order.iter().any(|o| o == p))
        .collect();
    if !missing.is_empty() {
        let message = format!(
            "the ranking leaves out {}; it must list every priority exactly once",
            list(missing.iter().copied())
        );
        let hint = "decide the ranking again with every priority";
        out.push(if s.forum.phase >= Phase::Scoring {
            Finding::error(r.clone(), vec![field("order")], message).with_hint(hint)
        } else {
            Finding::warning(r.clone(), vec![field("order")], message).with_hint(hint)
        });
    }
    if rk.method == RankingMethod::Manual && rk.note.trim().is_empty() {
        out.push(
            Finding::error(
                r,
                vec![field("method")],
                "a Manual ranking needs a note saying why",
            )
            .with_hint("add `note: \"…\"` with the forum's reason for setting the order by hand"),
        );
    }
}
