//! `roundtable whatif --budget N | --cut PCT`: re-solve at another budget.

use crate::cli::args::ReadArgs;
use crate::cli::arith::{Forum, load, print_json, require_ranking};
use crate::cli::context::{CmdResult, Global, refuse};
use crate::cli::table::{Align, Table, value};
use crate::domain::analysis::{WhatIf, whatif};
use crate::domain::money::amount;
use crate::domain::records::Money;
use crate::domain::text::sanitize;
use serde_json::json;
use std::process::ExitCode;

/// The arguments of `roundtable whatif`.
#[derive(Debug, Clone, clap::Args)]
pub struct WhatifArgs {
    #[command(flatten)]
    pub read: ReadArgs,
    /// The budget to solve at.
    #[arg(long, conflicts_with = "cut")]
    pub budget: Option<u64>,
    /// A cut in percent, e.g. 15.
    #[arg(long)]
    pub cut: Option<f64>,
}

/// The budget a cut of `pct` percent leaves, rounded to whole money.
pub fn cut_budget(budget: Money, pct: f64) -> Money {
    let kept = (budget as f64) * (1.0 - pct / 100.0);
    kept.round().max(0.0) as Money
}

/// Prints what drops and what comes in at another budget.
pub fn run(g: &Global, args: &WhatifArgs) -> CmdResult {
    let (read, budget, cut): (&ReadArgs, Option<Money>, Option<f64>) =
        (&args.read, args.budget, args.cut);
    if let Some(pct) = cut
        && !(0.0..=100.0).contains(&pct)
    {
        return Err(refuse(
            format!("a cut of {pct}% is not between 0 and 100"),
            Some("e.g. `roundtable whatif --cut 15` for a 15% cut"),
        ));
    }
    if budget.is_none() && cut.is_none() {
        return Err(refuse(
            "say which budget to try",
            Some("`roundtable whatif --budget 2000000` or `roundtable whatif --cut 15`"),
        ));
    }
    let forum = load(g, read)?;
    require_ranking(&forum)?;
    let base = forum.analysis.budget;
    let target = budget.unwrap_or_else(|| cut_budget(base, cut.unwrap_or(0.0)));
    let w = whatif(&forum.snapshot, &forum.analysis, target);
    // With a ratified defence plan, a cut of the standing allocation follows the plan.
    let plan = forum
        .snapshot
        .forum
        .defence
        .as_ref()
        .filter(|_| w.against_standing && target < w.base_cost)
        .map(|d| {
            crate::domain::defence::cut(&forum.snapshot, &forum.analysis, d, target, &w.funded)
        });
    if forum.text {
        print_text(&forum, &w, cut);
        if let Some(c) = &plan {
            println!();
            println!(
                "Under the forum's defence plan (what `rebudget` does): drops {}{}",
                if c.dropped.is_empty() {
                    "nothing".to_string()
                } else {
                    sanitize(&c.dropped.join(", "))
                },
                if c.fits {
                    ""
                } else {
                    " — and still does not fit the budget"
                }
            );
            for (id, why) in &c.departures {
                println!("  departs from the rule: {} — {}", sanitize(id), why);
            }
        }
    } else {
        print_json(&json!({
            "budget": w.budget,
            "base_budget": w.base_budget,
            "rule": w.rule.name(),
            "funded": w.funded,
            "dropped": w.dropped,
            "added": w.added,
            "total_cost": w.total_cost,
            "total_value": w.total_value,
            "non_nested": w.non_nested,
            "proven_optimal": w.proven_optimal,
            "feasible": w.feasible,
            "against": if w.against_standing { "standing allocation" } else { "rule" },
            "base_cost": w.base_cost,
            "base_value": w.base_value,
            "defence": plan.as_ref().map(|c| json!({
                "dropped": c.dropped,
                "fits": c.fits,
                "departures": c.departures,
            })),
        }));
    }
    Ok(ExitCode::SUCCESS)
}

fn print_text(forum: &Forum, w: &WhatIf, cut: Option<f64>) {
    let a = &forum.analysis;
    let how = match cut {
        Some(pct) => format!(" (a {pct}% cut)"),
        None => String::new(),
    };
    println!(
        "What if the budget were {} instead of {}{}? — {}",
        forum.money(w.budget),
        forum.money(w.base_budget),
        how,
        forum.title()
    );
    println!(
        "Re-solved with the forum's rule ({}), compared with {}.",
        sanitize(w.rule.name()),
        if w.against_standing {
            "the allocation the forum agreed (allocation.ron)"
        } else {
            "the rule's result at today's budget (no allocation recorded yet)"
        }
    );
    println!();
    if !w.feasible {
        println!(
            "No allocation is possible at this budget: the initiatives that must be funded do not fit."
        );
        return;
    }
    println!(
        "Funded: {} initiatives, {} (now {}), total value {} (now {}){}",
        w.funded.len(),
        forum.money(w.total_cost),
        forum.money(w.base_cost),
        crate::domain::money::value(w.total_value),
        crate::domain::money::value(w.base_value),
        if w.proven_optimal || w.rule.name() == "Greedy" {
            ""
        } else {
            " — not proven optimal"
        }
    );
    let cost = forum.cost_header();
    let mut t = Table::new(&[
        ("change", Align::Left),
        ("initiative", Align::Left),
        ("silo", Align::Left),
        (cost.as_str(), Align::Right),
        ("value", Align::Right),
    ]);
    for (label, ids) in [("drops", &w.dropped), ("comes in", &w.added)] {
        for id in ids {
            if let Some(v) = a.valuation(id) {
                t.row(vec![
                    label.to_string(),
                    v.id.clone(),
                    v.silo.clone(),
                    amount(v.cost),
                    value(v.value),
                ]);
            }
        }
    }
    if t.is_empty() {
        println!("Nothing changes: the same initiatives are funded.");
    } else {
        println!("{}", t.render(2));
    }
    if w.non_nested {
        println!();
        if w.budget < w.base_budget {
            println!(
                "Not nested: with less money the best set rearranges — {} comes in although the budget falls.",
                sanitize(&w.added.join(", "))
            );
        } else {
            println!(
                "Not nested: with more money the best set rearranges — {} drops although the budget rises.",
                sanitize(&w.dropped.join(", "))
            );
        }
    }
}
