//! Actual spend read back from an hledger journal: the postings of real (dated) transactions to
//! the `budget:<silo>:<initiative>` accounts `roundtable export hledger` writes. Periodic (`~`)
//! and automated (`=`) transactions are budgets and rules, not spend, and are skipped; so are
//! comments and directives. Pure: the caller reads the file.

use chrono::NaiveDate;
use std::collections::BTreeMap;

/// One initiative's spend in the journal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spent {
    /// In hundredths of the currency unit (books have cents; the forum rounds at the end).
    pub cents: i128,
    /// The day of the latest posting counted.
    pub as_of: NaiveDate,
    pub postings: usize,
}

impl Spent {
    /// Whole units, rounded half up; a negative total (refunds beyond spend) counts as 0.
    pub fn units(&self) -> u64 {
        u64::try_from((self.cents + 50).div_euclid(100).max(0)).unwrap_or(u64::MAX)
    }
}

/// A line the reader could not read, 1-based.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadLine {
    pub line: usize,
    pub message: String,
    pub hint: String,
}

/// Spend by initiative id (the last component of a `budget:` account; `budget:unallocated`
/// is not an initiative).
pub fn read(text: &str) -> Result<BTreeMap<String, Spent>, Vec<BadLine>> {
    let mut out: BTreeMap<String, Spent> = BTreeMap::new();
    let mut bad = Vec::new();
    // The date of the transaction whose postings follow, None inside a budget or a rule.
    let mut current: Option<NaiveDate> = None;
    for (k, raw) in text.lines().enumerate() {
        let line = k + 1;
        let indented = raw.starts_with([' ', '\t']);
        let body = strip_comment(raw).trim_end();
        if body.trim().is_empty() {
            if !indented {
                current = None;
            }
            continue;
        }
        if !indented {
            current = match body.chars().next() {
                Some(c) if c.is_ascii_digit() => match date(body) {
                    Some(d) => Some(d),
                    None => {
                        bad.push(BadLine {
                            line,
                            message: format!("`{}` does not start with a date", first_word(body)),
                            hint: "a transaction starts with its date: 2027-03-31 Description"
                                .into(),
                        });
                        None
                    }
                },
                _ => None, // `~` budgets, `=` rules, directives, comments
            };
            continue;
        }
        let Some(day) = current else { continue };
        let posting = body.trim_start();
        let posting = posting
            .strip_prefix(['*', '!'])
            .map_or(posting, str::trim_start);
        let (account, amount) = split_posting(posting);
        let Some(initiative) = initiative_of(account) else {
            continue;
        };
        let Some(amount) = amount else {
            bad.push(BadLine {
                line,
                message: format!("the posting to `{account}` has no amount"),
                hint: "write the spend on the budget posting and leave the other side blank".into(),
            });
            continue;
        };
        match cents(amount) {
            Some(c) => {
                let e = out.entry(initiative.to_string()).or_insert(Spent {
                    cents: 0,
                    as_of: day,
                    postings: 0,
                });
                e.cents += c;
                e.as_of = e.as_of.max(day);
                e.postings += 1;
            }
            None => bad.push(BadLine {
                line,
                message: format!("cannot read the amount `{amount}`"),
                hint: "an amount is digits with an optional sign, decimal point and currency: 1200.50 EUR".into(),
            }),
        }
    }
    if bad.is_empty() { Ok(out) } else { Err(bad) }
}

fn strip_comment(s: &str) -> &str {
    match s.find(';') {
        Some(i) => &s[..i],
        None => s,
    }
}

fn first_word(s: &str) -> &str {
    s.split_whitespace().next().unwrap_or("")
}

/// The transaction date (`2027-03-31`, `2027/03/31` or `2027.03.31`, a secondary `=date` ignored).
fn date(header: &str) -> Option<NaiveDate> {
    let word = first_word(header);
    let primary = word.split('=').next()?;
    let norm = primary.replace(['/', '.'], "-");
    NaiveDate::parse_from_str(&norm, "%Y-%m-%d").ok()
}

/// The account (up to two spaces or a tab) and the amount text after it, if any (a balance
/// assertion `= …` dropped).
fn split_posting(p: &str) -> (&str, Option<&str>) {
    let end = p
        .find("  ")
        .into_iter()
        .chain(p.find('\t'))
        .min()
        .unwrap_or(p.len());
    let account = p[..end].trim();
    let rest = p[end..].trim();
    let rest = rest.split('=').next().unwrap_or("").trim();
    (account, (!rest.is_empty()).then_some(rest))
}

/// `budget:<silo>:<initiative>` → the initiative; other accounts (and `budget:unallocated`)
/// are not spend on an initiative.
fn initiative_of(account: &str) -> Option<&str> {
    let account = account.trim_matches(['(', ')', '[', ']']);
    let mut parts = account.split(':');
    if parts.next()? != "budget" {
        return None;
    }
    let _silo = parts.next()?;
    let id = parts.next()?;
    (parts.next().is_none() && !id.is_empty()).then_some(id)
}

/// An amount in hundredths: a sign, digits with `,` or `_` separators, an optional decimal
/// point with up to two decimals, and a commodity on either side.
fn cents(amount: &str) -> Option<i128> {
    let numeric = |c: char| c.is_ascii_digit() || matches!(c, '-' | '+' | '.' | ',' | '_');
    let chars: Vec<char> = amount.trim().chars().collect();
    let first = chars.iter().position(|c| numeric(*c))?;
    let last = chars.iter().rposition(|c| numeric(*c))?;
    // One run of the number, the commodity only before or after it.
    if !chars[first..=last].iter().all(|c| numeric(*c)) {
        return None;
    }
    let commodity: String = chars[..first].iter().chain(&chars[last + 1..]).collect();
    if commodity.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    let number: String = chars[first..=last]
        .iter()
        .filter(|c| !matches!(c, ',' | '_'))
        .collect();
    let (sign, digits) = match number.strip_prefix('-') {
        Some(d) => (-1, d),
        None => (1, number.strip_prefix('+').unwrap_or(&number)),
    };
    let (whole, frac) = match digits.split_once('.') {
        Some((w, f)) => (w, f),
        None => (digits, ""),
    };
    if whole.is_empty() && frac.is_empty() || frac.len() > 2 || frac.contains('.') {
        return None;
    }
    if !whole.chars().all(|c| c.is_ascii_digit()) || !frac.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let w: i128 = if whole.is_empty() {
        0
    } else {
        whole.parse().ok()?
    };
    let f: i128 = format!("{frac:0<2}").parse().ok()?;
    Some(sign * (w.checked_mul(100)? + f))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_postings_to_budget_accounts_count_and_budgets_do_not() {
        let text = "\
; the export
~ yearly from 2027-01-01  product: Product
    budget:product:guided-setup      265000 EUR  ; Guided setup
    assets:budget

2027-02-28 * Agency invoice 17 ; paid
    budget:product:guided-setup      12,000.50 EUR
    assets:bank

2027/03/31 Contractors
    budget:product:guided-setup      EUR 8000
    budget:unallocated               100 EUR
    expenses:other                   5 EUR
    assets:bank

2027-04-02 Refund
    budget:product:guided-setup      -500 EUR = 19500.50 EUR
    assets:bank
";
        let spent = read(text).unwrap();
        let g = &spent["guided-setup"];
        assert_eq!(g.cents, 1_950_050);
        assert_eq!(g.units(), 19_501);
        assert_eq!(g.postings, 3);
        assert_eq!(g.as_of, NaiveDate::from_ymd_opt(2027, 4, 2).unwrap());
        assert_eq!(spent.len(), 1, "{spent:?}");
    }

    #[test]
    fn an_unreadable_amount_or_date_is_named_by_its_line() {
        let text = "2027-02-30 Bad day\n    budget:a:b  1 EUR\n\n2027-03-01 x\n    budget:a:b  12.345 EUR\n    budget:a:c\n    assets:bank\n";
        let bad = read(text).unwrap_err();
        let lines: Vec<usize> = bad.iter().map(|b| b.line).collect();
        assert_eq!(lines, vec![1, 5, 6], "{bad:?}");
        assert!(bad[1].message.contains("12.345 EUR"));
    }

    #[test]
    fn amounts_in_cents() {
        assert_eq!(cents("120000 EUR"), Some(12_000_000));
        assert_eq!(cents("€1,200.5"), Some(120_050));
        assert_eq!(cents("-3"), Some(-300));
        assert_eq!(cents("1e5"), None);
        assert_eq!(cents("1.2.3"), None);
        assert_eq!(cents("EUR"), None);
    }
}
