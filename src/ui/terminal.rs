//! Entering and leaving the terminal's raw, full-screen mode; a panic restores it first (see
//! `crash.rs`).

use std::io::{self, Stdout, Write};

use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use ratatui::crossterm::terminal::{
    self, BeginSynchronizedUpdate, EndSynchronizedUpdate, EnterAlternateScreen,
    LeaveAlternateScreen,
};
use ratatui::crossterm::{execute, queue};
use ratatui::{Frame, Terminal};

pub type Screen = Terminal<CrosstermBackend<Stdout>>;

/// Raw mode, the alternate screen, bracketed paste, and the mouse when `mouse` is on.
pub fn enter(mouse: bool) -> io::Result<Screen> {
    super::crash::install_hook(leave);
    terminal::enable_raw_mode()?;
    execute!(io::stdout(), EnterAlternateScreen, EnableBracketedPaste)?;
    if mouse {
        execute!(io::stdout(), EnableMouseCapture)?;
    }
    Terminal::new(CrosstermBackend::new(io::stdout()))
}

pub fn leave() {
    let _ = terminal::disable_raw_mode();
    let _ = execute!(
        io::stdout(),
        DisableMouseCapture,
        DisableBracketedPaste,
        LeaveAlternateScreen,
        ratatui::crossterm::cursor::Show
    );
}

/// Draws one frame inside a synchronized update, so a slow link never shows half of it.
pub fn draw_synchronized(
    screen: &mut Screen,
    render: impl FnOnce(&mut Frame<'_>),
) -> io::Result<()> {
    queue!(screen.backend_mut(), BeginSynchronizedUpdate)?;
    screen.draw(render)?;
    queue!(screen.backend_mut(), EndSynchronizedUpdate)?;
    screen.backend_mut().flush()
}

/// Writes an escape sequence (an OSC 52 request) straight to the terminal.
pub fn write_raw(text: &str) -> io::Result<()> {
    let mut out = io::stdout();
    out.write_all(text.as_bytes())?;
    out.flush()
}
