//! The year after the meeting, rehearsed at the end of `rehearsal/derailments`: from January to
//! June 2027 the funded initiatives report their status (`progress`) and the goals their
//! monthly readings (`measure`), so that `roundtable results`, the app's Results screen and
//! the results brief have a real story: two priorities ahead of their line, one behind, one
//! initiative delivered, one at risk, and the rest funded but not started.

use super::{Book, FORUM, decision};
use crate::domain::analysis::analyse;
use crate::domain::phase::DecisionKind;
use crate::domain::records::{Delivery, DeliveryStatus, Progress, Reading, Readings};
use crate::domain::snapshot::{RecordKind, RecordRef};
use crate::store::error::StoreError;
use chrono::NaiveDate;

/// A time in 2027 on the forum's office clock.
fn at(month: u32, day: u32, hour: u32, minute: u32) -> (i64, i32) {
    super::at_in(2027, month, day, hour, minute)
}

fn tip(book: &Book) -> Result<String, StoreError> {
    book.tip
        .map(|t| t.to_string())
        .ok_or_else(|| StoreError::Refused("the demo wrote nothing".into()))
}

/// Each goal's path: the fraction of the way from baseline to target at the end of January
/// to June, by rank of the priority (the rest are not measured: "no reading for 90 days").
const PATHS: [[f64; 6]; 3] = [
    [0.1, 0.22, 0.34, 0.46, 0.56, 0.66],
    [0.08, 0.1, 0.12, 0.15, 0.17, 0.19],
    [0.09, 0.2, 0.31, 0.43, 0.54, 0.63],
];

pub(super) fn the_year_after(book: &mut Book) -> Result<(), StoreError> {
    let s = book.repo.load_at(FORUM, &tip(book)?)?.snapshot;
    let order = analyse(&s).order;
    let funded: Vec<String> = s
        .allocation
        .iter()
        .flat_map(|a| &a.lines)
        .filter(|l| l.amount > 0)
        .map(|l| l.initiative.clone())
        .collect();
    // January: the first three funded initiatives start.
    for (k, id) in funded.iter().take(3).enumerate() {
        let day = u32::try_from(11 + k).unwrap_or(11);
        status(
            book,
            id,
            DeliveryStatus::Started,
            "Kick-off held; team staffed.",
            (1, day),
        )?;
    }
    for month in 1..=6u32 {
        let last = NaiveDate::from_ymd_opt(2027, month + 1, 1)
            .and_then(|d| d.pred_opt())
            .map_or(28, |d| chrono::Datelike::day(&d));
        for (rank, id) in order.iter().take(PATHS.len()).enumerate() {
            let Some(p) = s.priorities.get(id) else {
                continue;
            };
            let g = &p.goal;
            let f = PATHS[rank][month as usize - 1];
            let value = ((g.baseline + (g.target - g.baseline) * f) * 10.0).round() / 10.0;
            measure(book, id, value, (month, last), "monthly customer survey")?;
        }
        if month == 3
            && let Some(id) = funded.get(1)
        {
            status(
                book,
                id,
                DeliveryStatus::AtRisk,
                "The vendor's API slipped to Q3.",
                (3, 15),
            )?;
        }
        if month == 5
            && let Some(id) = funded.first()
        {
            status(
                book,
                id,
                DeliveryStatus::Delivered,
                "Live for every customer.",
                (5, 20),
            )?;
        }
        // The delivered initiative's own goal moves once it is live.
        if month >= 5
            && let Some(id) = funded.first()
            && let Some(g) = s.initiative(id).and_then(|i| i.goal.clone())
        {
            let f = if month == 5 { 0.3 } else { 0.7 };
            let value = ((g.baseline + (g.target - g.baseline) * f) * 10.0).round() / 10.0;
            measure(
                book,
                id,
                value,
                (month, last),
                "the support desk's tool count",
            )?;
        }
    }
    Ok(())
}

fn status(
    book: &mut Book,
    id: &str,
    to: DeliveryStatus,
    note: &str,
    (month, day): (u32, u32),
) -> Result<(), StoreError> {
    let s = book.repo.load_at(FORUM, &tip(book)?)?.snapshot;
    let title = s.initiative(id).map_or(id.to_string(), |i| i.title.clone());
    let on = format!("2027-{month:02}-{day:02}");
    let mut delivery = s.delivery.get(id).cloned().unwrap_or(Delivery {
        entries: Vec::new(),
    });
    delivery.entries.push(Progress {
        on: on.clone(),
        status: to,
        note: note.into(),
    });
    let mut d = decision(
        DecisionKind::Progress,
        format!("{title}: {} ({on})", to.name()),
        note,
        "dana",
        &["dana"],
        at(month, day, 17, 0),
    );
    d.put(&RecordRef::new(RecordKind::Delivery, id), &delivery)?;
    book.record(&d)?;
    Ok(())
}

fn measure(
    book: &mut Book,
    id: &str,
    value: f64,
    (month, day): (u32, u32),
    source: &str,
) -> Result<(), StoreError> {
    let s = book.repo.load_at(FORUM, &tip(book)?)?.snapshot;
    let on = format!("2027-{month:02}-{day:02}");
    let mut readings = s.readings.get(id).cloned().unwrap_or(Readings {
        entries: Vec::new(),
    });
    readings.entries.push(Reading {
        on: on.clone(),
        value,
        source: source.into(),
    });
    let mut d = decision(
        DecisionKind::Measure,
        format!("{id}: {value} on {on}"),
        format!("Reading from the {source}."),
        "aisha",
        &["aisha"],
        at(month, day, 18, 0),
    );
    d.put(&RecordRef::new(RecordKind::Readings, id), &readings)?;
    book.record(&d)?;
    Ok(())
}
