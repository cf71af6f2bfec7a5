//! A located problem in a forum repository: `path:line:col: severity: message`.

use crate::domain::finding::Severity;
use serde::Serialize;
use std::fmt;

/// One error or warning about a file, with its position when there is one.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Problem {
    /// Path from the repository root, `/`-separated.
    pub path: String,
    pub line: Option<usize>,
    pub col: Option<usize>,
    #[serde(skip)]
    pub severity: Severity,
    pub message: String,
    pub hint: Option<String>,
}

impl Problem {
    /// An error on a whole file.
    pub fn error(path: impl Into<String>, message: impl Into<String>) -> Self {
        Problem {
            path: path.into(),
            line: None,
            col: None,
            severity: Severity::Error,
            message: message.into(),
            hint: None,
        }
    }

    /// A warning on a whole file.
    pub fn warning(path: impl Into<String>, message: impl Into<String>) -> Self {
        Problem {
            severity: Severity::Warning,
            ..Problem::error(path, message)
        }
    }

    /// The same problem at a position (1-based line and column).
    pub fn at(mut self, line: usize, col: usize) -> Self {
        self.line = Some(line);
        self.col = Some(col);
        self
    }

    /// The same problem at the start of the record in `bytes` (its first token, else 1:1).
    pub fn at_start_of(self, bytes: &[u8]) -> Self {
        let (line, col) = crate::store::locate::position(&String::from_utf8_lossy(bytes), &[]);
        self.at(line, col)
    }

    /// The same problem with a hint.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// True for errors.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Problem {
    /// Compiler style, sanitised: `path:line:col: error: message (hint: …)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use crate::domain::text::sanitize;
        write!(f, "{}", sanitize(&self.path))?;
        if let (Some(line), Some(col)) = (self.line, self.col) {
            write!(f, ":{line}:{col}")?;
        }
        write!(
            f,
            ": {}: {}",
            self.severity.label(),
            sanitize(&self.message)
        )?;
        if let Some(hint) = &self.hint {
            write!(f, " (hint: {})", sanitize(hint))?;
        }
        Ok(())
    }
}
