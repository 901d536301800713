//! Colours, from a theme file: `themes/dark.toml` (the default), `light.toml` and
//! `sixteen.toml` (the 16 basic colours, for plain SSH terminals) are built in; a file of the
//! same shape in the config folder's `themes/` can replace or add one. `NO_COLOR` turns colours
//! off; emphasis then comes from bold, dim and reverse.

use std::collections::HashMap;
use std::str::FromStr;

use ratatui::style::{Color, Modifier, Style};

const BUILT_IN: &[(&str, &str)] = &[
    ("dark", include_str!("../../themes/dark.toml")),
    ("light", include_str!("../../themes/light.toml")),
    ("sixteen", include_str!("../../themes/sixteen.toml")),
];

const ROLES: &[&str] = &[
    "keyword",
    "function",
    "string",
    "number",
    "comment",
    "pipe",
    "title",
    "null",
    "selected_row_bg",
    "status_bg",
    "status_fg",
    "error",
    "ok",
    "mark",
];

/// What is wrong in a theme file; the workbench falls back to the dark theme and says it.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ThemeError {
    #[error("{0}")]
    NotToml(String),
    #[error("unknown role '{role}' (roles: {})", ROLES.join(", "))]
    UnknownRole { role: String },
    #[error("{role}: '{value}' is not a colour (a name, #rrggbb or 0-255)")]
    NotAColour { role: String, value: String },
}

#[derive(Clone, Debug, Default)]
pub struct Theme {
    colors: HashMap<&'static str, Color>,
}

impl Theme {
    /// No colours at all (`NO_COLOR`, and tests).
    pub fn plain() -> Theme {
        Theme::default()
    }

    /// A theme file's text: `role = "color"` with ratatui's colour names, `#rrggbb` or 0-255.
    pub fn from_toml(text: &str) -> Result<Theme, ThemeError> {
        let entries: HashMap<String, String> =
            toml::from_str(text).map_err(|e| ThemeError::NotToml(e.to_string()))?;
        let mut colors = HashMap::new();
        for (role, value) in entries {
            let Some(known) = ROLES.iter().find(|r| **r == role) else {
                return Err(ThemeError::UnknownRole { role });
            };
            let Ok(color) = Color::from_str(&value) else {
                return Err(ThemeError::NotAColour { role, value });
            };
            colors.insert(*known, color);
        }
        Ok(Theme { colors })
    }

    /// The theme named in the config: the hunter's file in `themes_dir` first, then a built-in.
    /// `NO_COLOR` wins over both. A broken file falls back to the default and says why.
    pub fn load(name: &str, themes_dir: &std::path::Path) -> (Theme, Option<String>) {
        if std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()) {
            return (Theme::plain(), None);
        }
        let own = themes_dir.join(format!("{name}.toml"));
        let text = match std::fs::read_to_string(&own) {
            Ok(text) => Some((text, own.display().to_string())),
            Err(_) => BUILT_IN
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(n, t)| ((*t).to_owned(), format!("built-in theme {n}"))),
        };
        let dark = || Theme::from_toml(BUILT_IN[0].1).unwrap_or_default();
        match text {
            None => (
                dark(),
                Some(format!(
                    "no theme named '{name}' (built in: dark, light, sixteen); using dark"
                )),
            ),
            Some((text, from)) => match Theme::from_toml(&text) {
                Ok(theme) => (theme, None),
                Err(e) => (dark(), Some(format!("{from}: {e}; using dark"))),
            },
        }
    }

    fn fg(&self, role: &str) -> Style {
        self.colors
            .get(role)
            .map_or_else(Style::default, |c| Style::default().fg(*c))
    }

    fn bg(&self, role: &str) -> Option<Color> {
        self.colors.get(role).copied()
    }

    pub fn keyword(&self) -> Style {
        self.fg("keyword").add_modifier(Modifier::BOLD)
    }
    pub fn function(&self) -> Style {
        self.fg("function")
    }
    pub fn string(&self) -> Style {
        self.fg("string")
    }
    pub fn number(&self) -> Style {
        self.fg("number")
    }
    pub fn comment(&self) -> Style {
        self.fg("comment").add_modifier(Modifier::ITALIC)
    }
    pub fn pipe(&self) -> Style {
        self.fg("pipe").add_modifier(Modifier::BOLD)
    }
    pub fn title(&self, focused: bool) -> Style {
        if focused {
            self.fg("title").add_modifier(Modifier::BOLD)
        } else {
            Style::default().add_modifier(Modifier::DIM)
        }
    }
    pub fn header(&self) -> Style {
        Style::default().add_modifier(Modifier::BOLD)
    }
    pub fn dim(&self) -> Style {
        Style::default().add_modifier(Modifier::DIM)
    }
    pub fn null(&self) -> Style {
        self.fg("null")
            .add_modifier(Modifier::ITALIC | Modifier::DIM)
    }
    pub fn selected_row(&self) -> Style {
        match self.bg("selected_row_bg") {
            Some(c) => Style::default().bg(c),
            None => Style::default().add_modifier(Modifier::BOLD),
        }
    }
    pub fn selected_cell(&self) -> Style {
        Style::default().add_modifier(Modifier::REVERSED)
    }
    pub fn status(&self) -> Style {
        match (self.bg("status_bg"), self.colors.get("status_fg")) {
            (Some(bg), Some(fg)) => Style::default().bg(bg).fg(*fg),
            (Some(bg), None) => Style::default().bg(bg),
            _ => Style::default().add_modifier(Modifier::REVERSED),
        }
    }
    pub fn error(&self) -> Style {
        self.fg("error").add_modifier(Modifier::BOLD)
    }
    pub fn ok(&self) -> Style {
        self.fg("ok")
    }
    pub fn mark(&self) -> Style {
        self.fg("mark")
            .add_modifier(Modifier::UNDERLINED | Modifier::BOLD)
    }

    /// A built-in theme by name (dark, light, sixteen), whatever `NO_COLOR` says: for tests
    /// and pictures of each theme.
    pub fn built_in(name: &str) -> Option<Theme> {
        BUILT_IN
            .iter()
            .find(|(n, _)| *n == name)
            .and_then(|(_, text)| Theme::from_toml(text).ok())
    }

    /// How charts look in this theme: series take the theme's own colours, each once, in an
    /// order that keeps neighbours apart; with no colours (`NO_COLOR`) series get markers.
    pub fn chart_style(&self, local_time: bool) -> crate::chart::ChartStyle {
        const SERIES: [&str; 9] = [
            "number", "string", "function", "keyword", "error", "title", "mark", "comment", "ok",
        ];
        let mut palette: Vec<Color> = Vec::new();
        for role in SERIES {
            if let Some(c) = self.colors.get(role) {
                if !palette.contains(c) {
                    palette.push(*c);
                }
            }
        }
        crate::chart::ChartStyle {
            palette,
            text: Style::default(),
            dim: self.dim(),
            title: self.title(true),
            cursor: self.mark(),
            mark: self.fg("mark"),
            local_time,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_themes_parse_and_use_only_what_they_promise() {
        for (name, text) in BUILT_IN {
            let theme = Theme::from_toml(text).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(theme.colors.len(), ROLES.len(), "{name} sets every role");
        }
        let sixteen = Theme::from_toml(BUILT_IN[2].1).unwrap();
        assert!(
            sixteen
                .colors
                .values()
                .all(|c| !matches!(c, Color::Rgb(..) | Color::Indexed(_))),
            "sixteen uses only the 16 basic colours"
        );
    }

    #[test]
    fn a_hunters_theme_file_replaces_a_built_in_and_mistakes_are_named() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("dark.toml"), "keyword = \"#ff0000\"\n").unwrap();
        let (theme, warning) = Theme::load("dark", dir.path());
        assert!(warning.is_none());
        assert_eq!(theme.keyword().fg, Some(Color::Rgb(255, 0, 0)));
        std::fs::write(
            dir.path().join("bad.toml"),
            "keyword = \"chartreuse-ish\"\n",
        )
        .unwrap();
        let (_, warning) = Theme::load("bad", dir.path());
        assert!(warning.unwrap().contains("is not a colour"));
        let (_, warning) = Theme::load("neon", dir.path());
        assert!(warning.unwrap().contains("built in: dark, light, sixteen"));
        let error = Theme::from_toml("glow = \"red\"").unwrap_err();
        assert_eq!(
            error,
            ThemeError::UnknownRole {
                role: "glow".into()
            }
        );
        assert!(error
            .to_string()
            .starts_with("unknown role 'glow' (roles: keyword,"));
    }
}
