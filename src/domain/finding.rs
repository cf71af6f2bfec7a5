//! What validation finds: a severity, the record, where inside it, a message and a hint.

use crate::domain::snapshot::RecordRef;

/// How serious a finding is: errors fail `check`, warnings are for the forum to look at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    /// `error` or `warning`, as printed.
    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// One step into a record's structure, so the store can find the line and column.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Step {
    /// A named field of a struct (`addresses`).
    Field(String),
    /// The n-th element of a list (0-based).
    Index(usize),
    /// A map key (the key itself is located).
    Key(String),
    /// The value stored under a map key.
    Value(String),
}

/// A rule the forum's records break (or a thing worth a look).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Finding {
    pub severity: Severity,
    pub record: RecordRef,
    /// Where in the record; empty means the record as a whole.
    pub at: Vec<Step>,
    pub message: String,
    pub hint: Option<String>,
}

impl Finding {
    /// An error on a record at a location.
    pub fn error(record: RecordRef, at: Vec<Step>, message: impl Into<String>) -> Self {
        Finding {
            severity: Severity::Error,
            record,
            at,
            message: message.into(),
            hint: None,
        }
    }

    /// A warning on a record at a location.
    pub fn warning(record: RecordRef, at: Vec<Step>, message: impl Into<String>) -> Self {
        Finding {
            severity: Severity::Warning,
            record,
            at,
            message: message.into(),
            hint: None,
        }
    }

    /// The same finding with a hint.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

/// Shorthand for a field step.
pub fn field(name: &str) -> Step {
    Step::Field(name.to_string())
}

/// The closest known id to a misspelt one, for "did you mean" hints.
pub fn closest<'a>(wanted: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    known
        .into_iter()
        .map(|k| (strsim::jaro_winkler(wanted, k), k))
        .filter(|(score, _)| *score >= 0.75)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, k)| k)
}
