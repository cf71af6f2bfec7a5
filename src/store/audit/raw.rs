//! Reading commits and trees straight from the object database: the tree and parents of a
//! commit, one name in a tree. No parsed objects are built, so a walk costs little more
//! than inflating the objects.

use crate::store::error::StoreError;
use git2::{Odb, Oid};

/// The parsed header of a commit: its tree and parents.
pub struct Header {
    pub tree: Oid,
    pub parents: Vec<Oid>,
}

fn hex_oid(hex: &[u8]) -> Option<Oid> {
    std::str::from_utf8(hex)
        .ok()
        .and_then(|s| Oid::from_str(s).ok())
}

/// Reads a commit's tree and parents.
pub fn header(odb: &Odb<'_>, commit: Oid) -> Result<Header, StoreError> {
    let object = odb.read(commit)?;
    let data = object.data();
    let mut tree = None;
    let mut parents = Vec::new();
    for line in data.split(|b| *b == b'\n') {
        if line.is_empty() {
            break;
        }
        if let Some(hex) = line.strip_prefix(b"tree ") {
            tree = hex_oid(hex);
        } else if let Some(hex) = line.strip_prefix(b"parent ") {
            parents.extend(hex_oid(hex));
        }
    }
    let tree = tree.ok_or_else(|| StoreError::Refused(format!("commit {commit} has no tree")))?;
    Ok(Header { tree, parents })
}

/// One entry of a tree: its name, object id and whether it is a tree.
pub struct TreeEntry<'a> {
    pub name: &'a [u8],
    pub oid: Oid,
    pub is_tree: bool,
}

/// The entries of a raw tree object, in order.
pub fn entries(data: &[u8]) -> impl Iterator<Item = TreeEntry<'_>> {
    let mut rest = data;
    std::iter::from_fn(move || {
        let space = rest.iter().position(|b| *b == b' ')?;
        let nul = space + rest[space..].iter().position(|b| *b == 0)?;
        let end = nul + 1 + 20;
        let raw = rest.get(nul + 1..end)?;
        let entry = TreeEntry {
            name: &rest[space + 1..nul],
            oid: Oid::from_bytes(raw).ok()?,
            is_tree: rest[..space] == *b"40000",
        };
        rest = &rest[end..];
        Some(entry)
    })
}

/// Reads a tree object's bytes.
pub fn tree<'o>(odb: &'o Odb<'_>, oid: Oid) -> Result<git2::OdbObject<'o>, StoreError> {
    Ok(odb.read(oid)?)
}

/// The entry called `name` in a raw tree.
pub fn find(data: &[u8], name: &str) -> Option<(Oid, bool)> {
    entries(data)
        .find(|e| e.name == name.as_bytes())
        .map(|e| (e.oid, e.is_tree))
}

/// The text of one initiative's row in a scorecard (`"id": {…}` under `scores`), with
/// whitespace removed so a re-indented file compares equal; `None` when it has no row.
pub fn score_row(card: &[u8], initiative: &str) -> Option<Vec<u8>> {
    let key = format!("\"{initiative}\"");
    let key = key.as_bytes();
    let mut from = 0;
    while let Some(at) = find_bytes(&card[from..], key).map(|i| i + from) {
        from = at + key.len();
        let rest = &card[from..];
        let mut i = 0;
        while rest.get(i).is_some_and(u8::is_ascii_whitespace) {
            i += 1;
        }
        if rest.get(i) != Some(&b':') {
            continue;
        }
        i += 1;
        while rest.get(i).is_some_and(u8::is_ascii_whitespace) {
            i += 1;
        }
        if rest.get(i) != Some(&b'{') {
            continue; // a note (`"id": "…"`), not a row of scores
        }
        let start = i;
        let end = start + rest[start..].iter().position(|b| *b == b'}')?;
        return Some(
            rest[start..=end]
                .iter()
                .copied()
                .filter(|b| !b.is_ascii_whitespace())
                .collect(),
        );
    }
    None
}

fn find_bytes(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() || hay.len() < needle.len() {
        return None;
    }
    let first = needle[0];
    let mut i = 0;
    while i + needle.len() <= hay.len() {
        let at = hay[i..=hay.len() - needle.len()]
            .iter()
            .position(|b| *b == first)?;
        i += at;
        if &hay[i..i + needle.len()] == needle {
            return Some(i);
        }
        i += 1;
    }
    None
}

/// The phase written in a forum.ron (`phase: Scoring`), read from the text: comments are
/// skipped; `None` when it cannot be found (the caller then decodes the record).
pub fn phase_word(forum_ron: &[u8]) -> Option<String> {
    let text = std::str::from_utf8(forum_ron).ok()?;
    for line in text.lines() {
        let line = line.split("//").next().unwrap_or_default().trim_start();
        let Some(rest) = line.strip_prefix("phase") else {
            continue;
        };
        let rest = rest.trim_start();
        let Some(value) = rest.strip_prefix(':') else {
            continue;
        };
        let word: String = value
            .trim_start()
            .chars()
            .take_while(char::is_ascii_alphabetic)
            .collect();
        if !word.is_empty() {
            return Some(word);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_row_of_scores_is_found_and_normalised() {
        let card = br#"Scorecard(
    scores: {
        "portal-x": {"p1": 1},
        "portal": {"p1": 4,  "p2": 2},
    },
    notes: {"portal": "a note {with braces}"},
)"#;
        assert_eq!(
            score_row(card, "portal").as_deref(),
            Some(&b"{\"p1\":4,\"p2\":2}"[..])
        );
        assert_eq!(
            score_row(card, "portal-x").as_deref(),
            Some(&b"{\"p1\":1}"[..])
        );
        assert_eq!(score_row(card, "other"), None);
        let notes_first = br#"Scorecard(notes: {"a": "n"}, scores: {"a": {"p": 3}})"#;
        assert_eq!(
            score_row(notes_first, "a").as_deref(),
            Some(&b"{\"p\":3}"[..])
        );
    }

    #[test]
    fn the_phase_is_read_from_the_text() {
        let text = b"// phase: Closed in a comment\nForum(\n  title: \"t\",\n  phase: Scoring,\n)";
        assert_eq!(phase_word(text).as_deref(), Some("Scoring"));
        assert_eq!(phase_word(b"Forum(title: \"x\")"), None);
    }
}
