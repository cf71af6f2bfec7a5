//! What every command needs: the repository, the chosen forum, and how to fail.

use crate::store::error::StoreError;
use crate::store::repo::{ForumRepo, Loaded};
use std::path::PathBuf;
use std::process::ExitCode;
use thiserror::Error;

/// The options that apply to every command.
#[derive(Debug, Clone, Default)]
pub struct Global {
    pub repo: Option<PathBuf>,
    pub forum: Option<String>,
    pub theme: Option<String>,
    pub present: bool,
    /// `--member ID`: the app opens as that member's own seat.
    pub seat: Option<String>,
}

/// A command's result: an exit code, or an error the edge turns into a message.
pub type CmdResult = anyhow::Result<ExitCode>;

/// A refusal the user can act on: printed with its hint, exit code 1.
#[derive(Debug, Error)]
#[error("{message}")]
pub struct Refusal {
    pub message: String,
    pub hint: Option<String>,
}

/// Refuses with a message and an optional hint (exit 1).
pub fn refuse(message: impl Into<String>, hint: Option<&str>) -> anyhow::Error {
    anyhow::Error::new(Refusal {
        message: message.into(),
        hint: hint.map(str::to_string),
    })
}

impl Global {
    /// Opens the repository named by `--repo` (or the current directory).
    pub fn open(&self) -> Result<ForumRepo, StoreError> {
        let dir = self.repo.clone().unwrap_or_else(|| PathBuf::from("."));
        ForumRepo::open(&dir)
    }

    /// Opens the repository and loads the chosen forum at a revision (default HEAD).
    pub fn load_at(&self, rev: Option<&str>) -> Result<(ForumRepo, Loaded), StoreError> {
        let repo = self.open()?;
        let rev = rev.unwrap_or("HEAD");
        let id = repo.pick_forum(self.forum.as_deref(), rev)?;
        let loaded = repo.load_at(&id, rev)?;
        Ok((repo, loaded))
    }
}
