//! Where a Log Analytics workspace is queried in each cloud, and the token audience.
//!
//! Hosts from Microsoft's "Azure Monitor Log Analytics API request format" pages
//! (learn.microsoft.com: `https://api.loganalytics.azure.com`; docs.azure.cn:
//! `https://api.loganalytics.azure.cn`); the US Government host and the audiences are those of
//! the Az PowerShell environments (`AzureOperationalInsightsEndpointResourceId`:
//! `https://api.loganalytics.io`, `https://api.loganalytics.us`,
//! `https://api.loganalytics.azure.cn`). GCC tenants use the commercial host; GCC High and DoD
//! the US Government one.

use crate::api::Cloud;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WorkspaceEndpoint {
    /// Scheme and host, no trailing slash.
    pub base_url: String,
    /// The resource whose `/.default` scope the token is asked for.
    pub resource: String,
    pub login_url: String,
    /// The workspace in the path (its id, a GUID).
    pub workspace: String,
    /// Further workspaces the query reads too (the body's `workspaces`).
    pub more_workspaces: Vec<String>,
}

/// The workspace API's token audience in the public cloud.
pub const PUBLIC_AUDIENCE: &str = "https://api.loganalytics.io";

/// Where a workspace's calls go below the host: `/v1/workspaces/{id}/query` or `/metadata`.
pub const WORKSPACES_PATH: &str = "/v1/workspaces/";

impl WorkspaceEndpoint {
    pub fn standard(cloud: Cloud, workspace: &str, more: &[String]) -> WorkspaceEndpoint {
        let (host, resource) = match cloud {
            Cloud::Public | Cloud::Gcc => ("https://api.loganalytics.azure.com", PUBLIC_AUDIENCE),
            Cloud::GccHigh | Cloud::Dod => {
                ("https://api.loganalytics.us", "https://api.loganalytics.us")
            }
            Cloud::China => (
                "https://api.loganalytics.azure.cn",
                "https://api.loganalytics.azure.cn",
            ),
        };
        WorkspaceEndpoint {
            base_url: host.into(),
            resource: resource.into(),
            login_url: cloud.login_url().into(),
            workspace: workspace.into(),
            more_workspaces: more.to_vec(),
        }
    }

    fn workspace_url(&self, what: &str) -> String {
        format!(
            "{}{WORKSPACES_PATH}{}/{what}",
            self.base_url.trim_end_matches('/'),
            self.workspace
        )
    }

    pub fn query_url(&self) -> String {
        self.workspace_url("query")
    }

    pub fn metadata_url(&self) -> String {
        self.workspace_url("metadata")
    }
}

/// A workspace id as the path takes it: a GUID (the portal's "Workspace ID").
pub fn check_workspace_id(id: &str) -> Result<(), String> {
    let groups: Vec<&str> = id.split('-').collect();
    let lengths = [8, 4, 4, 4, 12];
    let ok = groups.len() == 5
        && groups
            .iter()
            .zip(lengths)
            .all(|(g, n)| g.len() == n && g.bytes().all(|b| b.is_ascii_hexdigit()));
    if ok {
        Ok(())
    } else {
        Err(format!(
            "the first of workspaces must be a workspace id, a GUID like 6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f (the portal shows it as \"Workspace ID\"), not '{}'",
            crate::results::display::safe_text(id)
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_cloud_has_its_host_and_audience() {
        let id = "6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f";
        let public = WorkspaceEndpoint::standard(Cloud::Public, id, &[]);
        assert_eq!(
            public.query_url(),
            format!("https://api.loganalytics.azure.com/v1/workspaces/{id}/query")
        );
        assert_eq!(public.resource, "https://api.loganalytics.io");
        let gov = WorkspaceEndpoint::standard(Cloud::GccHigh, id, &[]);
        assert_eq!(gov.base_url, "https://api.loganalytics.us");
        assert_eq!(gov.login_url, "https://login.microsoftonline.us");
        let china = WorkspaceEndpoint::standard(Cloud::China, id, &[]);
        assert_eq!(
            china.metadata_url(),
            format!("https://api.loganalytics.azure.cn/v1/workspaces/{id}/metadata")
        );
        assert_eq!(china.login_url, "https://login.chinacloudapi.cn");
    }

    #[test]
    fn the_path_takes_a_workspace_guid_only() {
        assert!(check_workspace_id("6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f").is_ok());
        for bad in [
            "law-contoso",
            "../../x",
            "6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4",
            "",
        ] {
            assert!(check_workspace_id(bad).is_err(), "{bad}");
        }
    }
}
