//! Microsoft Defender advanced hunting, through Graph `runHuntingQuery` or the legacy Defender
//! XDR and Defender for Endpoint APIs: one backend, the flavor choosing the endpoint.

use tokio_util::sync::CancellationToken;

use super::{Backend, BackendInfo, Running, StatsSupport, TimeFilter};
use crate::api::{Flavor, HuntingClient, QueryRequest, QuotaLimits, QuotaSnapshot};

pub struct Defender {
    client: HuntingClient,
    info: BackendInfo,
}

impl Defender {
    pub fn new(client: HuntingClient, limits: QuotaLimits) -> Defender {
        let mut info = Defender::info_for(client.endpoint().flavor, limits);
        info.target = client.endpoint().host().to_owned();
        Defender { client, info }
    }

    /// What a Defender backend of `flavor` is, without a client (tests, drawings).
    pub fn info_for(flavor: Flavor, limits: QuotaLimits) -> BackendInfo {
        BackendInfo {
            name: flavor.name().into(),
            stats: if flavor.is_graph() {
                StatsSupport::None("Graph")
            } else {
                StatsSupport::Server
            },
            time_filter: if flavor.is_graph() {
                TimeFilter::Parameter
            } else {
                TimeFilter::InQuery
            },
            quota: Some(limits),
            target: String::new(),
        }
    }

    pub fn client(&self) -> &HuntingClient {
        &self.client
    }
}

impl Backend for Defender {
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
        crate::kql::schema::catalog()
    }
}
