//! `roundtable measure TARGET VALUE --date YYYY-MM-DD --by MEMBER [--source TEXT]`: one reading
//! of a priority's goal metric or a funded initiative's goal, as a `measure` decision.

use crate::cli::args::DecisionArgs;
use crate::cli::context::{CmdResult, Global, refuse};
use crate::cli::decide::Desk;
use crate::domain::finding::closest;
use crate::domain::phase::DecisionKind;
use crate::domain::records::{Reading, Readings};
use crate::domain::snapshot::{RecordKind, RecordRef};
use crate::domain::text::sanitize;
use crate::store::decide::to_ron;

/// The arguments of `roundtable measure`.
#[derive(Debug, Clone, clap::Args)]
pub struct MeasureArgs {
    /// A priority id, or an initiative id with a goal.
    pub target: String,
    /// The reading, in the goal's unit.
    pub value: f64,
    /// The day it was read (YYYY-MM-DD).
    #[arg(long, value_name = "DAY")]
    pub date: String,
    /// Where the number comes from.
    #[arg(long)]
    pub source: Option<String>,
    #[command(flatten)]
    pub decision: DecisionArgs,
}

/// Records one reading.
pub fn run(g: &Global, args: &MeasureArgs) -> CmdResult {
    if chrono::NaiveDate::parse_from_str(&args.date, "%Y-%m-%d").is_err() {
        return Err(refuse(
            format!("`{}` is not a day", sanitize(&args.date)),
            Some("--date YYYY-MM-DD"),
        ));
    }
    if !args.value.is_finite() {
        return Err(refuse("a reading is a finite number", None));
    }
    let desk = Desk::open(g)?;
    let s = desk.snapshot();
    let id = args.target.as_str();
    let goal = match (s.priorities.get(id), s.initiative(id)) {
        (Some(p), _) => Some(p.goal.clone()),
        (None, Some(i)) => i.goal.clone(),
        (None, None) => {
            let all = s
                .priorities
                .keys()
                .chain(s.initiatives.keys())
                .map(String::as_str);
            let hint = closest(id, all).map(|c| format!("did you mean `{c}`?"));
            return Err(refuse(
                format!("`{}` is neither a priority nor an initiative", sanitize(id)),
                hint.as_deref(),
            ));
        }
    };
    let Some(goal) = goal else {
        return Err(refuse(
            format!("`{}` has no goal to measure", sanitize(id)),
            Some("measure a priority, or an initiative with a goal"),
        ));
    };
    let mut readings = s.readings.get(id).cloned().unwrap_or(Readings {
        entries: Vec::new(),
    });
    let source = args.source.clone().unwrap_or_default();
    readings.entries.push(Reading {
        on: args.date.clone(),
        value: args.value,
        source: source.trim().to_string(),
    });
    let mut d = desk.decision(
        &args.decision,
        DecisionKind::Measure,
        format!(
            "Measure {id}: {} {} on {} (goal {} → {})",
            args.value,
            sanitize(&goal.unit),
            args.date,
            goal.baseline,
            goal.target
        ),
    )?;
    if d.reason.trim().is_empty() {
        d.reason = source;
    }
    d.changes.insert(
        RecordRef::new(RecordKind::Readings, id).repo_path(&s.id),
        Some(to_ron(&readings)?),
    );
    desk.commit(&d)
}
