//! `roundtable rank`: the order computed from the ballots, and how much the room agrees.

use crate::cli::args::{DecisionArgs, ReadArgs};
use crate::cli::arith::{Forum, show};
use crate::cli::context::{CmdResult, Global};
use crate::cli::table::{Align, Table, percent};
use crate::domain::ranking::{SCHULZE_SENTENCE, sentence};
use crate::domain::records::RankingMethod;
use crate::domain::text::sanitize;
use serde_json::json;

/// The arguments of `roundtable rank`.
#[derive(Debug, Clone, clap::Args)]
pub struct RankArgs {
    #[command(flatten)]
    pub read: ReadArgs,
    /// The forum's own order (a Manual ranking; a reason is required).
    #[arg(long, num_args = 1.., value_name = "ID")]
    pub manual: Vec<String>,
    #[command(flatten)]
    pub decision: DecisionArgs,
}

/// Prints the computed ranking; recording it (`--by`, `--manual`) is the decision path
/// (`cli::decide::records::rank`).
pub fn run(g: &Global, args: &RankArgs) -> CmdResult {
    if args.decision.by.is_some() || !args.manual.is_empty() {
        return crate::cli::decide::records::rank(g, &args.manual, &args.decision);
    }
    show(g, &args.read, print_text, to_json)
}

/// The JSON of the issue: method, order, borda, winners, cycle, W, agreement, margins.
pub fn to_json(forum: &Forum) -> serde_json::Value {
    let r = &forum.analysis.ranking;
    json!({
        "method": r.method.name(),
        "order": r.order,
        "borda": r.borda,
        "schulze_winner": r.schulze_winner,
        "borda_winner": r.borda_winner,
        "borda_differs": r.borda_differs,
        "cycle": r.cycle,
        "kendall_w": r.kendall_w,
        "agreement": r.agreement,
        "margins": r.margins,
        "schulze_order": r.schulze_order,
        "ballots": r.ballots,
        "decided": forum.analysis.decided,
        "decided_order": forum.analysis.decided.then_some(&forum.analysis.order),
    })
}

fn describe_w(w: f64) -> &'static str {
    match w {
        w if w >= 0.7 => "strong agreement",
        w if w >= 0.5 => "fair agreement",
        w if w >= 0.3 => "some agreement",
        _ => "little agreement",
    }
}

fn print_text(forum: &Forum) {
    let a = &forum.analysis;
    let r = &a.ranking;
    println!(
        "{} — ranking of {} priorities from {} ballot(s), {}",
        forum.title(),
        r.order.len(),
        r.ballots,
        r.method.name()
    );
    if r.method == RankingMethod::Manual {
        println!("{}", sentence(RankingMethod::Manual));
        println!("Computed beside it with Schulze: {SCHULZE_SENTENCE}");
    } else {
        println!("{}", sentence(r.method));
    }
    println!();
    let mut t = Table::new(&[
        ("#", Align::Right),
        ("priority", Align::Left),
        ("Borda", Align::Right),
        ("title", Align::Left),
    ]);
    for (k, id) in r.order.iter().enumerate() {
        t.row(vec![
            (k + 1).to_string(),
            id.clone(),
            format!("{:.1}", r.borda.get(id).copied().unwrap_or(0.0)),
            forum.priority_title(id),
        ]);
    }
    println!("{}", t.render(2));
    println!();
    if r.ballots == 0 {
        println!("No ballots yet: the order above is by id only.");
    }
    if r.cycle {
        println!(
            "Cycle: the head-to-head majorities go round in a circle; Schulze settles it by the strongest chain."
        );
    }
    if r.borda_differs
        && let (Some(s), Some(b)) = (&r.schulze_winner, &r.borda_winner)
    {
        println!(
            "Note: Borda's points put {} first, Schulze puts {} first.",
            sanitize(b),
            sanitize(s)
        );
    }
    println!(
        "Agreement: Kendall's W = {:.3} ({}).",
        r.kendall_w,
        describe_w(r.kendall_w)
    );
    if !r.agreement.is_empty() {
        let mut t = Table::new(&[
            ("member", Align::Left),
            ("agrees with the order", Align::Right),
        ]);
        for (m, x) in &r.agreement {
            t.row(vec![m.clone(), percent(*x)]);
        }
        println!("{}", t.render(2));
    }
    if r.order.len() >= 2 && r.ballots > 0 {
        println!();
        println!("Head to head (row over column: ballots for minus against):");
        let mut cols = vec![("", Align::Left)];
        let labels: Vec<String> = (1..=r.order.len()).map(|k| format!("#{k}")).collect();
        cols.extend(labels.iter().map(|l| (l.as_str(), Align::Right)));
        let mut t = Table::new(&cols);
        for (k, row_id) in r.order.iter().enumerate() {
            let mut cells = vec![format!("#{} {}", k + 1, row_id)];
            for col_id in &r.order {
                let cell = if col_id == row_id {
                    "·".to_string()
                } else {
                    let m = r
                        .margins
                        .get(row_id)
                        .and_then(|x| x.get(col_id))
                        .copied()
                        .unwrap_or(0);
                    format!("{m:+}")
                };
                cells.push(cell);
            }
            t.row(cells);
        }
        println!("{}", t.render(2));
    }
    println!();
    if a.decided {
        let same = a.order == r.order;
        println!(
            "Decided: ranking.ron ({}) {}.",
            a.decided_method.map_or("?", RankingMethod::name),
            if same {
                "matches this order"
            } else {
                "differs from this order"
            }
        );
        if !same {
            println!("  decided order: {}", sanitize(&a.order.join(" > ")));
        }
        if !a.decided_note.is_empty() {
            println!("  note: {}", sanitize(&a.decided_note));
        }
    } else {
        println!("Not decided yet: the forum has no ranking.ron.");
    }
}
