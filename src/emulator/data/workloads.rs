//! Contoso's web shop on Azure as Defender for Cloud sees it: the Kubernetes pods' processes
//! and DNS lookups, the control plane's audit log, policy decisions and storage access.

use serde_json::json;

use super::background::{table, Background, Builders};

const CLUSTER: &str = "/subscriptions/6d1e2f3a-4b5c-4d6e-8f70-9a1b2c3d4e5f/resourceGroups/rg-shop-prod/providers/Microsoft.ContainerService/managedClusters/aks-shop-prod";
const STORAGE: &str = "/subscriptions/6d1e2f3a-4b5c-4d6e-8f70-9a1b2c3d4e5f/resourceGroups/rg-shop-prod/providers/Microsoft.Storage/storageAccounts/stshopprod";

/// (pod, container, image, process, command line, looked-up name).
const PODS: &[(&str, &str, &str, &str, &str, &str)] = &[
    (
        "shop-web-7d9f8-x2k4q",
        "web",
        "contosoacr.azurecr.io/shop/web:2.14.1",
        "node",
        "node /app/server.js",
        "api.stripe.com",
    ),
    (
        "shop-api-5c6b7-mm8rt",
        "api",
        "contosoacr.azurecr.io/shop/api:3.2.0",
        "dotnet",
        "dotnet Contoso.Shop.Api.dll",
        "stshopprod.blob.core.windows.net",
    ),
    (
        "shop-worker-64f5d-9zq7w",
        "worker",
        "contosoacr.azurecr.io/shop/worker:3.2.0",
        "python3",
        "python3 -m worker --queue orders",
        "contoso-shop.servicebus.windows.net",
    ),
];

impl Background<'_> {
    pub fn cloud_workloads(&mut self, tables: &mut Builders, count: usize) {
        for i in 0..count {
            let at = self.when();
            let (pod, container, image, process, command, name) = *self.rng.pick(PODS);
            let report = self.next_report().to_string();
            let pid = 1 + self.rng.below(400) as i64;
            let p = table(tables, "CloudProcessEvents");
            p.row(at);
            p.text("AzureResourceId", CLUSTER)
                .text("ContainerImageName", image)
                .text("KubernetesNamespace", "shop")
                .text("KubernetesPodName", pod)
                .text("KubernetesResource", &format!("deployment/{}", container))
                .text("ContainerName", container)
                .text("ContainerId", &self.rng.hex(64))
                .text("ActionType", "ProcessCreated")
                .text("FileName", process)
                .text("FolderPath", &format!("/usr/bin/{process}"))
                .long("ProcessId", pid)
                .text("ProcessName", process)
                .text("ParentProcessName", "containerd-shim")
                .text("ParentProcessId", "1")
                .text("ProcessCommandLine", command)
                .set("ProcessCreationTime", crate::engine::Scalar::DateTime(at))
                .text("ProcessCurrentWorkingDirectory", "/app")
                .text("AccountName", "app")
                .long("LogonId", 0)
                .text("InitiatingProcessId", "1");
            let d = table(tables, "CloudDnsEvents");
            d.row(at);
            d.text("ReportId", &report)
                .text("ActionType", "DnsQuery")
                .text("AzureResourceId", CLUSTER)
                .text("KubernetesNamespace", "shop")
                .text("KubernetesPodName", pod)
                .text("ContainerName", container)
                .text("ImageName", image)
                .text("ProcessName", process)
                .long("ProcessId", pid)
                .text("DnsEventType", "Query")
                .text("DnsQuery", name)
                .text("DnsQueryTypeName", "A")
                .text("DnsResponseCodeName", "NOERROR")
                .long("DnsNetworkDuration", 2 + self.rng.below(30) as i64)
                .text("TransactionIdHex", &self.rng.hex(4))
                .text("Region", "westus2")
                .text("HostName", "aks-nodepool1-31337-vmss000002");
            if i % 5 == 0 {
                let a = table(tables, "CloudAuditEvents");
                a.row(at);
                a.text("ReportId", &report)
                    .text("DataSource", "Azure Kubernetes Service")
                    .text("ActionType", "KubernetesAuditLog")
                    .text("OperationName", if i % 2 == 0 { "get" } else { "list" })
                    .text("ResourceId", CLUSTER)
                    .text("IPAddress", "10.240.0.4")
                    .flag("IsAnonymousProxy", false)
                    .text("CountryCode", "US")
                    .text("UserAgent", "kubectl/v1.30.2")
                    .json("RawEventData", json!({"verb": "get", "objectRef": {"resource": "pods", "namespace": "shop"}, "user": {"username": "grady.vance@contoso.com"}}));
                let s = table(tables, "CloudStorageAggregatedEvents");
                s.row(at);
                s.set(
                    "DataAggregationStartTime",
                    crate::engine::Scalar::DateTime(at - 36_000_000_000),
                )
                .set(
                    "DataAggregationEndTime",
                    crate::engine::Scalar::DateTime(at),
                )
                .text("DataSource", "Azure Blob Storage")
                .text("SubscriptionId", "6d1e2f3a-4b5c-4d6e-8f70-9a1b2c3d4e5f")
                .text("ResourceGroup", "rg-shop-prod")
                .text("StorageAccount", "stshopprod")
                .text("StorageContainer", "product-images")
                .text("ServiceType", "Blob")
                .text("IpAddress", "10.240.0.17")
                .text("UserAgentHeader", "azsdk-net-Storage.Blobs/12.19.1")
                .json("OperationNamesList", json!(["GetBlob", "ListBlobs"]))
                .text("AuthenticationType", "OAuth")
                .long("OperationsCount", 120 + self.rng.below(900) as i64)
                .long("SuccessfulOperationsCount", 120)
                .long("FailedOperationsCount", 0)
                .text("AzureResourceId", STORAGE)
                .text("Location", "westus2")
                .text("ReportId", &report)
                .text("ActionType", "BlobAccessAggregated")
                .flag("HasAnonymousResourceNotFoundFailures", false);
                let e = table(tables, "CloudPolicyEnforcementEvents");
                e.row(at);
                e.text("ReportId", &report)
                    .text("DataSource", "Azure Policy for Kubernetes")
                    .text("SubscriptionId", "6d1e2f3a-4b5c-4d6e-8f70-9a1b2c3d4e5f")
                    .text("ActionType", if i % 3 == 0 { "Denied" } else { "Audited" })
                    .text("AzureResourceId", CLUSTER)
                    .text("Region", "westus2")
                    .text("ResourceKind", "Pod")
                    .text("ResourceName", pod)
                    .text("KubernetesNamespace", "shop")
                    .text("Reason", "Containers must not run as privileged");
            }
        }
    }
}
