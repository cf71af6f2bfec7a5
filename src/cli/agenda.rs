//! `roundtable agenda`: what the forum must decide to reach the next phase, in order, with
//! the time each step took at the last meeting (the last day with decisions).

use crate::cli::args::Format;
use crate::cli::context::{CmdResult, Global};
use crate::domain::agenda::{agenda, durations};
use crate::domain::phase::DecisionKind;
use crate::domain::text::sanitize;
use crate::store::history::decisions_since;
use std::process::ExitCode;

/// The arguments of `roundtable agenda`.
#[derive(Debug, Clone, clap::Args)]
pub struct AgendaArgs {
    /// The day of the meeting, YYYY-MM-DD (default: today): actions due before it are late.
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    /// Text for people, JSON for scripts.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

/// Prints the agenda of the forum at HEAD.
pub fn run(g: &Global, args: &AgendaArgs) -> CmdResult {
    let (repo, loaded) = g.load_at(None)?;
    let s = &loaded.snapshot;
    let today = args
        .date
        .clone()
        .unwrap_or_else(|| chrono::Local::now().format("%Y-%m-%d").to_string());
    let tip = repo.resolve("HEAD")?;
    let all = decisions_since(&repo, &s.id, tip, None)?;
    // The last meeting: the decisions of the last day that has any.
    let last_day = all
        .last()
        .map(|e| e.date.get(..10).unwrap_or_default().to_string());
    let meeting: Vec<(DecisionKind, i64)> = all
        .iter()
        .filter(|e| Some(e.date.get(..10).unwrap_or_default().to_string()) == last_day)
        .filter_map(|e| Some((DecisionKind::parse(e.decision.as_deref()?)?, e.time)))
        .collect();
    let a = agenda(s, &today, &durations(&meeting));
    if args.format == Format::Json {
        crate::cli::json::print(&serde_json::to_value(&a)?);
        return Ok(ExitCode::SUCCESS);
    }
    match a.next {
        Some(next) => println!(
            "Agenda for {} ({}): from {} to {next}",
            sanitize(&s.forum.title),
            today,
            a.phase
        ),
        None => println!(
            "Agenda for {} ({}): the forum is closed",
            sanitize(&s.forum.title),
            today
        ),
    }
    if !a.overdue.is_empty() {
        println!("\nActions past their date:");
        for (id, owner, due, text) in &a.overdue {
            println!(
                "  - {} brings {} (due {}, `{}`)",
                sanitize(owner),
                sanitize(text),
                sanitize(due),
                sanitize(id)
            );
        }
    }
    println!();
    for (k, step) in a.steps.iter().enumerate() {
        let took = match (step.last_time, &last_day) {
            (Some(t), Some(day)) => {
                format!(" · took {} min at the last meeting ({day})", (t + 59) / 60)
            }
            _ => String::new(),
        };
        println!("{}. {} — `{}`{took}", k + 1, step.what, step.command);
        for b in &step.blockers {
            println!("     still open: {}", sanitize(b));
        }
    }
    Ok(ExitCode::SUCCESS)
}
