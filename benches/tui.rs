//! The meeting app's frame time on a large company's forum: 50 silos, 2,000 initiatives, 30
//! scorecards and 10,000 decision commits (`store::generate`, cached under
//! `target/bench-forum/` and shared with `benches/scale.rs`).
//!
//! Run: `cargo bench --bench tui`. Prints, for each screen at 80×24, 160×45 and 200×60, the
//! median time to draw one frame (into ratatui's TestBackend: the cost of the app, not of the
//! terminal emulator) and the median time from a key to the next frame (`update` + draw);
//! then open-to-first-frame: the loading frame, the first frame with the forum as the worker
//! sends it first (open the repository, read the tip, analyse with the greedy allocation, draw),
//! and the frame with the exact result (analyse with the exact solve, read the decision log).
//! Sizes: `RT_BENCH_INITIATIVES`, `RT_BENCH_COMMITS`, `RT_BENCH_SILOS`, `RT_BENCH_RUNS`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use roundtable::domain::analysis::analyse;
use roundtable::store::generate::{Plan, generate};
use roundtable::store::repo::ForumRepo;
use roundtable::tui::action::{Action, Screen};
use roundtable::tui::app::App;
use roundtable::tui::msg::{Fresh, Msg};
use roundtable::tui::theme::Theme;
use roundtable::tui::update::update;
use roundtable::tui::{views, worker};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const FORUM: &str = "fy2027-bench";

fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn median(runs: usize, mut f: impl FnMut()) -> Duration {
    f();
    let mut times: Vec<Duration> = (0..runs.max(1))
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    times.sort();
    times[times.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

/// The same cache directory as `benches/scale.rs`, so one generation serves both.
fn cached_forum(plan: &Plan) -> PathBuf {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench-forum");
    let dir = root.join(format!(
        "i{}-c{}-s{}-seed{}",
        plan.initiatives, plan.commits, plan.silos, plan.seed
    ));
    if !dir.join(".git/bench-sizes.txt").exists() && !dir.join(".git/bench-tui.txt").exists() {
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let t = Instant::now();
        generate(&dir, plan).unwrap();
        println!("generated the forum in {:.1} s", t.elapsed().as_secs_f64());
        // A forum this old has been packed (decisions run `git gc --auto` past git's threshold).
        let _ = roundtable::store::housekeeping::pack(&dir.join(".git"));
        std::fs::write(dir.join(".git/bench-tui.txt"), "generated\n").unwrap();
    }
    dir
}

/// What the worker does before the first real frame: open, read the tip, analyse, log.
fn load(dir: &Path) -> Fresh {
    let repo = ForumRepo::open(dir).unwrap();
    let loaded = repo.load_at(FORUM, "HEAD").unwrap();
    let analysis = analyse(&loaded.snapshot);
    Fresh {
        commit: loaded
            .commit
            .map(|c| c.to_string().chars().take(7).collect()),
        log: worker::log(&repo, FORUM, 5000),
        problems: loaded.problems.iter().map(ToString::to_string).collect(),
        snapshot: loaded.snapshot,
        analysis,
        solving: false,
    }
}

/// What the worker sends first: the tip read and analysed with the greedy allocation, no log.
fn load_quick(dir: &Path) -> Fresh {
    let repo = ForumRepo::open(dir).unwrap();
    let loaded = repo.load_at(FORUM, "HEAD").unwrap();
    let analysis = worker::quick::analyse_quick(&loaded.snapshot);
    Fresh {
        commit: loaded
            .commit
            .map(|c| c.to_string().chars().take(7).collect()),
        log: Vec::new(),
        problems: loaded.problems.iter().map(ToString::to_string).collect(),
        snapshot: loaded.snapshot,
        analysis,
        solving: true,
    }
}

fn app_at(fresh: &Fresh, w: u16, h: u16) -> App {
    let mut app = App::new(FORUM, 4);
    update(
        &mut app,
        Msg::Resize {
            width: w,
            height: h,
        },
    );
    update(&mut app, Msg::Loaded(Box::new(fresh.clone())));
    app
}

/// The key a facilitator presses most on each screen.
fn key_for(screen: Screen) -> Action {
    match screen {
        Screen::Scoring => Action::Right,
        Screen::Overview | Screen::Proposals => Action::CycleTheme,
        _ => Action::Down,
    }
}

fn main() {
    let plan = Plan {
        forum_id: FORUM.into(),
        silos: env_usize("RT_BENCH_SILOS", 50),
        initiatives: env_usize("RT_BENCH_INITIATIVES", 2000),
        commits: env_usize("RT_BENCH_COMMITS", 10_000),
        seed: 1,
    };
    let runs = env_usize("RT_BENCH_RUNS", 15);
    let dir = cached_forum(&plan);
    let theme = Theme::dark();
    let themes = Theme::all_built_in();

    let first_empty = median(runs, || {
        let app = App::new(FORUM, 4);
        let mut term = Terminal::new(TestBackend::new(160, 45)).unwrap();
        term.draw(|f| views::draw(f, &app, &theme)).unwrap();
    });
    let mut fresh = None;
    let first_full = median(3, || {
        let f = load(&dir);
        let app = app_at(&f, 160, 45);
        let mut term = Terminal::new(TestBackend::new(160, 45)).unwrap();
        term.draw(|fr| views::draw(fr, &app, &theme)).unwrap();
        fresh = Some(f);
    });
    let fresh = fresh.unwrap();
    let first_quick = median(3, || {
        let f = load_quick(&dir);
        let app = app_at(&f, 160, 45);
        let mut term = Terminal::new(TestBackend::new(160, 45)).unwrap();
        term.draw(|fr| views::draw(fr, &app, &theme)).unwrap();
    });
    // Where the first real frame's time goes (each step once more, in order).
    let t = Instant::now();
    let repo = ForumRepo::open(&dir).unwrap();
    let loaded = repo.load_at(FORUM, "HEAD").unwrap();
    let t_load = t.elapsed();
    let t = Instant::now();
    let analysis = analyse(&loaded.snapshot);
    let t_analyse = t.elapsed();
    let t = Instant::now();
    let quick = worker::quick::analyse_quick(&loaded.snapshot);
    let t_quick = t.elapsed();
    drop(quick);
    let t = Instant::now();
    let log = worker::log(&repo, FORUM, 5000);
    let t_log = t.elapsed();
    drop((analysis, log));
    let s = &fresh.snapshot;
    println!(
        "forum: {} silos, {} initiatives, {} priorities, {} scorecards, {} decisions in the log; {runs} runs each, medians\n",
        s.silos.len(),
        s.initiatives.len(),
        s.priorities.len(),
        s.scorecards.len(),
        fresh.log.len()
    );
    println!("| screen | size | frame | key → frame |");
    println!("|---|---|---:|---:|");
    let mut worst = Duration::ZERO;
    for (w, h) in [(80u16, 24u16), (160, 45), (200, 60)] {
        for present in [false, true] {
            let list: Vec<Screen> = if present {
                vec![Screen::Overview]
            } else {
                Screen::ALL.to_vec()
            };
            for screen in list {
                let mut app = app_at(&fresh, w, h);
                app.screen = screen;
                app.present = present;
                app.revealed = true;
                let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
                let frame = median(runs, || {
                    term.draw(|f| views::draw(f, &app, &theme)).unwrap();
                });
                let key = key_for(screen);
                let input = median(runs, || {
                    update(&mut app, Msg::Action(key.clone()));
                    let t = &themes[app.theme_index % themes.len()];
                    term.draw(|f| views::draw(f, &app, t)).unwrap();
                });
                worst = worst.max(input);
                let name = if present {
                    "present mode"
                } else {
                    screen.title()
                };
                println!("| {name} | {w}×{h} | {} | {} |", ms(frame), ms(input));
            }
        }
    }
    println!();
    println!("open to first frame (loading screen): {}", ms(first_empty));
    println!(
        "open to first frame with the forum, as the worker sends it first (open, read tip, analyse with greedy, draw): {}",
        ms(first_quick)
    );
    println!(
        "open to the exact result (open, read tip, analyse, log, draw): {}",
        ms(first_full)
    );
    println!(
        "  of which: read the tip {}, quick analysis (values + greedy) {}, analyse (values + exact allocation) {}, decision log {}",
        ms(t_load),
        ms(t_quick),
        ms(t_analyse),
        ms(t_log)
    );
    println!("slowest key → frame: {}", ms(worst));
}
