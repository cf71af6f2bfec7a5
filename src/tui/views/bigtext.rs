//! A 3×5 block font for digits and money, readable from the back of a room.

use ratatui::text::Line;

const GLYPHS: [(char, [&str; 5]); 14] = [
    ('0', ["███", "█ █", "█ █", "█ █", "███"]),
    ('1', [" █ ", "██ ", " █ ", " █ ", "███"]),
    ('2', ["███", "  █", "███", "█  ", "███"]),
    ('3', ["███", "  █", "███", "  █", "███"]),
    ('4', ["█ █", "█ █", "███", "  █", "  █"]),
    ('5', ["███", "█  ", "███", "  █", "███"]),
    ('6', ["███", "█  ", "███", "█ █", "███"]),
    ('7', ["███", "  █", "  █", "  █", "  █"]),
    ('8', ["███", "█ █", "███", "█ █", "███"]),
    ('9', ["███", "█ █", "███", "  █", "███"]),
    (',', ["   ", "   ", "   ", " █ ", "█  "]),
    ('.', ["   ", "   ", "   ", "   ", " █ "]),
    ('%', ["█ █", "  █", " █ ", "█  ", "█ █"]),
    (' ', ["   ", "   ", "   ", "   ", "   "]),
];

/// The five lines of `text` in the block font; characters without a glyph are skipped.
pub fn big(text: &str) -> Vec<String> {
    let mut rows = vec![String::new(); 5];
    for c in text.chars() {
        if let Some((_, g)) = GLYPHS.iter().find(|(k, _)| *k == c) {
            for (r, line) in rows.iter_mut().enumerate() {
                line.push_str(g[r]);
                line.push(' ');
            }
        }
    }
    rows
}

/// Width in columns of `text` drawn big.
pub fn width(text: &str) -> usize {
    big(text).first().map(|l| l.chars().count()).unwrap_or(0)
}

/// Lines for a paragraph, each glyph cell repeated `scale` times across and down.
pub fn lines(text: &str, scale: usize) -> Vec<Line<'static>> {
    let scale = scale.max(1);
    big(text)
        .into_iter()
        .flat_map(|row| {
            let wide: String = row
                .chars()
                .flat_map(|c| std::iter::repeat_n(c, scale))
                .collect();
            std::iter::repeat_n(wide, scale)
        })
        .map(Line::from)
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn digits_are_five_rows_of_four_columns() {
        let b = super::big("2,400");
        assert_eq!(b.len(), 5);
        assert_eq!(super::width("12"), 8);
        assert_eq!(super::lines("12", 2).len(), 10);
    }
}
