//! Aligned plain-text tables for people in a meeting (sanitised, width-aware).

use crate::domain::text::sanitize;
use unicode_width::UnicodeWidthStr;

/// How a column lines up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
}

/// A table: headers, alignments and rows of cells; every cell is sanitised when added.
#[derive(Debug, Clone, Default)]
pub struct Table {
    headers: Vec<String>,
    align: Vec<Align>,
    rows: Vec<Vec<String>>,
    /// Free lines printed between rows (index of the row they precede, the text).
    rules: Vec<(usize, String)>,
}

impl Table {
    /// A table with these columns.
    pub fn new(columns: &[(&str, Align)]) -> Self {
        Table {
            headers: columns.iter().map(|(h, _)| sanitize(h)).collect(),
            align: columns.iter().map(|(_, a)| *a).collect(),
            rows: Vec::new(),
            rules: Vec::new(),
        }
    }

    /// Adds a row (missing cells are blank, extra cells are dropped).
    pub fn row(&mut self, cells: Vec<String>) {
        let mut cells: Vec<String> = cells.iter().map(|c| sanitize(c)).collect();
        cells.resize(self.headers.len(), String::new());
        self.rows.push(cells);
    }

    /// A line of text shown before the next row added (e.g. the cut line).
    pub fn rule(&mut self, text: impl Into<String>) {
        self.rules.push((self.rows.len(), sanitize(&text.into())));
    }

    /// True when no row was added.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Renders with two spaces between columns, each line indented by `indent` spaces.
    pub fn render(&self, indent: usize) -> String {
        let n = self.headers.len();
        let mut widths: Vec<usize> = self.headers.iter().map(|h| h.width()).collect();
        for row in &self.rows {
            for (w, cell) in widths.iter_mut().zip(row) {
                *w = (*w).max(cell.width());
            }
        }
        let pad = " ".repeat(indent);
        let line = |cells: &[String]| {
            let mut out = pad.clone();
            for (k, cell) in cells.iter().enumerate() {
                let fill = " ".repeat(widths[k].saturating_sub(cell.width()));
                let last = k + 1 == n;
                match self.align[k] {
                    Align::Left if last => out.push_str(cell),
                    Align::Left => {
                        out.push_str(cell);
                        out.push_str(&fill);
                    }
                    Align::Right => {
                        out.push_str(&fill);
                        out.push_str(cell);
                    }
                }
                if !last {
                    out.push_str("  ");
                }
            }
            out.trim_end().to_string()
        };
        let mut out = vec![line(&self.headers)];
        for (i, row) in self.rows.iter().enumerate() {
            for (_, text) in self.rules.iter().filter(|(at, _)| *at == i) {
                out.push(format!("{pad}{text}"));
            }
            out.push(line(row));
        }
        for (_, text) in self.rules.iter().filter(|(at, _)| *at >= self.rows.len()) {
            out.push(format!("{pad}{text}"));
        }
        out.join("\n")
    }
}

/// A fraction as a percentage without decimals (`0.5` → `50%`).
pub fn percent(x: f64) -> String {
    format!("{:.0}%", x * 100.0)
}

/// A value with two decimals (values are small numbers on the score scale).
pub fn value(x: f64) -> String {
    format!("{x:.2}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aligns_and_sanitises() {
        let mut t = Table::new(&[("name", Align::Left), ("cost", Align::Right)]);
        t.row(vec!["portal".into(), "350,000".into()]);
        t.rule("--- cut ---");
        t.row(vec!["x\u{1b}[31m".into(), "5".into()]);
        let out = t.render(2);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines[0], "  name       cost");
        assert_eq!(lines[1], "  portal  350,000");
        assert_eq!(lines[2], "  --- cut ---");
        assert!(!out.contains('\u{1b}'));
    }
}
