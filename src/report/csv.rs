//! The brief as CSV for finance's spreadsheet: one row per initiative (RFC 4180).
//!
//! Text cells that a spreadsheet could read as a formula (starting with `=`, `+`, `-`, `@`,
//! tab or carriage return) are prefixed with `'`; numbers are written plain, without
//! thousands separators, so they stay numbers.

use crate::report::brief::Brief;
use crate::report::num;

/// Quotes one text cell: formula guard, then RFC 4180 quoting when needed.
pub fn text(s: &str) -> String {
    let guarded = if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_string()
    };
    if guarded.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}

/// Renders one header row and one row per initiative, lines ending in CRLF.
pub fn render(b: &Brief) -> String {
    let mut header: Vec<String> = [
        "initiative",
        "title",
        "silo",
        "silo_name",
        "owner",
        "currency",
        "cost",
        "value",
        "value_per_100k",
        "rule_funds",
        "allocated",
        "reason",
        "margin",
        "mandatory",
        "flags",
    ]
    .iter()
    .map(|s| (*s).to_string())
    .collect();
    for p in &b.priorities {
        header.push(text(&format!("score:{}", p.id)));
    }
    let mut out = header.join(",");
    out.push_str("\r\n");
    for i in &b.initiatives {
        let reason = b
            .allocation
            .lines
            .iter()
            .find(|l| l.initiative == i.id)
            .map(|l| l.reason.as_str())
            .unwrap_or("");
        let mut row = vec![
            text(&i.id),
            text(&i.title),
            text(&i.silo),
            text(&i.silo_name),
            text(&i.owner),
            text(&b.currency),
            i.cost.to_string(),
            num(i.value, 6),
            num(i.value_per_100k, 6),
            i.rule_funds.to_string(),
            i.allocated.to_string(),
            text(reason),
            i.margin.map(|m| num(m, 6)).unwrap_or_default(),
            i.mandatory.to_string(),
            text(&i.flags.join(" ")),
        ];
        for c in &i.breakdown {
            row.push(num(c.score, 4));
        }
        out.push_str(&row.join(","));
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_quoted_and_guarded() {
        assert_eq!(text("plain"), "plain");
        assert_eq!(text("a,b"), "\"a,b\"");
        assert_eq!(text("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(text("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(text("+1"), "'+1");
        assert_eq!(text("-cmd"), "'-cmd");
        assert_eq!(text("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(text("two\nlines"), "\"two\nlines\"");
    }
}
