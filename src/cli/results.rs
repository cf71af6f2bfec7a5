//! `roundtable results [--format json]`: after the plan, for each priority and each funded
//! initiative with a goal: baseline → latest reading → target, how far along the way, on track
//! or behind against a straight line from the planning month to the goal's date, the delivery
//! status, and flags ("funded, not started", "delivered, goal not moving", "no reading for 90
//! days").

use crate::cli::args::{Format, ReadArgs};
use crate::cli::context::{CmdResult, Global};
use crate::domain::records::DeliveryStatus;
use crate::domain::results::{Kind, ResultRow, Track, board};
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

/// One row as JSON (the shape `results --format json` has always had).
fn json_row(r: &ResultRow) -> serde_json::Value {
    json!({
        "kind": match r.kind { Kind::Priority => "priority", Kind::Initiative => "initiative" },
        "id": r.id,
        "title": sanitize(&r.title),
        "has_goal": r.has_goal,
        "metric": sanitize(&r.metric),
        "unit": sanitize(&r.unit),
        "baseline": r.baseline,
        "latest": r.latest.map(|l| l.value),
        "latest_on": r.latest.map(|l| l.date.to_string()),
        "target": r.target,
        "by": r.by,
        "progress": r.progress,
        "track": track_words(r.track),
        "status": r.status.map(DeliveryStatus::name),
        "allocated": r.allocated,
        "spent": r.spent.as_ref().map(|(m, _)| m),
        "spent_as_of": r.spent.as_ref().map(|(_, d)| d),
        "readings": r.readings.iter().map(|x| json!({"on": x.date.to_string(), "value": x.value})).collect::<Vec<_>>(),
        "flags": r.flags.iter().map(|f| f.words()).collect::<Vec<_>>(),
        "commitments": r.commitments.iter().map(|c| json!({
            "member": c.member,
            "name": sanitize(&c.name),
            "metric": sanitize(&c.metric),
            "target": c.target,
            "by": sanitize(&c.by),
        })).collect::<Vec<_>>(),
    })
}

/// "on track", "behind" or "unknown".
pub fn track_words(t: Track) -> &'static str {
    match t {
        Track::OnTrack => "on track",
        Track::Behind => "behind",
        Track::Unknown => "unknown",
    }
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
    let order = crate::domain::analysis::analyse_ranking(s).order;
    let rows: Vec<serde_json::Value> = board(s, &order, today).iter().map(json_row).collect();
    if args.read.format == Format::Json {
        crate::cli::json::print(
            &json!({ "forum": s.id, "today": today.to_string(), "results": rows }),
        );
        return Ok(ExitCode::SUCCESS);
    }
    for r in &rows {
        let num = |v: &serde_json::Value| v.as_f64().map_or("—".to_string(), |x| format!("{x}"));
        let status = r["status"]
            .as_str()
            .map(|st| format!(" · {st}"))
            .unwrap_or_default();
        let kind = r["kind"].as_str().unwrap_or("");
        let id = r["id"].as_str().unwrap_or("");
        if r["has_goal"] == false {
            println!("{kind} {id}: no goal{status}");
        } else {
            println!(
                "{kind} {id}: {} → {} → {} {} · {} · {}{status}",
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
            );
        }
        for f in r["flags"].as_array().into_iter().flatten() {
            println!("    ⚠ {}", f.as_str().unwrap_or(""));
        }
        for c in r["commitments"].as_array().into_iter().flatten() {
            println!(
                "    ↳ {} ({}) commits: {} {} by {}",
                c["name"].as_str().unwrap_or(""),
                c["member"].as_str().unwrap_or(""),
                c["metric"].as_str().unwrap_or(""),
                num(&c["target"]),
                c["by"].as_str().unwrap_or(""),
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}
