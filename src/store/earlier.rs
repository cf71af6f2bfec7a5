//! A priority's goal across cycles: the readings the repository's earlier forums recorded for
//! the priority ids the current forum still has, so the Results screen can draw one line
//! from the last cycle into this one.

use crate::domain::results::Reading;
use crate::domain::snapshot::Snapshot;
use crate::store::repo::ForumRepo;
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// Priority id → (cycle, reading) of every earlier forum at `rev`, oldest first. A forum is
/// earlier when its cycle sorts before the current one's; one that cannot be read is skipped.
pub fn earlier_readings(
    repo: &ForumRepo,
    rev: &str,
    current: &Snapshot,
) -> BTreeMap<String, Vec<(String, Reading)>> {
    let mut out: BTreeMap<String, Vec<(String, Reading)>> = BTreeMap::new();
    let Ok(ids) = repo.forum_ids_at(rev) else {
        return out;
    };
    for id in ids.iter().filter(|id| **id != current.id) {
        let Ok(loaded) = repo.load_at(id, rev) else {
            continue;
        };
        let s = loaded.snapshot;
        if s.forum.cycle >= current.forum.cycle {
            continue;
        }
        for (priority, readings) in &s.readings {
            if !current.priorities.contains_key(priority) || !s.priorities.contains_key(priority) {
                continue;
            }
            let line = out.entry(priority.clone()).or_default();
            line.extend(readings.entries.iter().filter_map(|e| {
                let date = NaiveDate::parse_from_str(&e.on, "%Y-%m-%d").ok()?;
                Some((
                    s.forum.cycle.clone(),
                    Reading {
                        date,
                        value: e.value,
                    },
                ))
            }));
        }
    }
    for line in out.values_mut() {
        line.sort_by_key(|(_, r)| r.date);
    }
    out
}
