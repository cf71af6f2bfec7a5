//! The meeting app's frame time on a large company's forum: 50 silos, 2,000 initiatives, 30
//! scorecards and 10,000 decision commits (`store::generate`, cached under
//! `target/bench-forum/` and shared with `benches/scale.rs`).
//!
//! Run: `cargo bench --bench tui`. Prints, for each screen at 80×24, 160×45 and 200×60, the
//! median time to draw one frame (into ratatui's TestBackend: the cost of the app, not of the
//! terminal emulator) and the median time from a key to the next frame (`update` + draw);
//! then open-to-first-frame: the loading frame, and — with the real worker thread, as the app
//! starts — the first frame with the forum (open the repository, read the tip, rank the
//! priorities, draw), the frame with values and greedy, and the one with the exact result.
//! Sizes: `RT_BENCH_INITIATIVES`, `RT_BENCH_COMMITS`, `RT_BENCH_SILOS`, `RT_BENCH_RUNS`;
//! `RT_BENCH_ONLY=open` skips the frame table.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use roundtable::domain::analysis::{Options, analyse, analyse_ranking, reallocate};
use roundtable::store::generate::{Plan, generate};
use roundtable::store::repo::ForumRepo;
use roundtable::tui::action::{Action, Screen};
use roundtable::tui::app::App;
use roundtable::tui::msg::{Fresh, Msg, Request, Stage};
use roundtable::tui::theme::Theme;
use roundtable::tui::update::update;
use roundtable::tui::{views, worker};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

#[path = "common/timing.rs"]
mod timing;
use timing::{env_usize, median};

const FORUM: &str = "fy2027-bench";

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

/// What the worker sends last: the tip read and analysed exactly, with the decision log.
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
        snapshot: Arc::new(loaded.snapshot),
        analysis: Arc::new(analysis),
        stage: Stage::Exact,
        earlier: Arc::default(),
    }
}

/// When each stage of a load reached the screen, measured from the app's start: the worker
/// thread is spawned, asked to load, and each message is applied and drawn as the event loop
/// does (the first frame with the forum, the one with values, the exact one).
struct Staged {
    read: Duration,
    valued: Duration,
    exact: Duration,
}

fn staged(dir: &Path, theme: &Theme) -> Staged {
    let t = Instant::now();
    let mut app = App::new(FORUM, 4);
    update(
        &mut app,
        Msg::Resize {
            width: 160,
            height: 45,
        },
    );
    let mut term = Terminal::new(TestBackend::new(160, 45)).unwrap();
    term.draw(|f| views::draw(f, &app, theme)).unwrap();
    let (tx, rx) = worker::spawn(dir.to_path_buf(), FORUM.to_string());
    tx.send(Request::Load).unwrap();
    let mut at = [None; 3];
    let mut freeing = Vec::new();
    while at[2].is_none() {
        let m = rx.recv().unwrap();
        let stage = match &m {
            Msg::Loaded(f) | Msg::Solved(f) => Some(f.stage),
            Msg::Failed(e) => panic!("{e}"),
            _ => None,
        };
        update(&mut app, m);
        // As the event loop does: what a stage replaced is freed off the UI thread.
        let retired = std::mem::take(&mut app.retired);
        freeing.push(std::thread::spawn(move || drop(retired)));
        term.draw(|f| views::draw(f, &app, theme)).unwrap();
        if let Some(s) = stage {
            at[s as usize].get_or_insert(t.elapsed());
        }
    }
    let [Some(read), Some(valued), Some(exact)] = at else {
        panic!("a stage is missing")
    };
    // The clock has stopped: let the worker finish (the proposals it reads after a load) and
    // quit, so no thread of this run competes with the next measurement.
    drop(tx);
    while rx.recv().is_ok() {}
    for t in freeing {
        t.join().unwrap();
    }
    drop((app, term));
    Staged {
        read,
        valued,
        exact,
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
    let fresh = load(&dir);
    // The app's own start, median of 5: spawn the worker, load, draw each stage.
    let mut runs_staged: Vec<Staged> = (0..5).map(|_| staged(&dir, &theme)).collect();
    let pick = |runs: &mut Vec<Staged>, f: fn(&Staged) -> Duration| {
        runs.sort_by_key(f);
        f(&runs[runs.len() / 2])
    };
    let first_read = pick(&mut runs_staged, |s| s.read);
    let first_valued = pick(&mut runs_staged, |s| s.valued);
    let first_exact = pick(&mut runs_staged, |s| s.exact);
    // Where the time goes (each step once more, in order).
    let t = Instant::now();
    let repo = ForumRepo::open(&dir).unwrap();
    let t_open = t.elapsed();
    let t = Instant::now();
    let loaded = repo.load_at(FORUM, "HEAD").unwrap();
    let t_load = t.elapsed();
    let t = Instant::now();
    let ranked = analyse_ranking(&loaded.snapshot);
    let t_rank = t.elapsed();
    drop(ranked);
    let t = Instant::now();
    let quick = worker::quick::analyse_quick(&loaded.snapshot);
    let t_quick = t.elapsed();
    let t = Instant::now();
    let exact = reallocate(&loaded.snapshot, &quick, Options::default());
    let t_exact = t.elapsed();
    let t = Instant::now();
    let analysis = analyse(&loaded.snapshot);
    let t_analyse = t.elapsed();
    assert_eq!(exact, analysis);
    let t = Instant::now();
    let log = worker::log(&repo, FORUM, 5000);
    let t_log = t.elapsed();
    drop((analysis, log, quick, exact));
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
    let sizes: &[(u16, u16)] = if std::env::var("RT_BENCH_ONLY").is_ok_and(|v| v == "open") {
        &[]
    } else {
        &[(80, 24), (160, 45), (200, 60)]
    };
    for &(w, h) in sizes {
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
                app.scoring.revealed = true;
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
        "open to first frame with the forum (spawn the worker, open, read the tip, rank, draw): {}",
        ms(first_read)
    );
    println!(
        "open to the frame with values (+ values of every initiative, greedy): {}",
        ms(first_valued)
    );
    println!(
        "open to the exact result (+ exact solve, decision log): {}",
        ms(first_exact)
    );
    println!(
        "  steps: open the repository {}, read the tip {}, rank {}, values + greedy {}, exact solve from the values {}, whole analysis {}, decision log {}",
        ms(t_open),
        ms(t_load),
        ms(t_rank),
        ms(t_quick),
        ms(t_exact),
        ms(t_analyse),
        ms(t_log)
    );
    println!("slowest key → frame: {}", ms(worst));
}
