//! `roundtable allocate --by MEMBER`: the rule's allocation, with the forum's overrides, as
//! one `allocate` decision.

use crate::cli::args::{DecisionArgs, RuleArg};
use crate::cli::context::{CmdResult, Global, refuse};
use crate::cli::decide::Desk;
use crate::domain::decision::Motion;
use crate::domain::finding::closest;
use crate::domain::phase::reproduce::rule_result;
use crate::domain::records::{AllocationRule, Line};
use std::collections::BTreeMap;

/// The options of a deciding `allocate`.
pub struct Request<'a> {
    pub rule: Option<RuleArg>,
    /// `--budget` only makes sense with `--dry-run`.
    pub budget: Option<u64>,
    pub set: &'a [String],
    pub line_reason: &'a [String],
    pub decision: &'a DecisionArgs,
}

fn pairs(items: &[String], what: &str) -> anyhow::Result<BTreeMap<String, String>> {
    let mut out = BTreeMap::new();
    for item in items {
        let Some((id, value)) = item.split_once('=') else {
            return Err(refuse(
                format!("`{item}` is not {what}"),
                Some(&format!("write it as {what}, e.g. portal=0")),
            ));
        };
        out.insert(id.trim().to_string(), value.trim().to_string());
    }
    Ok(out)
}

/// Decides the allocation: the rule's lines, then each `--set` override with its reason.
pub fn allocate(g: &Global, req: Request) -> CmdResult {
    if req.decision.by.is_none() {
        return Err(refuse(
            "say who decides: --by MEMBER",
            Some("to print the rule's result without deciding anything, add --dry-run"),
        ));
    }
    if req.budget.is_some() {
        return Err(refuse(
            "--budget solves at another budget and needs --dry-run",
            Some(
                "to change the forum's budget, decide it with `roundtable budget AMOUNT --by MEMBER`",
            ),
        ));
    }
    let desk = Desk::open(g)?;
    let s = desk.snapshot();
    let rule = match req.rule {
        Some(RuleArg::Optimal) => AllocationRule::Optimal,
        Some(RuleArg::Greedy) => AllocationRule::Greedy,
        None => s.forum.allocation_rule,
    };
    let sets = pairs(req.set, "ID=AMOUNT")?;
    let reasons = pairs(req.line_reason, "ID=TEXT")?;
    let mut lines: BTreeMap<String, Line> = rule_result(s, rule)
        .into_iter()
        .map(|(id, amount)| {
            let line = Line {
                initiative: id.clone(),
                amount,
                reason: format!("funded in full by the {} rule", rule.name()),
            };
            (id, line)
        })
        .collect();
    for (id, amount) in &sets {
        if s.initiative(id).is_none() {
            let hint = closest(id, s.initiatives.keys().map(String::as_str)).map_or_else(
                || "`roundtable values` lists the initiatives' ids".to_string(),
                |c| format!("did you mean `{c}`?"),
            );
            return Err(refuse(
                format!("`{id}` is not an initiative of the forum"),
                Some(&hint),
            ));
        }
        let Ok(amount) = amount.replace(['_', ','], "").parse::<u64>() else {
            return Err(refuse(
                format!("`{amount}` is not a whole amount"),
                Some("money is a whole number of the forum's currency unit, e.g. portal=150000"),
            ));
        };
        let Some(reason) = reasons.get(id).filter(|r| !r.is_empty()) else {
            return Err(refuse(
                format!("the line for `{id}` differs from the rule: give its reason"),
                Some(&format!("add --line-reason {id}=\"why\"")),
            ));
        };
        lines.insert(
            id.clone(),
            Line {
                initiative: id.clone(),
                amount,
                reason: reason.clone(),
            },
        );
    }
    let motion = Motion::Allocate {
        rule,
        budget: s.forum.budget,
        lines: lines.into_values().collect(),
    };
    let d = desk.planned(req.decision, &motion, &[])?;
    desk.commit(&d)
}
