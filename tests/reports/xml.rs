//! A small XML well-formedness checker for the HTML brief (written as XHTML-compatible markup).
//!
//! Rules checked: every start tag is closed in order or self-closed; attribute values are
//! double-quoted and hold no `<`; every `&` starts `&amp;` `&lt;` `&gt;` `&quot;` `&#39;` or a
//! numeric reference; one root element; only a DOCTYPE and comments outside it.

/// Returns the element names in document order, or the first problem with its byte offset.
pub fn check(doc: &str) -> Result<Vec<String>, String> {
    let b = doc.as_bytes();
    let mut i = 0;
    let mut stack: Vec<String> = Vec::new();
    let mut seen = Vec::new();
    let mut roots = 0;
    while i < b.len() {
        if b[i] == b'<' {
            let end = doc[i..]
                .find('>')
                .map(|e| i + e)
                .ok_or(format!("unclosed tag at {i}"))?;
            let tag = &doc[i + 1..end];
            if tag.starts_with("!--") {
                let close = doc[i..]
                    .find("-->")
                    .ok_or(format!("unclosed comment at {i}"))?;
                i += close + 3;
                continue;
            }
            if tag.starts_with("!DOCTYPE") {
                if roots > 0 || !stack.is_empty() {
                    return Err(format!("DOCTYPE inside the document at {i}"));
                }
            } else if let Some(name) = tag.strip_prefix('/') {
                let open = stack.pop().ok_or(format!("stray </{name}> at {i}"))?;
                if open != name.trim() {
                    return Err(format!("</{name}> closes <{open}> at {i}"));
                }
            } else {
                let self_closing = tag.ends_with('/');
                let body = tag.trim_end_matches('/');
                let name: String = body.chars().take_while(|c| !c.is_whitespace()).collect();
                if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric()) {
                    return Err(format!("bad element name {name:?} at {i}"));
                }
                attributes(&body[name.len()..]).map_err(|e| format!("{e} in <{name}> at {i}"))?;
                if stack.is_empty() {
                    roots += 1;
                    if roots > 1 {
                        return Err(format!("a second root element <{name}> at {i}"));
                    }
                }
                seen.push(name.clone());
                if !self_closing {
                    stack.push(name);
                }
            }
            i = end + 1;
        } else {
            let next = doc[i..].find('<').map_or(b.len(), |n| i + n);
            text(&doc[i..next]).map_err(|e| format!("{e} at {i}"))?;
            if stack.is_empty() && !doc[i..next].trim().is_empty() {
                return Err(format!("text outside the root element at {i}"));
            }
            i = next;
        }
    }
    if let Some(open) = stack.pop() {
        return Err(format!("<{open}> is never closed"));
    }
    Ok(seen)
}

fn attributes(s: &str) -> Result<(), String> {
    let mut rest = s.trim();
    while !rest.is_empty() {
        let eq = rest
            .find('=')
            .ok_or(format!("attribute without value: {rest:?}"))?;
        let name = rest[..eq].trim();
        if name.is_empty()
            || !name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == ':')
        {
            return Err(format!("bad attribute name {name:?}"));
        }
        let after = &rest[eq + 1..];
        let value = after
            .strip_prefix('"')
            .ok_or(format!("unquoted attribute {name}"))?;
        let close = value
            .find('"')
            .ok_or(format!("unterminated attribute {name}"))?;
        let v = &value[..close];
        if v.contains('<') {
            return Err(format!("`<` in attribute {name}"));
        }
        text(v)?;
        rest = value[close + 1..].trim_start();
    }
    Ok(())
}

fn text(s: &str) -> Result<(), String> {
    for (k, _) in s.match_indices('&') {
        let tail = &s[k..];
        let ok = ["&amp;", "&lt;", "&gt;", "&quot;", "&#39;"]
            .iter()
            .any(|e| tail.starts_with(e))
            || (tail.starts_with("&#")
                && tail[2..]
                    .find(';')
                    .is_some_and(|e| e > 0 && tail[2..2 + e].chars().all(|c| c.is_ascii_digit())));
        if !ok {
            return Err(format!("bare `&` in {:?}", &tail[..tail.len().min(12)]));
        }
    }
    Ok(())
}

#[test]
fn the_checker_catches_what_it_should() {
    assert!(check("<!DOCTYPE html>\n<html><body><p>a &amp; b</p><br /></body></html>").is_ok());
    assert!(check("<html><p></html>").is_err());
    assert!(check("<html><p>a & b</p></html>").is_err());
    assert!(check("<html><p class=x>a</p></html>").is_err());
    assert!(check("<html></html><html></html>").is_err());
    assert!(check("<html><p title=\"a<b\">a</p></html>").is_err());
}
