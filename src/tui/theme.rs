//! Semantic styles (funded, unfunded, phase, heat…) loaded from themes/*.ron; views never name colours.

use ratatui::style::{Color, Modifier, Style};
use serde::Deserialize;
use std::str::FromStr;

/// The shipped themes, compiled in: (name, RON text).
pub const BUILT_IN: [(&str, &str); 4] = [
    ("dark", include_str!("../../themes/dark.ron")),
    ("light", include_str!("../../themes/light.ron")),
    (
        "high-contrast",
        include_str!("../../themes/high-contrast.ron"),
    ),
    ("okabe-ito", include_str!("../../themes/okabe-ito.ron")),
];

/// A theme file: every field optional so a user file may override part of a built-in
/// (`base: "light"` names the theme it starts from; default dark).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename = "Theme")]
pub struct ThemeFile {
    #[serde(default)]
    pub base: Option<String>,
    pub fg: Option<String>,
    pub bg: Option<String>,
    pub title: Option<String>,
    pub accent: Option<String>,
    pub muted: Option<String>,
    pub funded: Option<String>,
    pub unfunded: Option<String>,
    pub warning: Option<String>,
    pub error: Option<String>,
    pub selection_fg: Option<String>,
    pub selection_bg: Option<String>,
    pub phase_done: Option<String>,
    pub phase_current: Option<String>,
    pub phase_todo: Option<String>,
    pub heat: Option<Vec<String>>,
}

/// Why a theme could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum ThemeError {
    #[error("theme {name}: {message}")]
    Parse { name: String, message: String },
    #[error("theme {name}: `{value}` is not a colour (try a name like \"cyan\" or \"#1f5fa8\")")]
    Colour { name: String, value: String },
    #[error(
        "no theme named `{0}` (built in: dark, light, high-contrast, okabe-ito; yours: NAME.ron in ~/.config/roundtable/themes) and no such file"
    )]
    Unknown(String),
}

/// A where-a-phase-is for [`Theme::phase`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhaseState {
    Done,
    Current,
    Todo,
}

pub mod contrast;

/// Resolved semantic styles.
#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    pub name: String,
    colours: [Color; 14],
    heat: Vec<Color>,
    /// `NO_COLOR`: modifiers only.
    plain: bool,
}

const FIELDS: usize = 14;

impl Theme {
    /// Parses a theme file's text, on top of `base` when the file leaves fields out.
    pub fn parse(name: &str, text: &str, base: Option<&Theme>) -> Result<Theme, ThemeError> {
        let file: ThemeFile = read_file(text).map_err(|e| ThemeError::Parse {
            name: name.to_string(),
            message: e.to_string(),
        })?;
        let fallback = match (base, &file.base) {
            (_, Some(b)) => Some(Theme::built_in(b)?),
            (Some(b), None) => Some(b.clone()),
            (None, None) => None,
        };
        let fields = [
            &file.fg,
            &file.bg,
            &file.title,
            &file.accent,
            &file.muted,
            &file.funded,
            &file.unfunded,
            &file.warning,
            &file.error,
            &file.selection_fg,
            &file.selection_bg,
            &file.phase_done,
            &file.phase_current,
            &file.phase_todo,
        ];
        let mut colours = [Color::Reset; FIELDS];
        for (i, f) in fields.iter().enumerate() {
            colours[i] = match (f, &fallback) {
                (Some(v), _) => colour(name, v)?,
                (None, Some(b)) => b.colours[i],
                (None, None) => Color::Reset,
            };
        }
        let heat = match (&file.heat, &fallback) {
            (Some(h), _) => h
                .iter()
                .map(|v| colour(name, v))
                .collect::<Result<_, _>>()?,
            (None, Some(b)) => b.heat.clone(),
            (None, None) => vec![Color::Reset],
        };
        Ok(Theme {
            name: name.to_string(),
            colours,
            heat,
            plain: false,
        })
    }

    /// A shipped theme by name.
    pub fn built_in(name: &str) -> Result<Theme, ThemeError> {
        let (n, text) = BUILT_IN
            .iter()
            .find(|(n, _)| *n == name)
            .ok_or_else(|| ThemeError::Unknown(name.to_string()))?;
        Theme::parse(n, text, None)
    }

    /// The default dark theme (falls back to the terminal's colours if it could not parse).
    pub fn dark() -> Theme {
        Theme::built_in("dark").unwrap_or(Theme {
            name: "dark".into(),
            colours: [Color::Reset; FIELDS],
            heat: vec![Color::Reset],
            plain: false,
        })
    }

    /// Every shipped theme, in `t` order.
    pub fn all_built_in() -> Vec<Theme> {
        BUILT_IN
            .iter()
            .filter_map(|(n, _)| Theme::built_in(n).ok())
            .collect()
    }

    /// Without colour (for `NO_COLOR`): every style keeps only its modifiers.
    pub fn without_colour(mut self) -> Theme {
        self.plain = true;
        self
    }

    fn fg(&self, i: usize) -> Style {
        if self.plain {
            Style::new()
        } else {
            Style::new().fg(self.colours[i])
        }
    }

    /// Plain text on the theme's background.
    pub fn base(&self) -> Style {
        if self.plain {
            Style::new()
        } else {
            Style::new().fg(self.colours[0]).bg(self.colours[1])
        }
    }
    pub fn text(&self) -> Style {
        self.fg(0)
    }
    pub fn title(&self) -> Style {
        self.fg(2).add_modifier(Modifier::BOLD)
    }
    pub fn accent(&self) -> Style {
        self.fg(3)
    }
    pub fn muted(&self) -> Style {
        self.fg(4)
    }
    pub fn funded(&self) -> Style {
        self.fg(5)
    }
    pub fn unfunded(&self) -> Style {
        self.fg(6)
    }
    pub fn warning(&self) -> Style {
        self.fg(7).add_modifier(Modifier::BOLD)
    }
    pub fn error(&self) -> Style {
        self.fg(8).add_modifier(Modifier::BOLD)
    }
    /// The selected row.
    pub fn selected(&self) -> Style {
        if self.plain {
            Style::new().add_modifier(Modifier::REVERSED)
        } else {
            Style::new().fg(self.colours[9]).bg(self.colours[10])
        }
    }
    pub fn phase(&self, state: PhaseState) -> Style {
        match state {
            PhaseState::Done => self.fg(11),
            PhaseState::Current => self
                .fg(12)
                .add_modifier(Modifier::BOLD | Modifier::REVERSED),
            PhaseState::Todo => self.fg(13),
        }
    }
    /// A heat-map cell for an intensity in 0..=1 (background colour, text kept readable).
    pub fn heat(&self, intensity: f64) -> Style {
        if self.plain || self.heat.is_empty() {
            return if intensity > 0.5 {
                Style::new().add_modifier(Modifier::BOLD)
            } else {
                Style::new()
            };
        }
        let last = self.heat.len() - 1;
        let i = (intensity.clamp(0.0, 1.0) * last as f64).round() as usize;
        let bg = self.heat[i.min(last)];
        // The ink that reads best on this cell (the theme's text colour on a terminal whose
        // palette is unknown).
        let fg = contrast::rgb(bg).map_or(self.colours[0], contrast::ink_for);
        Style::new().bg(bg).fg(fg)
    }
}

fn read_file(text: &str) -> Result<ThemeFile, ron::error::SpannedError> {
    ron::Options::default()
        .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
        .from_str(text)
}

fn colour(name: &str, value: &str) -> Result<Color, ThemeError> {
    Color::from_str(value).map_err(|_| ThemeError::Colour {
        name: name.to_string(),
        value: value.to_string(),
    })
}

/// Where user themes live: `$XDG_CONFIG_HOME/roundtable/themes`, else
/// `$HOME/.config/roundtable/themes`. Each `NAME.ron` there is selectable as `--theme NAME`
/// and joins the `t` cycle.
pub fn user_dir() -> Option<std::path::PathBuf> {
    let base = std::env::var_os("XDG_CONFIG_HOME")
        .filter(|v| !v.is_empty())
        .map(std::path::PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| std::path::Path::new(&h).join(".config")))?;
    Some(base.join("roundtable").join("themes"))
}

/// The user themes of `dir` (`*.ron`, by name), each on top of dark unless it names a `base`.
/// A file that does not parse is reported, not fatal.
pub fn user_themes(dir: &std::path::Path) -> (Vec<Theme>, Vec<ThemeError>) {
    let mut paths: Vec<std::path::PathBuf> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "ron"))
                .collect()
        })
        .unwrap_or_default();
    paths.sort();
    let mut themes = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        let name = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        match std::fs::read_to_string(&path) {
            Ok(text) => match Theme::parse(&name, &text, Some(&Theme::dark())) {
                Ok(t) => themes.push(t),
                Err(e) => errors.push(e),
            },
            Err(e) => errors.push(ThemeError::Parse {
                name,
                message: e.to_string(),
            }),
        }
    }
    (themes, errors)
}

/// Resolves `--theme`: a built-in name, a user theme's name (see [`user_dir`]), or a path to
/// a theme file (which may set `base` and override part of it). `NO_COLOR` strips colour.
pub fn resolve(choice: Option<&str>, no_color: bool) -> Result<Theme, ThemeError> {
    resolve_in(choice, no_color, user_dir().as_deref())
}

/// [`resolve`] with the user theme folder given.
pub fn resolve_in(
    choice: Option<&str>,
    no_color: bool,
    users: Option<&std::path::Path>,
) -> Result<Theme, ThemeError> {
    let named = |name: &str| users.map(|d| d.join(format!("{name}.ron")));
    let theme = match choice {
        None => Theme::dark(),
        Some(name) if BUILT_IN.iter().any(|(n, _)| *n == name) => Theme::built_in(name)?,
        Some(name) if named(name).is_some_and(|p| p.is_file()) => {
            let path = named(name).unwrap_or_default();
            let text = std::fs::read_to_string(&path)
                .map_err(|_| ThemeError::Unknown(name.to_string()))?;
            Theme::parse(name, &text, Some(&Theme::dark()))?
        }
        Some(path) => {
            let text =
                std::fs::read_to_string(path).map_err(|_| ThemeError::Unknown(path.to_string()))?;
            Theme::parse(path, &text, Some(&Theme::dark()))?
        }
    };
    Ok(if no_color {
        theme.without_colour()
    } else {
        theme
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shipped_theme_parses_completely() {
        for (name, text) in BUILT_IN {
            let file: ThemeFile = read_file(text).unwrap_or_default();
            assert!(
                file.fg.is_some() && file.heat.is_some(),
                "{name} is incomplete"
            );
            let theme = Theme::parse(name, text, None);
            assert!(theme.is_ok(), "{name}: {theme:?}");
        }
        assert_eq!(Theme::all_built_in().len(), 4);
    }

    #[test]
    fn a_user_theme_overrides_part_of_a_built_in() {
        let t = Theme::parse("mine", r##"Theme(base: "light", funded: "#00ff00")"##, None);
        let t = t.unwrap_or_else(|e| unreachable!("{e}"));
        let light = Theme::built_in("light").unwrap_or_else(|e| unreachable!("{e}"));
        assert_eq!(t.funded().fg, Some(Color::Rgb(0, 255, 0)));
        assert_eq!(t.unfunded(), light.unfunded());
    }

    #[test]
    fn user_themes_are_found_by_name_and_listed_for_t() {
        let dir = std::env::temp_dir().join(format!("rt-themes-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap_or_default();
        let write = |n: &str, t: &str| std::fs::write(dir.join(n), t).unwrap_or_default();
        write("room-b.ron", r##"Theme(base: "light", accent: "#ff00ff")"##);
        write("broken.ron", r#"Theme(fg: "nope")"#);
        write("notes.txt", "not a theme");
        let t =
            resolve_in(Some("room-b"), false, Some(&dir)).unwrap_or_else(|e| unreachable!("{e}"));
        assert_eq!(
            (t.name.as_str(), t.accent().fg),
            ("room-b", Some(Color::Rgb(255, 0, 255)))
        );
        let (themes, errors) = user_themes(&dir);
        let names: Vec<&str> = themes.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(names, vec!["room-b"]);
        assert_eq!(errors.len(), 1, "broken.ron is reported");
        assert!(matches!(
            resolve_in(Some("broken"), false, Some(&dir)),
            Err(ThemeError::Colour { .. })
        ));
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn bad_colours_and_names_are_refused() {
        assert!(matches!(
            Theme::parse("x", r#"Theme(fg: "nope")"#, None),
            Err(ThemeError::Colour { .. })
        ));
        assert!(matches!(
            resolve(Some("/no/such/theme.ron"), false),
            Err(ThemeError::Unknown(_))
        ));
        assert_eq!(
            resolve(Some("light"), true).map(|t| t.funded().fg).ok(),
            Some(None)
        );
    }

    /// WCAG 2.1 contrast of every shipped theme, computed: each text colour on the theme's
    /// background at least 4.5:1 (AA), 7:1 for high-contrast (AAA); the selection and every
    /// heat cell with the ink the theme draws on it likewise. A `reset` background is taken as
    /// black: those themes are drawn for a dark terminal.
    #[test]
    fn every_shipped_theme_meets_wcag_contrast() {
        use contrast::{ratio, rgb};
        const TEXT: [(usize, &str); 12] = [
            (0, "fg"),
            (2, "title"),
            (3, "accent"),
            (4, "muted"),
            (5, "funded"),
            (6, "unfunded"),
            (7, "warning"),
            (8, "error"),
            (11, "phase_done"),
            (12, "phase_current (reversed: the background on it)"),
            (13, "phase_todo"),
            (9, "selection_fg (on selection_bg)"),
        ];
        let mut failures = Vec::new();
        for theme in Theme::all_built_in() {
            let need = if theme.name == "high-contrast" {
                7.0
            } else {
                4.5
            };
            let bg = rgb(theme.colours[1]).unwrap_or((0, 0, 0));
            let mut judge = |what: String, fg: Color, on: (u8, u8, u8)| {
                let fg = rgb(fg).unwrap_or((0xe5, 0xe5, 0xe5));
                let r = ratio(fg, on);
                if r < need {
                    failures.push(format!("{}: {what} {r:.2}:1 < {need}:1", theme.name));
                }
            };
            for (i, name) in TEXT {
                let on = if i == 9 {
                    rgb(theme.colours[10]).unwrap_or((0, 0, 0))
                } else {
                    bg
                };
                judge(name.to_string(), theme.colours[i], on);
            }
            for (k, cell) in theme.heat.clone().into_iter().enumerate() {
                let on = rgb(cell).unwrap_or(bg);
                let ink = theme
                    .heat(k as f64 / (theme.heat.len() - 1).max(1) as f64)
                    .fg;
                judge(format!("heat[{k}] ink"), ink.unwrap_or(Color::Reset), on);
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    /// The colour-blind-safe theme draws every status in the Okabe–Ito palette only.
    #[test]
    fn okabe_ito_status_colours_come_from_its_palette() {
        const PALETTE: [(u8, u8, u8); 8] = [
            (0x00, 0x00, 0x00),
            (0xE6, 0x9F, 0x00),
            (0x56, 0xB4, 0xE9),
            (0x00, 0x9E, 0x73),
            (0xF0, 0xE4, 0x42),
            (0x00, 0x72, 0xB2),
            (0xD5, 0x5E, 0x00),
            (0xCC, 0x79, 0xA7),
        ];
        let t = Theme::built_in("okabe-ito").unwrap_or_else(|e| unreachable!("{e}"));
        for (i, name) in [
            (5, "funded"),
            (6, "unfunded"),
            (7, "warning"),
            (8, "error"),
            (10, "selection_bg"),
            (11, "phase_done"),
            (12, "phase_current"),
            (13, "phase_todo"),
        ] {
            let c = contrast::rgb(t.colours[i]);
            assert!(
                c.is_some_and(|c| PALETTE.contains(&c)),
                "{name} is {:?}, not an Okabe–Ito colour",
                t.colours[i]
            );
        }
        assert_ne!(t.colours[5], t.colours[6], "funded and unfunded differ");
    }
}
