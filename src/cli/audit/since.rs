//! The audit as of the decision, for people: which decision's records the steps use, the
//! initiative's allocation history, and what changed since.

use crate::cli::audit::stamp;
use crate::domain::text::sanitize;
use crate::store::audit::Audit;
use std::fmt::Write as _;

/// The audit whose chain and trail tell steps 2 to 8: as of the allocation decision when the
/// forum changed since.
pub fn told(a: &Audit) -> Audit {
    let (chain, trail) = a.told();
    Audit {
        commit: a.commit.clone(),
        chain: chain.clone(),
        trail: trail.clone(),
        as_decided: None,
        allocations: Vec::new(),
    }
}

/// The line saying which records the later steps use.
pub fn header(o: &mut String, a: &Audit) {
    if let Some(d) = &a.as_decided {
        let _ = writeln!(
            o,
            "Steps 2 to 8 use the records of the allocation decision {} ({}): the silos, scores \
             and ranking it was made with. What changed since is at the end.",
            d.commit.short(),
            d.commit.date
        );
        let _ = writeln!(o);
    }
}

/// Every allocation decision that changed the initiative's line, with amounts and reasons.
pub fn history(o: &mut String, a: &Audit, m: &dyn Fn(u64) -> String) {
    if a.allocations.is_empty() {
        return;
    }
    let _ = writeln!(o, "   Its allocation history:");
    let mut had: Option<u64> = None;
    for change in &a.allocations {
        let what = match (change.amount, change.withdrawn) {
            (_, true) => "the allocation withdrawn".to_string(),
            (None, false) => "no line: not funded".to_string(),
            (Some(0), false) => format!("{}: not funded", m(0)),
            (Some(x), false) => m(x),
        };
        let reason = if change.reason.is_empty() {
            String::new()
        } else {
            format!(" — {}", sanitize(&change.reason))
        };
        let _ = writeln!(o, "      {what}{reason}");
        if let Some(before) = had.filter(|b| *b > 0 && change.amount.unwrap_or(0) < *b) {
            let _ = writeln!(
                o,
                "      (had {} until the cut of {})",
                m(before),
                change.commit.short()
            );
        }
        let _ = writeln!(o, "      {}", stamp("by", &change.commit));
        if !change.withdrawn {
            had = change.amount;
        }
    }
}

/// What changed since the allocation decision the steps are told with.
pub fn since(o: &mut String, a: &Audit) {
    let Some(d) = &a.as_decided else { return };
    let _ = writeln!(o);
    let _ = writeln!(o, "9. Since the allocation decision {}", d.commit.short());
    if d.since.is_empty() {
        let _ = writeln!(
            o,
            "   The forum changed, but nothing this audit rests on: the steps above hold today."
        );
    }
    for note in &d.since {
        let _ = writeln!(o, "   - {}", sanitize(note));
    }
}
