//! A member's own seat (`roundtable --member ID`): the app opened for one member, who edits
//! their own ballot and their own scorecard and nothing else; their decisions are their own
//! commits, and the background sync pushes them.

use crate::tui::action::{Action, Screen};
use crate::tui::app::App;

/// Why the seat refuses `action`, or `None` when a member may do it from their seat.
pub fn refuses(app: &App, action: &Action) -> Option<String> {
    let member = app.seat.as_deref()?;
    let what = match action {
        Action::Advance | Action::MoveUp | Action::MoveDown => "moving the forum or its ranking",
        Action::NextScorer | Action::NextMember => "another member's ballot or scorecard",
        Action::Reveal => "revealing the other members' scores",
        Action::ToggleLine | Action::BudgetType | Action::Rebudget => "the allocation",
        Action::Accept => "accepting a proposal",
        Action::Commit if !matches!(app.screen, Screen::Scoring | Screen::Priorities) => {
            "deciding anything but a ballot or a scorecard"
        }
        _ => return None,
    };
    Some(format!(
        "{member}'s seat: {what} is the room's to decide (your ballot on 3 Ranking, your \
         scores on 5 Scoring)"
    ))
}

/// Keeps the seat's member as the scorer and as the ballot being edited.
pub fn settle(app: &mut App) {
    let Some(member) = app.seat.clone() else {
        return;
    };
    app.scoring.scorer.clone_from(&member);
    if let Some(ballot) = app.ranking.ballot.as_mut()
        && ballot.member != member
    {
        // The edit was opened on someone else's ballot: start again on the member's own.
        app.ranking.ballot = None;
        crate::tui::update::ranking::toggle(app);
        if let Some(b) = app.ranking.ballot.as_mut()
            && b.member != member
        {
            b.member = member;
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use crate::tui::msg::Msg;
    use crate::tui::update::update;

    #[test]
    fn a_seat_scores_and_votes_for_its_member_and_refuses_the_rest() {
        let mut app = App::new("fy", 1);
        app.seat = Some("sam".into());
        settle(&mut app);
        assert_eq!(app.scoring.scorer, "sam");
        assert_eq!(app.facilitator(), "sam");
        for action in [
            Action::Advance,
            Action::NextScorer,
            Action::Reveal,
            Action::Accept,
        ] {
            app.status.clear();
            let effects = update(&mut app, Msg::Action(action.clone()));
            assert!(effects.is_empty(), "{action:?}");
            assert!(
                app.status.starts_with("sam's seat: "),
                "{action:?}: {}",
                app.status
            );
        }
        app.screen = Screen::Allocation;
        assert!(refuses(&app, &Action::Commit).is_some());
        app.screen = Screen::Scoring;
        assert_eq!(refuses(&app, &Action::Commit), None);
        assert_eq!(refuses(&app, &Action::Score(3)), None);
        assert_eq!(refuses(&app, &Action::Go(Screen::History)), None);
        // Without a seat, nothing is refused here.
        app.seat = None;
        assert_eq!(refuses(&app, &Action::Advance), None);
    }
}
