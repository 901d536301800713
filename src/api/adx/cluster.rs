//! Which cluster a profile names: its URI, checked against the profile's cloud. The URI is
//! also the token's resource (`https://<cluster>.kusto.windows.net/.default`).

use crate::api::Cloud;

/// Cluster hosts by cloud, to catch a profile pointing one cloud's sign-in at another's cluster.
const PUBLIC_SUFFIXES: &[&str] = &[".kusto.windows.net", ".kusto.fabric.microsoft.com"];
const US_GOVERNMENT_SUFFIX: &str = ".kusto.usgovcloudapi.net";

/// The cluster's URI, scheme and host (and port) only: `https://contoso.westeurope.kusto.windows.net`.
pub fn cluster_uri(given: &str, cloud: Cloud) -> Result<String, String> {
    let given = given.trim();
    let parsed = url::Url::parse(given).map_err(|e| {
        format!("the cluster URL '{given}' is not a URL ({e}): write it as https://<cluster>.<region>.kusto.windows.net")
    })?;
    let host = parsed
        .host_str()
        .ok_or_else(|| format!("the cluster URL '{given}' has no host"))?
        .to_ascii_lowercase();
    let loopback = host == "127.0.0.1" || host == "localhost" || host == "[::1]";
    match parsed.scheme() {
        "https" => {}
        // The demo cluster and tests listen on this machine only.
        "http" if loopback => {}
        other => {
            return Err(format!(
                "the cluster URL '{given}' uses {other}: clusters answer over https"
            ))
        }
    }
    let us_government = host.ends_with(US_GOVERNMENT_SUFFIX);
    let public = PUBLIC_SUFFIXES.iter().any(|s| host.ends_with(s));
    match cloud {
        Cloud::Public | Cloud::Gcc if us_government => {
            return Err(format!("the cluster {host} is in the US Government cloud: set the profile's cloud to gcc-high or dod"))
        }
        Cloud::GccHigh | Cloud::Dod if public => {
            return Err(format!("the cluster {host} is in the public cloud, but the profile's cloud is a US Government one: set cloud = \"public\""))
        }
        _ => {}
    }
    let port = parsed.port().map(|p| format!(":{p}")).unwrap_or_default();
    Ok(format!("{}://{host}{port}", parsed.scheme()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_uri_is_scheme_and_host_whatever_follows() {
        assert_eq!(
            cluster_uri(
                "https://Contoso.WestEurope.kusto.windows.net/ContosoSecurity/",
                Cloud::Public
            )
            .unwrap(),
            "https://contoso.westeurope.kusto.windows.net"
        );
        assert_eq!(
            cluster_uri("http://127.0.0.1:8123", Cloud::Public).unwrap(),
            "http://127.0.0.1:8123"
        );
    }

    #[test]
    fn plain_http_and_the_wrong_cloud_are_refused_in_words() {
        let e = cluster_uri("http://contoso.kusto.windows.net", Cloud::Public).unwrap_err();
        assert!(e.contains("https"), "{e}");
        let e = cluster_uri("https://c.kusto.usgovcloudapi.net", Cloud::Public).unwrap_err();
        assert!(e.contains("gcc-high"), "{e}");
        let e = cluster_uri("contoso", Cloud::Public).unwrap_err();
        assert!(e.contains("not a URL"), "{e}");
    }
}
