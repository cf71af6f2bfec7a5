//! Numbers in records are written as plain decimal digits: RON also reads `0x10`, `0o20`,
//! `0b10000` and `1_000_000`, which a reviewer of a pull request easily misreads.

/// The byte offset and text of the first number outside strings and comments written with a
/// radix prefix or digit separators.
pub fn first_unplain(text: &str) -> Option<(usize, String)> {
    let bytes = text.as_bytes();
    let mut i = 0;
    let ident = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    while i < bytes.len() {
        let b = bytes[i];
        let after_ident = i > 0 && ident(bytes[i - 1]);
        match b {
            b'"' => i = skip_string(bytes, i + 1),
            b'\'' => i = skip_char(bytes, i + 1),
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                i = bytes[i..]
                    .iter()
                    .position(|c| *c == b'\n')
                    .map_or(bytes.len(), |p| i + p);
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                i = text[i + 2..]
                    .find("*/")
                    .map_or(bytes.len(), |p| i + 2 + p + 2);
            }
            b'r' if !after_ident && raw_start(bytes, i + 1).is_some() => {
                let (hashes, body) = raw_start(bytes, i + 1).unwrap_or((0, i + 1));
                let close = format!("\"{}", "#".repeat(hashes));
                i = text[body..]
                    .find(&close)
                    .map_or(bytes.len(), |p| body + p + close.len());
            }
            b'0'..=b'9' if !after_ident => {
                let end = bytes[i..]
                    .iter()
                    .position(|c| !(ident(*c) || *c == b'.'))
                    .map_or(bytes.len(), |p| i + p);
                let token = &text[i..end];
                let lower = token.to_ascii_lowercase();
                let prefixed = ["0x", "0o", "0b"].iter().any(|p| lower.starts_with(p));
                if prefixed || token.contains('_') {
                    return Some((i, token.to_string()));
                }
                i = end;
            }
            _ => i += 1,
        }
    }
    None
}

/// After `r`: the number of `#` and the offset of the string's body, when a raw string opens.
fn raw_start(bytes: &[u8], mut i: usize) -> Option<(usize, usize)> {
    let mut hashes = 0;
    while bytes.get(i) == Some(&b'#') {
        hashes += 1;
        i += 1;
    }
    (bytes.get(i) == Some(&b'"')).then_some((hashes, i + 1))
}

fn skip_string(bytes: &[u8], mut i: usize) -> usize {
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return i + 1,
            _ => i += 1,
        }
    }
    bytes.len()
}

fn skip_char(bytes: &[u8], mut i: usize) -> usize {
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'\'' => return i + 1,
            b'\n' => return i,
            _ => i += 1,
        }
    }
    bytes.len()
}

#[cfg(test)]
mod tests {
    use super::first_unplain;

    #[test]
    fn prefixes_and_separators_are_found_outside_strings_only() {
        assert_eq!(first_unplain("cost: 100000, x: 4.5, y: -3"), None);
        assert_eq!(first_unplain("cost: 0x10"), Some((6, "0x10".into())));
        assert_eq!(
            first_unplain("cost: 1_000_000"),
            Some((6, "1_000_000".into()))
        );
        assert_eq!(first_unplain("b: 0B101"), Some((3, "0B101".into())));
        assert_eq!(first_unplain(r#"t: "0x10 1_000", id: "a_1""#), None);
        assert_eq!(first_unplain("t: r#\"0x10\"#, n: first_30_days"), None);
        assert_eq!(first_unplain("// 0x10\n/* 1_0 */ n: 5"), None);
        assert_eq!(first_unplain("n: 1e9, m: 2.5e-3"), None);
    }
}
