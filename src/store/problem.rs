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

impl Problem {
    /// The problem for the room, sanitised: which record it is about and what is wrong, in
    /// words (`Error in initiative `portal` of silo `support`: …`), without the path and
    /// position that `roundtable check` prints.
    pub fn in_words(&self) -> String {
        use crate::domain::text::sanitize;
        let severity = match self.severity {
            Severity::Error => "Error",
            Severity::Warning => "Warning",
        };
        format!(
            "{severity} in {}: {}",
            sanitize(&record_in_words(&self.path)),
            sanitize(&self.message)
        )
    }
}

/// The record a repository path holds, as the room calls it.
fn record_in_words(path: &str) -> String {
    let parts: Vec<&str> = path.split('/').collect();
    let rest = match parts.as_slice() {
        ["forums", _, rest @ ..] => rest,
        _ => return "a file outside the forum".into(),
    };
    let id = |file: &str| file.strip_suffix(".ron").unwrap_or(file).to_string();
    if let [folder, file] = rest {
        if !file.ends_with(".ron") {
            return format!("the file `{folder}/{file}`");
        }
    }
    match rest {
        ["forum.ron"] => "the forum's settings (forum.ron)".into(),
        ["ranking.ron"] => "the ranking".into(),
        ["allocation.ron"] => "the allocation".into(),
        ["initiatives", silo, file] => format!("initiative `{}` of silo `{silo}`", id(file)),
        ["priorities", file] => format!("priority `{}`", id(file)),
        ["evidence", file] => format!("evidence `{}`", id(file)),
        ["silos", file] => format!("silo `{}`", id(file)),
        ["ballots", file] => format!("`{}`'s ballot", id(file)),
        ["scores", file] => format!("`{}`'s scores", id(file)),
        [] | [""] => "the forum".into(),
        [.., file] => format!("the file `{file}`"),
    }
}

#[cfg(test)]
mod tests {
    use super::Problem;

    #[test]
    fn a_problem_in_words_names_the_record_not_the_path() {
        let p = Problem::error(
            "forums/f/initiatives/support/portal.ron",
            "unknown priority `p9`",
        )
        .at(4, 16)
        .with_hint("did you mean `p1`?");
        assert_eq!(
            p.in_words(),
            "Error in initiative `portal` of silo `support`: unknown priority `p9`"
        );
        let w = Problem::warning("forums/f/scores/sam.ron", "a score of 9 is above the scale");
        assert_eq!(
            w.in_words(),
            "Warning in `sam`'s scores: a score of 9 is above the scale"
        );
        for (path, words) in [
            ("forums/f/forum.ron", "the forum's settings (forum.ron)"),
            ("forums/f/ranking.ron", "the ranking"),
            ("forums/f/priorities/p1.ron", "priority `p1`"),
            ("forums/f/evidence/loss.ron", "evidence `loss`"),
            ("forums/f/silos/cx.ron", "silo `cx`"),
            ("forums/f/ballots/dana.ron", "`dana`'s ballot"),
            ("forums/f/silos/notes.txt", "the file `silos/notes.txt`"),
            ("forums/f/odd/deep/x.ron", "the file `x.ron`"),
            ("README.md", "a file outside the forum"),
        ] {
            let text = Problem::error(path, "m").in_words();
            assert_eq!(text, format!("Error in {words}: m"), "{path}");
            assert!(!text.contains(".ron:"), "{text}");
        }
    }
}
