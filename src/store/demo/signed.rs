//! `demo --signed`: the same story in a forum that asks for signed decisions. A key is made for
//! each member (kept in `.git/roundtable-demo-keys/`, for the demo only), forum.ron holds their
//! public keys and `signing: Required`, and each decision is signed with its member's key.

use crate::domain::records::{Forum, Signing};
use crate::domain::snapshot::RecordKind;
use crate::store::decide::{Decision, to_ron};
use crate::store::decode::{AnyRecord, decode};
use crate::store::error::StoreError;
use git2::Repository;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Each member's demo key: the private key file and the public key line.
#[derive(Debug, Clone, Default)]
pub struct Keys(BTreeMap<String, (PathBuf, String)>);

impl Keys {
    /// Makes an ed25519 key without a passphrase for each member, in the repository's git
    /// directory, and tells git to sign with SSH.
    pub fn make(git: &Repository, members: &[&str]) -> Result<Keys, StoreError> {
        let dir = git.path().join("roundtable-demo-keys");
        std::fs::create_dir_all(&dir).map_err(|e| io(&dir, e))?;
        let mut keys = BTreeMap::new();
        for id in members {
            let path = dir.join(id);
            let out = Command::new("ssh-keygen")
                .args(["-q", "-t", "ed25519", "-N", ""])
                .arg("-C")
                .arg(format!("{id}@roundtable-demo"))
                .arg("-f")
                .arg(&path)
                .output()
                .map_err(|e| io(Path::new("ssh-keygen"), e))?;
            if !out.status.success() {
                return Err(StoreError::Refused(format!(
                    "ssh-keygen could not make the demo's key for {id}: {}",
                    String::from_utf8_lossy(&out.stderr).trim()
                )));
            }
            let public = path.with_extension("pub");
            let line = std::fs::read_to_string(&public).map_err(|e| io(&public, e))?;
            keys.insert((*id).to_string(), (path, line.trim().to_string()));
        }
        git.config()?.set_str("gpg.format", "ssh")?;
        Ok(Keys(keys))
    }

    /// The decision as the signed forum makes it: forum.ron with the keys and `Required`, and
    /// git set to sign with the decider's key.
    pub fn prepare(&self, git: &Repository, d: &Decision) -> Result<Decision, StoreError> {
        let mut d = d.clone();
        for (path, bytes) in &mut d.changes {
            if !path.ends_with("/forum.ron") {
                continue;
            }
            let Some(data) = bytes.as_mut() else { continue };
            if let Ok(AnyRecord::Forum(forum)) = decode(path, RecordKind::Forum, data) {
                *data = to_ron(&self.sign(forum))?;
            }
        }
        self.sign_as(git, &d.decided_by)?;
        Ok(d)
    }

    /// Tells git to sign with member `id`'s demo key.
    pub fn sign_as(&self, git: &Repository, id: &str) -> Result<(), StoreError> {
        if let Some((key, _)) = self.0.get(id) {
            git.config()?
                .set_str("user.signingkey", &key.display().to_string())?;
        }
        Ok(())
    }

    fn sign(&self, mut forum: Forum) -> Forum {
        forum.signing = Signing::Required;
        for m in &mut forum.members {
            if let Some((_, public)) = self.0.get(&m.id) {
                m.signing_key = Some(public.clone());
            }
        }
        forum
    }
}

fn io(path: &Path, source: std::io::Error) -> StoreError {
    StoreError::Io {
        path: path.display().to_string(),
        source,
    }
}
