//! The results brief for the C-team (`roundtable report --results`): what was promised, what
//! was delivered, what moved and what did not, and what the forum should discuss — from the
//! same rows as `roundtable results` and the app's Results screen.
//!
//! The brief is laid out once as blocks whose text is already escaped by the format's
//! [`Markup`]; markdown and HTML only differ in how a heading, a list or a table is written.

use crate::domain::records::DeliveryStatus;
use crate::domain::results::{Flag, Kind, ResultRow, Track};
use crate::domain::snapshot::Snapshot;
use crate::report::html::{Html, escape};
use crate::report::markdown::Md;
use crate::report::num;
use crate::report::wording::Markup;
use std::fmt::Write;

/// One block of the brief; every string in it is escaped for the format.
enum Block {
    Heading(String),
    Para(String),
    List(Vec<String>),
    Table(Vec<&'static str>, Vec<Vec<String>>),
}

fn track_words(r: &ResultRow) -> &'static str {
    match r.track {
        Track::OnTrack => "on track",
        Track::Behind => "behind",
        Track::Unknown if r.readings.is_empty() => "not measured",
        Track::Unknown => "no goal date to judge by",
    }
}

fn goal_words(m: &dyn Markup, r: &ResultRow) -> String {
    if !r.has_goal {
        return "no goal".into();
    }
    format!(
        "{} ({}): {} → {}{}",
        m.text(&r.metric),
        m.text(&r.unit),
        num(r.baseline, 2),
        num(r.target, 2),
        r.by.as_deref()
            .map(|b| format!(" by {}", m.text(b)))
            .unwrap_or_default()
    )
}

fn name(m: &dyn Markup, r: &ResultRow) -> String {
    format!("{} ({})", m.strong(&r.title), m.code(&r.id))
}

/// The latest status of an initiative with its date and note.
fn delivery_line(m: &dyn Markup, s: &Snapshot, r: &ResultRow) -> String {
    let last = s.delivery.get(&r.id).and_then(|d| d.entries.last());
    match last {
        None => format!("{}: no status yet", name(m, r)),
        Some(p) => format!(
            "{}: {} on {}{}",
            name(m, r),
            p.status.name(),
            m.text(&p.on),
            if p.note.trim().is_empty() {
                String::new()
            } else {
                format!(" — {}", m.text(p.note.trim()))
            }
        ),
    }
}

fn blocks(m: &dyn Markup, s: &Snapshot, rows: &[ResultRow], today: &str) -> Vec<Block> {
    let goals: Vec<&ResultRow> = rows.iter().filter(|r| r.has_goal).collect();
    let count = |t: Track| goals.iter().filter(|r| r.track == t).count();
    let unmeasured = goals.iter().filter(|r| r.readings.is_empty()).count();
    let funded: Vec<&ResultRow> = rows.iter().filter(|r| r.kind == Kind::Initiative).collect();
    let with = |st: DeliveryStatus| funded.iter().filter(|r| r.status == Some(st)).count();
    let money: u64 = funded
        .iter()
        .filter_map(|r| r.allocated)
        .fold(0, u64::saturating_add);
    let mut out = vec![Block::Heading("In one minute".into())];
    out.push(Block::List(vec![
        format!(
            "{} goals: {} on track, {} behind, {} not measured yet (as of {}).",
            goals.len(),
            count(Track::OnTrack),
            count(Track::Behind),
            unmeasured,
            m.text(today)
        ),
        format!(
            "{} funded initiatives, {} allocated: {} delivered, {} started, {} at risk, {} stopped, {} not started.",
            funded.len(),
            crate::domain::money::money(money, &s.forum.currency),
            with(DeliveryStatus::Delivered),
            with(DeliveryStatus::Started),
            with(DeliveryStatus::AtRisk),
            with(DeliveryStatus::Stopped),
            funded
                .iter()
                .filter(|r| matches!(r.status, None | Some(DeliveryStatus::Planned)))
                .count()
        ),
        format!(
            "{} things for the forum to discuss (below).",
            rows.iter().map(|r| r.flags.len()).sum::<usize>()
                + goals.iter().filter(|r| r.track == Track::Behind).count()
        ),
    ]));

    out.push(Block::Heading("What was promised".into()));
    out.push(Block::Para(
        "The priorities in the order the forum ranked them, each with its goal, and the initiatives it funded.".into(),
    ));
    out.push(Block::Table(
        vec!["", "Priority", "Goal"],
        rows.iter()
            .filter(|r| r.kind == Kind::Priority)
            .enumerate()
            .map(|(k, r)| vec![format!("{}", k + 1), name(m, r), goal_words(m, r)])
            .collect(),
    ));
    out.push(Block::Table(
        vec!["Funded initiative", "Allocated", "Goal"],
        funded
            .iter()
            .map(|r| {
                vec![
                    name(m, r),
                    r.allocated
                        .map(|a| crate::domain::money::money(a, &s.forum.currency))
                        .unwrap_or_default(),
                    goal_words(m, r),
                ]
            })
            .collect(),
    ));

    let promises: Vec<String> = rows
        .iter()
        .flat_map(|r| {
            r.commitments.iter().map(move |c| {
                format!(
                    "{} ({}) promised {}: {} {} by {}.",
                    m.strong(&c.name),
                    m.code(&c.member),
                    name(m, r),
                    m.text(&c.metric),
                    num(c.target, 2),
                    m.text(&c.by)
                )
            })
        })
        .collect();
    if !promises.is_empty() {
        out.push(Block::Para("What each executive promised:".into()));
        out.push(Block::List(promises));
    }

    out.push(Block::Heading("What was delivered".into()));
    out.push(Block::List(
        funded
            .iter()
            .map(|r| {
                let spend = match (&r.spent, r.allocated) {
                    (Some((spent, on)), Some(given)) => format!(
                        "; spent {} of {} (books to {})",
                        crate::domain::money::money(*spent, &s.forum.currency),
                        crate::domain::money::money(given, &s.forum.currency),
                        m.text(on)
                    ),
                    _ => String::new(),
                };
                format!("{}{spend}", delivery_line(m, s, r))
            })
            .collect(),
    ));

    out.push(Block::Heading("What moved and what did not".into()));
    out.push(Block::Table(
        vec![
            "",
            "Goal",
            "Start",
            "Latest",
            "Target",
            "Of the way",
            "Track",
        ],
        goals
            .iter()
            .map(|r| {
                vec![
                    match r.kind {
                        Kind::Priority => "priority".into(),
                        Kind::Initiative => "initiative".into(),
                    },
                    format!("{} — {}", name(m, r), m.text(&r.metric)),
                    num(r.baseline, 2),
                    r.latest.map_or("–".into(), |l| {
                        format!("{} ({})", num(l.value, 2), l.date)
                    }),
                    num(r.target, 2),
                    r.progress
                        .map_or("–".into(), |p| format!("{} %", num(p * 100.0, 0))),
                    track_words(r).into(),
                ]
            })
            .collect(),
    ));

    out.push(Block::Heading("What the forum should discuss".into()));
    let mut items = Vec::new();
    for r in goals.iter().filter(|r| r.track == Track::Behind) {
        items.push(format!(
            "{} is behind its line: {} of the way.",
            name(m, r),
            r.progress
                .map_or("–".into(), |p| format!("{} %", num(p * 100.0, 0)))
        ));
    }
    for r in rows {
        if matches!(
            r.status,
            Some(DeliveryStatus::AtRisk) | Some(DeliveryStatus::Stopped)
        ) {
            items.push(format!(
                "{} is {}.",
                name(m, r),
                r.status.map_or("", DeliveryStatus::name)
            ));
        }
        for f in &r.flags {
            let what = match f {
                Flag::NotStarted => "is funded and has not started",
                Flag::NotMoving => "was delivered and its goal has not moved",
                Flag::Stale => "has had no reading for 90 days",
                Flag::Overspent => "has spent more than it was allocated",
            };
            items.push(format!("{} {what}.", name(m, r)));
        }
    }
    if items.is_empty() {
        items.push("Nothing is behind, at risk or unmeasured.".into());
    }
    out.push(Block::List(items));
    out
}

/// The results brief as markdown.
pub fn markdown(s: &Snapshot, rows: &[ResultRow], today: &str, commit: Option<&str>) -> String {
    let m = Md;
    let mut o = String::new();
    let _ = writeln!(o, "# {} — results brief\n", m.text(&s.forum.title));
    let _ = writeln!(
        o,
        "**Cycle** {} · **As of** {} · forum `{}`{}\n",
        m.text(&s.forum.cycle),
        m.text(today),
        s.id,
        commit
            .map(|c| format!(" · commit `{c}`"))
            .unwrap_or_default()
    );
    for b in blocks(&m, s, rows, today) {
        match b {
            Block::Heading(h) => {
                let _ = writeln!(o, "## {h}\n");
            }
            Block::Para(p) => {
                let _ = writeln!(o, "{p}\n");
            }
            Block::List(items) => {
                for i in items {
                    let _ = writeln!(o, "- {i}");
                }
                o.push('\n');
            }
            Block::Table(head, rows) => {
                if rows.is_empty() {
                    continue;
                }
                let _ = writeln!(o, "| {} |", head.join(" | "));
                let _ = writeln!(o, "|{}", "---|".repeat(head.len()));
                for r in rows {
                    let _ = writeln!(o, "| {} |", r.join(" | "));
                }
                o.push('\n');
            }
        }
    }
    o
}

/// The results brief as one self-contained HTML page.
pub fn html(s: &Snapshot, rows: &[ResultRow], today: &str, commit: Option<&str>) -> String {
    let m = Html;
    let title = format!("{} — results brief", s.forum.title);
    let mut o = String::new();
    let _ = write!(
        o,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\" />\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n<title>{}</title>\n<style>\nbody{{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#111;background:#fff}}\nh2{{border-bottom:2px solid #222;margin-top:2rem}}table{{border-collapse:collapse;width:100%;margin:.8rem 0;font-size:.92rem}}th,td{{border:1px solid #bbb;padding:.25rem .45rem;text-align:left;vertical-align:top}}th{{background:#eee}}.meta{{color:#444}}\n</style>\n</head>\n<body>\n<h1>{}</h1>\n",
        escape(&title),
        escape(&title)
    );
    let _ = writeln!(
        o,
        "<p class=\"meta\">Cycle {} · as of {} · forum <code>{}</code>{}</p>",
        escape(&s.forum.cycle),
        escape(today),
        escape(&s.id),
        commit
            .map(|c| format!(" · commit <code>{}</code>", escape(c)))
            .unwrap_or_default()
    );
    for b in blocks(&m, s, rows, today) {
        match b {
            Block::Heading(h) => {
                let _ = writeln!(o, "<h2>{h}</h2>");
            }
            Block::Para(p) => {
                let _ = writeln!(o, "<p>{p}</p>");
            }
            Block::List(items) => {
                o.push_str("<ul>\n");
                for i in items {
                    let _ = writeln!(o, "<li>{i}</li>");
                }
                o.push_str("</ul>\n");
            }
            Block::Table(head, rows) => {
                if rows.is_empty() {
                    continue;
                }
                o.push_str("<table>\n<tr>");
                for h in head {
                    let _ = write!(o, "<th>{h}</th>");
                }
                o.push_str("</tr>\n");
                for r in rows {
                    o.push_str("<tr>");
                    for c in r {
                        let _ = write!(o, "<td>{c}</td>");
                    }
                    o.push_str("</tr>\n");
                }
                o.push_str("</table>\n");
            }
        }
    }
    o.push_str("</body>\n</html>\n");
    o
}
