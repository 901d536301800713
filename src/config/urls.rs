//! The URLs a profile may set (`base_url`, `login_url`, `resource`): the client secret and the
//! hunter's queries travel to them, so each is parsed as a URL, not matched as text
//! (`http://localhost@192.0.2.2` is a request to 192.0.2.2), and must be https unless its
//! host is this machine.

use std::net::IpAddr;

/// `value` when it is a URL kqlhunt may send secrets to, without a trailing `/`; otherwise
/// what is wrong with it, naming the setting.
pub fn checked_url(setting: &str, value: &str) -> Result<String, super::ConfigError> {
    url_problem(setting, value).map_err(super::ConfigError::Setting)
}

pub(super) fn url_problem(setting: &str, value: &str) -> Result<String, String> {
    let url = url::Url::parse(value.trim())
        .map_err(|e| format!("{setting} '{value}' is not a URL ({e})"))?;
    if !url.username().is_empty() || url.password().is_some() {
        // The value itself may hold a password: it is not repeated.
        return Err(format!(
            "{setting} carries a user name or password before '@': remove it (the value is not shown); sign-in settings go under [profiles.NAME.auth]"
        ));
    }
    let Some(host) = url.host() else {
        return Err(format!("{setting} '{value}' names no host"));
    };
    match url.scheme() {
        "https" => {}
        "http" if is_loopback(&host) => {}
        "http" => {
            return Err(format!(
                "{setting} '{value}' must use https:// (plain http is allowed only to this machine: 127.0.0.1, ::1 or localhost)"
            ))
        }
        other => {
            return Err(format!(
                "{setting} '{value}' uses {other}: only https:// (or http:// to this machine) is allowed"
            ))
        }
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(format!(
            "{setting} '{value}' has a query or fragment: give the address only"
        ));
    }
    Ok(url.as_str().trim_end_matches('/').to_owned())
}

fn is_loopback(host: &url::Host<&str>) -> bool {
    match host {
        url::Host::Domain(name) => name.eq_ignore_ascii_case("localhost"),
        url::Host::Ipv4(ip) => IpAddr::V4(*ip).is_loopback(),
        url::Host::Ipv6(ip) => IpAddr::V6(*ip).is_loopback(),
    }
}

#[cfg(test)]
mod tests {
    use super::checked_url;

    #[test]
    fn https_anywhere_and_http_only_to_this_machine() {
        assert_eq!(
            checked_url("base_url", "https://proxy.example/").unwrap(),
            "https://proxy.example"
        );
        for ok in [
            "http://127.0.0.1:8080",
            "http://127.8.0.1",
            "http://[::1]:9/",
            "http://LOCALHOST:1",
        ] {
            assert!(checked_url("login_url", ok).is_ok(), "{ok}");
        }
        for (bad, why) in [
            ("http://proxy.example", "https"),
            ("http://localhost.evil.example", "https"),
            ("http://127.0.0.1.evil.example", "https"),
            ("ftp://127.0.0.1", "ftp"),
            ("localhost:8080", "no host"),
            ("https://a.example/?x=1", "query"),
        ] {
            let err = checked_url("login_url", bad).unwrap_err().to_string();
            assert!(err.contains(why), "{bad}: {err}");
        }
    }

    #[test]
    fn a_user_name_before_the_host_is_refused_and_not_repeated() {
        for bad in [
            "http://localhost@192.0.2.2",
            "https://app:Zx8Q~secret@login.example",
        ] {
            let err = checked_url("base_url", bad).unwrap_err().to_string();
            assert!(err.contains("user name or password"), "{err}");
            assert!(!err.contains("192.0.2.2") && !err.contains("Zx8Q"), "{err}");
        }
    }
}
