//! Paths in a forum repository ↔ record kinds and ids.

use crate::domain::snapshot::{RecordKind, RecordRef};

/// The folder that holds every forum.
pub const FORUMS: &str = "forums";

/// A record file is refused when larger than this.
pub const MAX_RECORD_BYTES: u64 = 1024 * 1024;

pub use crate::domain::validate::is_valid_id;

/// What a path under `forums/` is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// A record of forum `forum`.
    Record { forum: String, record: RecordRef },
    /// A path the forum layout does not know; the reason says why it is ignored.
    Stray { reason: String },
}

/// Classifies a repository path (`forums/fy2027-cx/initiatives/support/portal.ron`).
pub fn classify(path: &str) -> Place {
    let parts: Vec<&str> = path.split('/').collect();
    let stray = |reason: &str| Place::Stray {
        reason: reason.to_string(),
    };
    if parts.len() < 3 || parts[0] != FORUMS {
        return stray("outside forums/<forum-id>/");
    }
    let forum = parts[1].to_string();
    let rest = &parts[2..];
    let stem = |file: &str| file.strip_suffix(".ron").map(str::to_string);
    let record = match rest {
        ["forum.ron"] => RecordRef::new(RecordKind::Forum, ""),
        ["ranking.ron"] => RecordRef::new(RecordKind::Ranking, ""),
        ["allocation.ron"] => RecordRef::new(RecordKind::Allocation, ""),
        [dir, file] => {
            let kind = match *dir {
                "silos" => RecordKind::Silo,
                "evidence" => RecordKind::Evidence,
                "priorities" => RecordKind::Priority,
                "ballots" => RecordKind::Ballot,
                "scores" => RecordKind::Scorecard,
                "actions" => RecordKind::Action,
                "endorsements" => RecordKind::Endorsement,
                "delivery" => RecordKind::Delivery,
                "readings" => RecordKind::Readings,
                "spend" => RecordKind::Spend,
                "reviews" => RecordKind::Review,
                _ => return stray("not a record folder of the forum layout"),
            };
            match stem(file) {
                Some(id) => RecordRef::new(kind, id),
                None => return stray("not a .ron file"),
            }
        }
        ["initiatives", silo, file] => match stem(file) {
            Some(id) => RecordRef::initiative(*silo, id),
            None => return stray("not a .ron file"),
        },
        _ => return stray("not part of the forum layout"),
    };
    Place::Record { forum, record }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids() {
        assert!(is_valid_id("first-30-days"));
        assert!(is_valid_id("0"));
        assert!(!is_valid_id("-x"));
        assert!(!is_valid_id("Upper"));
        assert!(!is_valid_id(&"a".repeat(65)));
    }

    #[test]
    fn classify_paths() {
        assert_eq!(
            classify("forums/f/initiatives/support/portal.ron"),
            Place::Record {
                forum: "f".into(),
                record: RecordRef::initiative("support", "portal")
            }
        );
        assert!(matches!(classify("README.md"), Place::Stray { .. }));
        assert!(matches!(
            classify("forums/f/silos/notes.txt"),
            Place::Stray { .. }
        ));
        for r in [
            RecordRef::new(RecordKind::Forum, ""),
            RecordRef::new(RecordKind::Scorecard, "dana"),
            RecordRef::initiative("ops", "x"),
        ] {
            assert_eq!(
                classify(&r.repo_path("f")),
                Place::Record {
                    forum: "f".into(),
                    record: r.clone()
                }
            );
        }
    }
}
