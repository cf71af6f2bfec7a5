//! Scoring: jump to the next initiative the chosen scorer has not scored yet, so a
//! facilitator finds what still blocks the advance to Allocation without paging through all.

use crate::domain::analysis::FlagKind;
use crate::domain::records::CONSENSUS;
use crate::domain::text::sanitize;
use crate::tui::action::Screen;
use crate::tui::app::App;

/// Moves the selection to the next initiative (after the selected one, wrapping) with no
/// score from the current scorer — for the forum's consensus card, one nobody has scored
/// (its value is 0). A member's own silo's initiatives are skipped when recusal is on.
pub fn next_unscored(app: &mut App) {
    let Some(f) = &app.fresh else { return };
    let rows = app.initiative_rows();
    if rows.is_empty() {
        return;
    }
    let scorer = app.scorer.clone();
    let silo = f
        .snapshot
        .forum
        .members
        .iter()
        .find(|m| m.id == scorer)
        .map(|m| m.silo.clone());
    let recusal = f.snapshot.forum.recusal;
    let waiting = |id: &str| -> bool {
        if scorer == CONSENSUS {
            return f
                .analysis
                .valuation(id)
                .is_some_and(|v| v.flags.iter().any(|x| x.kind == FlagKind::Unscored));
        }
        let own = f
            .snapshot
            .initiatives
            .get(id)
            .is_some_and(|p| Some(&p.silo) == silo.as_ref());
        !(recusal && own)
            && f.analysis
                .order
                .iter()
                .all(|p| app.score_of(&scorer, id, p).is_none())
    };
    let cur = app.sel(Screen::Initiatives).min(rows.len() - 1);
    let found = (1..=rows.len())
        .map(|k| (cur + k) % rows.len())
        .find(|&i| waiting(&rows[i]));
    let consensus = scorer == CONSENSUS;
    app.status = match found {
        Some(i) => {
            let title = f
                .analysis
                .valuation(&rows[i])
                .map_or_else(|| sanitize(&rows[i]), |v| sanitize(&v.title));
            app.cursor.insert(Screen::Initiatives.title(), i);
            if consensus {
                format!("Not scored by anyone yet: {title}")
            } else {
                format!("Not yet scored by {}: {title}", sanitize(&scorer))
            }
        }
        None if consensus => "Every initiative has been scored.".to_string(),
        None => format!("Every initiative has a score from {}.", sanitize(&scorer)),
    };
}
