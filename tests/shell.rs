//! `roundtable completions bash|zsh|fish` and `roundtable man`, generated from the clap
//! definitions: every subcommand is in them, and bash reads the script without error.

use assert_cmd::Command;

fn output(args: &[&str]) -> String {
    let out = Command::cargo_bin("roundtable")
        .unwrap()
        .args(args)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn completions_name_every_subcommand_in_each_shell() {
    let bash = output(&["completions", "bash"]);
    assert!(bash.contains("complete -F"), "{bash}");
    for word in ["recover", "verify", "accept", "completions", "--forum"] {
        assert!(bash.contains(word), "bash: {word}");
    }
    let zsh = output(&["completions", "zsh"]);
    assert!(zsh.starts_with("#compdef roundtable"), "{zsh}");
    assert!(zsh.contains("recover"));
    let fish = output(&["completions", "fish"]);
    assert!(fish.contains("complete -c roundtable"), "{fish}");
    assert!(fish.contains("recover"));
    // bash parses the script (syntax only).
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("roundtable.bash");
    std::fs::write(&file, &bash).unwrap();
    let parsed = std::process::Command::new("bash")
        .arg("-n")
        .arg(&file)
        .status()
        .unwrap();
    assert!(parsed.success());
}

#[test]
fn the_man_page_is_roff_with_every_subcommand() {
    let page = output(&["man"]);
    assert!(
        page.starts_with(".ie") || page.contains(".TH roundtable"),
        "{page}"
    );
    assert!(page.contains(".TH roundtable 1"), "{page}");
    for word in ["recover", "verify", "check", "completions"] {
        assert!(page.contains(word), "man: {word}");
    }
    let unknown = std::process::Command::new(assert_cmd::cargo::cargo_bin("roundtable"))
        .args(["completions", "tcsh"])
        .output()
        .unwrap();
    assert!(!unknown.status.success());
}
