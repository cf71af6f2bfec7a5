//! `roundtable allocate --dry-run`: what we would fund and why, on one page.
//!
//! Deciding the allocation (without `--dry-run`) is the decision path, `cli::decide::allocation`.

use crate::cli::args::{DecisionArgs, ReadArgs, RuleArg};
use crate::cli::arith::{Forum, load, print_json, require_ranking};
use crate::cli::context::{CmdResult, Global, refuse};
use crate::cli::table::{Align, Table, value};
use crate::domain::allocation::{
    self, Differences, Forcing, GREEDY_SENTENCE, GreedyStep, OPTIMAL_SENTENCE, Portfolio,
};
use crate::domain::money::amount;
use crate::domain::records::{AllocationRule, Money};
use crate::domain::text::sanitize;
use serde_json::json;
use std::process::ExitCode;

/// The arguments of `roundtable allocate`.
#[derive(Debug, Clone, clap::Args)]
pub struct AllocateArgs {
    #[command(flatten)]
    pub read: ReadArgs,
    /// Print the rule's result; change nothing.
    #[arg(long)]
    pub dry_run: bool,
    #[arg(long, value_enum)]
    pub rule: Option<RuleArg>,
    /// Solve at another budget (dry run only).
    #[arg(long)]
    pub budget: Option<u64>,
    /// Override a line: ID=AMOUNT (0 removes it).
    #[arg(long = "set", value_name = "ID=AMOUNT")]
    pub set: Vec<String>,
    /// The reason for an overridden line: ID="text".
    #[arg(long = "line-reason", value_name = "ID=TEXT")]
    pub line_reason: Vec<String>,
    #[command(flatten)]
    pub decision: DecisionArgs,
}

/// `roundtable allocate`: the decision, or with `--dry-run` the rule's result printed.
pub fn run(g: &Global, args: &AllocateArgs) -> CmdResult {
    if !args.dry_run {
        return crate::cli::decide::allocation::allocate(
            g,
            crate::cli::decide::allocation::Request {
                rule: args.rule,
                budget: args.budget,
                set: &args.set,
                line_reason: &args.line_reason,
                decision: &args.decision,
            },
        );
    }
    if !args.set.is_empty() || !args.line_reason.is_empty() {
        return Err(refuse(
            "--dry-run prints the rule's result; it does not apply --set or --line-reason",
            Some(
                "drop --set to see the rule's result, or drop --dry-run to decide the allocation with the overrides",
            ),
        ));
    }
    dry_run(
        g,
        Request {
            read: &args.read,
            rule: args.rule,
            budget: args.budget,
        },
    )
}

/// The options of `allocate` this file reads.
pub struct Request<'a> {
    pub read: &'a ReadArgs,
    pub rule: Option<RuleArg>,
    pub budget: Option<Money>,
}

/// Both rules' results at one budget.
struct Solved {
    rule: AllocationRule,
    budget: Money,
    optimal: Portfolio,
    greedy: Portfolio,
    steps: Vec<GreedyStep>,
    differences: Differences,
}

impl Solved {
    fn chosen(&self) -> &Portfolio {
        match self.rule {
            AllocationRule::Optimal => &self.optimal,
            AllocationRule::Greedy => &self.greedy,
        }
    }
}

/// Prints the rule's allocation without recording anything.
fn dry_run(g: &Global, req: Request) -> CmdResult {
    let forum = load(g, req.read)?;
    require_ranking(&forum)?;
    let a = &forum.analysis;
    let rule = match req.rule {
        Some(RuleArg::Optimal) => AllocationRule::Optimal,
        Some(RuleArg::Greedy) => AllocationRule::Greedy,
        None => a.rule,
    };
    let budget = req.budget.unwrap_or(a.budget);
    let solved = if budget == a.budget {
        Solved {
            rule,
            budget,
            optimal: a.optimal.clone(),
            greedy: a.greedy.clone(),
            steps: a.greedy_steps.clone(),
            differences: a.differences.clone(),
        }
    } else {
        let inst = a.instance(&forum.snapshot, budget);
        let optimal = allocation::solve(&inst, &Forcing::default(), a.options.work_limit);
        let (greedy, steps) = allocation::greedy(&inst);
        let differences = allocation::differences(budget, &optimal, &greedy, &steps);
        Solved {
            rule,
            budget,
            optimal,
            greedy,
            steps,
            differences,
        }
    };
    if forum.text {
        print_text(&forum, &solved);
    } else {
        print_json(&to_json(&forum, &solved));
    }
    Ok(if solved.chosen().feasible {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn to_json(forum: &Forum, s: &Solved) -> serde_json::Value {
    let p = s.chosen();
    json!({
        "rule": s.rule.name(),
        "budget": s.budget,
        "currency": forum.analysis.currency,
        "funded": p.funded,
        "total_cost": p.total_cost,
        "total_value": p.total_value,
        "proven_optimal": p.proven_optimal,
        "feasible": p.feasible,
        "note": p.note,
        "greedy": {
            "funded": s.greedy.funded,
            "total_cost": s.greedy.total_cost,
            "total_value": s.greedy.total_value,
        },
        "optimal": {
            "funded": s.optimal.funded,
            "total_cost": s.optimal.total_cost,
            "total_value": s.optimal.total_value,
            "proven_optimal": s.optimal.proven_optimal,
        },
        "differences": s.differences,
    })
}

/// Why an initiative is not funded by the rule, in one line.
fn why_not(forum: &Forum, s: &Solved, id: &str) -> String {
    let a = &forum.analysis;
    if s.rule == AllocationRule::Greedy {
        return s
            .steps
            .iter()
            .find(|st| st.id == id)
            .map(|st| st.reason.clone())
            .unwrap_or_default();
    }
    let inst = a.instance(&forum.snapshot, s.budget);
    let mut forcing = Forcing::default();
    forcing.funded.insert(id.to_string());
    let with = allocation::solve(&inst, &forcing, a.options.work_limit);
    if !with.feasible {
        let cost = a.valuation(id).map_or(0, |v| v.cost);
        return if cost > s.budget {
            "it costs more than the whole budget".into()
        } else {
            "the rules exclude it (an alternative, a dependency or a cap)".into()
        };
    }
    let displaced: Vec<&str> = s
        .optimal
        .funded
        .iter()
        .filter(|f| !with.funds(f))
        .map(String::as_str)
        .collect();
    let gap = s.optimal.total_value - with.total_value;
    if displaced.is_empty() {
        format!("needs +{gap:.2} value to get in")
    } else {
        format!(
            "needs +{gap:.2} value to get in (it would displace {})",
            displaced.join(", ")
        )
    }
}

fn print_text(forum: &Forum, s: &Solved) {
    let a = &forum.analysis;
    let p = s.chosen();
    println!("What we would fund — {}", forum.title());
    let rule_name = match s.rule {
        AllocationRule::Optimal => "the best total value (exact)",
        AllocationRule::Greedy => "value per money (greedy)",
    };
    println!(
        "Budget {} · rule: {} · dry run: nothing is recorded",
        forum.money(s.budget),
        rule_name
    );
    println!(
        "{}",
        match s.rule {
            AllocationRule::Optimal => OPTIMAL_SENTENCE,
            AllocationRule::Greedy => GREEDY_SENTENCE,
        }
    );
    println!();
    if !p.feasible {
        println!(
            "No allocation is possible: {}.",
            sanitize(
                p.note
                    .as_deref()
                    .unwrap_or("the constraints cannot all hold")
            )
        );
        return;
    }
    let proof = match (s.rule, p.proven_optimal) {
        (AllocationRule::Optimal, true) => " — proven optimal",
        (AllocationRule::Optimal, false) => {
            " — NOT proven optimal (the search hit its limit; this is the best found)"
        }
        _ => "",
    };
    println!(
        "Funded: {} of {} initiatives, {} ({} left), total value {}{}",
        p.funded.len(),
        a.initiatives.len(),
        forum.money(p.total_cost),
        forum.money(s.budget.saturating_sub(p.total_cost)),
        crate::domain::money::value(p.total_value),
        proof
    );
    let cost = forum.cost_header();
    let mut t = Table::new(&[
        ("initiative", Align::Left),
        ("silo", Align::Left),
        (cost.as_str(), Align::Right),
        ("value", Align::Right),
        ("per 100k", Align::Right),
        ("note", Align::Left),
        ("title", Align::Left),
    ]);
    let funded: Vec<_> = a.initiatives.iter().filter(|v| p.funds(&v.id)).collect();
    let unfunded: Vec<_> = a.initiatives.iter().filter(|v| !p.funds(&v.id)).collect();
    for v in &funded {
        let needed_by: Vec<&str> = funded
            .iter()
            .filter(|o| o.depends_on.contains(&v.id))
            .map(|o| o.id.as_str())
            .collect();
        let note = if v.mandatory {
            "mandatory".to_string()
        } else if !needed_by.is_empty() {
            format!("needed by {}", needed_by.join(", "))
        } else {
            String::new()
        };
        t.row(vec![
            v.id.clone(),
            v.silo.clone(),
            amount(v.cost),
            value(v.value),
            value(v.value_per_100k),
            note,
            v.title.clone(),
        ]);
    }
    t.rule(format!(
        "── cut line · {} unspent ──",
        forum.money(s.budget.saturating_sub(p.total_cost))
    ));
    println!("{}", t.render(2));

    if !unfunded.is_empty() {
        let mut near: Vec<_> = unfunded.clone();
        near.sort_by(|x, y| {
            y.value_per_100k
                .total_cmp(&x.value_per_100k)
                .then_with(|| x.id.cmp(&y.id))
        });
        let shown = near.len().min(5);
        println!();
        println!(
            "Not funded ({}), nearest the line by value per 100k:",
            unfunded.len()
        );
        let cost = forum.cost_header();
        let mut t = Table::new(&[
            ("initiative", Align::Left),
            ("silo", Align::Left),
            (cost.as_str(), Align::Right),
            ("value", Align::Right),
            ("per 100k", Align::Right),
            ("why not", Align::Left),
        ]);
        for v in near.iter().take(shown) {
            t.row(vec![
                v.id.clone(),
                v.silo.clone(),
                amount(v.cost),
                value(v.value),
                value(v.value_per_100k),
                why_not(forum, s, &v.id),
            ]);
        }
        println!("{}", t.render(2));
        if near.len() > shown {
            let rest: Vec<&str> = near[shown..].iter().map(|v| v.id.as_str()).collect();
            println!("  also not funded: {}", sanitize(&rest.join(", ")));
        }
    }

    println!();
    print_comparison(forum, s);
}

fn print_comparison(forum: &Forum, s: &Solved) {
    let d = &s.differences;
    let (other_name, other, this) = match s.rule {
        AllocationRule::Optimal => ("Greedy by value per money", &s.greedy, &s.optimal),
        AllocationRule::Greedy => ("The exact optimum", &s.optimal, &s.greedy),
    };
    if d.only_greedy.is_empty() && d.only_optimal.is_empty() {
        println!("{other_name} would fund exactly the same initiatives.");
        return;
    }
    let (adds, drops) = match s.rule {
        AllocationRule::Optimal => (&d.only_greedy, &d.only_optimal),
        AllocationRule::Greedy => (&d.only_optimal, &d.only_greedy),
    };
    println!(
        "{other_name} would fund {} instead of {}:",
        sanitize(&adds.join(", ")),
        sanitize(&drops.join(", "))
    );
    println!(
        "  total value {} against {} ({}), {} unspent against {}.",
        crate::domain::money::value(other.total_value),
        crate::domain::money::value(this.total_value),
        crate::domain::money::signed_value(other.total_value - this.total_value),
        forum.money(s.budget.saturating_sub(other.total_cost)),
        forum.money(s.budget.saturating_sub(this.total_cost)),
    );
    println!("  Why they differ: greedy takes the best value per money first, until the next no");
    println!(
        "  longer fits; the exact rule compares whole sets, so it may leave a good-value-per-money"
    );
    println!("  initiative out when that money does more elsewhere.");
    for (id, why) in &d.reasons {
        println!("  - {}: {}", sanitize(id), sanitize(why));
    }
}
