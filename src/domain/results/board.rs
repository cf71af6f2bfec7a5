//! The results board: one row per priority (in the order in force) and per funded initiative
//! with its goal, its readings, its delivery status and its flags.

use crate::domain::records::{DeliveryStatus, Goal};
use crate::domain::results::line::{Reading, Track, latest, progress, stale, track};
use crate::domain::snapshot::Snapshot;
use chrono::NaiveDate;

/// What a row is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Priority,
    Initiative,
}

/// Something the forum should look at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flag {
    /// Funded, and no status past "planned".
    NotStarted,
    /// Delivered, and the goal has not moved towards its target.
    NotMoving,
    /// No reading in the last 90 days (or none at all).
    Stale,
    /// The books show more spent than the allocation gave.
    Overspent,
}

impl Flag {
    /// The flag in the forum's words.
    pub fn words(self) -> &'static str {
        match self {
            Flag::NotStarted => "funded, not started",
            Flag::NotMoving => "delivered, goal not moving",
            Flag::Stale => "no reading for 90 days",
            Flag::Overspent => "spent more than allocated",
        }
    }
}

/// One row of the board. Text fields are as recorded: sanitise them where they are shown.
#[derive(Debug, Clone, PartialEq)]
pub struct ResultRow {
    pub kind: Kind,
    pub id: String,
    pub title: String,
    /// False for a funded initiative without a goal: only its status and flags apply.
    pub has_goal: bool,
    pub metric: String,
    pub unit: String,
    pub baseline: f64,
    /// Every reading, oldest first.
    pub readings: Vec<Reading>,
    pub latest: Option<Reading>,
    pub target: f64,
    pub by: Option<String>,
    /// The fraction of the way from baseline to target the latest reading has come.
    pub progress: Option<f64>,
    pub track: Track,
    pub status: Option<DeliveryStatus>,
    /// The money allocated (funded initiatives).
    pub allocated: Option<u64>,
    /// Actual spend from the books, and the day of its latest posting.
    pub spent: Option<(u64, String)>,
    pub flags: Vec<Flag>,
    /// For a priority: each executive's commitment towards it.
    pub commitments: Vec<Promise>,
}

/// An executive's commitment, beside the priority it serves.
#[derive(Debug, Clone, PartialEq)]
pub struct Promise {
    pub member: String,
    /// The member's name.
    pub name: String,
    pub metric: String,
    pub target: f64,
    pub by: String,
}

fn month_start(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(&format!("{}-01", s.trim()), "%Y-%m-%d").ok()
}

/// The board on `today`: the priorities in `order` (any not in it after, by id), then each
/// initiative the recorded allocation funds, in the allocation's order.
pub fn board(s: &Snapshot, order: &[String], today: NaiveDate) -> Vec<ResultRow> {
    let planned = crate::domain::evidence::planning_month(&s.forum)
        .and_then(|m| NaiveDate::from_ymd_opt(i32::try_from(m.year).unwrap_or(0), m.month, 1));
    let mut ids: Vec<&String> = order
        .iter()
        .filter(|id| s.priorities.contains_key(*id))
        .collect();
    ids.extend(s.priorities.keys().filter(|id| !order.contains(id)));
    let mut rows: Vec<ResultRow> = ids
        .into_iter()
        .filter_map(|id| {
            let p = s.priorities.get(id)?;
            Some(row(
                s,
                Kind::Priority,
                id,
                &p.title,
                Some(&p.goal),
                None,
                planned,
                today,
            ))
        })
        .collect();
    for line in s.allocation.iter().flat_map(|a| &a.lines) {
        if line.amount == 0 {
            continue;
        }
        if let Some(i) = s.initiative(&line.initiative) {
            rows.push(row(
                s,
                Kind::Initiative,
                &line.initiative,
                &i.title,
                i.goal.as_ref(),
                Some(line.amount),
                planned,
                today,
            ));
        }
    }
    rows
}

#[allow(clippy::too_many_arguments)]
fn row(
    s: &Snapshot,
    kind: Kind,
    id: &str,
    title: &str,
    goal: Option<&Goal>,
    allocated: Option<u64>,
    planned: Option<NaiveDate>,
    today: NaiveDate,
) -> ResultRow {
    let mut readings: Vec<Reading> = s
        .readings
        .get(id)
        .map(|r| {
            r.entries
                .iter()
                .filter_map(|e| {
                    let date = NaiveDate::parse_from_str(&e.on, "%Y-%m-%d").ok()?;
                    Some(Reading {
                        date,
                        value: e.value,
                    })
                })
                .collect()
        })
        .unwrap_or_default();
    readings.sort_by_key(|r| r.date);
    let last = latest(&readings);
    let (baseline, target) = goal.map_or((0.0, 0.0), |g| (g.baseline, g.target));
    let due = goal.and_then(|g| g.by.as_deref()).and_then(month_start);
    let on_track = match (goal, planned) {
        (Some(_), Some(p)) => track(baseline, target, p, due, &readings),
        _ => Track::Unknown,
    };
    let done = goal
        .and(last)
        .and_then(|l| progress(baseline, target, l.value));
    let status = s
        .delivery
        .get(id)
        .and_then(|d| d.entries.last())
        .map(|p| p.status);
    let mut flags = Vec::new();
    if kind == Kind::Initiative && matches!(status, None | Some(DeliveryStatus::Planned)) {
        flags.push(Flag::NotStarted);
    }
    if status == Some(DeliveryStatus::Delivered) && done.is_none_or(|d| d <= 0.0) {
        flags.push(Flag::NotMoving);
    }
    if goal.is_some() && stale(&readings, today, 90) {
        flags.push(Flag::Stale);
    }
    let spent = s.spend.get(id).map(|x| (x.amount, x.as_of.clone()));
    if let (Some((spent, _)), Some(given)) = (&spent, allocated)
        && *spent > given
    {
        flags.push(Flag::Overspent);
    }
    ResultRow {
        kind,
        id: id.to_string(),
        title: title.to_string(),
        has_goal: goal.is_some(),
        metric: goal.map(|g| g.metric.clone()).unwrap_or_default(),
        unit: goal.map(|g| g.unit.clone()).unwrap_or_default(),
        baseline,
        readings,
        latest: last,
        target,
        by: goal.and_then(|g| g.by.clone()),
        progress: done,
        track: on_track,
        status,
        allocated,
        spent,
        flags,
        commitments: if kind == Kind::Priority {
            promises(s, id)
        } else {
            Vec::new()
        },
    }
}

/// Every member's commitment towards priority `id`, in the order the members are listed.
fn promises(s: &Snapshot, id: &str) -> Vec<Promise> {
    s.forum
        .members
        .iter()
        .flat_map(|m| {
            m.commitments
                .iter()
                .filter(|c| c.priority == id)
                .map(|c| Promise {
                    member: m.id.clone(),
                    name: m.name.clone(),
                    metric: c.metric.clone(),
                    target: c.target,
                    by: c.by.clone(),
                })
        })
        .collect()
}
