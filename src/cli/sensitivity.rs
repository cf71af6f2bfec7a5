//! `roundtable sensitivity`: how safe each funding decision is.

use crate::cli::args::ReadArgs;
use crate::cli::arith::{Forum, load, print_json, require_ranking};
use crate::cli::context::{CmdResult, Global};
use crate::cli::table::{Align, Table, value};
use crate::domain::analysis::{Sensitivity, sensitivity};
use crate::domain::money::amount;
use crate::domain::sensitivity::MARGIN_SENTENCE;
use serde_json::json;
use std::process::ExitCode;

/// The arguments of `roundtable sensitivity`.
#[derive(Debug, Clone, clap::Args)]
pub struct SensitivityArgs {
    #[command(flatten)]
    pub read: ReadArgs,
}

/// Prints value margins and weight thresholds of the exact optimum.
pub fn run(g: &Global, args: &SensitivityArgs) -> CmdResult {
    let read = &args.read;
    let forum = load(g, read)?;
    require_ranking(&forum)?;
    let s = sensitivity(&forum.snapshot, &forum.analysis);
    if forum.text {
        print_text(&forum, &s);
    } else {
        print_json(&json!({
            "margins": s.margins,
            "margin_points": s.margin_points,
            "margin_priority": s.margin_priority,
            "weight_thresholds": s.weight_thresholds,
            "proven": s.proven,
        }));
    }
    Ok(ExitCode::SUCCESS)
}

fn opt(x: Option<f64>, digits: usize) -> String {
    x.map_or("—".to_string(), |x| format!("{x:+.digits$}"))
}

fn print_text(forum: &Forum, s: &Sensitivity) {
    let a = &forum.analysis;
    println!("How safe is each decision? — {}", forum.title());
    println!("{MARGIN_SENTENCE}");
    println!();
    let cost = forum.cost_header();
    let mut t = Table::new(&[
        ("initiative", Align::Left),
        ("funded", Align::Left),
        (cost.as_str(), Align::Right),
        ("value", Align::Right),
        ("margin", Align::Right),
        ("points", Align::Right),
        ("on", Align::Left),
    ]);
    let mut rows: Vec<_> = a.initiatives.iter().collect();
    // Funded first, then by how close to the line (smallest absolute margin first).
    rows.sort_by(|x, y| {
        let key = |id: &str| {
            s.margins
                .get(id)
                .copied()
                .flatten()
                .map_or(f64::MAX, f64::abs)
        };
        a.optimal
            .funds(&y.id)
            .cmp(&a.optimal.funds(&x.id))
            .then(key(&x.id).total_cmp(&key(&y.id)))
            .then(x.id.cmp(&y.id))
    });
    for v in rows {
        let funded = a.optimal.funds(&v.id);
        let margin = s.margins.get(&v.id).copied().flatten();
        t.row(vec![
            v.id.clone(),
            if funded { "yes" } else { "no" }.to_string(),
            amount(v.cost),
            value(v.value),
            match (margin, v.mandatory) {
                (None, true) => "mandatory".to_string(),
                (None, false) => "—".to_string(),
                (m, _) => opt(m, 4),
            },
            opt(s.margin_points.get(&v.id).copied().flatten(), 2),
            s.margin_priority
                .get(&v.id)
                .cloned()
                .flatten()
                .unwrap_or_default(),
        ]);
    }
    println!("{}", t.render(2));
    println!(
        "  (points: the margin as score points on the strongest priority that can still move)"
    );
    println!();
    println!(
        "Weight thresholds: how far a priority's weight can move (others rescaled) before the funded set changes."
    );
    let mut t = Table::new(&[
        ("#", Align::Right),
        ("priority", Align::Left),
        ("weight", Align::Right),
        ("up by", Align::Right),
        ("down by", Align::Right),
    ]);
    for p in &a.priorities {
        let th = s.weight_thresholds.get(&p.id);
        let cell = |x: Option<f64>| x.map_or("never".to_string(), |x| format!("{x:.4}"));
        t.row(vec![
            p.rank.to_string(),
            p.id.clone(),
            format!("{:.4}", p.weight),
            cell(th.and_then(|t| t.up)),
            cell(th.and_then(|t| t.down)),
        ]);
    }
    println!("{}", t.render(2));
    if !s.proven {
        println!("Note: some re-solves hit the work limit; these figures are approximate.");
    }
}
