//! `roundtable endorse --by MEMBER --reason TEXT [--challenge]`: a member, usually a new
//! leader, was briefed on the plan and endorses it or challenges it (an `endorse` decision).
//! A challenge is an open question on the Overview until a facilitator answers it:
//! `roundtable endorse --answer ID --by FACILITATOR --reason TEXT`.

use crate::cli::args::DecisionArgs;
use crate::cli::context::{CmdResult, Global, refuse};
use crate::cli::decide::Desk;
use crate::domain::phase::DecisionKind;
use crate::domain::records::{Closing, Endorsement};
use crate::domain::snapshot::{RecordKind, RecordRef};
use crate::domain::text::sanitize;
use crate::store::decide::to_ron;

/// The arguments of `roundtable endorse`.
#[derive(Debug, Clone, clap::Args)]
pub struct EndorseArgs {
    /// Record a challenge (an open question for the forum) instead of an endorsement.
    #[arg(long, conflicts_with = "answer")]
    pub challenge: bool,
    /// Answer the open challenge ID (a facilitator, for the forum).
    #[arg(long, value_name = "ID")]
    pub answer: Option<String>,
    #[command(flatten)]
    pub decision: DecisionArgs,
}

/// Records an endorsement or challenge, or the forum's answer to a challenge.
pub fn run(g: &Global, args: &EndorseArgs) -> CmdResult {
    let Some(text) = args
        .decision
        .reason
        .as_deref()
        .map(str::trim)
        .filter(|r| !r.is_empty())
    else {
        return Err(refuse(
            "say what was said: --reason TEXT",
            Some("e.g. --reason \"Endorsed after the briefing; keep the bank-feed work\""),
        ));
    };
    let desk = Desk::open(g)?;
    let s = desk.snapshot();
    let today = chrono::Local::now().date_naive().to_string();
    let (id, record, summary) = match &args.answer {
        Some(id) => {
            let Some(open) = s.endorsements.get(id).filter(|e| e.is_open_question()) else {
                let open: Vec<&str> = s
                    .endorsements
                    .iter()
                    .filter(|(_, e)| e.is_open_question())
                    .map(|(k, _)| k.as_str())
                    .collect();
                return Err(refuse(
                    format!("`{id}` is not an open challenge"),
                    Some(&if open.is_empty() {
                        "there is no open challenge".to_string()
                    } else {
                        format!("open challenges: {}", open.join(", "))
                    }),
                ));
            };
            let mut answered = open.clone();
            answered.answer = Some(Closing {
                on: today.clone(),
                note: text.to_string(),
            });
            let summary = format!("Answer {}'s challenge of the plan", open.member);
            (id.clone(), answered, summary)
        }
        None => {
            let by = args.decision.by.clone().unwrap_or_default();
            let base = format!("{by}-{today}");
            let id = (1..)
                .map(|n| {
                    if n == 1 {
                        base.clone()
                    } else {
                        format!("{base}-{n}")
                    }
                })
                .find(|id| !s.endorsements.contains_key(id))
                .unwrap_or(base);
            let name = s.member(&by).map_or(by.clone(), |m| m.name.clone());
            let summary = if args.challenge {
                format!("{name} challenges the plan")
            } else {
                format!("{name} endorses the plan")
            };
            let record = Endorsement {
                member: by,
                on: today.clone(),
                challenge: args.challenge,
                text: text.to_string(),
                answer: None,
            };
            (id, record, summary)
        }
    };
    let mut d = desk.decision(&args.decision, DecisionKind::Endorse, summary)?;
    d.changes.insert(
        RecordRef::new(RecordKind::Endorsement, &id).repo_path(&s.id),
        Some(to_ron(&record)?),
    );
    let challenged = record.is_open_question();
    desk.commit(&d)?;
    if challenged {
        println!(
            "Open question on the Overview until the forum answers: roundtable endorse --answer {} --by … --reason …",
            sanitize(&id)
        );
    }
    Ok(std::process::ExitCode::SUCCESS)
}
