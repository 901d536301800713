//! Which hunting API a profile talks to, and where it lives in each Microsoft cloud.

use serde::{Deserialize, Serialize};

/// The three hunting APIs (Graph in two versions).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "kebab-case")]
pub enum Flavor {
    /// Microsoft Graph `security/runHuntingQuery`, v1.0.
    Graph,
    /// Microsoft Graph `security/runHuntingQuery`, beta.
    GraphBeta,
    /// Defender XDR `api/advancedhunting/run` (legacy; returns Stats).
    Xdr,
    /// Defender for Endpoint `api/advancedqueries/run` (legacy; returns Stats).
    Mde,
}

impl Flavor {
    pub fn name(self) -> &'static str {
        match self {
            Flavor::Graph => "graph",
            Flavor::GraphBeta => "graph-beta",
            Flavor::Xdr => "xdr",
            Flavor::Mde => "mde",
        }
    }

    pub fn path(self) -> &'static str {
        match self {
            Flavor::Graph => "/v1.0/security/runHuntingQuery",
            Flavor::GraphBeta => "/beta/security/runHuntingQuery",
            Flavor::Xdr => "/api/advancedhunting/run",
            Flavor::Mde => "/api/advancedqueries/run",
        }
    }

    /// The token audience (and standard host) of this flavor in `cloud` (China, which has no
    /// Defender hunting APIs, is refused before this is asked).
    pub fn audience(self, cloud: Cloud) -> &'static str {
        match (self.is_graph(), self, cloud) {
            (true, _, Cloud::Public | Cloud::Gcc | Cloud::China) => "https://graph.microsoft.com",
            (true, _, Cloud::GccHigh) => "https://graph.microsoft.us",
            (true, _, Cloud::Dod) => "https://dod-graph.microsoft.us",
            (_, Flavor::Xdr, Cloud::Public) => "https://api.security.microsoft.com",
            (_, Flavor::Xdr, Cloud::Gcc) => "https://api-gcc.security.microsoft.us",
            (_, Flavor::Xdr, _) => "https://api-gov.security.microsoft.us",
            (_, _, Cloud::Public) => "https://api.securitycenter.microsoft.com",
            (_, _, Cloud::Gcc) => "https://api-gcc.securitycenter.microsoft.us",
            (_, _, _) => "https://api-gov.securitycenter.microsoft.us",
        }
    }

    pub fn is_graph(self) -> bool {
        matches!(self, Flavor::Graph | Flavor::GraphBeta)
    }

    /// The application permission the app registration needs.
    pub fn permission(self) -> &'static str {
        match self {
            Flavor::Graph | Flavor::GraphBeta => "ThreatHunting.Read.All",
            Flavor::Xdr => "AdvancedHunting.Read.All",
            Flavor::Mde => "AdvancedQuery.Read.All",
        }
    }

    /// The quota ledger keeps one account per API, not per Graph version.
    pub fn quota_api(self) -> &'static str {
        match self {
            Flavor::Graph | Flavor::GraphBeta => "graph",
            Flavor::Xdr => "xdr",
            Flavor::Mde => "mde",
        }
    }
}

/// The Microsoft cloud a tenant lives in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "kebab-case")]
pub enum Cloud {
    #[default]
    Public,
    /// US Government Community Cloud (commercial sign-in and Graph).
    Gcc,
    /// US Government GCC High.
    GccHigh,
    /// US Government DoD.
    Dod,
    /// Microsoft Azure operated by 21Vianet: Log Analytics and Azure Data Explorer only.
    China,
}

impl Cloud {
    /// The identity platform host of the cloud.
    pub fn login_url(self) -> &'static str {
        match self {
            Cloud::Public | Cloud::Gcc => "https://login.microsoftonline.com",
            Cloud::GccHigh | Cloud::Dod => "https://login.microsoftonline.us",
            Cloud::China => "https://login.chinacloudapi.cn",
        }
    }
}

/// Regional hosts of the Defender APIs (`eu.api.security.microsoft.com`, ...).
pub const DEFENDER_REGIONS: &[&str] = &["us", "eu", "uk", "au", "swa", "ina", "aea"];

/// Where one profile's calls go: the API host and the token audience, and the sign-in host.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Endpoint {
    pub flavor: Flavor,
    /// Scheme and host (and port), no trailing slash: `https://graph.microsoft.com`.
    pub base_url: String,
    /// The resource whose `/.default` scope the token is asked for.
    pub resource: String,
    /// The identity platform host: `https://login.microsoftonline.com`.
    pub login_url: String,
}

impl Endpoint {
    /// The standard endpoint of a flavor in a cloud, optionally on a Defender regional host.
    pub fn standard(
        flavor: Flavor,
        cloud: Cloud,
        region: Option<&str>,
    ) -> Result<Endpoint, String> {
        if cloud == Cloud::China {
            return Err("Defender's hunting APIs are not offered in Azure operated by 21Vianet (cloud = \"china\"): there, use backend = \"log-analytics\" or \"adx\"".into());
        }
        let resource = flavor.audience(cloud);
        let base_url = match region {
            None => resource.to_owned(),
            Some(_) if flavor.is_graph() => {
                return Err(
                    "regions apply to the Defender APIs (xdr, mde); Graph has one host".into(),
                )
            }
            Some(_) if cloud != Cloud::Public => {
                return Err("regional hosts exist only in the public cloud".into())
            }
            Some(r) if DEFENDER_REGIONS.contains(&r) => {
                resource.replacen("https://", &format!("https://{r}."), 1)
            }
            // The older `api-eu.` style hosts.
            Some(r) if r.starts_with("api-") => {
                resource.replacen("https://api.", &format!("https://{r}."), 1)
            }
            Some(r) => {
                return Err(format!(
                    "unknown region '{r}': use one of {} (or api-us, api-eu, api-uk)",
                    DEFENDER_REGIONS.join(", ")
                ))
            }
        };
        Ok(Endpoint {
            flavor,
            base_url,
            resource: resource.to_owned(),
            login_url: cloud.login_url().to_owned(),
        })
    }

    pub fn query_url(&self) -> String {
        format!(
            "{}{}",
            self.base_url.trim_end_matches('/'),
            self.flavor.path()
        )
    }

    /// The host part, used to key the quota ledger.
    pub fn host(&self) -> &str {
        let rest = self.base_url.split("://").nth(1).unwrap_or(&self.base_url);
        rest.split('/').next().unwrap_or(rest)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn public_cloud_hosts_and_audiences() {
        let g = Endpoint::standard(Flavor::Graph, Cloud::Public, None).unwrap();
        assert_eq!(
            g.query_url(),
            "https://graph.microsoft.com/v1.0/security/runHuntingQuery"
        );
        let x = Endpoint::standard(Flavor::Xdr, Cloud::Public, Some("eu")).unwrap();
        assert_eq!(
            x.query_url(),
            "https://eu.api.security.microsoft.com/api/advancedhunting/run"
        );
        assert_eq!(x.resource, "https://api.security.microsoft.com");
        let m = Endpoint::standard(Flavor::Mde, Cloud::Public, Some("api-uk")).unwrap();
        assert_eq!(m.base_url, "https://api-uk.securitycenter.microsoft.com");
    }

    #[test]
    fn government_clouds_use_their_own_hosts() {
        let g = Endpoint::standard(Flavor::GraphBeta, Cloud::Dod, None).unwrap();
        assert_eq!(
            g.query_url(),
            "https://dod-graph.microsoft.us/beta/security/runHuntingQuery"
        );
        assert_eq!(g.login_url, "https://login.microsoftonline.us");
        let m = Endpoint::standard(Flavor::Mde, Cloud::GccHigh, None).unwrap();
        assert_eq!(m.base_url, "https://api-gov.securitycenter.microsoft.us");
    }

    #[test]
    fn a_wrong_region_says_which_ones_exist() {
        let err = Endpoint::standard(Flavor::Xdr, Cloud::Public, Some("mars")).unwrap_err();
        assert!(err.contains("eu"), "{err}");
        assert!(Endpoint::standard(Flavor::Graph, Cloud::Public, Some("eu")).is_err());
    }
}
