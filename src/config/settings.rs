//! The workbench's own sections of config.toml: `[workbench]`, `[chart]` and `[editor]`.

use serde::Deserialize;

/// `[workbench]` in config.toml.
#[derive(Clone, Debug, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct WorkbenchSettings {
    /// Largest copy sent through the terminal (OSC 52), in KB; terminals cap it.
    pub copy_limit_kb: usize,
    /// A built-in theme (dark, light, sixteen) or a file in the config folder's themes/.
    pub theme: String,
    /// A result larger than this, compressed, is not kept in the history (MB).
    pub history_result_mb: usize,
    /// All kept results together, compressed; the oldest go first (MB).
    pub history_cache_mb: usize,
    /// A finished run moves the focus to the grid. Off by default: the hunter may still be
    /// typing when the rows arrive, and the next keys would become grid commands.
    pub focus_results_on_run: bool,
    /// Half the window `w` puts around a timestamp, as a KQL timespan (`5m`, `1h`, `30s`).
    pub pivot_window: String,
    /// Clicks and the wheel in the workbench (Shift+drag still selects terminal text).
    pub mouse: bool,
}

/// `[chart]` in config.toml.
#[derive(Clone, Debug, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ChartSettings {
    /// Series a chart shows before the smallest fold into "other" (at least 1).
    pub series: usize,
}

impl Default for ChartSettings {
    fn default() -> Self {
        ChartSettings {
            series: crate::chart::DEFAULT_SERIES,
        }
    }
}

/// `[editor]` in config.toml.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct EditorSettings {
    /// Long lines wrap at the editor's width from the start (Alt+z toggles it).
    pub wrap: bool,
}

impl Default for WorkbenchSettings {
    fn default() -> Self {
        WorkbenchSettings {
            copy_limit_kb: 100,
            theme: "dark".into(),
            history_result_mb: 16,
            history_cache_mb: 256,
            focus_results_on_run: false,
            pivot_window: "5m".into(),
            mouse: true,
        }
    }
}
