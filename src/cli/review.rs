//! `roundtable review INITIATIVE continue|scale-back|stop --reason TEXT --by MEMBER`: in the
//! next cycle's Evidence phase, the forum's verdict on an initiative the last cycle funded
//! (carried over by `init --from` into `reviews/<id>.ron`), as one `review` decision by a
//! facilitator. The forum cannot advance to Priorities until every one has its verdict.

use crate::cli::args::DecisionArgs;
use crate::cli::context::{CmdResult, Global, refuse};
use crate::cli::decide::Desk;
use crate::domain::finding::closest;
use crate::domain::phase::DecisionKind;
use crate::domain::records::{Continuation, Verdict};
use crate::domain::snapshot::{RecordKind, RecordRef};
use crate::domain::text::sanitize;
use crate::store::decide::to_ron;

/// The arguments of `roundtable review`.
#[derive(Debug, Clone, clap::Args)]
pub struct ReviewArgs {
    /// The initiative the last cycle funded.
    pub initiative: String,
    /// continue, scale-back or stop.
    pub verdict: String,
    #[command(flatten)]
    pub decision: DecisionArgs,
}

/// Records the verdict.
pub fn run(g: &Global, args: &ReviewArgs) -> CmdResult {
    let Some(verdict) = Continuation::ALL
        .iter()
        .copied()
        .find(|c| c.name().eq_ignore_ascii_case(args.verdict.trim()))
    else {
        return Err(refuse(
            format!("`{}` is not a verdict", sanitize(&args.verdict)),
            Some("continue, scale-back or stop"),
        ));
    };
    let desk = Desk::open(g)?;
    let s = desk.snapshot();
    let id = args.initiative.as_str();
    let Some(review) = s.reviews.get(id) else {
        let hint = closest(id, s.reviews.keys().map(String::as_str))
            .map(|c| format!("did you mean `{c}`?"))
            .unwrap_or_else(|| {
                "`init NEW --from OLD` carries the last cycle's funded initiatives for review"
                    .into()
            });
        return Err(refuse(
            format!("`{}` is not under review in this forum", sanitize(id)),
            Some(&hint),
        ));
    };
    if review.verdict.is_some() {
        return Err(refuse(
            format!("the forum has already decided on `{}`", sanitize(id)),
            Some("a verdict stays; the new cycle's priorities and initiatives carry any change"),
        ));
    }
    let mut d = desk.decision(
        &args.decision,
        DecisionKind::Review,
        format!(
            "Review {}: {} ({})",
            sanitize(&review.title),
            verdict.name(),
            sanitize(&review.from)
        ),
    )?;
    let mut after = review.clone();
    after.verdict = Some(Verdict {
        decision: verdict,
        reason: d.reason.trim().to_string(),
        on: chrono::Local::now().date_naive().to_string(),
    });
    d.changes.insert(
        RecordRef::new(RecordKind::Review, id).repo_path(&s.id),
        Some(to_ron(&after)?),
    );
    desk.commit(&d)
}
