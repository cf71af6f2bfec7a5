//! An oracle independent of `domain::text`: the code points that must never reach a terminal
//! or a report raw, written out here by hand from the Unicode character database (category
//! and Default_Ignorable_Code_Point), not computed by the code under test.
#![allow(dead_code)]

/// (first, last, why): inclusive ranges of code points never shown raw.
pub const NEVER_SHOWN: &[(u32, u32, &str)] = &[
    (0x0000, 0x0008, "C0 control"),
    (
        0x000B,
        0x001F,
        "C0 control (line feed and tab are handled apart)",
    ),
    (0x007F, 0x009F, "DEL and C1 controls"),
    (0x00AD, 0x00AD, "Cf soft hyphen"),
    (
        0x034F,
        0x034F,
        "combining grapheme joiner (default ignorable)",
    ),
    (0x0378, 0x0379, "Cn unassigned"),
    (0x0600, 0x0605, "Cf Arabic number signs"),
    (0x061C, 0x061C, "Cf Arabic letter mark (bidi)"),
    (0x06DD, 0x06DD, "Cf"),
    (0x070F, 0x070F, "Cf"),
    (0x115F, 0x1160, "Hangul fillers (default ignorable)"),
    (0x17B4, 0x17B5, "Khmer inherent vowels (default ignorable)"),
    (0x180E, 0x180E, "Cf Mongolian vowel separator"),
    (0x200B, 0x200F, "Cf zero-width characters and bidi marks"),
    (0x2028, 0x2028, "Zl line separator"),
    (0x2029, 0x2029, "Zp paragraph separator"),
    (0x202A, 0x202E, "Cf bidi embeddings and overrides"),
    (0x2060, 0x2064, "Cf word joiner and invisible operators"),
    (0x2065, 0x2065, "Cn unassigned"),
    (
        0x2066,
        0x206F,
        "Cf bidi isolates and deprecated format characters",
    ),
    (0x3164, 0x3164, "Hangul filler (default ignorable)"),
    (0xD7FC, 0xD7FF, "Cn unassigned"),
    (0xE000, 0xF8FF, "Co private use"),
    (0xFDD0, 0xFDEF, "Cn noncharacters"),
    (0xFEFF, 0xFEFF, "Cf byte-order mark"),
    (
        0xFFA0,
        0xFFA0,
        "halfwidth Hangul filler (default ignorable)",
    ),
    (0xFFF0, 0xFFF8, "Cn unassigned"),
    (0xFFF9, 0xFFFB, "Cf interlinear annotation"),
    (0xFFFE, 0xFFFF, "Cn noncharacters"),
    (0x110BD, 0x110BD, "Cf Kaithi number sign"),
    (0x1BCA0, 0x1BCA3, "Cf shorthand format controls"),
    (0x1D173, 0x1D17A, "Cf musical format controls"),
    (0xE0000, 0xE0000, "Cn"),
    (0xE0001, 0xE0001, "Cf language tag"),
    (0xE0002, 0xE001F, "Cn"),
    (0xE0020, 0xE007F, "Cf tag characters"),
    (0xE0080, 0xE00FF, "Cn"),
    (0xF0000, 0xF00FF, "Co supplementary private use A (start)"),
    (0xFFFFE, 0xFFFFF, "Cn noncharacters"),
    (0x100000, 0x1000FF, "Co supplementary private use B (start)"),
    (0x10FFFE, 0x10FFFF, "Cn noncharacters"),
];

/// Variation selectors: never shown without the character they vary.
pub const SELECTORS: &[(u32, u32)] = &[
    (0x180B, 0x180D),
    (0x180F, 0x180F),
    (0xFE00, 0xFE0F),
    (0xE0100, 0xE01EF),
];

/// Every code point of the list, as characters.
pub fn never_shown() -> impl Iterator<Item = char> {
    NEVER_SHOWN
        .iter()
        .flat_map(|(a, b, _)| *a..=*b)
        .filter_map(char::from_u32)
}

/// Every variation selector.
pub fn selectors() -> impl Iterator<Item = char> {
    SELECTORS
        .iter()
        .flat_map(|(a, b)| *a..=*b)
        .filter_map(char::from_u32)
}

/// True for a character of the list (selectors included: in output, a selector is only
/// acceptable right after its base, which the callers check themselves where it matters).
pub fn is_never_shown(c: char) -> bool {
    let u = c as u32;
    NEVER_SHOWN.iter().any(|(a, b, _)| (*a..=*b).contains(&u))
}

/// One sample of each range (its first and last code point), for building hostile records.
pub fn samples() -> Vec<char> {
    NEVER_SHOWN
        .iter()
        .flat_map(|(a, b, _)| [*a, *b])
        .chain(SELECTORS.iter().map(|(a, _)| *a))
        .filter_map(char::from_u32)
        .filter(|c| *c != '\u{0}')
        .collect()
}

/// A character a hostile record can carry inside a RON string without breaking its syntax
/// (`"` and `\` are ASCII and not in the list anyway; NUL is left out for git's sake).
pub fn writable_samples() -> Vec<char> {
    samples().into_iter().filter(|c| *c != '\r').collect()
}
