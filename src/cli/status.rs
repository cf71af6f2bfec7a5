//! `roundtable status INITIATIVE STATUS --note TEXT --by MEMBER`: after the allocation, how a
//! funded initiative is getting on (planned, started, at-risk, delivered, stopped), one dated
//! `progress` decision by its silo's lead or a facilitator.

use crate::cli::args::DecisionArgs;
use crate::cli::context::{CmdResult, Global, refuse};
use crate::cli::decide::Desk;
use crate::domain::finding::closest;
use crate::domain::phase::DecisionKind;
use crate::domain::records::{Delivery, DeliveryStatus, Progress};
use crate::domain::snapshot::{RecordKind, RecordRef};
use crate::domain::text::sanitize;
use crate::store::decide::to_ron;

/// The arguments of `roundtable status`.
#[derive(Debug, Clone, clap::Args)]
pub struct StatusArgs {
    /// The funded initiative.
    pub initiative: String,
    /// planned, started, at-risk, delivered or stopped.
    pub status: String,
    /// What is behind the status, dated today.
    #[arg(long)]
    pub note: Option<String>,
    /// The day (YYYY-MM-DD; default today).
    #[arg(long, value_name = "DAY")]
    pub on: Option<String>,
    #[command(flatten)]
    pub decision: DecisionArgs,
}

/// Records one status of a funded initiative.
pub fn run(g: &Global, args: &StatusArgs) -> CmdResult {
    let Some(status) = DeliveryStatus::ALL
        .iter()
        .copied()
        .find(|s| s.name().eq_ignore_ascii_case(args.status.trim()))
    else {
        let names: Vec<&str> = DeliveryStatus::ALL.iter().map(|s| s.name()).collect();
        return Err(refuse(
            format!("`{}` is not a status", sanitize(&args.status)),
            Some(&format!("one of {}", names.join(", "))),
        ));
    };
    let on = match &args.on {
        Some(d) => chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d")
            .map_err(|_| {
                refuse(
                    format!("`{}` is not a day", sanitize(d)),
                    Some("--on YYYY-MM-DD"),
                )
            })?
            .to_string(),
        None => chrono::Local::now().date_naive().to_string(),
    };
    let desk = Desk::open(g)?;
    let s = desk.snapshot();
    let id = args.initiative.as_str();
    let Some(initiative) = s.initiative(id) else {
        let hint = closest(id, s.initiatives.keys().map(String::as_str))
            .map(|c| format!("did you mean `{c}`?"));
        return Err(refuse(
            format!("`{}` is not an initiative of the forum", sanitize(id)),
            hint.as_deref(),
        ));
    };
    let mut delivery = s.delivery.get(id).cloned().unwrap_or(Delivery {
        entries: Vec::new(),
    });
    let note = args.note.clone().unwrap_or_default();
    delivery.entries.push(Progress {
        on: on.clone(),
        status,
        note: note.trim().to_string(),
    });
    let mut d = desk.decision(
        &args.decision,
        DecisionKind::Progress,
        format!("{}: {} ({on})", sanitize(&initiative.title), status.name()),
    )?;
    if d.reason.trim().is_empty() {
        d.reason = note.trim().to_string();
    }
    d.changes.insert(
        RecordRef::new(RecordKind::Delivery, id).repo_path(&s.id),
        Some(to_ron(&delivery)?),
    );
    desk.commit(&d)
}
