//! Amounts as people type them (`2.5m`, `2,500,000`, `2 500 000`, `EUR 2500000`) read into
//! whole units of the forum's currency, or refused with the reason in words. Pure.

use crate::domain::records::Money;

/// Why a typed amount cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AmountError {
    #[error("type an amount, e.g. 2.5m or 2,500,000")]
    Empty,
    #[error("`{0}` is not a number: type digits, e.g. 2.5m or 2,500,000")]
    NotANumber(String),
    #[error(
        "`{0}`: a comma separates thousands (groups of three digits); for a fraction use a point, e.g. 2.5m"
    )]
    BadGrouping(String),
    #[error("`{0}`: amounts cannot be negative")]
    Negative(String),
    #[error("`{text}`: {currency} has no smaller unit, so amounts are whole {currency}")]
    NoMinorUnit { text: String, currency: String },
    #[error(
        "`{text}`: the forum records whole {currency}; {cents} cent(s) cannot be recorded (round it)"
    )]
    Cents {
        text: String,
        currency: String,
        cents: String,
    },
    #[error("`{0}` is too large an amount")]
    TooLarge(String),
}

/// Currencies with no minor unit (ISO 4217 exponent 0): a decimal point is always refused.
const WHOLE_ONLY: [&str; 12] = [
    "BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "VND", "XAF",
];

/// Reads a typed amount in `currency` (which may also be typed before or after the number).
/// Separators: `,`, spaces, `_` and `'` group thousands; `.` is the decimal point; a `k`, `m`
/// or `bn` suffix multiplies. The result must be a whole number of units: `2600000.00` is
/// 2,600,000, `2600000.50` is refused (the forum records whole units), and any decimal is
/// refused for a currency without a minor unit.
pub fn parse_amount(text: &str, currency: &str) -> Result<Money, AmountError> {
    let original = text.trim().to_string();
    let mut t = original.clone();
    for sign in [currency, "€", "$", "£", "¥"] {
        if !sign.is_empty() {
            t = t.replace(sign, "");
        }
    }
    let t = t.trim();
    if t.is_empty() {
        return Err(AmountError::Empty);
    }
    if t.starts_with('-') {
        return Err(AmountError::Negative(original));
    }
    let lower = t.to_lowercase();
    let (number, scale): (&str, u32) = if let Some(n) = lower.strip_suffix("bn") {
        (n, 9)
    } else if let Some(n) = lower.strip_suffix('b') {
        (n, 9)
    } else if let Some(n) = lower.strip_suffix('m') {
        (n, 6)
    } else if let Some(n) = lower.strip_suffix('k') {
        (n, 3)
    } else {
        (lower.as_str(), 0)
    };
    let number = number.trim();
    let (whole, frac) = match number.split_once('.') {
        Some((w, f)) => (w, f),
        None => (number, ""),
    };
    let whole = ungroup(whole).ok_or_else(|| {
        if whole.contains(',') {
            AmountError::BadGrouping(original.clone())
        } else {
            AmountError::NotANumber(original.clone())
        }
    })?;
    if !frac.chars().all(|c| c.is_ascii_digit()) || (whole.is_empty() && frac.is_empty()) {
        return Err(AmountError::NotANumber(original));
    }
    // The amount in units is whole·10^scale + frac·10^(scale − len(frac)).
    let frac_trimmed = frac.trim_end_matches('0');
    let frac_len = u32::try_from(frac_trimmed.len()).unwrap_or(u32::MAX);
    let too_large = || AmountError::TooLarge(original.clone());
    let pow = |e: u32| 10u64.checked_pow(e).ok_or_else(too_large);
    let whole_units = if whole.is_empty() {
        0
    } else {
        whole
            .parse::<u64>()
            .map_err(|_| too_large())?
            .checked_mul(pow(scale)?)
            .ok_or_else(too_large)?
    };
    if frac_len > scale {
        let upper = currency.to_uppercase();
        if (scale == 0 && WHOLE_ONLY.contains(&upper.as_str())) || frac_len > scale + 2 {
            return Err(AmountError::NoMinorUnit {
                text: original,
                currency: currency_word(currency),
            });
        }
        // Cents: what is below one unit.
        let cut = usize::try_from(scale).unwrap_or(0);
        let cents = frac_trimmed.get(cut..).unwrap_or_default();
        return Err(AmountError::Cents {
            text: original,
            currency: currency_word(currency),
            cents: format!("0.{cents}"),
        });
    }
    let frac_units = if frac_trimmed.is_empty() {
        0
    } else {
        frac_trimmed
            .parse::<u64>()
            .map_err(|_| too_large())?
            .checked_mul(pow(scale - frac_len)?)
            .ok_or_else(too_large)?
    };
    whole_units.checked_add(frac_units).ok_or_else(too_large)
}

fn currency_word(currency: &str) -> String {
    if currency.is_empty() {
        "units".into()
    } else {
        currency.to_string()
    }
}

/// Digits with optional thousands separators (`,`, spaces, `_`, `'`), each group after the
/// first exactly three digits; `None` when they are not that.
fn ungroup(s: &str) -> Option<String> {
    let s = s.trim();
    if s.is_empty() {
        return Some(String::new());
    }
    let groups: Vec<&str> = s
        .split([',', ' ', '_', '\'', '\u{a0}', '\u{202f}'])
        .collect();
    let first = groups.first()?;
    let digits = |g: &str| !g.is_empty() && g.chars().all(|c| c.is_ascii_digit());
    if !digits(first) || first.len() > 3 && groups.len() > 1 {
        return None;
    }
    if groups.iter().skip(1).any(|g| !(digits(g) && g.len() == 3)) {
        return None;
    }
    Some(groups.concat())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn eur(s: &str) -> Result<Money, AmountError> {
        parse_amount(s, "EUR")
    }

    #[test]
    fn the_ways_people_type_an_amount() {
        for s in [
            "2.5m",
            "2.5M",
            "2,500,000",
            "2500000",
            "2 500 000",
            "EUR 2,500,000",
            "2500k",
            "€2.5m",
            "2_500_000",
            "2500000.00",
            "0.0025bn",
        ] {
            assert_eq!(eur(s), Ok(2_500_000), "{s}");
        }
        assert_eq!(eur("2600000.00"), Ok(2_600_000));
        assert_eq!(eur("750k"), Ok(750_000));
        assert_eq!(eur(".5m"), Ok(500_000));
        assert_eq!(eur("12"), Ok(12));
    }

    #[test]
    fn cents_are_refused_saying_why() {
        let e = eur("2600000.50").unwrap_err();
        assert!(matches!(e, AmountError::Cents { .. }));
        assert!(e.to_string().contains("whole EUR"), "{e}");
        assert!(e.to_string().contains("0.5"), "{e}");
        let e = parse_amount("2500.5", "JPY").unwrap_err();
        assert!(matches!(e, AmountError::NoMinorUnit { .. }));
        assert!(e.to_string().contains("JPY has no smaller unit"), "{e}");
        // A part of a unit below a million: 2.5000005m is 2,500,000.5.
        assert!(matches!(eur("2.5000005m"), Err(AmountError::Cents { .. })));
    }

    #[test]
    fn what_cannot_be_read_is_refused() {
        assert_eq!(eur(""), Err(AmountError::Empty));
        assert!(matches!(eur("2,5"), Err(AmountError::BadGrouping(_))));
        assert!(matches!(eur("25,00,000"), Err(AmountError::BadGrouping(_))));
        assert!(matches!(eur("-5"), Err(AmountError::Negative(_))));
        assert!(matches!(eur("two"), Err(AmountError::NotANumber(_))));
        assert!(matches!(eur("2.5x"), Err(AmountError::NotANumber(_))));
        assert!(matches!(
            eur("99999999999999999999"),
            Err(AmountError::TooLarge(_))
        ));
        assert!(matches!(eur("1.2.3"), Err(AmountError::NotANumber(_))));
    }
}
