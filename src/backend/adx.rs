//! Azure Data Explorer: one database on one cluster. Its answers carry the server's full
//! statistics; time is filtered in the query; no per-user quota is published, so the quota
//! shows only what this client measured. The schema comes from the cluster and is kept here
//! once fetched.

use std::sync::Mutex;

use tokio_util::sync::CancellationToken;

use super::{Backend, BackendInfo, Running, StatsSupport, TimeFilter};
use crate::api::adx::{AdxClient, Schema};
use crate::api::{ApiError, QueryRequest, QuotaLimits, QuotaSnapshot};

pub struct Adx {
    client: AdxClient,
    info: BackendInfo,
    schema: Mutex<Schema>,
}

impl Adx {
    pub fn new(client: AdxClient) -> Adx {
        let mut info = Adx::info();
        info.target = format!("{}/{}", client.cluster(), client.database());
        Adx {
            client,
            info,
            schema: Mutex::new(Schema::new()),
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

    /// Asks the cluster for the database's tables and columns, keeps them for
    /// [`Backend::schema`], and returns them (for the on-disk cache).
    pub async fn refresh_schema(&self, cancel: &CancellationToken) -> Result<Schema, ApiError> {
        let schema = self.client.fetch_schema(cancel).await?;
        *self.schema.lock().unwrap_or_else(|p| p.into_inner()) = schema.clone();
        Ok(schema)
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

    /// The tables last fetched from the cluster ([`Adx::refresh_schema`]); empty before.
    fn schema(&self) -> Vec<(String, Vec<(String, String)>)> {
        self.schema
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }
}
