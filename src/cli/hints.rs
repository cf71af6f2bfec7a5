//! What to do next, for the store's errors that a person can act on.

use crate::store::error::StoreError;

/// A hint for an error of the store, where there is one worth printing.
pub fn for_store(error: &StoreError) -> Option<String> {
    let hint = match error {
        StoreError::NotARepository { .. } => {
            "run it inside a forum's git repository or pass --repo DIR; `roundtable demo` builds an example to try"
                .to_string()
        }
        StoreError::NoForum => {
            "start one with `roundtable init <forum-id>`, or try `roundtable demo`".to_string()
        }
        StoreError::UnknownForum(_) => {
            "a forum is a folder under forums/; leave out --forum when there is only one".to_string()
        }
        StoreError::BadRevision { rev, message } if rev == "HEAD" && message.contains("not found") => {
            "the repository has no commits yet: `roundtable init <forum-id>` makes the first".to_string()
        }
        StoreError::BadRevision { .. } => {
            "name a branch, tag or commit that exists (`git branch -a`, `git log --oneline`)".to_string()
        }
        StoreError::Moved { .. } => {
            "someone decided meanwhile: run the command again (F5 in the app reloads)".to_string()
        }
        StoreError::OffBranch { forum, .. } | StoreError::Detached { forum } => format!(
            "`git switch {forum}` and decide again (your work on the other branch stays there); a forum on another branch sets `git config roundtable.branch NAME`"
        ),
        StoreError::Interrupted { .. } => {
            "`roundtable recover` finishes it when the branch moved and undoes it when not; the app finishes it when it opens"
                .to_string()
        }
        StoreError::Locked { path } if path.ends_with("index.lock") => {
            "if a roundtable decision was killed, `roundtable recover` finishes it; otherwise wait for the git process or remove the lock".to_string()
        }
        StoreError::DirtyFiles(_) => {
            "commit or stash those edits (`git stash`), then decide again".to_string()
        }
        _ => return None,
    };
    Some(hint)
}
