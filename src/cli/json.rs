//! JSON on standard output: the data kept exact, but nothing a terminal would act on.
//!
//! serde_json escapes C0 controls inside strings but writes DEL, C1 controls, bidi
//! overrides and isolates and zero-width characters raw, so a record holding U+202E would
//! reorder the reader's terminal. Every `--format json` output goes through [`print`], which
//! writes each such character as a `\uXXXX` escape: the same string to a JSON parser.

use crate::domain::text::{MAX_COMBINING_RUN, is_combining, is_dangerous};
use std::fmt::Write;

/// The value as pretty JSON, with every dangerous character escaped.
pub fn to_text(value: &serde_json::Value) -> String {
    escape(&format!("{value:#}"))
}

/// Prints the value as pretty JSON, with every dangerous character escaped.
pub fn print(value: &serde_json::Value) {
    println!("{}", to_text(value));
}

/// Escapes the dangerous characters of serialised JSON, and the combining marks of a long
/// run past the first few (a wall of them slows a terminal to a crawl). Raw newlines are the
/// pretty printer's own (strings never hold one raw), so they stay.
fn escape(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    let mut run = 0usize;
    for c in json.chars() {
        run = if is_combining(c) { run + 1 } else { 0 };
        if (c != '\n' && is_dangerous(c)) || run > MAX_COMBINING_RUN {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                let _ = write!(out, "\\u{unit:04x}");
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn dangerous_characters_are_escaped_and_the_data_is_kept() {
        let title = "Portal \u{202e}evil\u{2066} \u{9b}31m \u{7f}\u{200b}\u{1b}[2J";
        let text = to_text(&json!({ "title": title, "list": ["a\nb"] }));
        assert!(
            !text.chars().any(|c| c != '\n' && is_dangerous(c)),
            "{text}"
        );
        assert!(
            text.contains("\\u202e") && text.contains("\\u009b"),
            "{text}"
        );
        let back: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back["title"], title);
        assert_eq!(back["list"][0], "a\nb");
    }
}
