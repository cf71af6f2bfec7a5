//! A survey's response rate and the segments it heard least from.

use crate::domain::records::Evidence;

/// A segment whose response rate is under half of the survey's.
#[derive(Debug, Clone, PartialEq)]
pub struct Quiet {
    /// Its position in `segments`.
    pub index: usize,
    pub name: String,
    /// Its response rate, in per cent.
    pub rate: f64,
}

/// How well a survey heard its customers.
#[derive(Debug, Clone, PartialEq)]
pub struct Hearing {
    /// The survey's response rate, in per cent.
    pub rate: f64,
    /// The segments heard least from (rate under half of the survey's), quietest first.
    pub quiet: Vec<Quiet>,
}

impl Hearing {
    /// `heard least from: accounts under 90 days, 2.1 % against 6.8 %`, if any segment is quiet.
    pub fn warning(&self) -> Option<String> {
        let q = self.quiet.first()?;
        let mut out = format!(
            "heard least from: {}, {} against {}",
            q.name,
            percent(q.rate),
            percent(self.rate)
        );
        for more in self.quiet.iter().skip(1) {
            out.push_str(&format!("; {}, {}", more.name, percent(more.rate)));
        }
        Some(out)
    }

    /// `response 6.8 %` for one line on screen.
    pub fn rate_line(&self) -> String {
        format!("response {}", percent(self.rate))
    }
}

/// `6.8 %`: a rate in per cent with one decimal.
pub fn percent(rate: f64) -> String {
    format!("{rate:.1} %")
}

/// The survey's response rate and quiet segments, when the record says who was invited
/// (`invited`/`responded`, or else the sum of its segments). `None` without such fields.
pub fn hearing(e: &Evidence) -> Option<Hearing> {
    let (invited, responded) = match (e.invited, e.responded) {
        (Some(i), Some(r)) => (i, r),
        _ if !e.segments.is_empty() => e.segments.iter().fold((0u64, 0u64), |(i, r), s| {
            (i.saturating_add(s.invited), r.saturating_add(s.responded))
        }),
        _ => return None,
    };
    let rate = rate(invited, responded)?;
    let mut quiet: Vec<Quiet> = e
        .segments
        .iter()
        .enumerate()
        .filter_map(|(index, s)| {
            let r = self::rate(s.invited, s.responded)?;
            (r < rate / 2.0).then(|| Quiet {
                index,
                name: s.name.clone(),
                rate: r,
            })
        })
        .collect();
    quiet.sort_by(|a, b| a.rate.total_cmp(&b.rate));
    Some(Hearing { rate, quiet })
}

fn rate(invited: u64, responded: u64) -> Option<f64> {
    (invited > 0).then(|| responded as f64 * 100.0 / invited as f64)
}
