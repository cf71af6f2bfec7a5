//! Small drawing helpers shared by the screens: sanitised text, money, blocks, initiative tables.

use crate::domain::money;
use crate::domain::records::Money;
use crate::domain::text::sanitize;
use crate::tui::theme::Theme;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Row, Table};

/// Record text made safe for the screen.
pub fn clean(s: &str) -> String {
    sanitize(s)
}

/// Money with separators and the (sanitised) currency.
pub fn cash(m: Money, currency: &str) -> String {
    money::money(m, &sanitize(currency))
}

/// Money without the currency.
pub fn amount(m: Money) -> String {
    money::amount(m)
}

/// A bordered block with a title.
pub fn block<'a>(title: &str, theme: &Theme) -> Block<'a> {
    Block::bordered()
        .title(format!(" {title} "))
        .title_style(theme.title())
        .border_style(theme.muted())
}

/// `✓` / `✗` so funding never relies on colour alone.
pub fn mark(funded: bool) -> &'static str {
    if funded { "✓" } else { "✗" }
}

/// The columns a string takes on a terminal (wide characters two, combining marks none),
/// as ratatui draws it.
pub fn width(s: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(s)
}

/// Cuts a string to `width` terminal columns with an ellipsis.
pub fn cut(s: &str, width: usize) -> String {
    if self::width(s) <= width {
        return s.to_string();
    }
    let room = width.saturating_sub(1);
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > room {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push('…');
    out
}

/// Pads a string with spaces to `width` terminal columns (`{:<N}` counts characters, so a
/// wide or combining character would shift the next column).
pub fn pad(s: &str, width: usize) -> String {
    let mut out = s.to_string();
    out.extend(std::iter::repeat_n(
        ' ',
        width.saturating_sub(self::width(s)),
    ));
    out
}

/// A number right-aligned in its table cell.
pub fn num<'a>(text: String) -> Cell<'a> {
    Cell::from(Line::from(text).right_aligned())
}

/// The `✓`/`✗` funded cell, styled funded or unfunded.
pub fn fund_cell<'a>(funded: bool, theme: &Theme) -> Cell<'a> {
    Cell::from(Span::styled(
        mark(funded),
        if funded {
            theme.funded()
        } else {
            theme.unfunded()
        },
    ))
}

/// The style of a table row: the selection or plain text.
pub fn row_style(selected: bool, theme: &Theme) -> Style {
    if selected {
        theme.selected()
    } else {
        theme.text()
    }
}

/// The width a column needs for the widest of `texts` (and its header), at most `cap`.
pub fn fit<'s>(header: &str, texts: impl IntoIterator<Item = &'s str>, cap: u16) -> u16 {
    let widest = texts
        .into_iter()
        .map(width)
        .chain([width(header)])
        .max()
        .unwrap_or(0);
    u16::try_from(widest).unwrap_or(u16::MAX).min(cap)
}

/// The columns the title gets in a [`title_table`] drawn in `area` (borders and the spaces
/// between columns taken off), so a title can be cut with an ellipsis instead of clipped.
pub fn title_room(area: Rect, widths: &[u16], title_at: usize) -> usize {
    let others: usize = widths
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != title_at)
        .map(|(_, w)| usize::from(*w))
        .sum();
    usize::from(area.width)
        .saturating_sub(2)
        .saturating_sub(others)
        .saturating_sub(widths.len().saturating_sub(1))
        .max(1)
}

/// A table of initiatives whose title column (`title_at`) takes every column the others leave.
///
/// `widths` are the other columns' widths, in order, with the title's slot ignored.
pub fn title_table<'a>(
    rows: Vec<Row<'a>>,
    header: Row<'a>,
    widths: &[u16],
    title_at: usize,
    block: Block<'a>,
) -> Table<'a> {
    let constraints: Vec<Constraint> = widths
        .iter()
        .enumerate()
        .map(|(i, w)| {
            if i == title_at {
                Constraint::Fill(1)
            } else {
                Constraint::Length(*w)
            }
        })
        .collect();
    Table::new(rows, constraints)
        .header(header)
        .column_spacing(1)
        .block(block)
}

/// The flags of an initiative in `width` columns: full names when they fit, short ones if not.
pub fn flags_text(names: &[&str], width: usize) -> String {
    let full = names.join(",");
    if self::width(&full) <= width {
        return full;
    }
    let short: Vec<&str> = names
        .iter()
        .map(|n| match *n {
            "low-consensus" => "low-cons",
            "polarised" => "polar",
            "outlier" => "outl",
            "unscored" => "unsc",
            other => other,
        })
        .collect();
    cut(&short.join(","), width)
}

/// A goal as the room reads it: `metric: baseline → target unit`, sanitised.
pub fn goal(g: &crate::domain::records::Goal) -> String {
    format!(
        "{}: {} → {} {}",
        clean(&g.metric),
        crate::domain::money::quantity(g.baseline),
        crate::domain::money::quantity(g.target),
        clean(&g.unit)
    )
}

/// A screen whose numbers are not computed yet: its title and "computing…", never a number.
pub fn computing(
    frame: &mut ratatui::Frame,
    area: ratatui::layout::Rect,
    title: &str,
    fresh: &crate::tui::msg::Fresh,
    theme: &Theme,
) {
    let n = fresh.snapshot.initiatives.len();
    let text = vec![
        Line::styled(
            format!("computing… valuing {n} initiatives against the priorities in force"),
            theme.accent(),
        ),
        Line::styled(
            "The forum is read; its values and the allocation appear here in a moment. Keys work meanwhile.",
            theme.muted(),
        ),
    ];
    frame.render_widget(
        ratatui::widgets::Paragraph::new(text)
            .wrap(ratatui::widgets::Wrap { trim: true })
            .block(block(&format!("{title} — computing…"), theme)),
        area,
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Widths as the terminal draws them: wide characters take two columns, combining marks
    /// none; a cut or padded string fills exactly the columns asked.
    #[test]
    fn cut_pad_and_fit_count_terminal_columns() {
        let wide = "日本語のタイトルです";
        assert_eq!(width(wide), 20);
        let c = cut(wide, 9);
        assert!(width(&c) <= 9 && c.ends_with('…'), "{c}");
        assert_eq!(width(&pad(&c, 9)), 9);
        let accents = "Re\u{301}sume\u{301} de\u{301}cision";
        assert_eq!(cut(accents, 15), accents, "marks take no column");
        assert_eq!(fit("T", [wide], 40), 20);
        assert_eq!(fit("T", [accents], 40), 15);
    }
}
