//! Money for people: whole units with thousands separators, and the currency.

use crate::domain::records::Money;

/// `1234567` → `1,234,567`.
pub fn amount(m: Money) -> String {
    let digits = m.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// `1234567`, `EUR` → `EUR 1,234,567` (the currency is sanitised by the caller's printer).
pub fn money(m: Money, currency: &str) -> String {
    if currency.is_empty() {
        amount(m)
    } else {
        format!("{currency} {}", amount(m))
    }
}

/// A measured number for people: whole numbers of 1,000 and more get thousands separators
/// (`4120` → `4,120`); others print as written (`2.9`, `-0.9`, `41`).
pub fn quantity(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() >= 1000.0 && x.abs() < 1e15 {
        let sign = if x < 0.0 { "-" } else { "" };
        // Exact: a whole number below 10^15 fits u64 without rounding.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let whole = x.abs() as u64;
        format!("{sign}{}", amount(whole))
    } else if x.is_finite() {
        // At most six decimals, trailing zeros dropped: a sum such as 298.40000000000003
        // reads 298.4, and a rounding leftover never shows as -0.
        let s = format!("{x:.6}");
        let s = s.trim_end_matches('0').trim_end_matches('.');
        if s == "-0" {
            "0".to_string()
        } else {
            s.to_string()
        }
    } else {
        format!("{x}")
    }
}

/// A value or a sum of values with two decimals, never `-0.00`: `2.916666` → `2.92`.
pub fn value(x: f64) -> String {
    let r = (x * 100.0).round() / 100.0;
    format!("{:.2}", if r == 0.0 { 0.0 } else { r })
}

/// A change of value with its sign, never `-0.00` or `+-0.00`: `0.4375` → `+0.44`.
pub fn signed_value(x: f64) -> String {
    let r = (x * 100.0).round() / 100.0;
    format!("{:+.2}", if r == 0.0 { 0.0 } else { r })
}

/// A signed difference of money: `+1,000` / `-250`.
pub fn signed(delta: i128) -> String {
    let sign = if delta < 0 { "-" } else { "+" };
    let abs = u64::try_from(delta.unsigned_abs()).unwrap_or(u64::MAX);
    format!("{sign}{}", amount(abs))
}

#[cfg(test)]
mod tests {
    #[test]
    fn no_float_noise_and_no_negative_zero() {
        assert_eq!(quantity(298.400_000_000_000_03), "298.4");
        assert_eq!(quantity(-1e-12), "0");
        assert_eq!(quantity(2.9), "2.9");
        assert_eq!(value(-1e-12), "0.00");
        assert_eq!(value(2.916_666), "2.92");
        assert_eq!(signed_value(-0.001), "+0.00");
        assert_eq!(signed_value(-0.4375), "-0.44");
    }

    use super::*;

    #[test]
    fn quantities() {
        assert_eq!(quantity(4120.0), "4,120");
        assert_eq!(quantity(-212_000.0), "-212,000");
        assert_eq!(quantity(2.9), "2.9");
        assert_eq!(quantity(41.0), "41");
        assert_eq!(quantity(1234.5), "1234.5");
        assert_eq!(quantity(f64::NAN), "NaN");
    }

    #[test]
    fn separators() {
        assert_eq!(amount(0), "0");
        assert_eq!(amount(999), "999");
        assert_eq!(amount(1000), "1,000");
        assert_eq!(amount(2_400_000), "2,400,000");
        assert_eq!(money(350_000, "EUR"), "EUR 350,000");
        assert_eq!(signed(-1500), "-1,500");
        assert_eq!(signed(20), "+20");
    }
}
