//! `roundtable results [--format json]`: after the plan, for each priority and each funded
//! initiative with a goal: baseline → latest reading → target, how far along the way, on track
//! or behind against a straight line from the planning month to the goal's date, the delivery
//! status, and flags ("funded, not started", "delivered, goal not moving", "no reading for 90
//! days").

use crate::cli::args::{Format, ReadArgs};
use crate::cli::context::{CmdResult, Global};
use crate::domain::records::{DeliveryStatus, Goal};
use crate::domain::results::{Reading, Track, latest, progress, stale, track};
use crate::domain::snapshot::Snapshot;
use crate::domain::text::sanitize;
use chrono::NaiveDate;
use serde_json::json;
use std::process::ExitCode;

/// The arguments of `roundtable results`.
#[derive(Debug, Clone, clap::Args)]
pub struct ResultsArgs {
    #[command(flatten)]
    pub read: ReadArgs,
    /// The day to judge "on track" and "no reading for 90 days" by (default today).
    #[arg(long, value_name = "DAY")]
    pub today: Option<String>,
}

fn month_start(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(&format!("{}-01", s.trim()), "%Y-%m-%d").ok()
}

/// One row: a priority or a funded initiative with its goal.
fn row(
    s: &Snapshot,
    kind: &str,
    id: &str,
    title: &str,
    goal: &Goal,
    today: NaiveDate,
) -> serde_json::Value {
    let readings: Vec<Reading> = s
        .readings
        .get(id)
        .map(|r| {
            r.entries
                .iter()
                .filter_map(|e| {
                    NaiveDate::parse_from_str(&e.on, "%Y-%m-%d")
                        .ok()
                        .map(|date| Reading {
                            date,
                            value: e.value,
                        })
                })
                .collect()
        })
        .unwrap_or_default();
    let last = latest(&readings);
    let planned = crate::domain::evidence::planning_month(&s.forum)
        .and_then(|m| NaiveDate::from_ymd_opt(i32::try_from(m.year).unwrap_or(0), m.month, 1));
    let due = goal.by.as_deref().and_then(month_start);
    let on_track = match planned {
        Some(p) => track(goal.baseline, goal.target, p, due, &readings),
        None => Track::Unknown,
    };
    let done = last.and_then(|l| progress(goal.baseline, goal.target, l.value));
    let status = s
        .delivery
        .get(id)
        .and_then(|d| d.entries.last())
        .map(|p| p.status);
    let mut flags = Vec::new();
    if kind == "initiative" && matches!(status, None | Some(DeliveryStatus::Planned)) {
        flags.push("funded, not started");
    }
    if status == Some(DeliveryStatus::Delivered) && done.is_none_or(|d| d <= 0.0) {
        flags.push("delivered, goal not moving");
    }
    if stale(&readings, today, 90) {
        flags.push("no reading for 90 days");
    }
    json!({
        "kind": kind,
        "id": id,
        "title": sanitize(title),
        "metric": sanitize(&goal.metric),
        "unit": sanitize(&goal.unit),
        "baseline": goal.baseline,
        "latest": last.map(|l| l.value),
        "latest_on": last.map(|l| l.date.to_string()),
        "target": goal.target,
        "by": goal.by,
        "progress": done,
        "track": match on_track { Track::OnTrack => "on track", Track::Behind => "behind", Track::Unknown => "unknown" },
        "status": status.map(DeliveryStatus::name),
        "flags": flags,
    })
}

/// Prints the results.
pub fn run(g: &Global, args: &ResultsArgs) -> CmdResult {
    let (_repo, loaded) = g.load_at(args.read.rev.as_deref())?;
    let s = &loaded.snapshot;
    let today = args
        .today
        .as_deref()
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    let mut rows = Vec::new();
    for (id, p) in &s.priorities {
        rows.push(row(s, "priority", id, &p.title, &p.goal, today));
    }
    let funded: Vec<&str> = s
        .allocation
        .as_ref()
        .map(|a| {
            a.lines
                .iter()
                .filter(|l| l.amount > 0)
                .map(|l| l.initiative.as_str())
                .collect()
        })
        .unwrap_or_default();
    for id in funded {
        if let Some(i) = s.initiative(id) {
            let goal = i.goal.clone().unwrap_or(Goal {
                metric: String::new(),
                unit: String::new(),
                baseline: 0.0,
                target: 0.0,
                by: None,
            });
            rows.push(row(s, "initiative", id, &i.title, &goal, today));
        }
    }
    if args.read.format == Format::Json {
        crate::cli::json::print(
            &json!({ "forum": s.id, "today": today.to_string(), "results": rows }),
        );
        return Ok(ExitCode::SUCCESS);
    }
    for r in &rows {
        let num = |v: &serde_json::Value| v.as_f64().map_or("—".to_string(), |x| format!("{x}"));
        println!(
            "{} {}: {} → {} → {} {} · {} · {}{}",
            r["kind"].as_str().unwrap_or(""),
            r["id"].as_str().unwrap_or(""),
            num(&r["baseline"]),
            num(&r["latest"]),
            num(&r["target"]),
            r["unit"].as_str().unwrap_or(""),
            r["progress"]
                .as_f64()
                .map_or("no reading".to_string(), |p| format!(
                    "{:.0} % of the way",
                    p * 100.0
                )),
            r["track"].as_str().unwrap_or(""),
            r["status"]
                .as_str()
                .map(|st| format!(" · {st}"))
                .unwrap_or_default(),
        );
        for f in r["flags"].as_array().into_iter().flatten() {
            println!("    ⚠ {}", f.as_str().unwrap_or(""));
        }
    }
    Ok(ExitCode::SUCCESS)
}
