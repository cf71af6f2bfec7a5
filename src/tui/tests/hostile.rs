use super::*;
use crate::domain::records::{Evidence, EvidenceKind, Metric};
use crate::domain::text::is_dangerous;

fn evil(tag: &str) -> String {
    let zalgo: String = std::iter::repeat_n('\u{0301}', 10_000).collect();
    // Every sample of the hand-written list, each after a space (so selectors have no base).
    let listed: String = crate::test_invisible::samples()
        .into_iter()
        .flat_map(|c| [' ', c])
        .collect();
    format!(
        "{tag}\x1b[31mred\x1b]8;;http://x\x07link\x1b]8;;\x07\x1b]52;c;aGk=\x07\u{202e}drow\u{2066}x{listed}{zalgo}\r\n\t\x7f\u{9b}end"
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
        p.initiative.depends_on = vec![evil("dep")];
        p.initiative.excludes = vec![evil("alt")];
    }
    for silo in s.silos.values_mut() {
        silo.name = evil("silo-name");
    }
    for e in s.evidence.values_mut() {
        e.title = evil("et");
        e.summary = evil("es");
        e.source = evil("esrc");
    }
    let orders: Vec<_> = s.ballots.values().cloned().collect();
    for (i, b) in orders.into_iter().enumerate() {
        s.ballots.insert(evil(&format!("voter{i}")), b);
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
                series: vec![(evil("s"), 1.5)],
            }],
            invited: Some(100),
            responded: Some(10),
            segments: vec![crate::domain::records::SegmentResponse {
                name: evil("seg"),
                invited: 50,
                responded: 1,
            }],
            carried_from: Some(evil("carried")),
            session: Some(crate::domain::records::Session {
                organisation: evil("org"),
                role: evil("role"),
                agenda: vec![evil("agenda")],
                questions: vec![crate::domain::records::Question {
                    question: evil("q"),
                    answer: evil("a"),
                }],
                informs: Vec::new(),
            }),
        },
    );
    s
}

fn hostile_fresh() -> Fresh {
    let mut fresh = fresh_of(hostile_snapshot());
    for e in &mut fresh.log {
        e.summary = evil("log");
        e.author = evil("author");
        e.kind = evil("kind");
        e.by = evil("by");
        e.present = vec![evil("present")];
        e.reason = format!("{}\n{}", evil("reason"), evil("reason2"));
        e.commit = evil("c");
        e.date = evil("d");
    }
    fresh.problems = vec![evil("problem")];
    fresh
}

/// Every screen, and each screen with its overlays and edits open: plain, in present mode,
/// with help, with the decision dialog, editing a ballot, filtered by a hostile member.
fn hostile_apps(w: u16, h: u16) -> Vec<App> {
    use crate::tui::action::Action;
    let fresh = hostile_fresh();
    let mut out = Vec::new();
    for s in screens() {
        for variant in 0..5 {
            let mut a = app_with(fresh.clone(), w, h);
            a.screen = s;
            a.scoring.revealed = true;
            a.status = evil("status");
            for row in 0..a.rows(s).min(3) {
                a.cursor.insert(s.title(), row);
            }
            if s == crate::tui::action::Screen::Evidence {
                let last = a.rows(s).saturating_sub(1);
                a.cursor.insert(s.title(), last);
            }
            match variant {
                1 => a.present = true,
                2 => a.help = true,
                3 => {
                    std::sync::Arc::make_mut(&mut a.fresh.as_mut().unwrap().snapshot)
                        .forum
                        .phase = crate::domain::records::Phase::Ranking;
                    update(&mut a, Msg::Action(Action::Ballot));
                    update(&mut a, Msg::Action(Action::MoveDown));
                    update(&mut a, Msg::Action(Action::FilterMember));
                    update(&mut a, Msg::Action(Action::FilterKind));
                }
                4 => {
                    update(&mut a, Msg::Action(Action::Commit));
                    if a.dialog.is_none() {
                        update(&mut a, Msg::Action(Action::Advance));
                    }
                    update(&mut a, Msg::Refused(evil("gate")));
                }
                _ => {}
            }
            out.push(a);
        }
    }
    out
}

#[test]
fn no_control_character_from_records_reaches_any_cell() {
    for (w, h) in [(80u16, 24u16), (160, 45)] {
        for a in hostile_apps(w, h) {
            let s = a.screen;
            {
                let term = render(&a, &Theme::dark());
                let buf = term.backend().buffer();
                for cell in buf.content() {
                    assert!(
                        !cell.symbol().chars().any(is_dangerous),
                        "{s:?} {w}x{h}: {:?}",
                        cell.symbol()
                    );
                    // The independent oracle, not the code under test, judges too.
                    assert!(
                        !cell.symbol().chars().any(|c| {
                            crate::test_invisible::is_never_shown(c)
                                || crate::test_invisible::selectors().any(|s| s == c)
                        }),
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
    for a in hostile_apps(80, 24)
        .into_iter()
        .chain(hostile_apps(160, 45))
    {
        let s = a.screen;
        let (w, h) = (a.width, a.height);
        let options = TerminalOptions {
            viewport: Viewport::Fixed(Rect::new(0, 0, w, h)),
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
            !bytes
                .iter()
                .any(|b| *b < 0x20 && *b != 0x1b && *b != b'\r' && *b != b'\n'),
            "{s:?}: a C0 control byte"
        );
        assert!(
            s == crate::tui::action::Screen::Proposals || a.help || text.contains("red"),
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
