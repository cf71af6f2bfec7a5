//! Readline-style editing of one text field, moving by grapheme so a letter keeps its accent:
//! ←/→, Home/End, Backspace/Delete, Ctrl-U (to the start), Ctrl-W (the word before).

use unicode_segmentation::UnicodeSegmentation;

/// A line of text and a cursor (a byte offset on a grapheme boundary).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextField {
    pub value: String,
    pub cursor: usize,
}

impl TextField {
    /// A field holding `value`, the cursor at its end.
    pub fn new(value: &str) -> TextField {
        TextField {
            value: value.to_string(),
            cursor: value.len(),
        }
    }

    /// Replaces the whole text, the cursor at its end.
    pub fn set(&mut self, value: &str) {
        *self = TextField::new(value);
    }

    fn before(&self) -> &str {
        self.value.get(..self.cursor).unwrap_or_default()
    }

    fn after(&self) -> &str {
        self.value.get(self.cursor..).unwrap_or_default()
    }

    /// Where the grapheme before the cursor starts.
    fn prev_boundary(&self) -> usize {
        self.before()
            .grapheme_indices(true)
            .next_back()
            .map_or(0, |(i, _)| i)
    }

    /// Where the grapheme after the cursor ends.
    fn next_boundary(&self) -> usize {
        self.cursor + self.after().graphemes(true).next().map_or(0, str::len)
    }

    pub fn insert(&mut self, c: char) {
        let at = self.cursor.min(self.value.len());
        self.value.insert(at, c);
        self.cursor = at + c.len_utf8();
        // A combining mark joins the letter before it: keep the cursor on a boundary.
        if !self.value.is_char_boundary(self.cursor) {
            self.cursor = self.value.len();
        }
    }

    pub fn left(&mut self) {
        self.cursor = self.prev_boundary();
    }

    pub fn right(&mut self) {
        self.cursor = self.next_boundary();
    }

    pub fn home(&mut self) {
        self.cursor = 0;
    }

    pub fn end(&mut self) {
        self.cursor = self.value.len();
    }

    /// Backspace: the grapheme before the cursor (a letter with its accent).
    pub fn erase(&mut self) {
        let from = self.prev_boundary();
        self.value.replace_range(from..self.cursor, "");
        self.cursor = from;
    }

    /// Delete: the grapheme under the cursor.
    pub fn delete(&mut self) {
        let to = self.next_boundary();
        self.value.replace_range(self.cursor..to, "");
    }

    /// Ctrl-U: everything before the cursor.
    pub fn kill_line(&mut self) {
        self.value.replace_range(..self.cursor, "");
        self.cursor = 0;
    }

    /// Ctrl-W: the word before the cursor, and the spaces after it.
    pub fn kill_word(&mut self) {
        let before = self.before();
        let trimmed = before.trim_end();
        let from = trimmed
            .char_indices()
            .rev()
            .find(|(_, c)| c.is_whitespace() || *c == ',')
            .map_or(0, |(i, c)| i + c.len_utf8());
        self.value.replace_range(from..self.cursor, "");
        self.cursor = from;
    }

    /// The text before and after the cursor, for drawing it.
    pub fn split(&self) -> (&str, &str) {
        (self.before(), self.after())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moves_and_erases_by_grapheme() {
        // "é" as e + a combining acute accent: one letter on screen, two chars.
        let mut f = TextField::new("cafe\u{301}");
        f.erase();
        assert_eq!(f.value, "caf");
        let mut f = TextField::new("cafe\u{301}s");
        f.left();
        f.left();
        assert_eq!(f.split(), ("caf", "e\u{301}s"));
        f.delete();
        assert_eq!(f.value, "cafs");
        f.home();
        f.insert('X');
        assert_eq!(f.value, "Xcafs");
        f.end();
        f.insert('!');
        assert_eq!(f.value, "Xcafs!");
        f.right();
        assert_eq!(f.cursor, f.value.len());
    }

    #[test]
    fn kills_the_line_and_the_word() {
        let mut f = TextField::new("the room agreed today");
        f.kill_word();
        assert_eq!(f.value, "the room agreed ");
        f.kill_word();
        assert_eq!(f.value, "the room ");
        f.left();
        f.left();
        f.kill_line();
        assert_eq!(f.split(), ("", "m "));
        let mut ids = TextField::new("dana, sam");
        ids.kill_word();
        assert_eq!(ids.value, "dana, ");
    }
}
