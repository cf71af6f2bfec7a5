//! Renderings of the plan brief: markdown for a git host, one self-contained HTML file, CSV.
//!
//! [`brief::Brief`] is built once from a snapshot and its analysis ([`build::build`]); each
//! format only reads it and escapes every string for itself.

pub mod brief;
pub mod build;
pub mod csv;
pub mod hledger;
pub mod html;
pub mod markdown;
pub mod results;
pub mod svg;
pub mod wording;

use crate::report::brief::Brief;

/// The formats a brief can be written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Markdown,
    Html,
    Csv,
}

/// Renders the brief in one format.
pub fn render(brief: &Brief, format: Format) -> String {
    match format {
        Format::Markdown => markdown::render(brief),
        Format::Html => html::render(brief),
        Format::Csv => csv::render(brief),
    }
}

/// A number with at most `decimals` decimals, trailing zeros dropped (`4`, `0.52`, `-1.25`).
pub fn num(x: f64, decimals: usize) -> String {
    if !x.is_finite() {
        return "–".into();
    }
    let s = format!("{x:.decimals$}");
    let s = if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    };
    if s == "-0" { "0".into() } else { s }
}

/// A share as a whole percentage (`0.857` → `86%`).
pub fn percent(x: f64) -> String {
    format!("{}%", num(x * 100.0, 0))
}

/// A value margin for people: funded `-0.44` (may fall), unfunded `+0.79` (must rise).
pub fn margin(m: Option<f64>) -> String {
    match m {
        None => "–".into(),
        Some(m) if m > 0.0 => format!("+{}", num(m, 4)),
        Some(m) => num(m, 4),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_drop_trailing_zeros() {
        assert_eq!(num(4.0, 2), "4");
        assert_eq!(num(6.10, 2), "6.1");
        assert_eq!(num(-0.00001, 2), "0");
        assert_eq!(num(0.52083, 4), "0.5208");
        assert_eq!(percent(0.857), "86%");
        assert_eq!(margin(Some(-0.4375)), "-0.4375");
        assert_eq!(margin(Some(0.79166)), "+0.7917");
        assert_eq!(margin(None), "–");
    }
}
