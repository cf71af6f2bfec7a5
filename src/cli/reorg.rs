//! `roundtable silo rename|merge|split` and `roundtable member add|leave|reassign`: reorganisations as
//! decisions, one commit each, allowed in every phase because they change no numbers.
//!
//! `store::reorg` plans the file moves and reference edits; this file checks who decides and
//! commits. The gate `reorg-allocation` (domain::phase::reorg) refuses a reorganisation that
//! would change what the standing allocation's rule funds, here and in `verify`.

use crate::cli::args::DecisionArgs;
use crate::cli::context::{CmdResult, Global, refuse};
use crate::cli::decide::Desk;
use crate::domain::phase::DecisionKind;
use crate::domain::records::{Member, Role};
use crate::store::reorg::{self, Plan, Refused};
use crate::store::repo::Loaded;

/// `roundtable silo …`: the silo reorganisations.
#[derive(Debug, Clone, clap::Subcommand)]
pub enum SiloAction {
    /// Rename a silo, moving its initiatives and every reference.
    Rename {
        old: String,
        new: String,
        #[command(flatten)]
        decision: DecisionArgs,
    },
    /// Merge silo A into silo B.
    Merge {
        from: String,
        into: String,
        #[command(flatten)]
        decision: DecisionArgs,
    },
    /// Split silo FROM: a new silo NEW takes the initiatives (and members) named.
    Split {
        from: String,
        new: String,
        /// The initiatives that go to the new silo (comma-separated ids).
        #[arg(long, value_delimiter = ',', required = true, value_name = "a,b,c")]
        initiatives: Vec<String>,
        /// The members who go to the new silo (comma-separated ids).
        #[arg(long, value_delimiter = ',', value_name = "a,b")]
        members: Vec<String>,
        /// The new silo's name (default: its id).
        #[arg(long)]
        name: Option<String>,
        /// The new silo's lead (default: the lead of the silo that splits).
        #[arg(long, value_name = "MEMBER")]
        lead: Option<String>,
        #[command(flatten)]
        decision: DecisionArgs,
    },
}

/// `roundtable member …`: people joining, leaving, and handing their records over.
#[derive(Debug, Clone, clap::Subcommand)]
pub enum MemberAction {
    /// A new member joins the forum (or one who left comes back).
    Add {
        id: String,
        #[arg(long)]
        name: String,
        #[arg(long)]
        email: String,
        #[arg(long)]
        silo: String,
        /// Member (default), Facilitator or Observer.
        #[arg(long, default_value = "Member")]
        role: String,
        /// Their git host handle, for CODEOWNERS (e.g. @ana-silva).
        #[arg(long)]
        handle: Option<String>,
        #[command(flatten)]
        decision: DecisionArgs,
    },
    /// A member leaves: their ballots and scores stay valid; they decide nothing more.
    Leave {
        id: String,
        /// The day they left, YYYY-MM-DD (default: today).
        #[arg(long, value_name = "DAY")]
        on: Option<String>,
        #[command(flatten)]
        decision: DecisionArgs,
    },
    /// Reassign everything a member owns or leads to another member.
    Reassign {
        old: String,
        new: String,
        #[command(flatten)]
        decision: DecisionArgs,
    },
}

/// `roundtable silo rename OLD NEW` and `roundtable silo merge A B`.
pub fn silo(g: &Global, action: &SiloAction) -> CmdResult {
    match action {
        SiloAction::Rename { old, new, decision } => {
            run(g, decision, |l| reorg::rename_silo(l, old, new))
        }
        SiloAction::Merge {
            from,
            into,
            decision,
        } => run(g, decision, |l| reorg::merge_silo(l, from, into)),
        SiloAction::Split {
            from,
            new,
            initiatives,
            members,
            name,
            lead,
            decision,
        } => run(g, decision, |l| {
            reorg::split_silo(
                l,
                &reorg::Split {
                    from,
                    new,
                    name: name.as_deref(),
                    lead: lead.as_deref(),
                    initiatives,
                    members,
                },
            )
        }),
    }
}

/// `roundtable member add|leave|reassign`.
pub fn member(g: &Global, action: &MemberAction) -> CmdResult {
    match action {
        MemberAction::Add {
            id,
            name,
            email,
            silo,
            role,
            handle,
            decision,
        } => {
            let role = match role.to_ascii_lowercase().as_str() {
                "member" => Role::Member,
                "facilitator" => Role::Facilitator,
                "observer" => Role::Observer,
                "executive" => Role::Executive,
                _ => {
                    return Err(refuse(
                        format!("`{role}` is not a role"),
                        Some("--role Member, Facilitator or Observer"),
                    ));
                }
            };
            let member = Member {
                id: id.clone(),
                name: name.clone(),
                email: email.clone(),
                silo: silo.clone(),
                role,
                handle: handle.clone(),
                signing_key: None,
                customer: false,
                left: None,
                commitments: Vec::new(),
            };
            run(g, decision, |l| reorg::add_member(l, member))
        }
        MemberAction::Leave { id, on, decision } => {
            let day = match on {
                Some(d) => chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d")
                    .map_err(|_| refuse(format!("`{d}` is not a day"), Some("--on YYYY-MM-DD")))?
                    .to_string(),
                None => chrono::Local::now().date_naive().to_string(),
            };
            run(g, decision, |l| reorg::member_leaves(l, id, &day))
        }
        MemberAction::Reassign { old, new, decision } => {
            run(g, decision, |l| reorg::reassign_member(l, old, new))
        }
    }
}

fn run(
    g: &Global,
    args: &DecisionArgs,
    plan: impl FnOnce(&Loaded) -> Result<Plan, Refused>,
) -> CmdResult {
    if args.reason.as_deref().is_none_or(|r| r.trim().is_empty()) {
        return Err(refuse(
            "a reorganisation needs a reason",
            Some("add --reason \"why the forum reorganises\" (the minutes show it)"),
        ));
    }
    let desk = Desk::open(g)?;
    let plan = plan(&desk.loaded).map_err(|r| refuse(r.message, r.hint.as_deref()))?;
    let mut decision = desk.decision(args, DecisionKind::Reorg, plan.summary)?;
    decision.changes = plan.changes;
    desk.commit(&decision)
}
