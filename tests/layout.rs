//! No test file is forgotten: every `.rs` file under `tests/` is reached from `tests/main.rs`
//! through `mod` declarations (with or without `#[path]`), so each one is compiled and run.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The files a `mod` declaration in `file` loads, resolved as rustc does for files reached by
/// `#[path]` or named `main.rs`/`mod.rs` (their children sit beside them) and for other files
/// (their children sit in a folder named after them).
fn declared(file: &Path, as_dir_owner: bool) -> Vec<(PathBuf, bool)> {
    let text = std::fs::read_to_string(file).unwrap();
    let dir = file.parent().unwrap();
    let own = if as_dir_owner {
        dir.to_path_buf()
    } else {
        dir.join(file.file_stem().unwrap())
    };
    let mut out = Vec::new();
    let mut path_attr: Option<String> = None;
    let mut depth_inline: Vec<String> = Vec::new();
    for line in text.lines() {
        let t = line.trim();
        if let Some(rest) = t.strip_prefix("#[path = \"") {
            path_attr = rest.strip_suffix("\"]").map(str::to_string);
            continue;
        }
        let decl = t
            .strip_prefix("pub mod ")
            .or_else(|| t.strip_prefix("mod "))
            .or_else(|| t.strip_prefix("pub(crate) mod "));
        if let Some(decl) = decl {
            if let Some(name) = decl.strip_suffix(" {") {
                depth_inline.push(name.to_string());
                path_attr = None;
                continue;
            }
            if let Some(name) = decl.strip_suffix(';') {
                let base = depth_inline.iter().fold(own.clone(), |p, m| p.join(m));
                match path_attr.take() {
                    Some(p) => out.push((dir.join(p), true)),
                    None => {
                        let flat = base.join(format!("{name}.rs"));
                        if flat.exists() {
                            out.push((flat, false));
                        } else {
                            out.push((base.join(name).join("mod.rs"), true));
                        }
                    }
                }
            }
        } else if t == "}" && !depth_inline.is_empty() && !line.starts_with(' ') {
            depth_inline.pop();
        }
        if !t.starts_with("#[") {
            path_attr = None;
        }
    }
    out
}

fn all_rs(dir: &Path, out: &mut BTreeSet<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            all_rs(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.insert(p);
        }
    }
}

#[test]
fn every_test_file_is_reached() {
    let tests = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let mut files = BTreeSet::new();
    all_rs(&tests, &mut files);
    let mut reached = BTreeSet::new();
    let mut todo = vec![(tests.join("main.rs"), true)];
    while let Some((file, owner)) = todo.pop() {
        let file = file.canonicalize().unwrap_or(file);
        if !reached.insert(file.clone()) {
            continue;
        }
        assert!(
            file.exists(),
            "a mod declaration names {}, which is missing",
            file.display()
        );
        todo.extend(declared(&file, owner));
    }
    let files: BTreeSet<PathBuf> = files
        .into_iter()
        .map(|f| f.canonicalize().unwrap())
        .collect();
    let forgotten: Vec<_> = files.difference(&reached).collect();
    assert!(
        forgotten.is_empty(),
        "test files no module declares (add them to tests/main.rs or their folder's main.rs): {forgotten:#?}"
    );
    assert!(reached.len() >= 20, "only {} files reached", reached.len());
}

/// The docs stand alone: every relative link in README.md and docs/ names a file of the
/// repository, and none cites a design file that is not in it.
#[test]
fn every_doc_link_names_a_file_in_the_repository() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = vec![root.join("README.md")];
    for entry in std::fs::read_dir(root.join("docs")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "md") {
            files.push(path);
        }
    }
    let mut broken = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        for design in ["FORMAT.md", "METHODS.md", "ARCHITECTURE.md", "PRODUCT.md"] {
            if text.contains(design) {
                broken.push(format!("{}: cites {design}", file.display()));
            }
        }
        for (i, _) in text.match_indices("](") {
            let rest = &text[i + 2..];
            let Some(end) = rest.find(')') else { continue };
            let target = rest[..end].split('#').next().unwrap();
            if target.is_empty() || target.contains("://") || target.starts_with("mailto:") {
                continue;
            }
            if !file.parent().unwrap().join(target).exists() {
                broken.push(format!("{}: {target}", file.display()));
            }
        }
    }
    assert!(broken.is_empty(), "{broken:#?}");
}
