//! Keys → actions as a data table; the help overlay and the status-bar hints read the same table.

use crate::tui::action::{Action, Screen};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    /// Every screen (unless a dialog or a text field has the keyboard).
    Global,
    /// One screen.
    On(Screen),
    /// A dialog or a text field is open.
    Input,
}

/// One row of the keymap.
#[derive(Debug, Clone)]
pub struct Binding {
    pub key: KeyCode,
    pub context: Context,
    pub action: Action,
    /// Shown in help and hints.
    pub label: &'static str,
    pub description: &'static str,
    /// Shown in the status bar.
    pub hint: bool,
}

const fn b(
    key: KeyCode,
    context: Context,
    action: Action,
    label: &'static str,
    description: &'static str,
    hint: bool,
) -> Binding {
    Binding {
        key,
        context,
        action,
        label,
        description,
        hint,
    }
}

use Context::{Global, Input, On};
use KeyCode::{
    BackTab, Backspace, Char, Down, Enter, Esc, F, Left, PageDown, PageUp, Right, Tab, Up,
};

/// The whole keymap, in the order help shows it.
#[rustfmt::skip]
pub fn bindings() -> Vec<Binding> {
    let s = Screen::ALL;
    let mut v = vec![
        b(Char('?'), Global, Action::Help, "?", "show or hide this help", true),
        b(Char('q'), Global, Action::Quit, "q", "quit", true),
        b(Tab, Global, Action::NextScreen, "Tab", "next screen", true),
        b(BackTab, Global, Action::PrevScreen, "S-Tab", "previous screen", false),
        b(Up, Global, Action::Up, "↑/k", "select previous row", false),
        b(Char('k'), Global, Action::Up, "k", "select previous row", false),
        b(Down, Global, Action::Down, "↓/j", "select next row", false),
        b(Char('j'), Global, Action::Down, "j", "select next row", false),
        b(PageUp, Global, Action::PageUp, "PgUp", "page up", false),
        b(PageDown, Global, Action::PageDown, "PgDn", "page down", false),
        b(Char('t'), Global, Action::CycleTheme, "t", "next colour theme", false),
        b(Char('F'), Global, Action::Present, "F", "room-sized present mode", true),
        b(F(5), Global, Action::Reload, "F5", "reload the forum from git", false),
        b(Char('A'), Global, Action::Advance, "A", "advance one phase (asks first)", false),
    ];
    for (i, screen) in s.iter().enumerate() {
        let digit = char::from(b'1' + u8::try_from(i).unwrap_or(0));
        v.push(b(F(u8::try_from(i + 1).unwrap_or(1)), Global, Action::Go(*screen), "F1…F8", "go to a screen", false));
        for ctx in s.iter().filter(|x| **x != Screen::Scoring) {
            v.push(b(Char(digit), On(*ctx), Action::Go(*screen), "1…8", "go to a screen (F1…F8 too)", false));
        }
    }
    v.extend([
        b(Char('K'), On(Screen::Priorities), Action::MoveUp, "K", "move the priority up (manual order)", true),
        b(Char('J'), On(Screen::Priorities), Action::MoveDown, "J", "move the priority down (manual order)", true),
        b(Char('L'), On(Screen::Priorities), Action::Advance, "L", "lock the ranking (advance to Scoring)", true),
        b(Char('b'), On(Screen::Priorities), Action::Ballot, "b", "cast or edit a member's ballot", true),
        b(Char('m'), On(Screen::Priorities), Action::NextMember, "m", "ballot: the next member's", false),
        b(Char('c'), On(Screen::Priorities), Action::Commit, "c", "commit the ballot or manual order as a decision", true),
        b(Esc, On(Screen::Priorities), Action::Cancel, "Esc", "drop the ballot or manual order being edited", false),
        b(Char('s'), On(Screen::Initiatives), Action::Sort, "s", "sort by the next column", true),
        b(Char('f'), On(Screen::Initiatives), Action::FilterSilo, "f", "filter by silo", true),
        b(Char('f'), On(Screen::History), Action::FilterKind, "f", "filter by decision kind", true),
        b(Char('m'), On(Screen::History), Action::FilterMember, "m", "filter by member (decided or present)", true),
        b(Enter, On(Screen::Initiatives), Action::Detail, "Enter", "enlarge or shrink the detail pane", true),
        b(Char('/'), On(Screen::Initiatives), Action::Search, "/", "search titles", true),
        b(Left, On(Screen::Scoring), Action::Left, "←", "previous initiative", true),
        b(Right, On(Screen::Scoring), Action::Right, "→", "next initiative", true),
        b(Char('m'), On(Screen::Scoring), Action::NextScorer, "m", "score as: consensus or a member", true),
        b(Char('r'), On(Screen::Scoring), Action::Reveal, "r", "reveal or hide individual scores", true),
        b(Char('u'), On(Screen::Scoring), Action::NextUnscored, "u", "next initiative not yet scored (by this scorer)", false),
    ]);
    for d in 0..=9u8 {
        v.push(b(Char(char::from(b'0' + d)), On(Screen::Scoring), Action::Score(d), "0…4", "score the selected priority", d == 0));
    }
    v.extend([
        b(Left, On(Screen::Allocation), Action::BudgetDown, "←", "what-if budget −5%", true),
        b(Right, On(Screen::Allocation), Action::BudgetUp, "→", "what-if budget +5%", true),
        b(Char('b'), On(Screen::Allocation), Action::BudgetType, "b", "type a what-if budget", true),
        b(Char('0'), On(Screen::Allocation), Action::BudgetReset, "0", "back to the forum's budget", false),
        b(Char(' '), On(Screen::Allocation), Action::ToggleLine, "Space", "fund/unfund a line by hand (reason asked)", true),
        b(Char('c'), On(Screen::Scoring), Action::Commit, "c", "commit the entered scores as a decision", true),
        b(Char('c'), On(Screen::Allocation), Action::Commit, "c", "commit the allocation as a decision", true),
        b(Char('a'), On(Screen::Proposals), Action::Accept, "a", "accept the selected proposal (asks first)", true),
        b(Enter, Input, Action::Confirm, "Enter", "confirm", true),
        b(Esc, Input, Action::Cancel, "Esc", "cancel", true),
        b(Tab, Input, Action::NextField, "Tab", "next field", true),
        b(Backspace, Input, Action::Erase, "Bksp", "delete a character", false),
    ]);
    v.extend([
        b(Char('a'), On(Screen::Initiatives), Action::Audit, "a", "audit the selected initiative", false),
        b(Char('a'), On(Screen::History), Action::Audit, "a", "audit the initiative selected on Initiatives", false),
        b(Char('a'), On(Screen::Scoring), Action::Audit, "a", "audit the initiative being scored", false),
        b(Char('a'), On(Screen::Allocation), Action::Audit, "a", "audit the line: why (not) funded", false),
        b(Left, On(Screen::History), Action::Left, "←", "audit the previous initiative", false),
        b(Right, On(Screen::History), Action::Right, "→", "audit the next initiative", false),
        b(Esc, On(Screen::History), Action::Cancel, "Esc", "close the audit", false),
    ]);
    v
}

/// The action for a key in a context: screen bindings first, then global ones.
pub fn lookup(table: &[Binding], context: Context, key: KeyEvent) -> Option<Action> {
    if key.modifiers.contains(KeyModifiers::CONTROL) && key.code == Char('c') {
        return Some(if context == Input {
            Action::Cancel
        } else {
            Action::Quit
        });
    }
    if context == Input {
        if let Some(found) = table
            .iter()
            .find(|x| x.context == Input && x.key == key.code)
        {
            return Some(found.action.clone());
        }
        return match key.code {
            Char(c) => Some(Action::Type(c)),
            _ => None,
        };
    }
    let on = table
        .iter()
        .find(|x| x.context == context && x.key == key.code);
    on.or_else(|| {
        table
            .iter()
            .find(|x| x.context == Global && x.key == key.code)
    })
    .map(|x| x.action.clone())
}

/// Help rows for a context: (label, description), one per distinct description.
pub fn help_rows(table: &[Binding], context: Context) -> Vec<(&'static str, &'static str)> {
    let mut rows: Vec<(&'static str, &'static str)> = Vec::new();
    for x in table.iter().filter(|x| x.context == context) {
        if !rows.iter().any(|(_, d)| *d == x.description) {
            rows.push((x.label, x.description));
        }
    }
    rows
}

/// Status-bar hints for a context: the screen's hinted keys, then the global ones.
pub fn hints(table: &[Binding], context: Context) -> Vec<(&'static str, &'static str)> {
    let mut out: Vec<(&'static str, &'static str)> = Vec::new();
    let screen = table.iter().filter(|x| x.hint && x.context == context);
    let global = table
        .iter()
        .filter(|x| x.hint && x.context == Global && context != Input);
    for x in screen.chain(global) {
        if !out.iter().any(|(l, _)| *l == x.label) {
            out.push((x.label, short(x.description)));
        }
    }
    out
}

/// The status-bar wording of an action: a word or two.
fn short(description: &'static str) -> &'static str {
    match description {
        "show or hide this help" => "help",
        "next screen" => "screens",
        "room-sized present mode" => "present",
        "move the priority up (manual order)" => "up",
        "move the priority down (manual order)" => "down",
        "lock the ranking (advance to Scoring)" => "lock",
        "sort by the next column" => "sort",
        "filter by silo" => "silo",
        "enlarge or shrink the detail pane" => "detail",
        "filter by decision kind" => "kind",
        "filter by member (decided or present)" => "member",
        "cast or edit a member's ballot" => "ballot",
        "commit the ballot or manual order as a decision" => "commit",
        "search titles" => "search",
        "previous initiative" => "prev",
        "next initiative" => "next",
        "score as: consensus or a member" => "scorer",
        "reveal or hide individual scores" => "reveal",
        "score the selected priority" => "score",
        "what-if budget −5%" => "−5%",
        "what-if budget +5%" => "+5%",
        "type a what-if budget" => "budget",
        "fund/unfund a line by hand (reason asked)" => "by hand",
        "accept the selected proposal (asks first)" => "accept",
        "commit the allocation as a decision" | "commit the entered scores as a decision" => {
            "commit"
        }
        other => other.split(" (").next().unwrap_or(other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn screen_keys_win_over_global_ones() {
        let t = bindings();
        assert_eq!(
            lookup(&t, On(Screen::Scoring), key(Char('3'))),
            Some(Action::Score(3))
        );
        assert_eq!(
            lookup(&t, On(Screen::Overview), key(Char('3'))),
            Some(Action::Go(Screen::Priorities))
        );
        assert_eq!(
            lookup(&t, On(Screen::Allocation), key(Left)),
            Some(Action::BudgetDown)
        );
        assert_eq!(lookup(&t, Input, key(Char('q'))), Some(Action::Type('q')));
        assert_eq!(
            lookup(&t, On(Screen::Overview), key(Char('q'))),
            Some(Action::Quit)
        );
    }

    #[test]
    fn every_binding_has_a_description_and_help_lists_it() {
        let t = bindings();
        assert!(t.iter().all(|x| !x.description.is_empty()));
        assert!(help_rows(&t, Global).iter().any(|(l, _)| *l == "?"));
        assert!(
            hints(&t, On(Screen::Allocation))
                .iter()
                .any(|(l, _)| *l == "c")
        );
    }
}
