//! Azure Data Explorer: one database on one cluster. Its answers carry the server's full
//! statistics; time is filtered in the query; no per-user quota is published, so the quota
//! shows only what this client measured. The schema comes from the cluster and is kept per
//! profile, as every backend's is (`kept_schema.rs`).

use tokio_util::sync::CancellationToken;

use super::kept_schema::SchemaKeeper;
use super::{Backend, BackendInfo, Running, SchemaFetch, StatsSupport, TimeFilter};
use crate::api::adx::AdxClient;
use crate::api::{QueryRequest, QuotaLimits, QuotaSnapshot};

pub struct Adx {
    client: AdxClient,
    info: BackendInfo,
    schema: SchemaKeeper,
}

impl Adx {
    pub fn new(client: AdxClient, schema: SchemaKeeper) -> Adx {
        let mut info = Adx::info();
        info.target = format!("{}/{}", client.cluster(), client.database());
        Adx {
            client,
            info,
            schema,
        }
    }

    /// What an ADX backend is, without a client (tests, drawings).
    pub fn info() -> BackendInfo {
        BackendInfo {
            name: "adx".into(),
            stats: StatsSupport::Server,
            time_filter: TimeFilter::InQuery,
            quota: Some(QuotaLimits::none_published()),
            target: String::new(),
        }
    }

    pub fn client(&self) -> &AdxClient {
        &self.client
    }
}

impl Backend for Adx {
    fn info(&self) -> &BackendInfo {
        &self.info
    }

    fn run<'a>(&'a self, request: &'a QueryRequest, cancel: &'a CancellationToken) -> Running<'a> {
        Box::pin(self.client.run(request, cancel))
    }

    fn quota(&self) -> QuotaSnapshot {
        self.client.quota()
    }

    /// The tables last fetched from the cluster and kept; empty before.
    fn schema(&self) -> Vec<(String, Vec<(String, String)>)> {
        self.schema.tables()
    }

    fn fetch_schema<'a>(&'a self, cancel: &'a CancellationToken) -> SchemaFetch<'a> {
        Box::pin(async move { Ok(Some(self.client.fetch_schema(cancel).await?)) })
    }

    fn kept_schema(&self) -> Option<&SchemaKeeper> {
        Some(&self.schema)
    }
}
