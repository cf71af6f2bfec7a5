//! Frame time on a large forum (2,000 initiatives, 30 scorecards). Run by hand:
//! `cargo test --release --lib tui::tests::bench -- --ignored --nocapture`.

use super::*;
use crate::domain::records::{Member, Role, Scorecard};
use std::time::Instant;

fn large() -> Snapshot {
    let mut s = bundled();
    let base: Vec<_> = s.initiatives.values().cloned().collect();
    let priorities: Vec<String> = s.priorities.keys().cloned().collect();
    s.initiatives.clear();
    for i in 0..2000usize {
        let mut p = base[i % base.len()].clone();
        p.initiative.title = format!("{} #{i}", p.initiative.title);
        p.initiative.depends_on.clear();
        p.initiative.excludes.clear();
        p.initiative.mandatory = false;
        p.initiative.cost = 20_000 + (i as u64 * 7919) % 300_000;
        s.initiatives.insert(format!("init-{i:04}"), p);
    }
    let silos: Vec<String> = s.silos.keys().cloned().collect();
    s.scorecards.clear();
    for m in 0..30usize {
        let id = format!("member-{m:02}");
        s.forum.members.push(Member {
            id: id.clone(),
            name: id.clone(),
            email: format!("{id}@example.com"),
            silo: silos[m % silos.len()].clone(),
            role: Role::Member,
            handle: None,
        });
        let mut card = Scorecard::default();
        for i in 0..2000usize {
            let row = card.scores.0.entry(format!("init-{i:04}")).or_default();
            for (k, p) in priorities.iter().enumerate() {
                row.0.insert(
                    p.clone(),
                    u8::try_from((i * 31 + k * 17 + m * 7) % 5).unwrap(),
                );
            }
        }
        s.scorecards.insert(id, card);
    }
    s
}

#[test]
#[ignore = "benchmark: run by hand with --ignored --nocapture"]
fn frame_time_on_a_large_forum() {
    let t = Instant::now();
    let fresh = fresh_of(large());
    println!(
        "analyse 2,000 initiatives × 30 scorecards: {:?}",
        t.elapsed()
    );
    let theme = Theme::dark();
    let a = app_with(fresh.clone(), 80, 24);
    let t = Instant::now();
    let _ = a.allocation_rows();
    println!("allocation_rows: {:?}", t.elapsed());
    let t = Instant::now();
    let _ = a.initiative_rows();
    println!("initiative_rows: {:?}", t.elapsed());
    for (w, h) in [(80u16, 24u16), (200, 60)] {
        for s in screens() {
            let mut a = app_with(fresh.clone(), w, h);
            a.screen = s;
            a.revealed = true;
            let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
            let n = 20u32;
            let t = Instant::now();
            for _ in 0..n {
                term.draw(|f| views::draw(f, &a, &theme)).unwrap();
            }
            println!(
                "{w}x{h} {:<12} {:>8.2} ms/frame",
                s.title(),
                t.elapsed().as_secs_f64() * 1000.0 / f64::from(n)
            );
        }
    }
}
