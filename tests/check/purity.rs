//! The domain stays pure: no git, terminal, RON or file system inside `src/domain`.

use std::path::Path;

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn the_domain_imports_no_outer_layer() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("src")
        .join("domain");
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    let mut domain_rs = root.clone();
    domain_rs.set_extension("rs");
    files.push(domain_rs);
    assert!(files.len() > 10);
    let forbidden = [
        "git2",
        "ratatui",
        "crossterm",
        "ron::",
        "std::fs",
        "crate::store",
        "crate::cli",
        "crate::tui",
    ];
    let mut found = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        for (n, line) in text.lines().enumerate() {
            for word in forbidden {
                if line.contains(word) {
                    found.push(format!("{}:{}: {word}", file.display(), n + 1));
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "the domain must stay pure:\n{}",
        found.join("\n")
    );
}
