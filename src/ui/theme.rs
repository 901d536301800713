//! Colours. `NO_COLOR` turns them all off; emphasis then comes from bold, dim and reverse.

use ratatui::style::{Color, Modifier, Style};

#[derive(Clone, Copy, Debug)]
pub struct Theme {
    pub color: bool,
}

impl Theme {
    pub fn from_env() -> Theme {
        Theme {
            color: std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
        }
    }

    fn fg(&self, color: Color) -> Style {
        if self.color {
            Style::default().fg(color)
        } else {
            Style::default()
        }
    }

    pub fn keyword(&self) -> Style {
        self.fg(Color::Magenta).add_modifier(Modifier::BOLD)
    }
    pub fn function(&self) -> Style {
        self.fg(Color::Cyan)
    }
    pub fn string(&self) -> Style {
        self.fg(Color::Green)
    }
    pub fn number(&self) -> Style {
        self.fg(Color::Yellow)
    }
    pub fn comment(&self) -> Style {
        self.fg(Color::DarkGray).add_modifier(Modifier::ITALIC)
    }
    pub fn pipe(&self) -> Style {
        self.fg(Color::Blue).add_modifier(Modifier::BOLD)
    }
    pub fn title(&self, focused: bool) -> Style {
        if focused {
            self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
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
        self.fg(Color::DarkGray)
            .add_modifier(Modifier::ITALIC | Modifier::DIM)
    }
    pub fn selected_row(&self) -> Style {
        if self.color {
            Style::default().bg(Color::Rgb(40, 44, 52))
        } else {
            Style::default().add_modifier(Modifier::BOLD)
        }
    }
    pub fn selected_cell(&self) -> Style {
        Style::default().add_modifier(Modifier::REVERSED)
    }
    pub fn status(&self) -> Style {
        if self.color {
            Style::default().bg(Color::Rgb(30, 34, 42)).fg(Color::Gray)
        } else {
            Style::default().add_modifier(Modifier::REVERSED)
        }
    }
    pub fn error(&self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }
    pub fn ok(&self) -> Style {
        self.fg(Color::Green)
    }
    pub fn mark(&self) -> Style {
        self.fg(Color::Red)
            .add_modifier(Modifier::UNDERLINED | Modifier::BOLD)
    }
}
