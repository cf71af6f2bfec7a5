//! Inline SVG charts for the HTML brief: budget by silo, value against cost with the cut line,
//! and a metric's readings as a small line.

use crate::domain::money::amount;
use crate::report::brief::Brief;
use crate::report::html::escape;
use crate::report::num;
use std::fmt::Write;

const WIDTH: f64 = 720.0;

/// Horizontal bars per silo: what it asked for (light) and what it is allocated (dark).
pub fn budget_by_silo(b: &Brief) -> String {
    let row = 30.0;
    let label_w = 190.0;
    let bar_w = WIDTH - label_w - 150.0;
    let height = row * b.silos.len() as f64 + 40.0;
    let max = b
        .silos
        .iter()
        .map(|s| s.requested)
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let mut o = String::new();
    let _ = write!(
        o,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {WIDTH} {height}" role="img" aria-labelledby="silo-chart-title"><title id="silo-chart-title">Budget by silo: asked for and allocated</title>"#
    );
    for (k, s) in b.silos.iter().enumerate() {
        let y = 10.0 + row * k as f64;
        let asked = bar_w * s.requested as f64 / max;
        let got = bar_w * s.allocated as f64 / max;
        let _ = write!(
            o,
            r#"<text x="{}" y="{}" class="label" text-anchor="end">{}</text><rect x="{label_w}" y="{y}" width="{}" height="20" class="asked"/><rect x="{label_w}" y="{y}" width="{}" height="20" class="funded"/><text x="{}" y="{}" class="label">{} / {}</text>"#,
            label_w - 8.0,
            y + 15.0,
            escape(&s.name),
            num(asked, 1),
            num(got, 1),
            label_w + asked.max(got) + 6.0,
            y + 15.0,
            amount(s.allocated),
            amount(s.requested)
        );
    }
    let ly = height - 12.0;
    let _ = write!(
        o,
        r#"<rect x="{label_w}" y="{}" width="12" height="12" class="funded"/><text x="{}" y="{ly}" class="label">allocated</text><rect x="{}" y="{}" width="12" height="12" class="asked"/><text x="{}" y="{ly}" class="label">asked for</text></svg>"#,
        ly - 10.0,
        label_w + 16.0,
        label_w + 110.0,
        ly - 10.0,
        label_w + 126.0
    );
    o
}

/// Every initiative as a point (cost → value); funded filled, unfunded hollow; the dashed
/// cut line is the lowest value per money among funded initiatives that are not mandatory.
pub fn value_vs_cost(b: &Brief) -> String {
    let (left, right, top, bottom) = (70.0, 45.0, 20.0, 50.0);
    let height = 380.0;
    let plot_w = WIDTH - left - right;
    let plot_h = height - top - bottom;
    let max_cost = b
        .initiatives
        .iter()
        .map(|i| i.cost)
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let max_value = b
        .initiatives
        .iter()
        .map(|i| i.value)
        .fold(0.0_f64, f64::max)
        .max(1e-9)
        * 1.1;
    let x = |c: f64| left + plot_w * c / max_cost;
    let y = |v: f64| top + plot_h * (1.0 - v / max_value);
    let mut o = String::new();
    let _ = write!(
        o,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {WIDTH} {height}" role="img" aria-labelledby="value-chart-title"><title id="value-chart-title">Value against cost; filled points are funded; the dashed line is the cut</title>"#
    );
    let _ = write!(
        o,
        r#"<line x1="{left}" y1="{}" x2="{}" y2="{}" class="axis"/><line x1="{left}" y1="{top}" x2="{left}" y2="{}" class="axis"/>"#,
        top + plot_h,
        left + plot_w,
        top + plot_h,
        top + plot_h
    );
    for k in 0..=4 {
        let c = max_cost * f64::from(k) / 4.0;
        let v = max_value * f64::from(k) / 4.0;
        let _ = write!(
            o,
            r#"<text x="{}" y="{}" class="tick" text-anchor="middle">{}</text><text x="{}" y="{}" class="tick" text-anchor="end">{}</text>"#,
            num(x(c), 1),
            top + plot_h + 16.0,
            amount(c.round() as u64),
            left - 6.0,
            num(y(v) + 4.0, 1),
            num(v, 2)
        );
    }
    let _ = write!(
        o,
        r#"<text x="{}" y="{}" class="label" text-anchor="middle">cost ({})</text><text x="14" y="{}" class="label" transform="rotate(-90 14 {})" text-anchor="middle">value</text>"#,
        left + plot_w / 2.0,
        height - 8.0,
        escape(&b.currency),
        top + plot_h / 2.0,
        top + plot_h / 2.0
    );
    let cut = b
        .initiatives
        .iter()
        .filter(|i| i.allocated > 0 && i.cost > 0 && !i.mandatory)
        .map(|i| i.value / i.cost as f64)
        .fold(f64::INFINITY, f64::min);
    if cut.is_finite() {
        let (mut c_end, mut v_end) = (max_cost, cut * max_cost);
        if v_end > max_value {
            v_end = max_value;
            c_end = max_value / cut;
        }
        let _ = write!(
            o,
            r#"<line x1="{}" y1="{}" x2="{}" y2="{}" class="cut"/><text x="{}" y="{}" class="label" text-anchor="end">cut line: {} value per 100,000</text>"#,
            num(x(0.0), 1),
            num(y(0.0), 1),
            num(x(c_end), 1),
            num(y(v_end), 1),
            num(x(c_end), 1),
            num(y(v_end) - 8.0, 1),
            num(cut * 100_000.0, 3)
        );
    }
    for i in &b.initiatives {
        let class = if i.allocated > 0 { "dot funded" } else { "dot" };
        let _ = write!(
            o,
            r#"<circle cx="{}" cy="{}" r="5" class="{class}"><title>{} — cost {}, value {}</title></circle>"#,
            num(x(i.cost as f64), 1),
            num(y(i.value), 1),
            escape(&i.title),
            amount(i.cost),
            num(i.value, 3)
        );
    }
    o.push_str("</svg>");
    o
}

/// A small line of a metric's readings (oldest left), 160 × 36, for the evidence section.
pub fn series_line(name: &str, values: &[f64]) -> String {
    let finite: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
    let (w, h, pad) = (160.0, 36.0, 3.0);
    let lo = finite.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = finite.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let span = if hi > lo { hi - lo } else { 1.0 };
    let step = (w - 2.0 * pad) / (finite.len().max(2) - 1) as f64;
    let points: Vec<String> = finite
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let x = pad + step * i as f64;
            let y = if hi > lo {
                pad + (h - 2.0 * pad) * (1.0 - (v - lo) / span)
            } else {
                h / 2.0
            };
            format!("{x:.1},{y:.1}")
        })
        .collect();
    format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="series" width="{w}" height="{h}" viewBox="0 0 {w} {h}" role="img"><title>{}</title><polyline fill="none" stroke="currentColor" stroke-width="1.5" points="{}"/></svg>"#,
        escape(name),
        points.join(" ")
    )
}
