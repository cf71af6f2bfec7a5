//! Every folder of `tests/invalid/` overlays the valid base forum with a few bad files; the
//! real binary must print exactly its `expected.txt`, from the work tree and from the commit.

use super::sandbox::{Sandbox, base_forum, copy_tree, invalid_dir};

fn cases() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(invalid_dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n != "_base")
        .collect();
    names.sort();
    names
}

fn prepare(case: &str) -> (Sandbox, String) {
    let sandbox = base_forum();
    let dir = invalid_dir().join(case);
    let forum = sandbox.root().join("forums").join("t");
    copy_tree(&dir, &forum);
    if let Ok(list) = std::fs::read_to_string(dir.join("remove.txt")) {
        for rel in list.lines().filter(|l| !l.trim().is_empty()) {
            std::fs::remove_file(forum.join(rel.trim())).unwrap();
        }
    }
    sandbox.commit(case);
    let expected = std::fs::read_to_string(dir.join("expected.txt")).unwrap();
    (sandbox, expected)
}

#[test]
fn the_base_forum_is_clean() {
    let sandbox = base_forum();
    sandbox.check(&[]).assert().code(0).stdout("");
}

#[test]
fn every_invalid_fixture_prints_exactly_its_expected_lines() {
    let cases = cases();
    assert!(cases.len() >= 15, "{cases:?}");
    let mut failures = Vec::new();
    for case in &cases {
        let (sandbox, expected) = prepare(case);
        let code = if expected.contains(": error: ") { 1 } else { 0 };
        for args in [&[][..], &["--rev", "HEAD"][..]] {
            let out = sandbox.check(args).output().unwrap();
            let stdout = String::from_utf8_lossy(&out.stdout);
            if stdout != expected || out.status.code() != Some(code) {
                failures.push(format!(
                    "{case} {args:?}: exit {:?} (want {code})\n--- got\n{stdout}--- want\n{expected}",
                    out.status.code()
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn each_error_line_is_compiler_style() {
    for case in cases() {
        let expected =
            std::fs::read_to_string(invalid_dir().join(&case).join("expected.txt")).unwrap();
        assert!(!expected.is_empty(), "{case}: empty expected.txt");
        for line in expected.lines() {
            assert!(line.starts_with("forums/t/"), "{case}: {line}");
        }
    }
}
