//! The allocation as an hledger journal: one periodic budget transaction per silo, a posting
//! per initiative (`budget:<silo>:<initiative>`), balanced against `assets:budget`.
//!
//! Finance posts actual spend to the same accounts and runs `hledger balance --budget`.

use crate::domain::records::Money;
use crate::domain::text::sanitize;
use crate::report::brief::{AllocationSource, Brief};
use std::collections::BTreeMap;
use std::fmt::Write;

/// The account every budget posting is balanced against.
pub const FUNDING_ACCOUNT: &str = "assets:budget";

/// The account that holds the part of the budget the allocation leaves unspent.
pub const UNALLOCATED_ACCOUNT: &str = "budget:unallocated";

/// The first day of the budget period, `YYYY-MM-DD`, checked by the caller.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Start {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

impl Start {
    /// hledger's period expression for a yearly budget starting on this day.
    pub fn period(self) -> String {
        let date = format!("{:04}-{:02}-{:02}", self.year, self.month, self.day);
        if self.month == 1 && self.day == 1 {
            return format!("yearly from {date}");
        }
        let suffix = match (self.day % 10, self.day) {
            (_, 11..=13) => "th",
            (1, _) => "st",
            (2, _) => "nd",
            (3, _) => "rd",
            _ => "th",
        };
        let month = MONTHS
            .get(self.month.saturating_sub(1) as usize)
            .copied()
            .unwrap_or("january");
        format!("every {}{suffix} {month} from {date}", self.day)
    }
}

/// One account-name component from an id: `[a-z0-9-]`, anything else becomes `-`.
pub fn component(id: &str) -> String {
    let s: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' {
                c
            } else {
                '-'
            }
        })
        .collect();
    if s.is_empty() { "unnamed".into() } else { s }
}

/// The commodity as hledger reads it: bare when letters only, otherwise double-quoted.
pub fn commodity(currency: &str) -> String {
    if !currency.is_empty() && currency.chars().all(|c| c.is_alphabetic()) {
        currency.to_string()
    } else {
        let inner: String = currency
            .chars()
            .filter(|c| *c != '"' && *c != ';' && !c.is_control())
            .collect();
        format!("\"{inner}\"")
    }
}

/// Text made safe for a `;` comment on one line, and for a transaction's description.
///
/// hledger reads structure inside comments: `name:value` is a tag (`date:` and `date2:` on a
/// posting move its date) and `[2031-06-30]` a bracketed posting date. In a description `;`
/// starts a comment and `|` splits payee from note. Text from the records carries none of
/// it: a colon becomes `=`, brackets become parentheses, `;` becomes `,` and `|` becomes `/`.
pub fn comment(s: &str) -> String {
    sanitize(s)
        .chars()
        .map(|c| match c {
            '\n' | '\r' => ' ',
            ':' => '=',
            '[' => '(',
            ']' => ')',
            ';' => ',',
            '|' => '/',
            c => c,
        })
        .collect()
}

/// Writes the journal of the brief's allocation.
pub fn journal(b: &Brief, start: Start) -> String {
    let cur = commodity(&b.currency);
    let mut o = String::new();
    let _ = writeln!(
        o,
        "; {} ({}): budget {}",
        comment(&b.title),
        b.forum_id,
        comment(&b.cycle)
    );
    let source = match b.allocation.source {
        AllocationSource::Decided => "decided by the forum (allocation.ron)".to_string(),
        AllocationSource::RuleResult => format!(
            "NOT DECIDED YET: the {} rule's result computed from the records",
            b.allocation.rule
        ),
    };
    let _ = writeln!(o, "; Allocation: {source}.");
    if let Some(c) = &b.commit {
        let _ = writeln!(o, "; Read from commit {c}.");
    }
    let _ = writeln!(
        o,
        "; Post actual spend to the same budget:<silo>:<initiative> accounts, then run:\n;   hledger -f this.journal -f actuals.journal balance --budget '^budget:'\n"
    );
    let mut by_silo: BTreeMap<&str, Vec<(&str, &str, Money)>> = BTreeMap::new();
    for l in &b.allocation.lines {
        if l.amount > 0 {
            by_silo.entry(l.silo.as_str()).or_default().push((
                l.initiative.as_str(),
                l.title.as_str(),
                l.amount,
            ));
        }
    }
    let period = start.period();
    for (silo, lines) in &by_silo {
        let name = b
            .silos
            .iter()
            .find(|s| s.id == *silo)
            .map_or_else(|| comment(silo), |s| comment(&s.name));
        let _ = writeln!(o, "~ {period}  {}: {name}", component(silo));
        for (id, title, amount) in lines {
            let account = format!("budget:{}:{}", component(silo), component(id));
            let _ = writeln!(
                o,
                "    {account:<60}  {amount:>10} {cur}  ; {}",
                comment(title)
            );
        }
        let _ = writeln!(o, "    {FUNDING_ACCOUNT}\n");
    }
    let unspent = b.unspent();
    if unspent > 0 {
        let _ = writeln!(o, "~ {period}  unallocated");
        let _ = writeln!(o, "    {UNALLOCATED_ACCOUNT:<60}  {unspent:>10} {cur}");
        let _ = writeln!(o, "    {FUNDING_ACCOUNT}\n");
    }
    let _ = writeln!(
        o,
        "; Total allocated {} {cur} of a budget of {} {cur}.",
        b.allocation.total, b.allocation.budget
    );
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_and_names() {
        let jan = Start {
            year: 2027,
            month: 1,
            day: 1,
        };
        assert_eq!(jan.period(), "yearly from 2027-01-01");
        let apr = Start {
            year: 2026,
            month: 4,
            day: 1,
        };
        assert_eq!(apr.period(), "every 1st april from 2026-04-01");
        let d = Start {
            year: 2026,
            month: 7,
            day: 12,
        };
        assert_eq!(d.period(), "every 12th july from 2026-07-12");
        assert_eq!(component("self-service"), "self-service");
        assert_eq!(component("a:b c"), "a-b-c");
        assert_eq!(commodity("EUR"), "EUR");
        assert_eq!(commodity("US$"), "\"US$\"");
    }

    #[test]
    fn comments_carry_no_tag_or_date_syntax() {
        assert_eq!(
            comment("Portal, date:2031-06-30, budget:fake tag [2031-06-30]; a|b"),
            "Portal, date=2031-06-30, budget=fake tag (2031-06-30), a/b"
        );
    }
}
