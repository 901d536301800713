//! A Log Analytics workspace (Microsoft Sentinel's data): queries through the workspace API,
//! the full statistics with every answer, the workspace's own schema when it has been fetched.

use tokio_util::sync::CancellationToken;

use super::kept_schema::SchemaKeeper;
use super::{Backend, BackendInfo, Running, SchemaFetch, StatsSupport, TimeFilter};
use crate::api::log_analytics::WorkspaceClient;
use crate::api::{QueryRequest, QuotaSnapshot};

pub struct LogAnalytics {
    client: WorkspaceClient,
    info: BackendInfo,
    /// The schema the workbench completes from: the workspace's, once fetched or kept.
    schema: SchemaKeeper,
}

impl LogAnalytics {
    pub fn new(client: WorkspaceClient, schema: SchemaKeeper) -> LogAnalytics {
        let info = LogAnalytics::info_for(&client);
        LogAnalytics {
            client,
            info,
            schema,
        }
    }

    fn info_for(client: &WorkspaceClient) -> BackendInfo {
        let endpoint = client.endpoint();
        let mut target = format!("workspace {}", endpoint.workspace);
        if !endpoint.more_workspaces.is_empty() {
            target.push_str(&format!(" (+{} more)", endpoint.more_workspaces.len()));
        }
        BackendInfo {
            name: "log-analytics".into(),
            stats: StatsSupport::Server,
            time_filter: TimeFilter::Parameter,
            quota: Some(client.limits().clone()),
            target,
        }
    }
}

impl Backend for LogAnalytics {
    fn info(&self) -> &BackendInfo {
        &self.info
    }

    fn run<'a>(&'a self, request: &'a QueryRequest, cancel: &'a CancellationToken) -> Running<'a> {
        Box::pin(self.client.run(request, cancel))
    }

    fn quota(&self) -> QuotaSnapshot {
        self.client.quota()
    }

    fn schema(&self) -> Vec<(String, Vec<(String, String)>)> {
        let kept = self.schema.tables();
        if kept.is_empty() {
            crate::kql::schema::workspace_catalog()
        } else {
            kept
        }
    }

    fn fetch_schema<'a>(&'a self, cancel: &'a CancellationToken) -> SchemaFetch<'a> {
        Box::pin(async move { Ok(Some(self.client.metadata(cancel).await?)) })
    }

    fn kept_schema(&self) -> Option<&SchemaKeeper> {
        Some(&self.schema)
    }
}
