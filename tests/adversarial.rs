//! Hostile proposals: each is refused or neutralised with a clear message, nothing crashes,
//! no terminal control sequence reaches the output, and the rest of the forum still loads.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use assert_cmd::Command;
use roundtable::domain::snapshot::RecordKind;
use roundtable::domain::text::{is_dangerous, sanitize};
use roundtable::store::decode::decode;
use roundtable::store::repo::ForumRepo;
use std::path::Path;
use tempfile::TempDir;

const FORUM: &str = r#"Forum(
    title: "Hostile Forum",
    cycle: "FY2027",
    currency: "EUR",
    budget: 1000000,
    phase: Scoring,
    members: [
        Member(id: "dana", name: "Dana", email: "dana@example.com", silo: "ops", role: Facilitator),
        Member(id: "sam", name: "Sam", email: "sam@example.com", silo: "support", role: Member),
    ],
)
"#;

fn initiative(title: &str, summary: &str) -> String {
    format!(
        "Initiative(title: \"{title}\", summary: \"{summary}\", owner: \"sam\", cost: 100000, addresses: [\"first-30-days\"])\n"
    )
}

/// A temp repository with a small valid forum `f`, committed, and a sandboxed git.
struct Repo {
    dir: TempDir,
    home: TempDir,
}

impl Repo {
    fn new() -> Repo {
        let repo = Repo {
            dir: TempDir::new().unwrap(),
            home: TempDir::new().unwrap(),
        };
        repo.git(&["init", "-q", "-b", "main"]);
        repo.write("forum.ron", FORUM);
        repo.write("silos/ops.ron", "Silo(name: \"Ops\", lead: \"dana\")\n");
        repo.write(
            "silos/support.ron",
            "Silo(name: \"Support\", lead: \"sam\")\n",
        );
        repo.write(
            "priorities/first-30-days.ron",
            "Priority(title: \"First 30 days\", goal: Goal(metric: \"churn\", unit: \"%\", baseline: 6.1, target: 4.0))\n",
        );
        repo.write(
            "ranking.ron",
            "Ranking(order: [\"first-30-days\"], method: Schulze)\n",
        );
        repo.write(
            "initiatives/support/portal.ron",
            &initiative("Self-service portal", "A portal."),
        );
        repo.write(
            "scores/forum.ron",
            "Scorecard(scores: {\"portal\": {\"first-30-days\": 4}})\n",
        );
        repo.commit("base forum");
        repo
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn write(&self, rel: &str, text: &str) {
        let path = self.path().join("forums/f").join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    fn git_cmd(&self) -> std::process::Command {
        let mut cmd = crate::common::kit::git_command(self.path(), self.home.path());
        cmd.env("GIT_AUTHOR_NAME", "Test")
            .env("GIT_AUTHOR_EMAIL", "test@example.com")
            .env("GIT_COMMITTER_NAME", "Test")
            .env("GIT_COMMITTER_EMAIL", "test@example.com")
            .env("GIT_AUTHOR_DATE", "2026-01-01T00:00:00Z")
            .env("GIT_COMMITTER_DATE", "2026-01-01T00:00:00Z");
        cmd
    }

    fn git(&self, args: &[&str]) -> String {
        let out = self.git_cmd().args(args).output().unwrap();
        assert!(out.status.success(), "git {args:?}: {out:?}");
        String::from_utf8(out.stdout).unwrap().trim().to_string()
    }

    fn commit(&self, message: &str) {
        self.git(&["add", "-A"]);
        self.git(&["commit", "-q", "-m", message]);
    }

    /// Stores `bytes` as a blob and returns its id (nothing on disk in the work tree).
    fn blob(&self, bytes: &[u8]) -> String {
        let repo = git2::Repository::open(self.path()).unwrap();
        repo.blob(bytes).unwrap().to_string()
    }

    /// Adds a raw index entry (any mode, any name) and commits it: the tree git stores,
    /// whatever the file system could hold.
    fn commit_entry(&self, mode: &str, oid: &str, rel: &str) {
        let path = format!("forums/f/{rel}");
        self.git(&[
            "update-index",
            "--add",
            "--cacheinfo",
            &format!("{mode},{oid},{path}"),
        ]);
        self.git(&["commit", "-q", "-m", &format!("hostile {rel}")]);
    }

    /// Runs the real binary; returns (exit code, stdout + stderr).
    fn run(&self, args: &[&str]) -> (i32, String) {
        let out = Command::cargo_bin("roundtable")
            .unwrap()
            .arg("--repo")
            .arg(self.path())
            .args(args)
            .output()
            .unwrap();
        let mut text = out.stdout.clone();
        text.extend_from_slice(&out.stderr);
        assert_no_control(&text);
        let code = out.status.code().expect("exited, not killed by a signal");
        assert!(
            code == 0 || code == 1,
            "exit {code}: {}",
            String::from_utf8_lossy(&text)
        );
        (code, String::from_utf8(text).expect("output is UTF-8"))
    }

    /// Runs the real binary; returns (exit code, stdout + stderr), whatever the code.
    fn run_any(&self, args: &[&str]) -> (i32, String) {
        let out = Command::cargo_bin("roundtable")
            .unwrap()
            .arg("--repo")
            .arg(self.path())
            .args(args)
            .output()
            .unwrap();
        let mut text = out.stdout.clone();
        text.extend_from_slice(&out.stderr);
        assert_no_control(&text);
        let code = out.status.code().expect("exited, not killed by a signal");
        (code, String::from_utf8(text).expect("output is UTF-8"))
    }

    /// `check --rev HEAD` (the committed tree, whatever the file system holds).
    fn check(&self) -> String {
        self.run(&["check", "--rev", "HEAD"]).1
    }

    /// The rest of the forum still loads from HEAD.
    fn assert_rest_loads(&self) {
        let repo = ForumRepo::open(self.path()).unwrap();
        let loaded = repo.load_at("f", "HEAD").unwrap();
        assert!(loaded.snapshot.initiatives.contains_key("portal"));
        assert!(loaded.snapshot.priorities.contains_key("first-30-days"));
    }
}

/// No ESC, no C1 control, no bidi or invisible character, in bytes or in characters.
fn assert_no_control(bytes: &[u8]) {
    assert!(!bytes.contains(&0x1b), "ESC in output: {bytes:?}");
    assert!(!bytes.contains(&0x07), "BEL in output");
    let text = String::from_utf8_lossy(bytes);
    let bad: Vec<char> = text
        .chars()
        .filter(|c| *c != '\n' && *c != '\t' && is_dangerous(*c))
        .collect();
    assert!(bad.is_empty(), "dangerous characters in output: {bad:?}");
}

const ESCAPES: &str = "\x1b[2J\x1b[31mred\x1b]8;;https://evil.example/\x07click\x1b]8;;\x07\x1b]52;c;cm0gLXJmIH4=\x07\u{9b}31m\u{202e}gnp.exe\u{2066}x\u{200b}";

#[test]
fn escape_sequences_osc_and_bidi_in_records_are_neutralised() {
    let repo = Repo::new();
    repo.write(
        "initiatives/support/hostile.ron",
        &initiative(ESCAPES, ESCAPES),
    );
    repo.write(
        "silos/evil.ron",
        &format!("Silo(name: \"{ESCAPES}\", lead: \"sam\", commitment: \"{ESCAPES}\")\n"),
    );
    repo.commit("hostile text");
    let out = repo.check();
    if out.contains("hostile.ron") {
        assert!(out.contains("U+001B") || out.contains("control"), "{out}");
    }
    let (_, values) = repo.run(&["values"]);
    assert!(values.contains("portal"), "{values}");
    repo.assert_rest_loads();
    // The data is kept as written; only its display is neutralised.
    let repo2 = ForumRepo::open(repo.path()).unwrap();
    let loaded = repo2.load_at("f", "HEAD").unwrap();
    if let Some(p) = loaded.snapshot.initiatives.get("hostile") {
        assert_eq!(p.initiative.title, ESCAPES);
        let shown = sanitize(&p.initiative.title);
        assert!(
            shown.contains("click") && shown.contains('\u{fffd}'),
            "{shown}"
        );
    }
}

#[test]
fn every_json_output_escapes_control_and_bidi_characters() {
    let repo = Repo::new();
    repo.write(
        "initiatives/support/hostile.ron",
        &initiative(ESCAPES, ESCAPES),
    );
    repo.commit(&format!(
        "hostile {ESCAPES} text\n\nForum: f\nDecision: propose\nDecided-By: sam\nPresent: sam"
    ));
    // A proposal branch with the hostile record, for `proposals`.
    repo.git(&["branch", "propose/hostile"]);
    for args in [
        &["values"][..],
        &["weights"],
        &["rank"],
        &["sensitivity"],
        &["check"],
        &["log"],
        &["verify"],
        &["proposals"],
        &["audit", "hostile"],
    ] {
        let command = args[0];
        let out = Command::cargo_bin("roundtable")
            .unwrap()
            .arg("--repo")
            .arg(repo.path())
            .args(args)
            .args(["--format", "json"])
            .output()
            .unwrap();
        assert_no_control(&out.stdout);
        assert_no_control(&out.stderr);
        let text = String::from_utf8(out.stdout).unwrap();
        let value: serde_json::Value = serde_json::from_str(&text)
            .unwrap_or_else(|e| panic!("{command}: not JSON ({e}): {text}"));
        if command == "log" {
            // Escaped, not dropped: the parsed data is the commit's own text.
            assert!(text.contains("\\u202e"), "{text}");
            assert!(value.to_string().contains("hostile"), "{value}");
            let summary = value["decisions"][0]["summary"].as_str().unwrap_or("");
            assert!(summary.contains('\u{202e}'), "{summary:?}");
        }
    }
}

#[test]
fn piping_into_a_closed_pipe_ends_quietly() {
    let repo = Repo::new();
    for args in [
        &["log"][..],
        &["values"],
        &["values", "--format", "json"],
        &["check"],
    ] {
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("roundtable"))
            .arg("--repo")
            .arg(repo.path())
            .args(args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        // `| head -0`: the reader is gone before the first line is written.
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            !err.contains("panicked") && !err.contains("Broken pipe"),
            "{args:?}: {err}"
        );
        use std::os::unix::process::ExitStatusExt;
        assert!(
            out.status.code().is_some_and(|c| c == 0 || c == 1) || out.status.signal() == Some(13),
            "{args:?}: {:?}",
            out.status
        );
    }
}

#[test]
fn a_wall_of_combining_marks_is_cut() {
    let repo = Repo::new();
    let zalgo: String = std::iter::once('Z')
        .chain(std::iter::repeat_n('\u{0301}', 10_000))
        .collect();
    repo.write("initiatives/support/zalgo.ron", &initiative(&zalgo, &zalgo));
    // Scored, so that its title is in the values table (an unscored one is not listed, and a
    // count of marks in an output without the title could never fail).
    repo.write(
        "scores/forum.ron",
        "Scorecard(scores: {\"portal\": {\"first-30-days\": 4}, \"zalgo\": {\"first-30-days\": 3}})\n",
    );
    repo.commit("zalgo");
    repo.check();
    for args in [
        &["values"][..],
        &["values", "--format", "json"][..],
        &["audit", "zalgo"][..],
    ] {
        let (_, out) = repo.run(args);
        let marks = out.chars().filter(|c| *c == '\u{0301}').count();
        if args[0] == "audit" {
            assert!(
                out.contains("Z\u{0301}"),
                "{args:?}: the title is shown: {out}"
            );
        }
        assert!(
            marks <= 16,
            "{args:?}: combining runs are cut in the output ({marks})"
        );
    }
    repo.assert_rest_loads();
}

#[test]
fn deeply_nested_brackets_are_refused_without_overflowing_the_stack() {
    let repo = Repo::new();
    let deep = format!(
        "Initiative(title: \"x\", owner: \"sam\", cost: 1, addresses: {}{})\n",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    repo.write("initiatives/support/deep.ron", &deep);
    let bare = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    repo.write("initiatives/support/brackets.ron", &bare);
    let options = format!(
        "Initiative(title: \"x\", owner: \"sam\", cost: 1, goal: {}None{})",
        "Some(".repeat(50_000),
        ")".repeat(50_000)
    );
    repo.write("initiatives/support/options.ron", &options);
    repo.commit("deep");
    let (code, out) = repo.run(&["check", "--rev", "HEAD"]);
    assert_eq!(code, 1, "{out}");
    for name in ["deep", "brackets", "options"] {
        let at = format!("initiatives/support/{name}.ron:1:");
        let line = out
            .lines()
            .find(|l| l.contains(&at))
            .unwrap_or_else(|| panic!("{out}"));
        assert!(line.contains(": error: "), "{line}");
    }
    repo.assert_rest_loads();
}

/// Writes the loose object of a blob of 2^30 zero bytes without holding it in memory or
/// hashing it: a hand-made deflate stream (fixed Huffman: one literal zero, then matches of
/// 258 bytes at distance 1), its Adler-32 in closed form, and its known id.
fn write_gibibyte_of_zeros(git_dir: &Path) -> &'static str {
    const OID: &str = "4fce05a4e4ed8cefef2d99f32c519b2fd7841b74";
    const N: u64 = 1 << 30;
    struct Bits {
        out: Vec<u8>,
        acc: u64,
        n: u32,
    }
    impl Bits {
        fn put(&mut self, value: u64, bits: u32) {
            self.acc |= value << self.n;
            self.n += bits;
            while self.n >= 8 {
                self.out.push(self.acc as u8);
                self.acc >>= 8;
                self.n -= 8;
            }
        }
        /// A Huffman code: most significant bit first.
        fn code(&mut self, code: u64, bits: u32) {
            let reversed = (0..bits).fold(0, |r, i| r | (((code >> i) & 1) << (bits - 1 - i)));
            self.put(reversed, bits);
        }
        fn literal(&mut self, byte: u8) {
            match byte {
                0..=143 => self.code(0x30 + u64::from(byte), 8),
                _ => self.code(0x190 + u64::from(byte) - 144, 9),
            }
        }
    }
    let header = format!("blob {N}\0");
    let mut bits = Bits {
        out: vec![0x78, 0x01],
        acc: 0,
        n: 0,
    };
    bits.put(1, 1); // final block
    bits.put(1, 2); // fixed Huffman codes
    for b in header.bytes() {
        bits.literal(b);
    }
    bits.literal(0);
    let matches = (N - 1) / 258;
    for _ in 0..matches {
        bits.code(0b1100_0101, 8); // length 258 (code 285)
        bits.code(0, 5); // distance 1
    }
    for _ in 0..(N - 1 - matches * 258) {
        bits.literal(0);
    }
    bits.code(0, 7); // end of block
    bits.put(0, 7);
    let (mut a, mut b) = (1u64, 0u64);
    for byte in header.bytes() {
        a = (a + u64::from(byte)) % 65521;
        b = (b + a) % 65521;
    }
    b = (b + a * (N % 65521)) % 65521;
    let mut out = bits.out;
    out.extend_from_slice(&((b << 16 | a) as u32).to_be_bytes());
    let dir = git_dir.join("objects").join(&OID[..2]);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join(&OID[2..]), out).unwrap();
    OID
}

#[test]
fn a_gibibyte_blob_is_refused_from_its_header() {
    let repo = Repo::new();
    let oid = write_gibibyte_of_zeros(&repo.path().join(".git"));
    assert_eq!(repo.git(&["cat-file", "-s", oid]), "1073741824");
    repo.commit_entry("100644", oid, "initiatives/support/huge.ron");
    // Under a 768 MiB address-space limit, reading the blob would abort the process.
    let bin = assert_cmd::cargo::cargo_bin("roundtable");
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg("ulimit -v 786432; exec \"$0\" --repo \"$1\" check --rev HEAD")
        .arg(&bin)
        .arg(repo.path())
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert!(
        text.contains(
            "forums/f/initiatives/support/huge.ron:1:1: error: the file is 1073741824 bytes; records are at most 1 MiB"
        ),
        "{text}"
    );
    repo.assert_rest_loads();
}

#[test]
fn symlinks_and_submodules_under_forums_are_refused_and_not_read() {
    let repo = Repo::new();
    let target = repo.blob(b"../../../../../etc/passwd");
    repo.commit_entry("120000", &target, "initiatives/support/link.ron");
    let head = repo.git(&["rev-parse", "HEAD"]);
    repo.commit_entry("160000", &head, "initiatives/support/vendored");
    repo.commit_entry("160000", &head, "scores/sub.ron");
    let out = repo.check();
    assert!(
        out.contains(
            "forums/f/initiatives/support/link.ron: error: not a regular file (symlink?); not read"
        ),
        "{out}"
    );
    assert!(
        out.contains(
            "forums/f/initiatives/support/vendored: error: a submodule or foreign object is not a record; not read"
        ),
        "{out}"
    );
    assert!(
        out.contains("forums/f/scores/sub.ron: error: a submodule"),
        "{out}"
    );
    repo.assert_rest_loads();
}

#[test]
fn names_colliding_by_case_or_normalisation_are_refused() {
    let repo = Repo::new();
    let text = initiative("Another portal", "Same name, other case.");
    let blob = repo.blob(text.as_bytes());
    for name in [
        "Portal.ron",
        "caf\u{e9}.ron",
        "cafe\u{301}.ron",
        "\u{1b}[31mred.ron",
        "r\u{202e}nor.ron",
    ] {
        repo.commit_entry("100644", &blob, &format!("initiatives/support/{name}"));
    }
    let (code, out) = repo.run(&["check", "--rev", "HEAD"]);
    assert_eq!(code, 1, "{out}");
    let refused = out
        .lines()
        .filter(|l| l.contains("error: invalid id in the file name"))
        .count();
    assert_eq!(refused, 5, "{out}");
    assert!(
        out.contains("forums/f/initiatives/support/Portal.ron:1:1: error: invalid id"),
        "{out}"
    );
    assert!(
        out.contains("\u{fffd}[31mred.ron"),
        "the ESC in a name is shown as �: {out}"
    );
    let repo2 = ForumRepo::open(repo.path()).unwrap();
    let loaded = repo2.load_at("f", "HEAD").unwrap();
    assert_eq!(
        loaded.snapshot.initiatives["portal"].initiative.title,
        "Self-service portal"
    );
    repo.assert_rest_loads();
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    const KINDS: [RecordKind; 9] = [
        RecordKind::Forum,
        RecordKind::Silo,
        RecordKind::Evidence,
        RecordKind::Priority,
        RecordKind::Ballot,
        RecordKind::Ranking,
        RecordKind::Initiative,
        RecordKind::Scorecard,
        RecordKind::Allocation,
    ];

    fn ronish() -> impl Strategy<Value = String> {
        proptest::string::string_regex(
            r#"(Initiative|Scorecard|Forum|Ballot|\(|\)|\[|\]|\{|\}|:|,|"|title|order|scores|Some|None|-?[0-9]{1,20}|\.[0-9e]+|\\u\{[0-9a-f]{1,6}\}|\\|r#|#|/\*|\*/|//|\n| |[a-z]{1,3}|.)*"#,
        )
        .unwrap()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]

        #[test]
        fn the_decoder_never_panics_on_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..512), k in 0usize..9) {
            let _ = decode("x.ron", KINDS[k], &bytes);
        }

        #[test]
        fn the_decoder_never_panics_on_ron_like_text(text in ronish(), k in 0usize..9) {
            if let Err(problem) = decode("x.ron", KINDS[k], text.as_bytes()) {
                assert_no_control(problem.to_string().as_bytes());
            }
        }

        #[test]
        fn sanitize_leaves_nothing_dangerous(s in any::<String>()) {
            let shown = sanitize(&s);
            prop_assert!(!shown.chars().any(is_dangerous), "{shown:?}");
            prop_assert_eq!(sanitize(&shown), shown.clone(), "sanitising twice changes nothing");
        }

        #[test]
        fn sanitize_handles_control_heavy_text(s in proptest::string::string_regex("[\\x00-\\x1f\\x7f-\\u{9f}\\u{200b}-\\u{200f}\\u{202a}-\\u{202e}\\u{2066}-\\u{2069}\\u{300}-\\u{36f}a-z]{0,200}").unwrap()) {
            let shown = sanitize(&s);
            prop_assert!(!shown.chars().any(is_dangerous), "{shown:?}");
        }
    }
}

/// `kill -9` of a committing process at random points, and a stale lock.
#[path = "adversarial/crash.rs"]
mod crash;
#[path = "adversarial/limits.rs"]
mod limits;
/// File and folder names that are not UTF-8.
#[path = "adversarial/names.rs"]
mod names;
/// The sanitiser against a hand-written list of what must never be shown raw.
#[path = "adversarial/oracle.rs"]
mod oracle;
