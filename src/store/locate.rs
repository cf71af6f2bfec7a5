//! Finds the line and column of a finding inside its record's RON text.
//!
//! A finding names its place as steps (`lines`, 2, `reason`). The record's text is tokenized
//! and walked step by step; when a step cannot be found (a defaulted field, say), the
//! position of the enclosing item is used, and at worst the start of the record.

#[cfg(test)]
mod tests;
mod tokens;

use crate::domain::finding::{Finding, Step};
use crate::store::problem::Problem;
use std::collections::BTreeMap;
use tokens::{Kind, Token, tokenize};

/// Turns a domain finding into a located problem, using the record's source text.
pub fn locate(forum_id: &str, finding: &Finding, sources: &BTreeMap<String, Vec<u8>>) -> Problem {
    let path = finding.record.repo_path(forum_id);
    let position = sources
        .get(&path)
        .map(|bytes| position(&String::from_utf8_lossy(bytes), &finding.at));
    let mut problem = unlocated(path, finding);
    if let Some((line, col)) = position {
        problem = problem.at(line, col);
    }
    problem
}

/// Locates many findings, tokenizing each record's text once (a scorecard of 2,000
/// initiatives may carry dozens of findings).
pub fn locate_all(
    forum_id: &str,
    findings: &[Finding],
    sources: &BTreeMap<String, Vec<u8>>,
) -> Vec<Problem> {
    let mut texts: BTreeMap<String, Option<Vec<Token>>> = BTreeMap::new();
    findings
        .iter()
        .map(|finding| {
            let path = finding.record.repo_path(forum_id);
            let tokens = texts.entry(path.clone()).or_insert_with(|| {
                sources
                    .get(&path)
                    .map(|bytes| tokenize(&String::from_utf8_lossy(bytes)))
            });
            let mut problem = unlocated(path, finding);
            if let Some(tokens) = tokens {
                let (line, col) = position_in(tokens, &finding.at);
                problem = problem.at(line, col);
            }
            problem
        })
        .collect()
}

/// The finding as a problem of the file at `path`, before it has a line and column.
fn unlocated(path: String, finding: &Finding) -> Problem {
    Problem {
        path,
        line: None,
        col: None,
        severity: finding.severity,
        message: finding.message.clone(),
        hint: finding.hint.clone(),
    }
}

/// The 1-based line and column the steps lead to in `text` (never fails).
pub fn position(text: &str, steps: &[Step]) -> (usize, usize) {
    position_in(&tokenize(text), steps)
}

/// The same as [`position`], in text already tokenized.
fn position_in(tokens: &[Token], steps: &[Step]) -> (usize, usize) {
    let mut at = 0usize;
    for step in steps {
        match find(tokens, at, step) {
            Some(next) => at = next,
            None => break,
        }
    }
    tokens.get(at).map(|t| (t.line, t.col)).unwrap_or((1, 1))
}

fn is_open(t: Option<&Token>) -> bool {
    matches!(t.map(|t| &t.kind), Some(Kind::Punct('(' | '[' | '{')))
}

fn is_punct(t: Option<&Token>, c: char) -> bool {
    matches!(t.map(|t| &t.kind), Some(Kind::Punct(p)) if *p == c)
}

/// The index just after the value that starts at `i` (balanced brackets, iteratively).
fn skip_value(tokens: &[Token], mut i: usize) -> usize {
    let mut depth = 0usize;
    while let Some(t) = tokens.get(i) {
        match t.kind {
            Kind::Punct('(' | '[' | '{') => depth += 1,
            Kind::Punct(')' | ']' | '}') => {
                if depth == 0 {
                    return i;
                }
                depth -= 1;
                if depth == 0 {
                    return i + 1;
                }
            }
            Kind::Punct(',') if depth == 0 => return i,
            _ if depth == 0 && !is_open(tokens.get(i + 1)) => return i + 1,
            _ => {}
        }
        i += 1;
    }
    i
}

/// The elements between the bracket at `open` and its match: (start, and for `key: value`
/// entries the index of the value).
fn entries(tokens: &[Token], open: usize) -> Vec<(usize, Option<usize>)> {
    let mut out = Vec::new();
    let mut i = open + 1;
    while let Some(t) = tokens.get(i) {
        if matches!(t.kind, Kind::Punct(')' | ']' | '}')) {
            break;
        }
        if is_punct(Some(t), ',') {
            i += 1;
            continue;
        }
        let start = i;
        let mut end = skip_value(tokens, i);
        let mut value = None;
        if is_punct(tokens.get(end), ':') {
            value = Some(end + 1);
            end = skip_value(tokens, end + 1);
        }
        out.push((start, value));
        if end <= i {
            i += 1;
        } else {
            i = end;
        }
    }
    out
}

/// The bracket a value at `i` opens (skipping a leading type name), if any.
fn opening(tokens: &[Token], i: usize) -> Option<usize> {
    match tokens.get(i).map(|t| &t.kind) {
        Some(Kind::Ident(_)) if is_open(tokens.get(i + 1)) => Some(i + 1),
        Some(Kind::Punct('(' | '[' | '{')) => Some(i),
        _ => None,
    }
}

/// Takes one step from the value at `i`; wrappers such as `Some(…)` or `Explicit({…})` are
/// looked through.
fn find(tokens: &[Token], mut i: usize, step: &Step) -> Option<usize> {
    // A record is a handful of levels deep; the bound only stops a pathological wrapper chain.
    for _ in 0..64 {
        let open = opening(tokens, i)?;
        let items = entries(tokens, open);
        let is_struct = items.first().is_some_and(|(s, v)| {
            v.is_some() && matches!(tokens.get(*s).map(|t| &t.kind), Some(Kind::Ident(_)))
        });
        let is_map = is_punct(tokens.get(open), '{');
        let found = match step {
            Step::Field(name) if is_struct => items.iter().find_map(|(s, v)| {
                matches!(&tokens.get(*s)?.kind, Kind::Ident(n) if n == name).then_some(*v)?
            }),
            Step::Index(n) if !is_struct && !is_map && !wrapper(tokens, open, &items) => {
                items.get(*n).map(|(s, _)| *s)
            }
            Step::Key(k) | Step::Value(k) if is_map => items.iter().find_map(|(s, v)| {
                let key_matches = matches!(&tokens.get(*s)?.kind, Kind::Str(x) if x == k);
                if !key_matches {
                    return None;
                }
                match step {
                    Step::Key(_) => Some(*s),
                    _ => *v,
                }
            }),
            _ => None,
        };
        if found.is_some() {
            return found;
        }
        // Look through a one-element tuple wrapper: `Some(Goal(…))`, `Explicit({…})`.
        match items.as_slice() {
            [(inner, None)] if wrapper(tokens, open, &items) => i = *inner,
            _ => return None,
        }
    }
    None
}

/// True for `(x)` where `x` itself opens a bracket: `Some(Goal(…))`, `Explicit({…})`.
fn wrapper(tokens: &[Token], open: usize, items: &[(usize, Option<usize>)]) -> bool {
    match items {
        [(inner, None)] => is_punct(tokens.get(open), '(') && opening(tokens, *inner).is_some(),
        _ => false,
    }
}
