//! Any text as config.toml, keymap.toml or a theme: a clear error or a value, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = kqlhunt::config::Config::parse(text);
    let _ = kqlhunt::ui::keymap::Keymap::from_toml(text);
    let _ = kqlhunt::ui::theme::Theme::from_toml(text);
});
