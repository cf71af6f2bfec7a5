//! Scoring: two sessions in the room; each scorer records half their card, then the rest.

use super::{Book, EVERYONE, at, decision, example, put_text};
use crate::domain::maps::UniqueMap;
use crate::domain::phase::DecisionKind;
use crate::domain::records::Scorecard;
use crate::domain::snapshot::{RecordKind, RecordRef};
use crate::store::error::StoreError;

/// Scorers, and the minute past the hour each records in session one (16 Nov, 14:00) and
/// session two (19 Nov, 10:00). Marco and Aisha have not scored yet.
const SCORERS: &[(&str, u32, u32)] = &[
    ("dana", 20, 10),
    ("sam", 35, 25),
    ("lee", 50, 40),
    ("priya", 5, 55),
    ("tom", 20, 10),
];

/// Session one records each card's first half (in name order); session two completes it
/// with the bundled card, notes and all.
pub(super) fn sessions(book: &mut Book) -> Result<(), StoreError> {
    for (i, (member, minute, _)) in SCORERS.iter().enumerate() {
        let path = format!("scores/{member}.ron");
        let card: Scorecard = example::record(&path)?;
        let half = card.scores.len().div_ceil(2);
        let first: UniqueMap<UniqueMap<u8>> = card
            .scores
            .iter()
            .take(half)
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        let notes: UniqueMap<String> = card
            .notes
            .iter()
            .filter(|(k, _)| first.contains_key(*k))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        let hour = if i < 3 { 14 } else { 15 };
        let mut d = decision(
            DecisionKind::Score,
            format!("Score {half} initiatives ({member})"),
            "First scoring session: the first half of the initiatives, in name order. \
             Scorers skip their own silo's proposals (recusal).",
            member,
            EVERYONE,
            at(11, 16, hour, *minute),
        );
        d.put(
            &RecordRef::new(RecordKind::Scorecard, *member),
            &Scorecard {
                scores: first,
                notes,
            },
        )?;
        book.record(&d)?;
    }
    let present: Vec<&str> = EVERYONE.iter().copied().filter(|m| *m != "marco").collect();
    for (i, (member, _, minute)) in SCORERS.iter().enumerate() {
        let path = format!("scores/{member}.ron");
        let card: Scorecard = example::record(&path)?;
        let hour = if i < 4 { 10 } else { 11 };
        let mut d = decision(
            DecisionKind::Score,
            format!(
                "Score the remaining initiatives ({member}, {} in all)",
                card.scores.len()
            ),
            "Second scoring session; Marco sent apologies.",
            member,
            &present,
            at(11, 19, hour, *minute),
        );
        put_text(&mut d, &path, example::text(&path));
        book.record(&d)?;
    }
    Ok(())
}
