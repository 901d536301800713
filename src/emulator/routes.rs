//! Which handler a request path belongs to, and the token audience each one checks. The paths
//! and audiences are the client's own (`api::Flavor::path`, `api::adx::QUERY_PATH`,
//! `auth::TOKEN_PATH`, ...), so the emulator and the client cannot drift apart.

use crate::api::log_analytics::{PUBLIC_AUDIENCE, WORKSPACES_PATH};
use crate::api::{adx, Cloud, Flavor};
use crate::auth::{DEVICE_CODE_PATH, TOKEN_PATH};
use crate::rules::client::PATH as RULES_PATH;
use crate::text::percent_decode;

/// The token audience the demo workspace checks.
pub const WORKSPACE_AUDIENCE: &str = PUBLIC_AUDIENCE;

/// The token audience a hunting flavor checks (the demo tenant is in the public cloud).
pub fn hunting_audience(flavor: Flavor) -> &'static str {
    flavor.audience(Cloud::Public)
}

/// What a workspace path asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WorkspaceCall {
    Query,
    Metadata,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    /// Azure Data Explorer: the demo cluster's query or management endpoint.
    Cluster,
    /// Log Analytics: the workspace id (lower case) and what is asked.
    Workspace {
        id: String,
        call: WorkspaceCall,
    },
    /// Graph's custom detection rules: the collection (`None`) or one rule.
    DetectionRules {
        id: Option<String>,
    },
    /// One of the Defender hunting APIs.
    Hunting(Flavor),
    /// Sign-in: a token for a tenant.
    Token {
        tenant: String,
    },
    /// Sign-in: a device code for a tenant.
    DeviceCode {
        tenant: String,
    },
    Unknown,
}

pub fn route(path: &str) -> Route {
    if path == adx::QUERY_PATH || path == adx::MANAGEMENT_PATH {
        return Route::Cluster;
    }
    if let Some(rest) = path.strip_prefix(WORKSPACES_PATH) {
        let call = match rest.split_once('/') {
            Some((id, "query")) => Some((id, WorkspaceCall::Query)),
            Some((id, "metadata")) => Some((id, WorkspaceCall::Metadata)),
            _ => None,
        };
        if let Some((id, call)) = call {
            let id = id.to_ascii_lowercase();
            return Route::Workspace { id, call };
        }
    }
    if let Some(id) = detection_rule(path) {
        return Route::DetectionRules { id };
    }
    let hunting = [Flavor::Graph, Flavor::GraphBeta, Flavor::Xdr, Flavor::Mde]
        .into_iter()
        .find(|f| f.path() == path);
    if let Some(flavor) = hunting {
        return Route::Hunting(flavor);
    }
    let tenant = |suffix: &str| {
        path.strip_prefix('/')
            .and_then(|p| p.strip_suffix(suffix))
            .map(str::to_owned)
    };
    if let Some(tenant) = tenant(TOKEN_PATH) {
        return Route::Token { tenant };
    }
    if let Some(tenant) = tenant(DEVICE_CODE_PATH) {
        return Route::DeviceCode { tenant };
    }
    Route::Unknown
}

/// The rule id in a detection rules path: `Some(None)` for the collection, `Some(Some(id))` for
/// one rule.
fn detection_rule(path: &str) -> Option<Option<String>> {
    let rest = path.strip_prefix(RULES_PATH)?;
    match rest.strip_prefix('/') {
        None if rest.is_empty() => Some(None),
        Some(id) if !id.is_empty() && !id.contains('/') => Some(Some(percent_decode(id))),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_path_the_client_calls_has_its_route() {
        for flavor in [Flavor::Graph, Flavor::GraphBeta, Flavor::Xdr, Flavor::Mde] {
            assert_eq!(route(flavor.path()), Route::Hunting(flavor));
        }
        assert_eq!(route(adx::QUERY_PATH), Route::Cluster);
        assert_eq!(route(adx::MANAGEMENT_PATH), Route::Cluster);
        assert_eq!(
            route("/v1/workspaces/D3E0/metadata"),
            Route::Workspace {
                id: "d3e0".into(),
                call: WorkspaceCall::Metadata
            }
        );
        assert_eq!(
            route("/demo/oauth2/v2.0/token"),
            Route::Token {
                tenant: "demo".into()
            }
        );
        assert_eq!(
            route("/demo/oauth2/v2.0/devicecode"),
            Route::DeviceCode {
                tenant: "demo".into()
            }
        );
        assert_eq!(route(RULES_PATH), Route::DetectionRules { id: None });
        assert_eq!(
            route(&format!("{RULES_PATH}/rule%201")),
            Route::DetectionRules {
                id: Some("rule 1".into())
            }
        );
        assert_eq!(route(&format!("{RULES_PATH}/a/b")), Route::Unknown);
        assert_eq!(route("/v1/workspaces/x/delete"), Route::Unknown);
        assert_eq!(route("/nowhere"), Route::Unknown);
    }
}
