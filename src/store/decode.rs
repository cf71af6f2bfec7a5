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
    ron::Options::default()
        .from_str::<T>(text)
        .map_err(|e| spanned(path, &e))
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

fn spanned(path: &str, e: &ron::error::SpannedError) -> Problem {
    let start = &e.span.start;
    let (message, hint) = describe(&e.code);
    let problem = Problem::error(path, message).at(start.line.max(1), start.col.max(1));
    match hint {
        Some(h) => problem.with_hint(h),
        None => problem,
    }
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
    }

    #[test]
    fn extensions_are_refused() {
        let src = "#![enable(implicit_some)]\nBallot(order: [])";
        let err = decode("b.ron", RecordKind::Ballot, src.as_bytes()).unwrap_err();
        assert_eq!((err.line, err.col), (Some(1), Some(1)));
    }
}
