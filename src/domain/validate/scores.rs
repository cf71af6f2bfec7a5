//! Scorecards: every score within the forum's scale; recused scores flagged.

use crate::domain::finding::{Finding, Step, field};
use crate::domain::records::CONSENSUS;
use crate::domain::snapshot::{RecordKind, RecordRef, Snapshot};
use crate::domain::validate::Scope;

/// Checks each score against `0..=scale` and, with recusal on, own-silo scores.
pub(super) fn check(s: &Snapshot, scope: &Scope, out: &mut Vec<Finding>) {
    let scale = s.forum.scale;
    for (member, card) in &s.scorecards {
        if !scope.has(RecordKind::Scorecard, member) {
            continue;
        }
        let r = RecordRef::new(RecordKind::Scorecard, member);
        let silo = s.member(member).map(|m| m.silo.as_str());
        // Scores and initiatives are both in id order: walk them side by side.
        let mut initiatives = s.initiatives.iter().peekable();
        for (init, by_priority) in &card.scores {
            for (p, score) in by_priority {
                if *score > scale {
                    out.push(
                        Finding::error(
                            r.clone(),
                            vec![
                                field("scores"),
                                Step::Value(init.clone()),
                                Step::Value(p.clone()),
                            ],
                            format!("score {score} is outside the forum's scale 0..={scale}"),
                        )
                        .with_hint(format!("0 means no effect, {scale} the strongest")),
                    );
                }
            }
            while initiatives.peek().is_some_and(|(id, _)| *id < init) {
                initiatives.next();
            }
            let own = match initiatives.peek() {
                Some((id, p)) if *id == init => silo.filter(|m| p.involves(m)).map(|m| {
                    if p.silo == m {
                        format!("of their own silo `{m}`")
                    } else {
                        format!("their silo `{m}` contributes to")
                    }
                }),
                _ => None,
            };
            if s.forum.recusal && member != CONSENSUS && own.is_some() {
                out.push(
                    Finding::warning(
                        r.clone(),
                        vec![field("scores"), Step::Key(init.clone())],
                        format!(
                            "`{member}` scores `{init}`, an initiative {}",
                            own.unwrap_or_default()
                        ),
                    )
                    .with_hint("the forum has `recusal: true`, so this score is not counted"),
                );
            }
        }
    }
}
