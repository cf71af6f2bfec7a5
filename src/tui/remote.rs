//! Where the room's clone stands against the forum's remote, as the status bar says it.

use crate::store::sync::Standing;

/// The last background sync with the remote, as the worker reports it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RemoteStatus {
    /// The remote's name (`origin`).
    pub remote: String,
    /// Against the remote's branch as last fetched.
    pub standing: Option<Standing>,
    /// Seconds since the last sync that reached the remote, when one did.
    pub synced_secs_ago: Option<u64>,
    /// Why the last attempt could not reach the remote (offline, no credentials).
    pub offline: Option<String>,
    /// A local decision that no longer held on the remote's tip, kept aside (said once).
    pub held: Option<String>,
    /// Why the sync stopped short of the remote for a local reason (an uncommitted edit in a
    /// file it must write, a lock).
    pub stopped: Option<String>,
}

impl RemoteStatus {
    /// `behind 2 · ahead 1 · synced 12 s ago`, or `offline · synced 3 min ago`.
    pub fn line(&self) -> String {
        let mut parts = Vec::new();
        if self.offline.is_some() {
            parts.push(format!("{} offline", self.remote));
        }
        if let Some(s) = self.standing {
            if s.behind > 0 {
                parts.push(format!("behind {}", s.behind));
            }
            if s.ahead > 0 {
                parts.push(format!("ahead {}", s.ahead));
            }
            if s.ahead == 0 && s.behind == 0 && self.offline.is_none() {
                parts.push(format!("in step with {}", self.remote));
            }
        }
        parts.push(match self.synced_secs_ago {
            Some(secs) => format!("synced {} ago", ago(secs)),
            None => "not synced yet".into(),
        });
        parts.join(" · ")
    }
}

fn ago(secs: u64) -> String {
    match secs {
        0..60 => format!("{secs} s"),
        60..3600 => format!("{} min", secs / 60),
        _ => format!("{} h", secs / 3600),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_status_line_says_behind_ahead_and_how_long_ago() {
        let mut s = RemoteStatus {
            remote: "origin".into(),
            standing: Some(Standing {
                ahead: 1,
                behind: 2,
            }),
            synced_secs_ago: Some(12),
            ..RemoteStatus::default()
        };
        assert_eq!(s.line(), "behind 2 · ahead 1 · synced 12 s ago");
        s.standing = Some(Standing {
            ahead: 0,
            behind: 0,
        });
        s.synced_secs_ago = Some(185);
        assert_eq!(s.line(), "in step with origin · synced 3 min ago");
        s.offline = Some("could not resolve host".into());
        assert_eq!(s.line(), "origin offline · synced 3 min ago");
        s.synced_secs_ago = None;
        assert_eq!(s.line(), "origin offline · not synced yet");
    }
}
