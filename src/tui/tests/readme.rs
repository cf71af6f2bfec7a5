//! The README's screenshot is the app's own drawing of the demo forum, loaded through the real
//! path (the demo repository built, the worker thread reading it from git in its stages, each
//! message applied by `update`), so the two cannot drift apart. `RT_UPDATE_README=1` writes
//! the current drawing into README.md instead of failing.

use crate::tui::app::App;
use crate::tui::msg::{Msg, Request, Stage};
use crate::tui::theme::Theme;
use crate::tui::update::update;
use crate::tui::{views, worker};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::time::Duration;
use unicode_width::UnicodeWidthStr;

const WIDTH: u16 = 120;
const HEIGHT: u16 = 34;
const INTRO: &str = "The meeting app on the bundled demo";

/// The demo forum loaded as the app loads it, at a size, once every load message landed.
pub(super) fn demo_app(width: u16, height: u16) -> App {
    let tmp = tempfile::tempdir().unwrap();
    let built = crate::store::demo::build(&tmp.path().join("demo")).unwrap();
    let mut app = App::new(&built.forum, Theme::all_built_in().len());
    update(&mut app, Msg::Resize { width, height });
    let (tx, rx) = worker::spawn(built.dir.clone(), built.forum.clone());
    tx.send(Request::Load).unwrap();
    let (mut exact, mut proposals) = (false, false);
    loop {
        // Generous while a stage is awaited; once all landed, a short quiet spell ends it.
        let wait = if exact && proposals {
            Duration::from_millis(300)
        } else {
            Duration::from_secs(120)
        };
        let Ok(m) = rx.recv_timeout(wait) else {
            assert!(exact && proposals, "the load never finished");
            break;
        };
        match &m {
            Msg::Solved(f) | Msg::Loaded(f) if f.stage == Stage::Exact => exact = true,
            Msg::Proposals(_) => proposals = true,
            Msg::Failed(e) => panic!("{e}"),
            _ => {}
        }
        update(&mut app, m);
    }
    drop(tx);
    app
}

/// The demo's Overview as the README shows it: lines of text, trailing spaces cut.
fn demo_overview() -> Vec<String> {
    let app = demo_app(WIDTH, HEIGHT);
    let mut term = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).unwrap();
    term.draw(|f| views::draw(f, &app, &Theme::dark())).unwrap();
    let buf = term.backend().buffer().clone();
    (0..HEIGHT)
        .map(|y| {
            let mut line = String::new();
            let mut skip = 0usize;
            for x in 0..WIDTH {
                if skip > 0 {
                    skip -= 1;
                    continue;
                }
                let s = buf[(x, y)].symbol();
                skip = s.width().saturating_sub(1);
                line.push_str(s);
            }
            line.trim_end().to_string()
        })
        .collect()
}

/// The README's text block after the screenshot's introduction: (first line, lines).
fn readme_block(readme: &str) -> (usize, Vec<String>) {
    let lines: Vec<&str> = readme.lines().collect();
    let intro = lines.iter().position(|l| l.starts_with(INTRO)).unwrap();
    let open = intro + lines[intro..].iter().position(|l| *l == "```text").unwrap() + 1;
    let close = open + lines[open..].iter().position(|l| *l == "```").unwrap();
    (
        open,
        lines[open..close]
            .iter()
            .map(|l| l.trim_end().to_string())
            .collect(),
    )
}

/// Every screen of the demo forum, loaded through the real path (the worker reading git, the
/// commit log, the problems and proposals of a real repository), one snapshot each.
#[test]
fn every_screen_from_the_real_demo_load() {
    let mut app = demo_app(WIDTH, HEIGHT);
    for screen in super::screens() {
        app.screen = screen;
        let term = super::render(&app, &Theme::dark());
        insta::assert_snapshot!(format!("demo_{screen:?}_{WIDTH}x{HEIGHT}"), term.backend());
    }
}

#[test]
fn the_readme_screenshot_is_the_demo_as_the_app_draws_it() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let readme = std::fs::read_to_string(&path).unwrap();
    let (open, shown) = readme_block(&readme);
    let drawn = demo_overview();
    assert!(
        readme.contains(&format!("{WIDTH}×{HEIGHT} terminal")),
        "the README names the size the test draws"
    );
    if shown != drawn && std::env::var_os("RT_UPDATE_README").is_some() {
        let mut lines: Vec<String> = readme.lines().map(str::to_string).collect();
        lines.splice(open..open + shown.len(), drawn);
        std::fs::write(&path, lines.join("\n") + "\n").unwrap();
        return;
    }
    let diff: Vec<String> = shown
        .iter()
        .zip(&drawn)
        .enumerate()
        .filter(|(_, (a, b))| a != b)
        .map(|(i, (a, b))| format!("line {}:\n  README: {a}\n  app:    {b}", i + 1))
        .collect();
    assert!(
        diff.is_empty() && shown.len() == drawn.len(),
        "the README's screenshot is not what the app draws (RT_UPDATE_README=1 rewrites it):\n{}\n--- the app draws:\n{}",
        diff.join("\n"),
        drawn.join("\n")
    );
}
