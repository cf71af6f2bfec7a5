//! Colour contrast as WCAG 2.1 defines it: relative luminance from sRGB, and the ratio
//! (L1 + 0.05) / (L2 + 0.05). Named terminal colours are taken at xterm's default palette;
//! a terminal with another palette shows other colours, which no theme can control.

use ratatui::style::Color;

/// xterm's default RGB for the 16 named colours, in ANSI order.
const NAMED: [(u8, u8, u8); 16] = [
    (0x00, 0x00, 0x00), // black
    (0xcd, 0x00, 0x00), // red
    (0x00, 0xcd, 0x00), // green
    (0xcd, 0xcd, 0x00), // yellow
    (0x00, 0x00, 0xee), // blue
    (0xcd, 0x00, 0xcd), // magenta
    (0x00, 0xcd, 0xcd), // cyan
    (0xe5, 0xe5, 0xe5), // gray (white in ANSI terms)
    (0x7f, 0x7f, 0x7f), // dark gray (bright black)
    (0xff, 0x00, 0x00), // light red
    (0x00, 0xff, 0x00), // light green
    (0xff, 0xff, 0x00), // light yellow
    (0x5c, 0x5c, 0xff), // light blue
    (0xff, 0x00, 0xff), // light magenta
    (0x00, 0xff, 0xff), // light cyan
    (0xff, 0xff, 0xff), // white
];

/// The colour's RGB, or `None` for `Reset` (the terminal's own default).
pub fn rgb(c: Color) -> Option<(u8, u8, u8)> {
    let named = |i: usize| Some(NAMED[i]);
    match c {
        Color::Reset => None,
        Color::Black => named(0),
        Color::Red => named(1),
        Color::Green => named(2),
        Color::Yellow => named(3),
        Color::Blue => named(4),
        Color::Magenta => named(5),
        Color::Cyan => named(6),
        Color::Gray => named(7),
        Color::DarkGray => named(8),
        Color::LightRed => named(9),
        Color::LightGreen => named(10),
        Color::LightYellow => named(11),
        Color::LightBlue => named(12),
        Color::LightMagenta => named(13),
        Color::LightCyan => named(14),
        Color::White => named(15),
        Color::Rgb(r, g, b) => Some((r, g, b)),
        Color::Indexed(i) => Some(indexed(i)),
    }
}

/// xterm's 256-colour palette: 16 named, a 6×6×6 cube, 24 greys.
fn indexed(i: u8) -> (u8, u8, u8) {
    match i {
        0..=15 => NAMED[usize::from(i)],
        16..=231 => {
            let level = |v: u8| if v == 0 { 0 } else { 55 + 40 * v };
            let n = i - 16;
            (level(n / 36), level((n / 6) % 6), level(n % 6))
        }
        _ => {
            let v = 8 + 10 * (i - 232);
            (v, v, v)
        }
    }
}

/// WCAG 2.1 relative luminance of an sRGB colour.
pub fn luminance((r, g, b): (u8, u8, u8)) -> f64 {
    let linear = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
}

/// WCAG 2.1 contrast ratio, 1 to 21.
pub fn ratio(a: (u8, u8, u8), b: (u8, u8, u8)) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// Black or white, whichever reads better on `bg`.
pub fn ink_for(bg: (u8, u8, u8)) -> Color {
    if ratio(bg, (0, 0, 0)) >= ratio(bg, (255, 255, 255)) {
        Color::Black
    } else {
        Color::White
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Hand-worked values: the extremes, and WCAG's own mid-grey example region.
    #[test]
    fn ratios_worked_by_hand() {
        assert!((ratio((0, 0, 0), (255, 255, 255)) - 21.0).abs() < 1e-9);
        assert!((ratio((10, 20, 30), (10, 20, 30)) - 1.0).abs() < 1e-9);
        // #777777: linear 0.18447 → (1.05)/(0.23447) = 4.478, the classic just-fails grey.
        let grey = ratio((0x77, 0x77, 0x77), (255, 255, 255));
        assert!((grey - 4.478).abs() < 0.005, "{grey}");
        assert_eq!(indexed(16), (0, 0, 0));
        assert_eq!(indexed(231), (255, 255, 255));
        assert_eq!(indexed(244), (128, 128, 128));
    }
}
