use super::*;
use crate::domain::records::{Evidence, EvidenceKind, Metric};
use crate::domain::text::is_dangerous;

fn evil(tag: &str) -> String {
    let zalgo: String = std::iter::repeat_n('\u{0301}', 10_000).collect();
    format!(
        "{tag}\x1b[31mred\x1b]8;;http://x\x07link\x1b]8;;\x07\x1b]52;c;aGk=\x07\u{202e}drow\u{2066}x{zalgo}\r\n\t\x7f\u{9b}end"
    )
}

fn hostile_snapshot() -> crate::domain::snapshot::Snapshot {
    let mut s = bundled();
    s.forum.title = evil("title");
    s.forum.cycle = evil("cycle");
    s.forum.currency = evil("cur");
    for m in &mut s.forum.members {
        m.id = evil("m");
        m.name = evil("n");
    }
    for p in s.priorities.values_mut() {
        p.title = evil("p");
        p.customer_problem = evil("cp");
        p.goal.metric = evil("g");
        p.goal.unit = evil("u");
    }
    for p in s.initiatives.values_mut() {
        p.silo = evil("silo");
        p.initiative.title = evil("i");
        p.initiative.summary = evil("sum");
    }
    s.evidence.insert(
        "evil".into(),
        Evidence {
            kind: EvidenceKind::Other,
            title: evil("e"),
            period: evil("per"),
            source: evil("src"),
            summary: evil("sum"),
            metrics: vec![Metric {
                name: evil("metric"),
                value: 1.0,
                unit: evil("u"),
                baseline: Some(2.0),
            }],
        },
    );
    s
}

#[test]
fn no_control_character_from_records_reaches_any_cell() {
    let mut fresh = fresh_of(hostile_snapshot());
    fresh.log[0].summary = evil("log");
    fresh.log[0].author = evil("author");
    for (w, h) in [(80u16, 24u16), (160, 45)] {
        for present in [false, true] {
            for s in screens() {
                let mut a = app_with(fresh.clone(), w, h);
                a.screen = s;
                a.present = present;
                a.revealed = true;
                a.status = evil("status");
                let term = render(&a, &Theme::dark());
                let buf = term.backend().buffer();
                for cell in buf.content() {
                    assert!(
                        !cell.symbol().chars().any(is_dangerous),
                        "{s:?} {w}x{h}: {:?}",
                        cell.symbol()
                    );
                }
            }
        }
    }
}

#[test]
fn the_bytes_sent_to_a_terminal_carry_no_osc_bell_or_bidi() {
    use ratatui::backend::CrosstermBackend;
    use ratatui::layout::Rect;
    use ratatui::{Terminal, TerminalOptions, Viewport};
    let mut fresh = fresh_of(hostile_snapshot());
    fresh.log[0].summary = evil("log");
    for s in screens() {
        let mut a = app_with(fresh.clone(), 120, 40);
        a.screen = s;
        let options = TerminalOptions {
            viewport: Viewport::Fixed(Rect::new(0, 0, 120, 40)),
        };
        let sink = Sink::default();
        let mut term =
            Terminal::with_options(CrosstermBackend::new(sink.clone()), options).unwrap();
        term.draw(|f| views::draw(f, &a, &Theme::dark())).unwrap();
        let bytes = sink.0.lock().unwrap().clone();
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !text.contains("\x1b]"),
            "{s:?}: OSC sequence reached the terminal"
        );
        assert!(!bytes.contains(&0x07), "{s:?}: BEL reached the terminal");
        assert!(
            !text.contains('\u{202e}') && !text.contains('\u{2066}'),
            "{s:?}: bidi control"
        );
        assert!(
            !text.contains("\x1b[31mred"),
            "{s:?}: the record's colour escape"
        );
        assert!(
            s == crate::tui::action::Screen::Proposals || text.contains("red"),
            "{s:?}: the text itself is drawn"
        );
    }
}

/// A writer whose bytes the test can read back.
#[derive(Clone, Default)]
struct Sink(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);

impl std::io::Write for Sink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
