//! The next cycle, rehearsed on `rehearsal/next-year` from the end of the year after: in
//! November 2027 the facilitator sets up `fy2028-cx` from `fy2027-cx` (`init --from`), which
//! carries every funded initiative for review and the priorities' results as evidence; the
//! forum then continues one, scales one back and stops one, and leaves the rest open, so the
//! app and `roundtable advance` show the review step holding the new cycle in Evidence.

use super::{Book, FORUM};
use crate::domain::phase::DecisionKind;
use crate::domain::records::{Continuation, Verdict};
use crate::domain::snapshot::{RecordKind, RecordRef};
use crate::store::decide::Decision;
use crate::store::error::StoreError;
use crate::store::init::{Facilitator, Request, scaffold};
use git2::Oid;

/// The rehearsal's branch.
pub const NEXT_YEAR: &str = "rehearsal/next-year";

/// The next cycle's forum id.
pub const NEXT_FORUM: &str = "fy2028-cx";

/// A time in November 2027 on the office clock.
fn at(day: u32, hour: u32) -> (i64, i32) {
    super::at_in(2027, 11, day, hour, 0)
}

/// Writes the next cycle from `from` on its own branch; the book's branch is left as it was.
pub(super) fn rehearse(book: &mut Book, from: Oid) -> Result<(), StoreError> {
    super::on_branch(book, NEXT_YEAR, from, |book| write(book, from))
}

fn write(book: &mut Book, from: Oid) -> Result<(), StoreError> {
    let old = book.repo.load_at(FORUM, &from.to_string())?;
    let room = ["dana", "sam", "lee", "priya", "tom", "aisha", "nina"];
    let request = Request {
        forum_id: NEXT_FORUM.into(),
        by: Some("dana".into()),
        reason: Some("The board renewed the forum for FY2028.".into()),
        present: room.iter().map(|m| (*m).to_string()).collect(),
        ..Request::default()
    };
    let who = Facilitator {
        name: "Dana Whitfield".into(),
        email: "dana.whitfield@example.com".into(),
    };
    let mut d = scaffold(&request, Some(&old), &who)?;
    d.when = Some(at(2, 9));
    let tip = book.record(&d)?;
    let new = book.repo.load_at(NEXT_FORUM, &tip.to_string())?.snapshot;
    // The delivered one stops (what is left is run, not project money), the late one is
    // scaled back, the one on plan continues; the rest stay open for the meeting.
    let pick = |status: &str| {
        new.reviews
            .iter()
            .find(|(_, r)| r.status == status)
            .map(|(id, r)| (id.clone(), r.clone()))
    };
    let verdicts = [
        (
            "delivered",
            Continuation::Stop,
            "Delivered: what is left is run, not project money.",
        ),
        (
            "at-risk",
            Continuation::ScaleBack,
            "The vendor slipped: fund the reconnect half only.",
        ),
        (
            "started",
            Continuation::Continue,
            "Started in January and on plan: keep it funded.",
        ),
    ];
    for (status, verdict, reason) in verdicts {
        let Some((id, review)) = pick(status) else {
            continue;
        };
        let mut after = review.clone();
        after.verdict = Some(Verdict {
            decision: verdict,
            reason: reason.into(),
            on: "2027-11-03".into(),
        });
        let mut d = Decision::new(
            NEXT_FORUM,
            DecisionKind::Review,
            format!(
                "Review {}: {} ({})",
                review.title,
                verdict.name(),
                review.from
            ),
            reason,
            "dana",
        );
        d.present = room.iter().map(|m| (*m).to_string()).collect();
        d.when = Some(at(3, 10));
        d.put(&RecordRef::new(RecordKind::Review, &id), &after)?;
        book.record(&d)?;
    }
    Ok(())
}
