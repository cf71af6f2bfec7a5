//! Tests of the meeting app without a terminal: update, snapshots, hostile records.

mod audit;
mod evidence;
mod hostile;
mod meeting;
mod proposals;
mod ranking;
mod readme;
mod records;
mod results;
mod screens;
mod stages;
mod stale;
mod updates;

use crate::domain::analysis::analyse;
use crate::domain::snapshot::Snapshot;
use crate::store::repo::assemble;
use crate::store::source::read_worktree;
use crate::test_kit::copy_dir;
use crate::tui::action::Screen;
use crate::tui::app::App;
use crate::tui::msg::{Fresh, LogEntry, Msg};
use crate::tui::theme::Theme;
use crate::tui::update::update;
use crate::tui::views;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::path::Path;

/// The bundled example forum, read from the work tree.
pub fn bundled() -> Snapshot {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let loaded = assemble("fy2027-cx", read_worktree(root, "fy2027-cx")).unwrap();
    loaded.snapshot
}

/// The bundled forum in Allocation with the exact portfolio recorded as the allocation.
pub fn allocated_bundle() -> crate::domain::snapshot::Snapshot {
    use crate::domain::records::{Allocation, AllocationRule, Line, Phase};
    let mut snapshot = bundled();
    snapshot.forum.phase = Phase::Allocation;
    let funded = analyse(&snapshot).portfolio().funded.clone();
    snapshot.allocation = Some(Allocation {
        rule: AllocationRule::Optimal,
        budget: snapshot.forum.budget,
        lines: funded
            .iter()
            .map(|id| Line {
                initiative: id.clone(),
                amount: snapshot.initiatives[id].initiative.cost,
                reason: "Optimal rule".into(),
            })
            .collect(),
        note: String::new(),
    });
    snapshot
}

/// A fresh load of a snapshot, with a fixed commit and a short decision log.
pub fn fresh_of(snapshot: Snapshot) -> Fresh {
    let analysis = analyse(&snapshot);
    let entry = |c: &str, d: &str, k: &str, s: &str| LogEntry {
        commit: c.into(),
        date: d.into(),
        time: 0,
        author: "Dana Whitfield".into(),
        kind: k.into(),
        summary: s.into(),
        by: if k == "evidence" { "aisha" } else { "dana" }.into(),
        present: match k {
            "ballot" => vec!["dana".into(), "sam".into(), "marco".into()],
            "evidence" => vec!["aisha".into()],
            _ => vec!["dana".into()],
        },
        reason: format!("Why: {s}"),
    };
    Fresh {
        snapshot: std::sync::Arc::new(snapshot),
        analysis: std::sync::Arc::new(analysis),
        problems: Vec::new(),
        commit: Some("3f2a9c1".into()),
        stage: crate::tui::msg::Stage::Exact,
        earlier: std::sync::Arc::default(),
        log: vec![
            entry(
                "3f2a9c1",
                "2026-10-14",
                "advance",
                "Lock the ranking of 7 priorities (Schulze)",
            ),
            entry("9b1e044", "2026-10-14", "ballot", "Ballots of 7 members"),
            entry(
                "51c7d2e",
                "2026-10-02",
                "evidence",
                "Add the 2026 loss review",
            ),
        ],
    }
}

/// An app with the bundled forum loaded, at a size.
pub fn app_with(fresh: Fresh, width: u16, height: u16) -> App {
    let mut app = App::new("fy2027-cx", 4);
    update(&mut app, Msg::Resize { width, height });
    update(&mut app, Msg::Loaded(Box::new(fresh)));
    app
}

/// Adds the value margins the worker sends after a load.
pub fn with_margins(app: &mut App) {
    let f = app.fresh.clone().unwrap();
    let s = crate::domain::analysis::sensitivity(&f.snapshot, &f.analysis);
    update(app, Msg::Margins(s.margins));
}

/// The bundled app.
pub fn app(width: u16, height: u16) -> App {
    app_with(fresh_of(bundled()), width, height)
}

/// What a rendered terminal shows, one line of text per row.
pub fn screen_text(term: &Terminal<TestBackend>) -> String {
    let buf = term.backend().buffer();
    let mut out = String::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            out.push_str(buf[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

/// Renders the app into a test backend.
pub fn render(app: &App, theme: &Theme) -> Terminal<TestBackend> {
    let mut term = Terminal::new(TestBackend::new(app.width, app.height)).unwrap();
    term.draw(|f| views::draw(f, app, theme)).unwrap();
    term
}

/// Every screen, for loops.
pub fn screens() -> [Screen; 9] {
    Screen::ALL
}

/// A real git repository holding the bundled forum in one commit on `main`, and a git
/// command for it with a sandboxed config and fixed dates (it returns stdout).
pub struct BundledRepo {
    pub dir: tempfile::TempDir,
    home: tempfile::TempDir,
}

impl BundledRepo {
    pub fn new() -> Self {
        let repo = BundledRepo {
            dir: tempfile::TempDir::new().unwrap(),
            home: tempfile::TempDir::new().unwrap(),
        };
        let forum = Path::new(env!("CARGO_MANIFEST_DIR")).join("forums/fy2027-cx");
        copy_dir(&forum, &repo.dir.path().join("forums/fy2027-cx"));
        repo.git(&["init", "-q", "-b", "main", "."]);
        repo.git(&["config", "user.name", "Clerk"]);
        repo.git(&["config", "user.email", "clerk@example.com"]);
        repo.git(&["add", "-A"]);
        repo.git(&["commit", "-q", "-m", "The bundled forum"]);
        repo
    }

    pub fn git(&self, args: &[&str]) -> String {
        let out = crate::test_kit::git_command(self.dir.path(), self.home.path())
            .args(args)
            .env("GIT_AUTHOR_DATE", "2026-01-01T10:00:00Z")
            .env("GIT_COMMITTER_DATE", "2026-01-01T10:00:00Z")
            .output()
            .unwrap();
        assert!(out.status.success(), "git {args:?}: {out:?}");
        String::from_utf8(out.stdout).unwrap()
    }
}
