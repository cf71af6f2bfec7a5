//! Signing a decision commit the way `git commit -S` does with `gpg.format=ssh`: the commit
//! buffer signed by `ssh-keygen -Y sign -n git` with `user.signingkey`, in the `gpgsig` header.

use crate::store::error::StoreError;
use git2::{Config, Repository};
use std::io::Write as _;
use std::path::PathBuf;
use std::process::{Command, Stdio};

const HOW: &str = "the forum asks for signed decisions: sign with SSH as git does — \
                   `git config gpg.format ssh` and `git config user.signingkey ~/.ssh/id_ed25519`";

/// The armoured SSH signature of `buffer` with git's configured signing key, which must be
/// `expected` (the deciding member's key in forum.ron; `who` names them).
pub fn sign(
    git: &Repository,
    buffer: &[u8],
    expected: Option<&str>,
    who: &str,
) -> Result<String, StoreError> {
    let Some(expected) = expected else {
        return Err(StoreError::Refused(format!(
            "the forum asks for signed decisions, and `{who}` has no signing_key in forum.ron: \
             add their public SSH key (a forum decision) before they decide"
        )));
    };
    let config = git.config()?.snapshot()?;
    let format = config.get_string("gpg.format").unwrap_or_default();
    if format != "ssh" {
        return Err(StoreError::Refused(format!(
            "{HOW} (gpg.format is `{format}`)"
        )));
    }
    let key = signing_key(&config)?;
    let program = program(&config);
    let public = public_key(&program, &key)?;
    if key_id(&public) != key_id(expected) {
        return Err(StoreError::Refused(format!(
            "git signs with {} (user.signingkey), which is not `{who}`'s signing_key in \
             forum.ron: sign with their key",
            key.display()
        )));
    }
    let mut child = Command::new(&program)
        .args(["-Y", "sign", "-n", "git", "-f"])
        .arg(&key)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| io(&program, e))?;
    if let Some(mut stdin) = child.stdin.take() {
        stdin.write_all(buffer).map_err(|e| io(&program, e))?;
    }
    let out = child.wait_with_output().map_err(|e| io(&program, e))?;
    if !out.status.success() {
        return Err(StoreError::Refused(format!(
            "{program} could not sign the decision: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        )));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// `gpg.ssh.program`, else `ssh-keygen`.
pub fn program(config: &Config) -> String {
    config
        .get_string("gpg.ssh.program")
        .ok()
        .filter(|p| !p.trim().is_empty())
        .unwrap_or_else(|| "ssh-keygen".to_string())
}

/// `user.signingkey` as a key file (a leading `~/` is the home directory).
fn signing_key(config: &Config) -> Result<PathBuf, StoreError> {
    let Ok(value) = config.get_string("user.signingkey") else {
        return Err(StoreError::Refused(format!(
            "{HOW} (user.signingkey is not set)"
        )));
    };
    let value = value.trim();
    if value.starts_with("key::") || value.starts_with("ssh-") {
        return Err(StoreError::Refused(format!(
            "{HOW}: point user.signingkey at the key file, not a literal key"
        )));
    }
    match value.strip_prefix("~/") {
        Some(rest) => Ok(std::env::var_os("HOME")
            .map(PathBuf::from)
            .unwrap_or_default()
            .join(rest)),
        None => Ok(PathBuf::from(value)),
    }
}

/// The public key (`type base64`) of a key file: a `.pub` file is read, a private key asked
/// for its public half.
fn public_key(program: &str, key: &std::path::Path) -> Result<String, StoreError> {
    let text = std::fs::read_to_string(key).map_err(|e| StoreError::Io {
        path: key.display().to_string(),
        source: e,
    })?;
    if text.trim_start().starts_with("ssh-") || text.trim_start().starts_with("ecdsa-") {
        return Ok(text.trim().to_string());
    }
    let out = Command::new(program)
        .arg("-y")
        .arg("-f")
        .arg(key)
        .stdin(Stdio::null())
        .output()
        .map_err(|e| io(program, e))?;
    if !out.status.success() {
        return Err(StoreError::Refused(format!(
            "{program} cannot read the signing key {}: {}",
            key.display(),
            String::from_utf8_lossy(&out.stderr).trim()
        )));
    }
    Ok(String::from_utf8_lossy(&out.stdout).trim().to_string())
}

/// A public key's type and base64 body, without its comment.
pub fn key_id(public: &str) -> String {
    public
        .split_whitespace()
        .take(2)
        .collect::<Vec<_>>()
        .join(" ")
}

fn io(program: &str, source: std::io::Error) -> StoreError {
    StoreError::Io {
        path: program.to_string(),
        source,
    }
}

#[cfg(test)]
mod tests {
    use super::key_id;

    #[test]
    fn a_key_is_compared_without_its_comment() {
        assert_eq!(
            key_id("ssh-ed25519 AAAAC3Nz dana@laptop"),
            key_id("  ssh-ed25519   AAAAC3Nz  other comment")
        );
        assert_ne!(key_id("ssh-ed25519 AAAA1"), key_id("ssh-ed25519 AAAA2"));
    }
}
