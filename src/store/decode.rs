//! RON bytes → records, with `path:line:col` errors and hints.

use crate::domain::finding::closest;
use crate::domain::records::{
    Allocation, Ballot, Evidence, Forum, Initiative, Priority, Ranking, Scorecard, Silo,
};
use crate::domain::snapshot::RecordKind;
use crate::store::layout::MAX_RECORD_BYTES;
use crate::store::problem::Problem;
use serde::de::DeserializeOwned;

/// A decoded record of any kind.
#[derive(Debug, Clone, PartialEq)]
pub enum AnyRecord {
    Forum(Forum),
    Silo(Silo),
    Evidence(Evidence),
    Priority(Priority),
    Ballot(Ballot),
    Ranking(Ranking),
    Initiative(Initiative),
    Scorecard(Scorecard),
    Allocation(Allocation),
    Action(crate::domain::records::ActionItem),
    Endorsement(crate::domain::records::Endorsement),
    Delivery(crate::domain::records::Delivery),
    Readings(crate::domain::records::Readings),
    Spend(crate::domain::records::Spend),
    Review(crate::domain::records::Review),
}

/// Decodes one record file of a known kind; `path` is used in the error.
pub fn decode(path: &str, kind: RecordKind, bytes: &[u8]) -> Result<AnyRecord, Problem> {
    Ok(match kind {
        RecordKind::Forum => AnyRecord::Forum(parse(path, bytes)?),
        RecordKind::Silo => AnyRecord::Silo(parse(path, bytes)?),
        RecordKind::Evidence => AnyRecord::Evidence(parse(path, bytes)?),
        RecordKind::Priority => AnyRecord::Priority(parse(path, bytes)?),
        RecordKind::Ballot => AnyRecord::Ballot(parse(path, bytes)?),
        RecordKind::Ranking => AnyRecord::Ranking(parse(path, bytes)?),
        RecordKind::Initiative => AnyRecord::Initiative(parse(path, bytes)?),
        RecordKind::Scorecard => AnyRecord::Scorecard(parse(path, bytes)?),
        RecordKind::Allocation => AnyRecord::Allocation(parse(path, bytes)?),
        RecordKind::Action => AnyRecord::Action(parse(path, bytes)?),
        RecordKind::Endorsement => AnyRecord::Endorsement(parse(path, bytes)?),
        RecordKind::Delivery => AnyRecord::Delivery(parse(path, bytes)?),
        RecordKind::Readings => AnyRecord::Readings(parse(path, bytes)?),
        RecordKind::Spend => AnyRecord::Spend(parse(path, bytes)?),
        RecordKind::Review => AnyRecord::Review(parse(path, bytes)?),
    })
}

/// Parses RON bytes into `T`, refusing oversized files and `#![enable(...)]` headers.
pub fn parse<T: DeserializeOwned>(path: &str, bytes: &[u8]) -> Result<T, Problem> {
    if bytes.len() as u64 > MAX_RECORD_BYTES {
        return Err(Problem::error(
            path,
            format!(
                "the file is {} bytes; records are at most 1 MiB",
                bytes.len()
            ),
        )
        .at(1, 1)
        .with_hint("split long text into evidence records or link to a document"));
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let (line, col) = line_col(&bytes[..e.valid_up_to()]);
        Problem::error(path, "the file is not valid UTF-8")
            .at(line, col)
            .with_hint("save the file as UTF-8")
    })?;
    if let Some(offset) = text.find("#![") {
        if text[..offset].trim().is_empty() {
            let (line, col) = line_col(&text.as_bytes()[..offset]);
            return Err(Problem::error(
                path,
                "RON extensions (`#![enable(...)]`) are not accepted",
            )
            .at(line, col)
            .with_hint(
                "remove the `#![enable(...)]` line and write options in full, e.g. `Some(...)`",
            ));
        }
    }
    if let Some((offset, token)) = crate::store::plain_numbers::first_unplain(text) {
        let (line, col) = line_col(&text.as_bytes()[..offset]);
        return Err(Problem::error(
            path,
            format!("`{token}`: numbers are written as plain decimal digits"),
        )
        .at(line, col)
        .with_hint("write 16 for 0x10 and 1000000 for 1_000_000"));
    }
    ron::Options::default()
        .from_str::<T>(text)
        .map_err(|e| spanned(path, text, &e))
}

/// 1-based line and column after `prefix`.
fn line_col(prefix: &[u8]) -> (usize, usize) {
    let text = String::from_utf8_lossy(prefix);
    let line = text.matches('\n').count() + 1;
    let col = text
        .rsplit('\n')
        .next()
        .map(|l| l.chars().count())
        .unwrap_or(0)
        + 1;
    (line, col)
}

/// The 1-based line of the first merge-conflict marker (`<<<<<<<`, `=======`, `>>>>>>>`)
/// at the start of a line.
fn conflict_marker(text: &str) -> Option<usize> {
    text.lines()
        .position(|l| {
            ["<<<<<<<", "=======", ">>>>>>>", "|||||||"]
                .iter()
                .any(|m| l.starts_with(m))
        })
        .map(|i| i + 1)
}

fn spanned(path: &str, text: &str, e: &ron::error::SpannedError) -> Problem {
    if let Some(line) = conflict_marker(text) {
        return Problem::error(
            path,
            "unresolved merge conflict: the file still has git's conflict markers",
        )
        .at(line, 1)
        .with_hint(
            "keep the lines you want between `<<<<<<<` and `>>>>>>>`, delete the three marker lines, then commit",
        );
    }
    let start = &e.span.start;
    let (line, mut col) = (start.line.max(1), start.col.max(1));
    let (message, hint) = match number_problem(text, &e.code, line, col) {
        Some(found) => {
            // ron points after a sign; point at the number as written.
            let offset = byte_offset(text, line, col);
            if col > 1 && text.get(..offset).is_some_and(|p| p.ends_with('-')) {
                col -= 1;
            }
            found
        }
        None => {
            let (message, hint) = describe(&e.code);
            if message.starts_with("duplicate key") {
                // ron points inside the key's quotes; point at the key as written.
                let offset = byte_offset(text, line, col);
                if col > 1 && text.get(..offset).is_some_and(|p| p.ends_with('"')) {
                    col -= 1;
                }
                (message, Some("keep one of them".to_string()))
            } else {
                (message, hint)
            }
        }
    };
    let problem = Problem::error(path, message).at(line, col);
    match hint {
        Some(h) => problem.with_hint(h),
        None => problem,
    }
}

/// Money, scores and the scale are unsigned whole numbers; says so plainly, naming the field.
fn number_problem(
    text: &str,
    code: &ron::Error,
    line: usize,
    col: usize,
) -> Option<(String, Option<String>)> {
    use ron::Error as E;
    let numeric = match code {
        E::IntegerOutOfBounds | E::ExpectedInteger | E::InvalidIntegerDigit { .. } => true,
        E::InvalidValueForType { expected, .. } => {
            expected.contains("u64") || expected.contains("u8") || expected.contains("integer")
        }
        _ => false,
    };
    let offset = byte_offset(text, line, col);
    // `cost: 5.5` parses `5` as a whole number, then stumbles on the `.`.
    let fraction = text.get(offset..).is_some_and(|t| t.starts_with('.'))
        && text
            .get(..offset)
            .is_some_and(|p| p.ends_with(|c: char| c.is_ascii_digit()));
    if !numeric && !fraction {
        return None;
    }
    let field = field_before(text.get(..offset).unwrap_or(""));
    let hint = Some("write digits only, without sign, decimals or separators".to_string());
    Some(match field.as_str() {
        "cost" | "budget" | "amount" | "cap" => (
            format!("`{field}`: money is a whole non-negative number of the forum's currency unit"),
            Some(format!("write e.g. `{field}: 350000`")),
        ),
        "scale" => ("`scale` is a whole number from 1 to 255".to_string(), hint),
        "" => ("expected a whole non-negative number".to_string(), hint),
        _ => (
            format!("`{field}`: a score is a whole number from 0 to the forum's scale"),
            hint,
        ),
    })
}

/// The byte offset of a 1-based line and character column.
fn byte_offset(text: &str, line: usize, col: usize) -> usize {
    let mut offset = 0;
    for (i, l) in text.split_inclusive('\n').enumerate() {
        if i + 1 == line {
            return offset
                + l.char_indices()
                    .nth(col.saturating_sub(1))
                    .map(|(b, _)| b)
                    .unwrap_or(l.len());
        }
        offset += l.len();
    }
    text.len()
}

/// The name of the field (or the quoted map key) whose value starts right after `prefix`.
fn field_before(prefix: &str) -> String {
    let p = prefix.trim_end();
    let p = p.trim_end_matches(|c: char| c.is_ascii_digit() || c == '-' || c == '+' || c == '.');
    let p = p.trim_end();
    let p = p
        .strip_suffix('(')
        .and_then(|q| q.trim_end().strip_suffix("Some"))
        .unwrap_or(p);
    let Some(p) = p.trim_end().strip_suffix(':') else {
        return String::new();
    };
    let p = p.trim_end();
    let name: String = p
        .chars()
        .rev()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect();
    if name.is_empty() && p.ends_with('"') {
        return "score".into();
    }
    name.chars().rev().collect()
}

fn describe(code: &ron::Error) -> (String, Option<String>) {
    use ron::Error as E;
    match code {
        E::NoSuchStructField {
            expected, found, ..
        } => {
            let hint = closest(found, expected.iter().copied())
                .map(|c| format!("did you mean `{c}`?"))
                .unwrap_or_else(|| format!("known fields: {}", expected.join(", ")));
            (format!("unknown field `{found}`"), Some(hint))
        }
        E::NoSuchEnumVariant {
            expected, found, ..
        } => {
            let hint = closest(found, expected.iter().copied())
                .map(|c| format!("did you mean `{c}`?"))
                .unwrap_or_else(|| format!("expected one of: {}", expected.join(", ")));
            (format!("unknown variant `{found}`"), Some(hint))
        }
        E::MissingStructField { field, outer } => (
            match outer {
                Some(o) => format!("`{o}` is missing the field `{field}`"),
                None => format!("missing field `{field}`"),
            },
            Some(format!("add `{field}: ...`")),
        ),
        E::DuplicateStructField { field, .. } => (
            format!("the field `{field}` appears twice"),
            Some("keep one of them".into()),
        ),
        other => (other.to_string(), None),
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn map_keys_in_any_order_and_repeated_keys_anywhere() {
        use crate::domain::records::Scorecard;
        let card = |scores: &str| {
            let text = format!("Scorecard(scores: {{{scores}}})");
            super::parse::<Scorecard>("s.ron", text.as_bytes())
        };
        let ok = card(r#""a": {"p": 1}, "b": {"p": 2}, "c": {}"#).unwrap();
        assert_eq!(ok.scores.keys().collect::<Vec<_>>(), ["a", "b", "c"]);
        let shuffled = card(r#""c": {}, "a": {"p": 1}, "b": {"p": 2}"#).unwrap();
        assert_eq!(shuffled, ok);
        for repeated in [
            r#""a": {}, "a": {}"#,
            r#""a": {}, "b": {}, "a": {}"#,
            r#""b": {}, "a": {}, "b": {}"#,
            r#""b": {}, "a": {}, "c": {}, "a": {}"#,
        ] {
            let e = card(repeated).unwrap_err();
            assert!(e.message.contains("duplicate key"), "{repeated}: {e}");
        }
    }
    use super::*;

    #[test]
    fn unknown_field_gets_a_hint() {
        let src = "Initiative(\n    title: \"x\",\n    owner: \"sam\",\n    cots: 5,\n)";
        let err = decode("a.ron", RecordKind::Initiative, src.as_bytes()).unwrap_err();
        assert_eq!(err.line, Some(4));
        assert!(err.message.contains("cots"), "{err}");
        assert_eq!(err.hint.as_deref(), Some("did you mean `cost`?"));
    }

    #[test]
    fn duplicate_map_keys_are_refused() {
        let src = "Scorecard(scores: {\"a\": {\"p\": 1}, \"a\": {\"p\": 2}})";
        let err = decode("s.ron", RecordKind::Scorecard, src.as_bytes()).unwrap_err();
        assert!(err.message.contains("duplicate key `a`"), "{err}");
        assert_eq!((err.line, err.col), (Some(1), Some(35)), "{err}");
    }

    #[test]
    fn money_in_exponent_form_gets_the_money_hint() {
        for cost in ["1e309", "1E6"] {
            let src =
                format!("Initiative(\n    title: \"x\",\n    owner: \"y\",\n    cost: {cost},\n)");
            let err = decode("a.ron", RecordKind::Initiative, src.as_bytes()).unwrap_err();
            assert!(
                err.message
                    .contains("`cost`: money is a whole non-negative number"),
                "{cost}: {err}"
            );
            assert_eq!(
                err.hint.as_deref(),
                Some("write e.g. `cost: 350000`"),
                "{cost}"
            );
            assert_eq!(err.line, Some(4), "{cost}: {err}");
        }
        // Digit separators are refused before RON reads the number.
        let src = "Initiative(\n    title: \"x\",\n    owner: \"y\",\n    cost: 3_5e2x,\n)";
        let err = decode("a.ron", RecordKind::Initiative, src.as_bytes()).unwrap_err();
        assert!(err.message.contains("plain decimal digits"), "{err}");
        assert_eq!((err.line, err.col), (Some(4), Some(11)), "{err}");
    }

    #[test]
    fn leftover_merge_conflict_markers_are_named() {
        let src = "Initiative(\n<<<<<<< HEAD\n    title: \"x\",\n=======\n    title: \"y\",\n>>>>>>> proposal/support/x\n    owner: \"y\",\n    cost: 5,\n)";
        let err = decode("a.ron", RecordKind::Initiative, src.as_bytes()).unwrap_err();
        assert!(
            err.message.starts_with("unresolved merge conflict"),
            "{err}"
        );
        assert_eq!((err.line, err.col), (Some(2), Some(1)), "{err}");
        assert!(
            err.hint.as_deref().unwrap_or("").contains("marker lines"),
            "{err}"
        );
    }

    #[test]
    fn money_errors_say_what_money_is() {
        for (src, col) in [
            ("Silo(name: \"x\", lead: \"y\", cap: Some(-5))", 38),
            ("Initiative(title: \"x\", owner: \"y\", cost: 5.5)", 43),
            (
                "Initiative(title: \"x\", owner: \"y\", cost: 99999999999999999999999)",
                42,
            ),
        ] {
            let kind = if src.starts_with("Silo") {
                RecordKind::Silo
            } else {
                RecordKind::Initiative
            };
            let err = decode("a.ron", kind, src.as_bytes()).unwrap_err();
            assert!(
                err.message.contains("money is a whole non-negative number"),
                "{src}: {err}"
            );
            assert_eq!((err.line, err.col), (Some(1), Some(col)), "{src}: {err}");
        }
        let err = decode(
            "f.ron",
            RecordKind::Scorecard,
            b"Scorecard(scores: {\"a\": {\"p\": -1}})",
        )
        .unwrap_err();
        assert!(err.message.contains("score"), "{err}");
    }

    #[test]
    fn extensions_are_refused() {
        let src = "#![enable(implicit_some)]\nBallot(order: [])";
        let err = decode("b.ron", RecordKind::Ballot, src.as_bytes()).unwrap_err();
        assert_eq!((err.line, err.col), (Some(1), Some(1)));
    }
}
