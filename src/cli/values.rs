//! `roundtable values`: each initiative's value and where it comes from.

use crate::cli::args::ReadArgs;
use crate::cli::arith::{Forum, show};
use crate::cli::context::{CmdResult, Global};
use crate::cli::table::{Align, Table, value};
use crate::domain::money::amount;
use crate::domain::scoring::TRIMMED_SENTENCE;
use crate::domain::text::sanitize;
use serde_json::json;

/// The arguments of `roundtable values`.
#[derive(Debug, Clone, clap::Args)]
pub struct ValuesArgs {
    #[command(flatten)]
    pub read: ReadArgs,
}

/// The facilitator's sentence for value.
pub const VALUE_SENTENCE: &str =
    "An initiative's value is its score on each priority times that priority's weight, added up.";

/// Prints every initiative's value with its breakdown.
pub fn run(g: &Global, args: &ValuesArgs) -> CmdResult {
    let read = &args.read;
    show(g, read, print_text, to_json)
}

/// `{"initiatives":[{"id","silo","cost","value","scores","flags"}]}` plus the breakdown.
pub fn to_json(forum: &Forum) -> serde_json::Value {
    let a = &forum.analysis;
    let initiatives: Vec<serde_json::Value> = a
        .initiatives
        .iter()
        .map(|v| {
            json!({
                "id": v.id,
                "silo": v.silo,
                "title": v.title,
                "cost": v.cost,
                "value": v.value,
                "value_per_100k": v.value_per_100k,
                "scores": v.scores,
                "contributions": v.contributions,
                "flags": v.flag_names(),
                "flag_details": v.flags,
                "consensus": v.consensus,
                "mandatory": v.mandatory,
                "scorers": v.scorers,
                "funded": v.funded_optimal,
            })
        })
        .collect();
    json!({
        "initiatives": initiatives,
        "order": a.order,
        "weights": a.weights,
        "alpha": a.alpha,
        "decided": a.decided,
    })
}

fn print_text(forum: &Forum) {
    let a = &forum.analysis;
    println!(
        "{} — value of {} initiatives",
        forum.title(),
        a.initiatives.len()
    );
    println!("{VALUE_SENTENCE}");
    println!("{TRIMMED_SENTENCE}");
    if !a.decided {
        println!("The ranking is not decided yet: the weights follow the computed order.");
    }
    println!();
    let cost = forum.cost_header();
    let labels: Vec<String> = (1..=a.priorities.len()).map(|k| format!("P{k}")).collect();
    let mut cols = vec![
        ("initiative", Align::Left),
        ("silo", Align::Left),
        (cost.as_str(), Align::Right),
        ("value", Align::Right),
        ("per 100k", Align::Right),
    ];
    cols.extend(labels.iter().map(|l| (l.as_str(), Align::Right)));
    cols.push(("flags", Align::Left));
    let mut t = Table::new(&cols);
    for v in &a.initiatives {
        let mut cells = vec![
            if v.mandatory {
                format!("{} (mandatory)", v.id)
            } else {
                v.id.clone()
            },
            v.silo.clone(),
            amount(v.cost),
            value(v.value),
            value(v.value_per_100k),
        ];
        for p in &a.priorities {
            let s = v.scores.get(&p.id).copied().unwrap_or(0.0);
            cells.push(format!("{s:.2}"));
        }
        let mut flags: Vec<String> = v.flag_names().iter().map(|s| s.to_string()).collect();
        if v.consensus {
            flags.insert(0, "consensus".into());
        }
        cells.push(flags.join(", "));
        t.row(cells);
    }
    println!("{}", t.render(2));
    println!();
    println!(
        "Scores per priority (0–{}); value = Σ weight × score. Money in {}.",
        a.scale,
        sanitize(&a.currency)
    );
    let mut legend = Table::new(&[
        ("", Align::Left),
        ("priority", Align::Left),
        ("weight", Align::Right),
        ("title", Align::Left),
    ]);
    for (p, label) in a.priorities.iter().zip(&labels) {
        legend.row(vec![
            label.clone(),
            p.id.clone(),
            format!("{:.4}", p.weight),
            forum.priority_title(&p.id),
        ]);
    }
    println!("{}", legend.render(2));
    let flagged: Vec<_> = a
        .initiatives
        .iter()
        .filter(|v| !v.flags.is_empty())
        .collect();
    if !flagged.is_empty() {
        println!();
        println!("For discussion:");
        for v in flagged {
            for f in &v.flags {
                let on = f
                    .priority
                    .as_deref()
                    .map(|p| format!(" on {p}"))
                    .unwrap_or_default();
                let who = if f.members.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", f.members.join(", "))
                };
                println!(
                    "  {}: {}{}{}",
                    sanitize(&v.id),
                    f.kind.name(),
                    sanitize(&on),
                    sanitize(&who)
                );
            }
        }
    }
    match a.alpha {
        Some(alpha) => println!(
            "\nPanel reliability (Krippendorff's alpha, interval): {alpha:.3}{}",
            if alpha < 0.667 {
                " — below 0.667: the scorers read the scale differently; talk it through"
            } else {
                ""
            }
        ),
        None => println!("\nPanel reliability: not enough overlapping scores to compute."),
    }
}
