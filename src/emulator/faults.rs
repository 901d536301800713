//! Misbehaviour on request, so tests (and curious hunters) can see how kqlhunt copes.

use std::path::Path;
use std::time::Duration;

use serde::Deserialize;

/// Each `*_every = N` applies to every Nth hunting call (0: never).
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Faults {
    /// Added before every hunting answer.
    pub latency_ms: u64,
    pub status_500_every: u64,
    pub status_503_every: u64,
    /// Throttled (429 with `Retry-After`), in each service's own words.
    pub status_429_every: u64,
    /// The gateway gave up waiting (504), in each service's own words.
    pub status_504_every: u64,
    /// Log Analytics' 204 No Content: the workspace has no data (the other APIs have none).
    pub no_data_every: u64,
    /// The most records one answer holds before it is cut (Log Analytics and Azure Data
    /// Explorer: 500,000), lowered so a cut answer is seen without half a million rows.
    pub max_records: Option<u64>,
    /// Send half the body, then close the connection.
    pub truncate_every: u64,
    /// Answer with a proxy's HTML page instead of JSON.
    pub html_every: u64,
    /// Lifetime of issued access tokens, in seconds (the service's is about an hour).
    pub token_lifetime_seconds: Option<u64>,
    /// Tokens stop working this many seconds after issue, while claiming a longer life.
    pub token_revoked_after_seconds: Option<u64>,
    /// Every query is rejected with this engine message (HTTP 400).
    pub kql_error: Option<String>,
}

/// What a fault makes of one call.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Fault {
    Status(u16),
    Throttled,
    GatewayTimeout,
    NoData,
    Truncate,
    Html,
    KqlError(String),
}

impl Faults {
    pub fn load(path: &Path) -> Result<Faults, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        toml::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
    }

    /// `name=value` from the command line, on top of a file's settings.
    pub fn set(&mut self, assignment: &str) -> Result<(), String> {
        let (name, value) = assignment
            .split_once('=')
            .ok_or_else(|| format!("--fault takes name=value, not '{assignment}'"))?;
        let number = || {
            value
                .parse::<u64>()
                .map_err(|_| format!("--fault {name}: '{value}' is not a whole number"))
        };
        match name {
            "latency_ms" => self.latency_ms = number()?,
            "status_500_every" => self.status_500_every = number()?,
            "status_503_every" => self.status_503_every = number()?,
            "status_429_every" => self.status_429_every = number()?,
            "status_504_every" => self.status_504_every = number()?,
            "no_data_every" => self.no_data_every = number()?,
            "max_records" => self.max_records = Some(number()?),
            "truncate_every" => self.truncate_every = number()?,
            "html_every" => self.html_every = number()?,
            "token_lifetime_seconds" => self.token_lifetime_seconds = Some(number()?),
            "token_revoked_after_seconds" => self.token_revoked_after_seconds = Some(number()?),
            "kql_error" => self.kql_error = Some(value.to_owned()),
            other => return Err(format!("--fault: unknown fault '{other}'")),
        }
        Ok(())
    }

    /// The record limit of one answer: the service's, or the lower one asked for.
    pub fn max_records(&self, service: usize) -> usize {
        self.max_records.map_or(service, |n| {
            usize::try_from(n).unwrap_or(service).min(service)
        })
    }

    pub fn latency(&self) -> Duration {
        Duration::from_millis(self.latency_ms)
    }

    /// The fault for the `call`th hunting call (1-based), if any.
    pub fn for_call(&self, call: u64) -> Option<Fault> {
        let every = |n: u64| n > 0 && call.is_multiple_of(n);
        if let Some(message) = &self.kql_error {
            return Some(Fault::KqlError(message.clone()));
        }
        if every(self.status_500_every) {
            Some(Fault::Status(500))
        } else if every(self.status_503_every) {
            Some(Fault::Status(503))
        } else if every(self.status_429_every) {
            Some(Fault::Throttled)
        } else if every(self.status_504_every) {
            Some(Fault::GatewayTimeout)
        } else if every(self.no_data_every) {
            Some(Fault::NoData)
        } else if every(self.truncate_every) {
            Some(Fault::Truncate)
        } else if every(self.html_every) {
            Some(Fault::Html)
        } else {
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn faults_apply_to_every_nth_call() {
        let mut faults = Faults::default();
        faults.set("status_503_every=2").unwrap();
        faults.set("truncate_every=3").unwrap();
        assert_eq!(
            (1..=6).map(|c| faults.for_call(c)).collect::<Vec<_>>(),
            [
                None,
                Some(Fault::Status(503)),
                Some(Fault::Truncate),
                Some(Fault::Status(503)),
                None,
                Some(Fault::Status(503)),
            ]
        );
        let mut more = Faults::default();
        more.set("status_429_every=1").unwrap();
        assert_eq!(more.for_call(1), Some(Fault::Throttled));
        more.set("max_records=7").unwrap();
        assert_eq!((more.max_records(500_000), more.max_records(5)), (7, 5));
        assert!(faults.set("nonsense=1").is_err());
        assert!(faults
            .set("latency_ms=soon")
            .unwrap_err()
            .contains("whole number"));
    }
}
