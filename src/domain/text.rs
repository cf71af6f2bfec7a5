//! Untrusted text: what may stand in a record, and how it is made safe to display.
//!
//! Records come from other departments by pull request. Nothing read from a record may reach
//! a terminal as a control sequence, so every string shown or printed passes [`sanitize`].

/// True for characters that can change how a terminal or a bidi-aware viewer shows text:
/// C0 and C1 controls, DEL, bidi embeddings/overrides/isolates and marks, zero-width
/// characters and the byte-order mark.
pub fn is_dangerous(c: char) -> bool {
    let u = c as u32;
    u < 0x20
        || (0x7f..=0x9f).contains(&u)
        || (0x202a..=0x202e).contains(&u)
        || (0x2066..=0x2069).contains(&u)
        || u == 0x200e
        || u == 0x200f
        || u == 0x061c
        || (0x200b..=0x200d).contains(&u)
        || u == 0x2060
        || u == 0xfeff
}

/// Why a one-line or long text field was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextProblem {
    /// Character offset (in chars) of the first offending character.
    pub offset: usize,
    pub character: char,
}

impl TextProblem {
    /// A message naming the character by its code point, e.g. `U+202E`.
    pub fn describe(&self) -> String {
        format!(
            "contains the control or invisible character U+{:04X} at character {}",
            self.character as u32,
            self.offset + 1
        )
    }
}

/// Checks a one-line field (title, name): no control or invisible characters at all.
pub fn check_line(s: &str) -> Result<(), TextProblem> {
    match s.chars().enumerate().find(|(_, c)| is_dangerous(*c)) {
        Some((offset, character)) => Err(TextProblem { offset, character }),
        None => Ok(()),
    }
}

/// Checks a long text field (summary, notes): newlines and tabs allowed, nothing else.
pub fn check_long(s: &str) -> Result<(), TextProblem> {
    match s
        .chars()
        .enumerate()
        .find(|(_, c)| *c != '\n' && *c != '\t' && is_dangerous(*c))
    {
        Some((offset, character)) => Err(TextProblem { offset, character }),
        None => Ok(()),
    }
}

/// Most combining marks kept in a row; more are dropped (a "zalgo" wall slows terminals).
pub const MAX_COMBINING_RUN: usize = 4;

/// True for the combining marks whose long runs are cut ("zalgo" walls).
pub fn is_combining(c: char) -> bool {
    let u = c as u32;
    (0x0300..=0x036f).contains(&u)
        || (0x1ab0..=0x1aff).contains(&u)
        || (0x1dc0..=0x1dff).contains(&u)
        || (0x20d0..=0x20ff).contains(&u)
        || (0xfe20..=0xfe2f).contains(&u)
}

/// Makes untrusted text safe for one line of a terminal: every dangerous character becomes
/// a visible `�`, newlines and tabs become spaces, long runs of combining marks are cut.
pub fn sanitize(s: &str) -> String {
    sanitize_with(s, false)
}

/// Like [`sanitize`] but keeps newlines (for multi-line detail panes and reports).
pub fn sanitize_multiline(s: &str) -> String {
    sanitize_with(s, true)
}

fn sanitize_with(s: &str, keep_newlines: bool) -> String {
    let mut out = String::with_capacity(s.len());
    let mut combining = 0usize;
    for c in s.chars() {
        if is_combining(c) {
            combining += 1;
            if combining > MAX_COMBINING_RUN {
                continue;
            }
            out.push(c);
            continue;
        }
        combining = 0;
        match c {
            '\n' if keep_newlines => out.push('\n'),
            '\n' | '\t' => out.push(' '),
            '\r' => {}
            c if is_dangerous(c) => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_are_neutralised() {
        let s = sanitize("a\x1b]52;c;aGk=\x07b\x1b[31mred\u{202e}x");
        assert!(!s.chars().any(is_dangerous), "{s:?}");
        assert!(s.contains("red"));
    }

    #[test]
    fn combining_runs_are_cut() {
        let zalgo: String = std::iter::once('a')
            .chain(std::iter::repeat_n('\u{0301}', 10_000))
            .collect();
        assert_eq!(sanitize(&zalgo).chars().count(), 1 + MAX_COMBINING_RUN);
    }

    #[test]
    fn one_line_fields_refuse_bidi_and_newlines() {
        assert!(check_line("Billing \u{202e}clarity").is_err());
        assert!(check_line("two\nlines").is_err());
        assert!(check_line("Make the first 30 days effortless").is_ok());
        assert!(check_long("para one\n\tpara two").is_ok());
        assert_eq!(check_long("x\u{200b}").map_err(|p| p.offset), Err(1));
    }

    #[test]
    fn multiline_keeps_newlines_only() {
        assert_eq!(sanitize_multiline("a\nb\x1bc"), "a\nb\u{fffd}c");
    }
}
