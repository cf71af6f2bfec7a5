//! `roundtable action add|close ID`: an action item as an `action` decision, and its
//! closing as a `close-action` decision.

use crate::cli::args::DecisionArgs;
use crate::cli::context::{CmdResult, Global, refuse};
use crate::cli::decide::Desk;
use crate::domain::phase::DecisionKind;
use crate::domain::records::{ActionItem, Closing};
use crate::domain::snapshot::{RecordKind, RecordRef};
use crate::domain::text::sanitize;
use crate::domain::validate::{is_date, is_valid_id};

/// Record or close an action item.
#[derive(Debug, Clone, clap::Subcommand)]
pub enum ActionCommand {
    /// Record action item ID: who brings what by when (an `action` decision).
    Add(ActionArgs),
    /// Close action item ID (a `close-action` decision, by its owner or a facilitator).
    Close(CloseArgs),
}

/// The arguments of `roundtable action add`.
#[derive(Debug, Clone, clap::Args)]
pub struct ActionArgs {
    pub id: String,
    /// The member who brings it.
    #[arg(long, value_name = "MEMBER")]
    pub owner: String,
    /// When it is due, YYYY-MM-DD.
    #[arg(long, value_name = "DATE")]
    pub due: String,
    /// What is brought, e.g. "the revised CRM cost".
    #[arg(long)]
    pub text: String,
    #[command(flatten)]
    pub decision: DecisionArgs,
}

/// The arguments of `roundtable action close`.
#[derive(Debug, Clone, clap::Args)]
pub struct CloseArgs {
    pub id: String,
    /// What came of it.
    #[arg(long, default_value = "")]
    pub note: String,
    /// The closing date, YYYY-MM-DD (default: today).
    #[arg(long, value_name = "DATE")]
    pub on: Option<String>,
    #[command(flatten)]
    pub decision: DecisionArgs,
}

/// Runs `action add` or `action close`.
pub fn run(g: &Global, command: &ActionCommand) -> CmdResult {
    let desk = Desk::open(g)?;
    match command {
        ActionCommand::Add(a) => {
            if !is_valid_id(&a.id) {
                return Err(refuse(
                    format!("`{}` is not a valid id", sanitize(&a.id)),
                    Some("ids are lowercase letters, digits and dashes, e.g. `crm-cost`"),
                ));
            }
            if desk.snapshot().actions.contains_key(&a.id) {
                return Err(refuse(
                    format!("the action item `{}` exists already", a.id),
                    Some("choose another id; `roundtable minutes` lists the actions"),
                ));
            }
            date(&a.due)?;
            let item = ActionItem {
                owner: a.owner.trim().to_string(),
                due: a.due.trim().to_string(),
                text: one_line(&a.text),
                closed: None,
            };
            let mut d = desk.decision(
                &a.decision,
                DecisionKind::Action,
                format!("Action for {} by {}: {}", item.owner, item.due, item.text),
            )?;
            d.put(&RecordRef::new(RecordKind::Action, &a.id), &item)?;
            desk.commit(&d)
        }
        ActionCommand::Close(c) => {
            let Some(open) = desk.snapshot().actions.get(&c.id).cloned() else {
                return Err(refuse(
                    format!("there is no action item `{}`", sanitize(&c.id)),
                    Some("`roundtable minutes` lists the actions"),
                ));
            };
            if !open.is_open() {
                return Err(refuse(
                    format!("the action item `{}` is closed already", c.id),
                    None,
                ));
            }
            let on = match &c.on {
                Some(d) => {
                    date(d)?;
                    d.trim().to_string()
                }
                None => chrono::Local::now().format("%Y-%m-%d").to_string(),
            };
            let mut item = open.clone();
            item.closed = Some(Closing {
                on,
                note: one_line(&c.note),
            });
            let mut d = desk.decision(
                &c.decision,
                DecisionKind::CloseAction,
                format!("Close the action for {}: {}", open.owner, open.text),
            )?;
            d.put(&RecordRef::new(RecordKind::Action, &c.id), &item)?;
            desk.commit(&d)
        }
    }
}

fn date(s: &str) -> anyhow::Result<()> {
    if is_date(s.trim()) {
        Ok(())
    } else {
        Err(refuse(
            format!("`{}` is not a date", sanitize(s)),
            Some("write it as YYYY-MM-DD, e.g. 2026-12-03"),
        ))
    }
}

/// One line of text: whitespace runs become one space, control characters go.
fn one_line(s: &str) -> String {
    sanitize(s).split_whitespace().collect::<Vec<_>>().join(" ")
}
