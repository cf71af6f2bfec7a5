//! Small drawing helpers shared by the screens: sanitised text, money, blocks.

use crate::domain::money;
use crate::domain::records::Money;
use crate::domain::text::sanitize;
use crate::tui::theme::Theme;
use ratatui::widgets::Block;

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

/// Cuts a string to `width` characters with an ellipsis.
pub fn cut(s: &str, width: usize) -> String {
    if s.chars().count() <= width {
        return s.to_string();
    }
    let mut out: String = s.chars().take(width.saturating_sub(1)).collect();
    out.push('…');
    out
}
