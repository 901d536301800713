//! Which service a profile hunts in: Defender advanced hunting (the flavors), a Log Analytics
//! workspace (Microsoft Sentinel), or an Azure Data Explorer database. Each names its own
//! settings; a setting of another backend is refused, so a profile says one thing.

use serde::Deserialize;

/// `backend = "..."` in a profile, `--backend` on the command line.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "kebab-case")]
pub enum BackendKind {
    /// Defender advanced hunting: Graph, XDR or MDE (`flavor`).
    #[default]
    Defender,
    /// A Log Analytics workspace, as Microsoft Sentinel keeps it (`workspaces`).
    LogAnalytics,
    /// An Azure Data Explorer database (`cluster`, `database`).
    Adx,
}

impl BackendKind {
    pub fn name(self) -> &'static str {
        match self {
            BackendKind::Defender => "defender",
            BackendKind::LogAnalytics => "log-analytics",
            BackendKind::Adx => "adx",
        }
    }
}

/// A profile's backend with its settings checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Service {
    Defender,
    LogAnalytics {
        /// The workspace id in the path.
        workspace: String,
        /// The rest, sent in the body's `workspaces` (ids, names or resource ids).
        more: Vec<String>,
    },
    Adx {
        /// The cluster's URL, checked like `base_url`, no trailing `/`.
        cluster: String,
        database: String,
    },
}

/// The backend-specific settings as config.toml gives them.
pub struct ServiceSettings<'a> {
    pub backend: BackendKind,
    pub workspaces: &'a [String],
    pub cluster: Option<&'a str>,
    pub database: Option<&'a str>,
    /// Defender-only settings that were set, by name (`region`).
    pub defender_only: &'a [&'static str],
}

impl ServiceSettings<'_> {
    pub fn check(&self) -> Result<Service, super::ConfigError> {
        self.checked().map_err(super::ConfigError::Setting)
    }

    fn checked(&self) -> Result<Service, String> {
        let kind = self.backend.name();
        let stray = |name: &str, owner: &str| {
            format!(
                "{name} applies to backend = \"{owner}\", and this profile's backend is \"{kind}\""
            )
        };
        if self.backend != BackendKind::LogAnalytics && !self.workspaces.is_empty() {
            return Err(stray("workspaces", "log-analytics"));
        }
        if self.backend != BackendKind::Adx {
            if self.cluster.is_some() {
                return Err(stray("cluster", "adx"));
            }
            if self.database.is_some() {
                return Err(stray("database", "adx"));
            }
        }
        if self.backend != BackendKind::Defender {
            if let Some(name) = self.defender_only.first() {
                return Err(stray(name, "defender"));
            }
        }
        match self.backend {
            BackendKind::Defender => Ok(Service::Defender),
            BackendKind::LogAnalytics => {
                let Some((first, more)) = self.workspaces.split_first() else {
                    return Err("backend = \"log-analytics\" needs workspaces = [\"<workspace id>\", ...]: the first is the workspace queried, the others join it".into());
                };
                crate::api::log_analytics::check_workspace_id(first.trim())?;
                if let Some(bad) = more.iter().find(|w| !is_workspace_name(w)) {
                    return Err(format!(
                        "workspaces: '{}' is not a workspace id, name or resource id",
                        crate::results::display::safe_text(bad)
                    ));
                }
                Ok(Service::LogAnalytics {
                    workspace: first.trim().to_ascii_lowercase(),
                    more: more.iter().map(|w| w.trim().to_owned()).collect(),
                })
            }
            BackendKind::Adx => {
                let cluster = self.cluster.ok_or(
                    "backend = \"adx\" needs cluster = \"https://<name>.<region>.kusto.windows.net\" and database = \"...\"",
                )?;
                let cluster = super::urls::url_problem("cluster", cluster)?;
                let database = self
                    .database
                    .map(str::trim)
                    .filter(|d| !d.is_empty())
                    .ok_or("backend = \"adx\" needs database = \"<database name>\"")?;
                if database.chars().any(char::is_control) {
                    return Err("database holds a control character".into());
                }
                Ok(Service::Adx {
                    cluster,
                    database: database.to_owned(),
                })
            }
        }
    }
}

/// What the body's `workspaces` takes: an id, a name, a qualified name or an ARM resource id.
fn is_workspace_name(name: &str) -> bool {
    let name = name.trim();
    !name.is_empty()
        && name.len() <= 1024
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./:() ".contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings<'a>(backend: BackendKind, workspaces: &'a [String]) -> ServiceSettings<'a> {
        ServiceSettings {
            backend,
            workspaces,
            cluster: None,
            database: None,
            defender_only: &[],
        }
    }

    #[test]
    fn log_analytics_takes_the_first_workspace_for_the_path() {
        let ws = vec![
            "6F1C2D3E-4A5B-4C6D-8E7F-9A0B1C2D3E4F".to_owned(),
            "/subscriptions/3c9e/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/law-eu".to_owned(),
        ];
        let service = settings(BackendKind::LogAnalytics, &ws).check().unwrap();
        assert_eq!(
            service,
            Service::LogAnalytics {
                workspace: "6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f".into(),
                more: vec![ws[1].clone()],
            }
        );
        let err = settings(BackendKind::LogAnalytics, &[])
            .check()
            .unwrap_err()
            .to_string();
        assert!(err.contains("needs workspaces"), "{err}");
        let err = settings(BackendKind::LogAnalytics, &["law-contoso".to_owned()])
            .check()
            .unwrap_err()
            .to_string();
        assert!(err.contains("GUID"), "{err}");
    }

    #[test]
    fn adx_checks_the_cluster_like_any_url_and_needs_a_database() {
        let mut s = settings(BackendKind::Adx, &[]);
        s.cluster = Some("https://help.kusto.windows.net/");
        s.database = Some("Samples");
        assert_eq!(
            s.check().unwrap(),
            Service::Adx {
                cluster: "https://help.kusto.windows.net".into(),
                database: "Samples".into()
            }
        );
        s.cluster = Some("http://help.kusto.windows.net");
        assert!(s.check().unwrap_err().to_string().contains("https"));
        s.cluster = Some("https://help.kusto.windows.net");
        s.database = None;
        assert!(s.check().unwrap_err().to_string().contains("database"));
    }

    #[test]
    fn a_setting_of_another_backend_is_named() {
        let ws = vec!["6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f".to_owned()];
        let err = settings(BackendKind::Defender, &ws)
            .check()
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("workspaces applies to backend = \"log-analytics\""),
            "{err}"
        );
        let mut s = settings(BackendKind::LogAnalytics, &ws);
        s.defender_only = &["region"];
        assert!(s
            .check()
            .unwrap_err()
            .to_string()
            .contains("region applies"));
    }
}
