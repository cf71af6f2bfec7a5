//! `roundtable minutes`: the minutes of a meeting from its decision commits, as markdown.

use crate::cli::context::{CmdResult, Global, refuse};
use crate::domain::records::Role;
use crate::domain::snapshot::Snapshot;
use crate::domain::text::{sanitize, sanitize_multiline};
use crate::report::markdown::{block, inline};
use crate::store::history::{Entry, decisions_since};
use chrono::{NaiveDate, NaiveDateTime};
use std::fmt::Write;
use std::process::ExitCode;

/// The arguments of `roundtable minutes`.
#[derive(Debug, Clone, clap::Args)]
pub struct MinutesArgs {
    /// The decisions after this revision.
    #[arg(long, value_name = "REV", conflicts_with = "date")]
    pub since: Option<String>,
    /// A day, YYYY-MM-DD.
    #[arg(long, value_name = "DAY")]
    pub date: Option<String>,
}

/// Prints the minutes of the decisions since `since`, or of one day (default: the last day
/// on which the forum decided anything).
pub fn run(g: &Global, args: &MinutesArgs) -> CmdResult {
    let (since, date) = (args.since.as_deref(), args.date.as_deref());
    let (repo, loaded) = g.load_at(None)?;
    let snapshot = &loaded.snapshot;
    let tip = repo.resolve("HEAD")?;
    let since_oid = since.map(|r| repo.resolve(r)).transpose()?;
    let day = date
        .map(|d| {
            NaiveDate::parse_from_str(d, "%Y-%m-%d").map_err(|_| {
                refuse(
                    format!("`{}` is not a day", sanitize(d)),
                    Some("write the day as YYYY-MM-DD, e.g. --date 2026-11-20"),
                )
            })
        })
        .transpose()?;
    let all = decisions_since(&repo, &snapshot.id, tip, since_oid)?;
    let day = match (since, day) {
        (Some(_), _) => None,
        (None, Some(d)) => Some(d),
        (None, None) => all.last().map(local_day),
    };
    let chosen: Vec<&Entry> = all
        .iter()
        .filter(|c| day.is_none_or(|d| local_day(c) == d))
        .collect();
    if chosen.is_empty() {
        return Err(refuse(
            "no decisions to take minutes of",
            Some(
                "decisions are commits with a `Decision:` trailer; try `--since <rev>` or another `--date`",
            ),
        ));
    }
    print!("{}", minutes(snapshot, &chosen, day));
    Ok(ExitCode::SUCCESS)
}

/// When the decision was made, in the decider's own time zone (as the log prints it).
fn local(c: &Entry) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(&c.date, "%Y-%m-%d %H:%M").unwrap_or_default()
}

fn local_day(c: &Entry) -> NaiveDate {
    local(c).date()
}

fn who(snapshot: &Snapshot, id: &str) -> String {
    match snapshot.member(id) {
        Some(m) => {
            let role = match m.role {
                Role::Facilitator => ", facilitator",
                Role::Observer if m.customer => ", customer (observer)",
                Role::Observer => ", observer",
                Role::Member => "",
                Role::Executive => ", executive",
            };
            format!(
                "{} (`{}`){role}",
                inline(&sanitize(&m.name)),
                inline(&sanitize(id))
            )
        }
        None => format!("`{}` (not a member)", inline(&sanitize(id))),
    }
}

fn name(snapshot: &Snapshot, id: &str) -> String {
    snapshot
        .member(id)
        .map_or_else(|| sanitize(id), |m| sanitize(&m.name))
}

/// The minutes as markdown.
pub fn minutes(snapshot: &Snapshot, commits: &[&Entry], day: Option<NaiveDate>) -> String {
    let mut o = String::new();
    let title = inline(&sanitize(&snapshot.forum.title));
    let when = match (day, commits.first(), commits.last()) {
        (Some(d), _, _) => d.format("%Y-%m-%d").to_string(),
        (None, Some(a), Some(b)) => format!(
            "{} to {}",
            local(a).format("%Y-%m-%d"),
            local(b).format("%Y-%m-%d")
        ),
        _ => String::new(),
    };
    let _ = writeln!(o, "# Minutes: {title}, {when}\n");
    let short = |c: &Entry| c.short().to_string();
    if let (Some(a), Some(b)) = (commits.first(), commits.last()) {
        let _ = writeln!(
            o,
            "Forum `{}` · {} decision(s) · commits `{}` to `{}`\n",
            snapshot.id,
            commits.len(),
            short(a),
            short(b)
        );
    }
    let mut present: Vec<String> = Vec::new();
    for c in commits {
        for p in c.present.iter().chain(c.decided_by.iter()) {
            if !present.contains(p) {
                present.push(p.clone());
            }
        }
    }
    present.sort();
    o.push_str("## Present\n\n");
    for p in &present {
        let _ = writeln!(o, "- {}", who(snapshot, p));
    }
    o.push_str("\n## Decisions\n\n");
    for (k, c) in commits.iter().enumerate() {
        let _ = writeln!(o, "### {}. {}\n", k + 1, inline(&sanitize(&c.summary)));
        let by = c
            .decided_by
            .as_deref()
            .map_or_else(|| "nobody named".into(), |b| inline(&name(snapshot, b)));
        let _ = writeln!(
            o,
            "*{}* · decided by {by} · {} · commit `{}`\n",
            inline(&sanitize(c.decision.as_deref().unwrap_or_default())),
            local(c).format("%H:%M"),
            short(c)
        );
        let mut here = c.present.clone();
        here.sort();
        if !here.is_empty() && here != present {
            let names: Vec<String> = here.iter().map(|p| inline(&name(snapshot, p))).collect();
            let _ = writeln!(o, "Present for this decision: {}.\n", names.join(", "));
        }
        let reason = sanitize_multiline(&c.reason);
        if reason.trim().is_empty() {
            o.push_str("No reason was recorded.\n\n");
        } else {
            let _ = writeln!(o, "{}\n", block(&reason));
        }
    }
    actions(&mut o, snapshot, day);
    o
}

/// The forum's action items: open ones first (late ones marked against the minutes' day),
/// then the closed ones.
fn actions(o: &mut String, snapshot: &Snapshot, day: Option<NaiveDate>) {
    if snapshot.actions.is_empty() {
        return;
    }
    let today = day.map(|d| d.format("%Y-%m-%d").to_string());
    o.push_str("## Actions\n\n");
    let (open, closed): (Vec<_>, Vec<_>) = snapshot.actions.iter().partition(|(_, a)| a.is_open());
    for (id, a) in open {
        let late = if today.as_deref().is_some_and(|t| a.is_overdue(t)) {
            " · **past due**"
        } else {
            ""
        };
        let _ = writeln!(
            o,
            "- [ ] {} brings {} by {}{late} (`{}`)",
            inline(&name(snapshot, &a.owner)),
            inline(&sanitize(&a.text)),
            inline(&sanitize(&a.due)),
            inline(&sanitize(id))
        );
    }
    for (id, a) in closed {
        let (on, note) = a
            .closed
            .as_ref()
            .map(|c| (c.on.as_str(), c.note.as_str()))
            .unwrap_or_default();
        let note = if note.trim().is_empty() {
            String::new()
        } else {
            format!(": {}", inline(&sanitize(note)))
        };
        let _ = writeln!(
            o,
            "- [x] {} brought {} (closed {}{note}) (`{}`)",
            inline(&name(snapshot, &a.owner)),
            inline(&sanitize(&a.text)),
            inline(&sanitize(on)),
            inline(&sanitize(id))
        );
    }
    o.push('\n');
}
