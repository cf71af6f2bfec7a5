//! Results: after the plan, each priority and each funded initiative against its goal —
//! baseline → latest reading → target, how far along, on track or behind, the readings as a
//! sparkline, the delivery status and the flags. The rows are `domain::results::board`'s, the
//! same as `roundtable results`.

use crate::domain::records::DeliveryStatus;
use crate::domain::results::{Kind, ResultRow, Track, board};
use crate::tui::action::Screen;
use crate::tui::app::App;
use crate::tui::msg::Fresh;
use crate::tui::theme::Theme;
use crate::tui::views::common::{block, clean, cut};
use crate::tui::views::layout::{list_height, window};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Row, Table, Wrap};

const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/// The board on the app's day.
pub fn rows(app: &App, fresh: &Fresh) -> Vec<ResultRow> {
    let today = chrono::NaiveDate::parse_from_str(&app.today, "%Y-%m-%d")
        .unwrap_or_else(|_| chrono::Local::now().date_naive());
    board(&fresh.snapshot, &fresh.analysis.order, today)
}

/// The readings as block characters, scaled between the lowest and highest of the baseline,
/// the target and the readings; the baseline first.
pub fn sparkline(r: &ResultRow, width: usize) -> String {
    if r.readings.is_empty() {
        return String::new();
    }
    let mut values: Vec<f64> = vec![r.baseline];
    values.extend(r.readings.iter().map(|x| x.value));
    let keep = values.len().saturating_sub(width);
    let values = &values[keep..];
    let lo = values
        .iter()
        .copied()
        .fold(r.baseline.min(r.target), f64::min);
    let hi = values
        .iter()
        .copied()
        .fold(r.baseline.max(r.target), f64::max);
    values.iter().map(|v| bar(*v, lo, hi)).collect()
}

/// The block character for `v` on the scale `lo..=hi` (the lowest when the scale is flat).
fn bar(v: f64, lo: f64, hi: f64) -> char {
    let span = hi - lo;
    if span <= 0.0 || !span.is_finite() {
        BARS[0]
    } else {
        BARS[((v - lo) / span * 7.0).round().clamp(0.0, 7.0) as usize]
    }
}

/// One line across cycles: each earlier cycle's readings, then this cycle's, on one scale,
/// labelled by cycle (`FY2027 ▁▂▃▅ │ now ▆▇`).
pub fn across_cycles(
    r: &ResultRow,
    before: &[(String, crate::domain::results::Reading)],
) -> String {
    let all = before
        .iter()
        .map(|(_, x)| x.value)
        .chain(r.readings.iter().map(|x| x.value));
    let lo = all.clone().fold(r.baseline.min(r.target), f64::min);
    let hi = all.fold(r.baseline.max(r.target), f64::max);
    let mut parts: Vec<String> = Vec::new();
    let mut cycle: Option<&str> = None;
    for (c, x) in before {
        if cycle != Some(c.as_str()) {
            parts.push(format!("{} ", clean(c)));
            cycle = Some(c.as_str());
        }
        if let Some(last) = parts.last_mut() {
            last.push(bar(x.value, lo, hi));
        }
    }
    let now: String = r.readings.iter().map(|x| bar(x.value, lo, hi)).collect();
    parts.push(format!(
        "now {}",
        if now.is_empty() { "–".into() } else { now }
    ));
    format!("across cycles: {}", parts.join(" │ "))
}

/// "█████░░░ 62 %": how far along the way, clamped to the bar, the figure as is.
fn progress_bar(p: Option<f64>) -> String {
    match p {
        None => "no reading".into(),
        Some(p) => {
            let full = (p.clamp(0.0, 1.0) * 8.0).round() as usize;
            format!(
                "{}{} {:>3.0} %",
                "█".repeat(full),
                "░".repeat(8 - full),
                p * 100.0
            )
        }
    }
}

fn number(v: f64) -> String {
    let s = format!("{v:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

fn track_span(t: Track, theme: &Theme) -> Span<'static> {
    match t {
        Track::OnTrack => Span::styled("✓ on track", theme.funded()),
        Track::Behind => Span::styled("▼ behind", theme.warning()),
        Track::Unknown => Span::styled("–", theme.muted()),
    }
}

fn status_style(s: Option<DeliveryStatus>, theme: &Theme) -> Style {
    match s {
        Some(DeliveryStatus::AtRisk) | Some(DeliveryStatus::Stopped) => theme.warning(),
        Some(DeliveryStatus::Delivered) => theme.funded(),
        _ => theme.text(),
    }
}

pub fn draw(frame: &mut Frame, area: Rect, app: &App, fresh: &Fresh, theme: &Theme) {
    let rows = rows(app, fresh);
    let measured = rows
        .iter()
        .any(|r| !r.readings.is_empty() || r.status.is_some());
    if fresh.snapshot.allocation.is_none() && !measured {
        let lines = vec![
            Line::styled(
                "Nothing to show yet: results start once the allocation is recorded.",
                theme.title(),
            ),
            Line::raw(""),
            Line::styled("Then, through the year, record how it goes:", theme.text()),
            Line::styled(
                "  roundtable status INITIATIVE started --note … --by …",
                theme.muted(),
            ),
            Line::styled(
                "  roundtable measure GOAL-ID VALUE --date YYYY-MM-DD --by …",
                theme.muted(),
            ),
            Line::raw(""),
            Line::styled(
                "Here you will then see each goal: start → now → goal,",
                theme.text(),
            ),
            Line::styled(
                "on track or behind, its readings, each funded initiative's",
                theme.text(),
            ),
            Line::styled(
                "status, and what the forum should discuss (⚠).",
                theme.text(),
            ),
        ];
        frame.render_widget(
            Paragraph::new(lines)
                .wrap(Wrap { trim: false })
                .block(block("Results — after the plan", theme)),
            area,
        );
        return;
    }
    let wide = area.width >= 100;
    let detail_h = if area.height >= 20 { 7 } else { 0 };
    let [list_a, detail_a] =
        Layout::vertical([Constraint::Min(3), Constraint::Length(detail_h)]).areas(area);
    let sel = app.sel(Screen::Results);
    let h = list_height(app).min(usize::from(list_a.height.saturating_sub(3)).max(1));
    let start = window(sel, h);
    let mut widths = vec![
        Constraint::Length(2),
        Constraint::Min(14),
        Constraint::Length(20),
        Constraint::Length(14),
    ];
    if wide {
        widths.extend([
            Constraint::Length(12),
            Constraint::Length(10),
            Constraint::Length(10),
        ]);
    } else {
        widths.push(Constraint::Length(10));
    }
    widths.push(Constraint::Length(2));
    let fixed: u16 = if wide {
        2 + 20 + 14 + 12 + 10 + 10 + 2 + 7
    } else {
        2 + 20 + 14 + 10 + 2 + 5
    };
    let title_w = usize::from(list_a.width.saturating_sub(fixed + 2)).max(8);
    let table_rows: Vec<Row> = rows
        .iter()
        .enumerate()
        .skip(start)
        .take(h)
        .map(|(i, r)| {
            let style = if i == sel {
                theme.selected()
            } else {
                theme.text()
            };
            let kind = match r.kind {
                Kind::Priority => Span::styled("P", theme.accent()),
                Kind::Initiative => Span::styled("I", theme.muted()),
            };
            let now = if r.has_goal {
                format!(
                    "{} → {} → {}",
                    number(r.baseline),
                    r.latest.map_or("—".into(), |l| number(l.value)),
                    number(r.target)
                )
            } else {
                "no goal".into()
            };
            let mut cells = vec![
                kind,
                Span::raw(cut(&clean(&r.title), title_w)),
                Span::raw(now),
                Span::raw(if r.has_goal {
                    progress_bar(r.progress)
                } else {
                    String::new()
                }),
            ];
            if wide {
                cells.push(Span::styled(sparkline(r, 12), theme.accent()));
                cells.push(track_span(r.track, theme));
                cells.push(Span::styled(
                    r.status.map_or("—", DeliveryStatus::name).to_string(),
                    status_style(r.status, theme),
                ));
            } else {
                cells.push(track_span(r.track, theme));
            }
            cells.push(if r.flags.is_empty() {
                Span::raw("")
            } else {
                Span::styled("⚠", theme.warning())
            });
            Row::new(cells).style(style)
        })
        .collect();
    let mut header = vec![
        "",
        "Priority / funded initiative",
        "Start → now → goal",
        "Progress",
    ];
    if wide {
        header.extend(["Readings", "Track", "Status"]);
    } else {
        header.push("Track");
    }
    header.push("");
    let flagged = rows.iter().filter(|r| !r.flags.is_empty()).count();
    let title = format!(
        "Results on {} — {} goals, {} behind, {} to discuss (⚠)",
        clean(&app.today),
        rows.iter().filter(|r| r.has_goal).count(),
        rows.iter().filter(|r| r.track == Track::Behind).count(),
        flagged
    );
    frame.render_widget(
        Table::new(table_rows, widths)
            .header(Row::new(header).style(theme.title()))
            .block(block(&title, theme)),
        list_a,
    );
    if detail_h > 0 {
        let row = rows.get(sel);
        let earlier = row.and_then(|r| fresh.earlier.get(&r.id));
        draw_detail(frame, detail_a, row, earlier, theme);
    }
}

/// The selected row in full: metric, the goal's date, every reading, status and flags.
fn draw_detail(
    frame: &mut Frame,
    area: Rect,
    r: Option<&ResultRow>,
    earlier: Option<&Vec<(String, crate::domain::results::Reading)>>,
    theme: &Theme,
) {
    let mut lines = Vec::new();
    if let Some(r) = r {
        let goal = if r.has_goal {
            format!(
                "{} ({}): {} → {}{}",
                clean(&r.metric),
                clean(&r.unit),
                number(r.baseline),
                number(r.target),
                r.by.as_deref()
                    .map(|b| format!(" by {}", clean(b)))
                    .unwrap_or_default()
            )
        } else {
            "no goal recorded".into()
        };
        lines.push(Line::from(vec![
            Span::styled(format!("{} ", clean(&r.id)), theme.accent()),
            Span::styled(goal, theme.title()),
        ]));
        let readings: Vec<String> = r
            .readings
            .iter()
            .rev()
            .take(6)
            .map(|x| format!("{} {}", x.date, number(x.value)))
            .collect();
        lines.push(Line::from(vec![
            Span::styled(sparkline(r, 24), theme.accent()),
            Span::styled(
                if readings.is_empty() {
                    "  no reading yet: roundtable measure".to_string()
                } else {
                    format!("  latest first: {}", readings.join(" · "))
                },
                theme.muted(),
            ),
        ]));
        if let Some(before) = earlier.filter(|b| !b.is_empty()) {
            lines.push(Line::styled(across_cycles(r, before), theme.accent()));
        }
        let mut facts = Vec::new();
        if let Some(s) = r.status {
            facts.push(format!("status {}", s.name()));
        }
        if let Some(m) = r.allocated {
            facts.push(format!("allocated {}", crate::domain::money::amount(m)));
        }
        if let Some((m, on)) = &r.spent {
            facts.push(format!(
                "spent {} (books to {})",
                crate::domain::money::amount(*m),
                clean(on)
            ));
        }
        if !facts.is_empty() {
            lines.push(Line::styled(facts.join(" · "), theme.text()));
        }
        for c in &r.commitments {
            lines.push(Line::styled(
                format!(
                    "↳ {} commits: {} {} by {}",
                    clean(&c.name),
                    clean(&c.metric),
                    number(c.target),
                    clean(&c.by)
                ),
                theme.accent(),
            ));
        }
        for f in &r.flags {
            lines.push(Line::styled(format!("⚠ {}", f.words()), theme.warning()));
        }
    }
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: true })
            .block(block("The selected goal", theme)),
        area,
    );
}
