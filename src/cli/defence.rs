//! `roundtable defence --protect a,b [--cut-order x,y | --by-margin]`: the forum ratifies,
//! before a cut comes, how it will defend its plan — the initiatives a cut never takes and
//! the order the others go in. `rebudget` and `whatif` follow it (a `defence` decision).

use crate::cli::args::DecisionArgs;
use crate::cli::context::{CmdResult, Global, refuse};
use crate::cli::decide::Desk;
use crate::domain::finding::closest;
use crate::domain::phase::DecisionKind;
use crate::domain::records::{CutOrder, Defence};
use crate::domain::snapshot::{RecordKind, RecordRef};
use crate::store::decide::to_ron;

/// The arguments of `roundtable defence`.
#[derive(Debug, Clone, clap::Args)]
pub struct DefenceArgs {
    /// Initiatives a cut never drops (comma-separated ids).
    #[arg(long, value_delimiter = ',', value_name = "a,b")]
    pub protect: Vec<String>,
    /// The lines a cut takes first, in this order (then the least worth per money).
    #[arg(
        long,
        value_delimiter = ',',
        value_name = "x,y",
        conflicts_with = "by_margin"
    )]
    pub cut_order: Vec<String>,
    /// Cut the lines worth least per unit of money first (the default order).
    #[arg(long)]
    pub by_margin: bool,
    #[command(flatten)]
    pub decision: DecisionArgs,
}

/// Ratifies the defence plan into forum.ron.
pub fn run(g: &Global, args: &DefenceArgs) -> CmdResult {
    let desk = Desk::open(g)?;
    let s = desk.snapshot();
    for id in args.protect.iter().chain(&args.cut_order) {
        if s.initiative(id).is_none() {
            let hint = closest(id, s.initiatives.keys().map(String::as_str))
                .map(|c| format!("did you mean `{c}`?"));
            return Err(refuse(
                format!("`{id}` is not an initiative of the forum"),
                hint.as_deref(),
            ));
        }
    }
    if let Some(both) = args.cut_order.iter().find(|id| args.protect.contains(id)) {
        return Err(refuse(
            format!("`{both}` is both protected and in the cut order"),
            Some("a protected initiative is never cut: leave it out of --cut-order"),
        ));
    }
    let defence = Defence {
        protected: args.protect.clone(),
        cut_order: if args.cut_order.is_empty() {
            CutOrder::ByMargin
        } else {
            CutOrder::Explicit(args.cut_order.clone())
        },
    };
    let summary = format!(
        "Defence plan: {} protected, cut {}",
        defence.protected.len(),
        match &defence.cut_order {
            CutOrder::ByMargin => "by margin (least worth per money first)".to_string(),
            CutOrder::Explicit(ids) => format!("{} first, then by margin", ids.join(", ")),
        }
    );
    let mut forum = s.forum.clone();
    forum.defence = Some(defence);
    let mut d = desk.decision(&args.decision, DecisionKind::Defence, summary)?;
    d.changes.insert(
        RecordRef::new(RecordKind::Forum, "").repo_path(&s.id),
        Some(to_ron(&forum)?),
    );
    desk.commit(&d)
}
