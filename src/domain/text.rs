//! Untrusted text: what may stand in a record, and how it is made safe to display.
//!
//! Records come from other departments by pull request. Nothing read from a record may reach
//! a terminal as a control sequence, so every string shown or printed passes [`sanitize`].

use finl_unicode::categories::{CharacterCategories, MinorCategory};

/// Why a character may not stand in a record's text, by its Unicode class.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hidden {
    /// C0 and C1 controls and DEL (category Cc): line breaks, tabs, terminal escapes.
    Control,
    /// Format characters (Cf): bidi controls, zero-width characters, the soft hyphen, the
    /// byte-order mark, invisible operators, interlinear annotations, the tag block.
    Format,
    /// The line and paragraph separators U+2028 and U+2029 (Zl, Zp).
    Separator,
    /// Private-use code points (Co): they mean whatever a font makes of them.
    PrivateUse,
    /// Code points Unicode has not assigned, noncharacters included (Cn).
    Unassigned,
    /// Letters and marks that draw nothing (default-ignorable, e.g. U+3164 HANGUL FILLER,
    /// U+034F COMBINING GRAPHEME JOINER).
    Filler,
    /// A variation selector with no letter, digit, punctuation or symbol before it.
    LoneSelector,
}

impl Hidden {
    fn words(self) -> &'static str {
        match self {
            Hidden::Control => "a control character",
            Hidden::Format => "an invisible format character",
            Hidden::Separator => "a line or paragraph separator",
            Hidden::PrivateUse => "a private-use character",
            Hidden::Unassigned => "an unassigned code point",
            Hidden::Filler => "an invisible filler",
            Hidden::LoneSelector => "a variation selector with nothing before it",
        }
    }
}

/// The variation selectors (U+FE00–FE0F, U+E0100–E01EF) and the Mongolian free variation
/// selectors: allowed right after the character they vary, nowhere else.
pub fn is_variation_selector(c: char) -> bool {
    matches!(c as u32, 0xfe00..=0xfe0f | 0xe0100..=0xe01ef | 0x180b..=0x180d | 0x180f)
}

/// Default-ignorable letters and marks: they draw nothing, whatever their category says.
fn is_filler(c: char) -> bool {
    matches!(
        c as u32,
        0x034f | 0x115f | 0x1160 | 0x17b4 | 0x17b5 | 0x3164 | 0xffa0
    )
}

/// The class of a character that may not be shown as is, or `None` for one that may.
/// Context-free: a variation selector is always `Some` here (see [`check_line`] for the
/// one place it is allowed).
pub fn hidden_class(c: char) -> Option<Hidden> {
    let u = c as u32;
    if (0x20..0x7f).contains(&u) {
        return None;
    }
    if is_variation_selector(c) {
        return Some(Hidden::LoneSelector);
    }
    if is_filler(c) {
        return Some(Hidden::Filler);
    }
    match c.get_minor_category() {
        MinorCategory::Cc => Some(Hidden::Control),
        MinorCategory::Cf => Some(Hidden::Format),
        MinorCategory::Zl | MinorCategory::Zp => Some(Hidden::Separator),
        MinorCategory::Co => Some(Hidden::PrivateUse),
        MinorCategory::Cn => Some(Hidden::Unassigned),
        _ => None,
    }
}

/// True for every character that may not reach a terminal or a report as is: controls
/// (C0, C1, DEL), format characters (Cf: bidi controls, zero-width characters, the tag
/// block…), line and paragraph separators, private-use and unassigned code points,
/// invisible fillers, and variation selectors (kept only right after a base character, by
/// [`sanitize`] and [`check_line`]).
pub fn is_dangerous(c: char) -> bool {
    hidden_class(c).is_some()
}

/// A character a variation selector may follow: a letter, digit, punctuation or symbol.
fn is_base(c: char) -> bool {
    hidden_class(c).is_none()
        && !matches!(
            c.get_minor_category(),
            MinorCategory::Mn
                | MinorCategory::Mc
                | MinorCategory::Me
                | MinorCategory::Zs
                | MinorCategory::Zl
                | MinorCategory::Zp
        )
}

/// True for a character that puts ink on the screen: not a space, not a mark (which only
/// decorates the character before it), not hidden, not the blank braille pattern.
pub fn is_visible(c: char) -> bool {
    is_base(c) && c != '\u{2800}'
}

/// Why a one-line or long text field was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TextProblem {
    /// A character that may not stand there, at a character offset (counted from 0).
    Character {
        offset: usize,
        character: char,
        class: Hidden,
    },
    /// The field is not empty, yet nothing in it can be seen.
    NothingVisible,
}

impl TextProblem {
    /// A message naming the character by its code point, e.g. `U+202E`.
    pub fn describe(&self) -> String {
        match self {
            TextProblem::Character {
                offset,
                character,
                class,
            } => format!(
                "contains U+{:04X} ({}) at character {}",
                *character as u32,
                class.words(),
                offset + 1
            ),
            TextProblem::NothingVisible => {
                "has no visible character (only spaces, marks or invisible characters)".into()
            }
        }
    }

    /// What to do about it, for a one-line field or long text.
    pub fn hint(&self, one_line: bool) -> &'static str {
        match self {
            TextProblem::Character { class, .. } => match class {
                Hidden::Control if one_line => {
                    "one-line fields may not hold line breaks, tabs or control characters"
                }
                Hidden::Control => {
                    "long text may hold line breaks and tabs, but no other control character"
                }
                Hidden::Format => {
                    "format characters (Unicode Cf: bidi controls, zero-width characters, soft hyphens, tags) change how text is drawn without being seen; delete it"
                }
                Hidden::Separator => "write an ordinary line break (in long text) or a space",
                Hidden::PrivateUse => {
                    "private-use characters show differently in every font; write the word or symbol it stands for"
                }
                Hidden::Unassigned => {
                    "Unicode assigns nothing to this code point; the file may be damaged or in another encoding"
                }
                Hidden::Filler => "it draws nothing; delete it",
                Hidden::LoneSelector => {
                    "a variation selector belongs right after the emoji or symbol it varies; delete it"
                }
            },
            TextProblem::NothingVisible => "write the text in characters a reader can see",
        }
    }
}

/// Checks a one-line field (title, name): none of the characters of [`is_dangerous`] (a
/// variation selector only right after a base character), and something visible when the
/// field is not empty.
pub fn check_line(s: &str) -> Result<(), TextProblem> {
    check(s, |_| false)
}

/// Checks a long text field (summary, notes): newlines and tabs allowed, nothing else.
pub fn check_long(s: &str) -> Result<(), TextProblem> {
    check(s, |c| c == '\n' || c == '\t')
}

fn check(s: &str, allowed: impl Fn(char) -> bool) -> Result<(), TextProblem> {
    let mut previous: Option<char> = None;
    let mut visible = false;
    for (offset, c) in s.chars().enumerate() {
        let class = match hidden_class(c) {
            Some(Hidden::LoneSelector) if previous.is_some_and(is_base) => None,
            _ if allowed(c) => None,
            class => class,
        };
        if let Some(class) = class {
            return Err(TextProblem::Character {
                offset,
                character: c,
                class,
            });
        }
        visible |= is_visible(c);
        previous = Some(c);
    }
    if s.is_empty() || visible {
        Ok(())
    } else {
        Err(TextProblem::NothingVisible)
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
        if is_variation_selector(c) {
            // Right after its base it only picks a glyph: dropped (the base shows alone).
            // Anywhere else it is a hidden character like the others.
            if !out.chars().next_back().is_some_and(is_base) {
                out.push('\u{fffd}');
            }
            combining = 0;
            continue;
        }
        if is_combining(c) && !is_filler(c) {
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
        assert!(matches!(
            check_long("x\u{200b}"),
            Err(TextProblem::Character { offset: 1, .. })
        ));
    }

    #[test]
    fn multiline_keeps_newlines_only() {
        assert_eq!(sanitize_multiline("a\nb\x1bc"), "a\nb\u{fffd}c");
    }

    #[test]
    fn the_invisible_characters_found_by_the_adversarial_pass_are_refused() {
        // U+FFF9, U+034F, U+2062–2064, U+180E, U+FE0F (alone), a tag, U+2028, U+00AD, U+3164.
        for c in [
            '\u{fff9}',
            '\u{034f}',
            '\u{2062}',
            '\u{2063}',
            '\u{2064}',
            '\u{180e}',
            '\u{fe0f}',
            '\u{e0041}',
            '\u{2028}',
            '\u{2029}',
            '\u{00ad}',
            '\u{3164}',
            '\u{e000}',
            '\u{0378}',
        ] {
            let title = format!("Portal {c}x");
            assert!(
                matches!(check_line(&title), Err(TextProblem::Character { offset: 7, character, .. }) if character == c),
                "U+{:04X}",
                c as u32
            );
            assert!(!sanitize(&title).contains(c), "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn a_variation_selector_is_kept_after_its_base_only() {
        assert!(check_line("Love \u{2764}\u{fe0f} support").is_ok());
        assert!(check_line("\u{fe0f}Portal").is_err());
        assert!(check_line("a \u{fe0f}").is_err());
        assert_eq!(sanitize("\u{2764}\u{fe0f}!"), "\u{2764}!");
        assert_eq!(sanitize("\u{fe0f}x"), "\u{fffd}x");
    }

    #[test]
    fn a_field_with_nothing_visible_is_refused() {
        assert_eq!(
            check_line("\u{2800}\u{2800}"),
            Err(TextProblem::NothingVisible)
        );
        assert_eq!(check_line("   "), Err(TextProblem::NothingVisible));
        assert_eq!(check_long("\n\u{0301}"), Err(TextProblem::NothingVisible));
        assert!(check_line("").is_ok());
        assert!(check_line("e\u{0301}").is_ok());
        assert!(check_line("日本語のタイトル").is_ok());
    }
}
