//! `roundtable weights`: one weight per priority, from the decided order.

use crate::cli::args::ReadArgs;
use crate::cli::arith::{Forum, show};
use crate::cli::context::{CmdResult, Global};
use crate::cli::table::{Align, Table};
use crate::domain::records::Weighting;
use crate::domain::weights::ROC_SENTENCE;
use serde_json::json;

/// The arguments of `roundtable weights`.
#[derive(Debug, Clone, clap::Args)]
pub struct WeightsArgs {
    #[command(flatten)]
    pub read: ReadArgs,
}

/// Prints the weights of the order in force.
pub fn run(g: &Global, args: &WeightsArgs) -> CmdResult {
    let read = &args.read;
    show(g, read, print_text, to_json)
}

/// `{"weighting","order","weights"}` and the priorities with titles.
pub fn to_json(forum: &Forum) -> serde_json::Value {
    let a = &forum.analysis;
    json!({
        "weighting": a.weighting,
        "order": a.order,
        "weights": a.weights,
        "decided": a.decided,
        "priorities": a.priorities,
    })
}

/// The facilitator's sentence for a weighting.
pub fn sentence(weighting: &Weighting) -> &'static str {
    match weighting {
        Weighting::RankOrderCentroid => ROC_SENTENCE,
        Weighting::RankSum => "Weights fall in equal steps from the first priority to the last.",
        Weighting::RankReciprocal => {
            "The second priority gets half the weight of the first, the third a third, and so on."
        }
        Weighting::Explicit(_) => {
            "The forum gave each priority its own weight; we only scale them to add up to 1."
        }
    }
}

fn print_text(forum: &Forum) {
    let a = &forum.analysis;
    println!(
        "{} — weights of {} priorities ({})",
        forum.title(),
        a.priorities.len(),
        a.weighting
    );
    println!("{}", sentence(&forum.snapshot.forum.weighting));
    if !a.decided {
        println!("The ranking is not decided yet: these weights follow the computed order.");
    }
    println!();
    let mut t = Table::new(&[
        ("#", Align::Right),
        ("priority", Align::Left),
        ("weight", Align::Right),
        ("", Align::Left),
        ("title", Align::Left),
    ]);
    for p in &a.priorities {
        let bar = "█".repeat((p.weight * 40.0).round() as usize);
        t.row(vec![
            p.rank.to_string(),
            p.id.clone(),
            format!("{:.4}", p.weight),
            bar,
            forum.priority_title(&p.id),
        ]);
    }
    println!("{}", t.render(2));
    for note in &a.notes {
        println!("Note: {}", crate::domain::text::sanitize(note));
    }
}
