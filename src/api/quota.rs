//! The client's own account of the hunting quota, per tenant and API: calls in the last
//! minute and hour, server execution time in the last hour and day, and the instant a 429
//! said to come back. No response carries "quota remaining", so this ledger is the only place
//! it can come from. It lives in a small file so a restart does not forget a throttle.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

pub use super::quota_limits::{QuotaLimits, QuotaRules};

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(default)]
struct Account {
    /// Unix seconds of each call in the last hour.
    calls: Vec<f64>,
    /// (Unix seconds, server execution seconds) of each call in the last day.
    execution: Vec<(f64, f64)>,
    blocked_until: Option<f64>,
    blocked_message: Option<String>,
}

/// What is left, as of one instant.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct QuotaSnapshot {
    pub calls_last_minute: u32,
    pub calls_last_hour: u32,
    pub calls_left_minute: u32,
    pub calls_left_hour: u32,
    /// Calls in the last 30 seconds, and left in them where a limit applies (Log Analytics).
    pub calls_last_30_seconds: u32,
    pub calls_left_30_seconds: u32,
    pub execution_last_hour: Duration,
    pub execution_last_day: Duration,
    pub execution_left_hour: Duration,
    pub execution_left_day: Duration,
    /// When a 429 (or the ledger) says calls may resume, if that is still ahead.
    pub blocked_until: Option<SystemTime>,
    /// The 429's own words.
    pub blocked_message: Option<String>,
    /// When the next call fits under the per-minute and per-hour counts, if it does not now.
    pub next_call_at: Option<SystemTime>,
}

impl QuotaSnapshot {
    /// The instant calls may resume, whichever reason holds them back.
    pub fn wait_until(&self) -> Option<SystemTime> {
        self.blocked_until.max(self.next_call_at)
    }
}

#[derive(Debug, Default)]
pub struct QuotaLedger {
    path: Option<PathBuf>,
    accounts: BTreeMap<String, Account>,
}

/// Takes the ledger's lock (`quota.json.lock`, 0600), waiting for whoever holds it.
fn hold_lock(ledger: &Path) -> Result<std::fs::File, String> {
    use std::os::unix::fs::OpenOptionsExt;
    let path = ledger.with_extension("json.lock");
    if let Some(dir) = path.parent() {
        let _ = crate::files::private_dir(dir);
    }
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .mode(0o600)
        .open(&path)
        .map_err(|e| format!("could not lock the quota ledger ({}: {e}); counts from kqlhunts running at once may be lost", path.display()))?;
    file.lock()
        .map_err(|e| format!("could not lock the quota ledger ({}: {e}); counts from kqlhunts running at once may be lost", path.display()))?;
    Ok(file)
}

fn secs(t: SystemTime) -> f64 {
    t.duration_since(UNIX_EPOCH)
        .unwrap_or_default()
        .as_secs_f64()
}

/// Unix seconds from the ledger file, which anyone could have written: checked.
fn instant(s: f64) -> SystemTime {
    crate::outside_time::unix_time(s).unwrap_or(UNIX_EPOCH)
}

/// Whether a moment from the ledger file falls in the `window` seconds before `now`. Moments
/// far in the future (a hand-edited file, a clock set back) and non-numbers do not count.
fn within(at: f64, now: f64, window: f64) -> bool {
    at.is_finite() && now - at < window && at < longest_block(now)
}

/// Server execution seconds from the ledger file: believable ones only.
fn believable_execution(seconds: f64) -> bool {
    (0.0..=86_400.0).contains(&seconds)
}

/// The longest a throttle is kept, in seconds past `now`: whatever the file or a 429 said.
fn longest_block(now: f64) -> f64 {
    now + crate::outside_time::LONGEST_WAIT.as_secs_f64()
}

/// The ledger's key: one account per tenant and API.
pub fn quota_key(tenant: &str, api: &str) -> String {
    format!("{}/{api}", tenant.to_ascii_lowercase())
}

impl QuotaLedger {
    /// A ledger that is never written to disk (tests, `convert`).
    pub fn in_memory() -> QuotaLedger {
        QuotaLedger::default()
    }

    /// Opens the ledger file; a missing file is an empty ledger. An unreadable one is set aside
    /// (renamed `.corrupt`) rather than silently overwritten, and the ledger starts empty.
    pub fn open(path: &Path) -> (QuotaLedger, Option<String>) {
        let mut ledger = QuotaLedger {
            path: Some(path.to_owned()),
            accounts: BTreeMap::new(),
        };
        let warning = ledger.reload();
        (ledger, warning)
    }

    fn reload(&mut self) -> Option<String> {
        let path = self.path.as_ref()?;
        let text = match std::fs::read(path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return None,
            Err(e) => {
                return Some(format!(
                    "could not read the quota ledger {}: {e}",
                    path.display()
                ))
            }
        };
        match serde_json::from_slice(&text) {
            Ok(accounts) => {
                self.accounts = accounts;
                None
            }
            Err(e) => {
                let aside = path.with_extension("json.corrupt");
                let _ = std::fs::rename(path, &aside);
                Some(format!(
                    "the quota ledger {} was unreadable ({e}); kept it as {} and started a new one",
                    path.display(),
                    aside.display()
                ))
            }
        }
    }

    /// Reads the latest file (another kqlhunt may have written it), applies `change`, prunes
    /// what is too old to matter, and writes it back atomically. Other processes wait on a
    /// lock for the whole of it, so no call they count is lost between a read and a write.
    pub fn update(
        &mut self,
        now: SystemTime,
        change: impl FnOnce(&mut QuotaLedger),
    ) -> Option<String> {
        let (held, unlocked) = match self.path.as_deref().map(hold_lock).transpose() {
            Ok(held) => (held, None),
            Err(e) => (None, Some(e)),
        };
        let warning = self.reload().or(unlocked);
        change(self);
        self.prune(now);
        let outcome = self.save().err().or(warning);
        drop(held);
        outcome
    }

    pub fn record_call(&mut self, key: &str, at: SystemTime) {
        self.accounts
            .entry(key.to_owned())
            .or_default()
            .calls
            .push(secs(at));
    }

    pub fn record_execution(&mut self, key: &str, at: SystemTime, execution: Duration) {
        self.accounts
            .entry(key.to_owned())
            .or_default()
            .execution
            .push((secs(at), execution.as_secs_f64()));
    }

    pub fn record_throttle(&mut self, key: &str, until: SystemTime, message: &str) {
        let account = self.accounts.entry(key.to_owned()).or_default();
        let until = secs(until);
        if account.blocked_until.is_none_or(|b| b < until) {
            account.blocked_until = Some(until);
            account.blocked_message = Some(message.to_owned());
        }
    }

    fn prune(&mut self, now: SystemTime) {
        let now = secs(now);
        for account in self.accounts.values_mut() {
            account.calls.retain(|t| within(*t, now, 3600.0));
            account
                .execution
                .retain(|(t, s)| within(*t, now, 86_400.0) && believable_execution(*s));
            if account
                .blocked_until
                .is_some_and(|b| b <= now || b.is_nan())
            {
                account.blocked_until = None;
                account.blocked_message = None;
            }
            // Never store a throttle for longer than kqlhunt waits.
            account.blocked_until = account.blocked_until.map(|b| b.min(longest_block(now)));
        }
        self.accounts.retain(|_, a| {
            !a.calls.is_empty() || !a.execution.is_empty() || a.blocked_until.is_some()
        });
    }

    fn save(&self) -> Result<(), String> {
        let Some(path) = &self.path else {
            return Ok(());
        };
        let json = serde_json::to_vec_pretty(&self.accounts).map_err(|e| e.to_string())?;
        crate::files::write_atomic(path, &json, true)
            .map_err(|e| format!("could not save the quota ledger {}: {e}", path.display()))
    }

    pub fn snapshot(&self, key: &str, limits: &QuotaLimits, now: SystemTime) -> QuotaSnapshot {
        let empty = Account::default();
        let account = self.accounts.get(key).unwrap_or(&empty);
        let t = secs(now);
        let minute: Vec<f64> = account
            .calls
            .iter()
            .copied()
            .filter(|c| within(*c, t, 60.0))
            .collect();
        let hour: Vec<f64> = account
            .calls
            .iter()
            .copied()
            .filter(|c| within(*c, t, 3600.0))
            .collect();
        let half_minute: Vec<f64> = minute
            .iter()
            .copied()
            .filter(|c| within(*c, t, 30.0))
            .collect();
        let per_30 = limits.calls_per_30_seconds.unwrap_or(0);
        let used = |window: f64| -> Duration {
            let s: f64 = account
                .execution
                .iter()
                .filter(|(at, s)| within(*at, t, window) && believable_execution(*s))
                .map(|(_, s)| s)
                .sum();
            crate::outside_time::seconds_saturating(s)
        };
        let (execution_last_hour, execution_last_day) = (used(3600.0), used(86_400.0));
        let left = |limit: f64, used: Duration| {
            crate::outside_time::seconds_saturating(limit - used.as_secs_f64())
        };
        // When the oldest call in a full window falls out of it.
        let frees_at = |calls: &[f64], limit: u32, window: f64| -> Option<f64> {
            let limit = limit as usize;
            (limit > 0 && calls.len() >= limit).then(|| {
                let mut sorted = calls.to_vec();
                sorted.sort_by(f64::total_cmp);
                sorted[calls.len() - limit] + window
            })
        };
        let next_call_at = frees_at(&minute, limits.calls_per_minute, 60.0)
            .into_iter()
            .chain(frees_at(&hour, limits.calls_per_hour, 3600.0))
            .chain(frees_at(&half_minute, per_30, 30.0))
            .reduce(f64::max)
            .map(instant);
        let blocked_until = account
            .blocked_until
            .filter(|b| *b > t)
            .map(|b| instant(b.min(longest_block(t))));
        QuotaSnapshot {
            calls_last_minute: minute.len() as u32,
            calls_last_hour: hour.len() as u32,
            calls_left_minute: limits.calls_per_minute.saturating_sub(minute.len() as u32),
            calls_left_hour: limits.calls_per_hour.saturating_sub(hour.len() as u32),
            calls_last_30_seconds: half_minute.len() as u32,
            calls_left_30_seconds: per_30.saturating_sub(half_minute.len() as u32),
            execution_last_hour,
            execution_last_day,
            execution_left_hour: left(limits.execution_seconds_per_hour, execution_last_hour),
            execution_left_day: left(limits.execution_seconds_per_day, execution_last_day),
            blocked_message: blocked_until.and(account.blocked_message.clone()),
            blocked_until,
            next_call_at,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn log_analytics_counts_calls_per_30_seconds() {
        let mut ledger = QuotaLedger::in_memory();
        let limits = QuotaLimits::log_analytics(&QuotaLimits {
            calls_per_30_seconds: Some(3),
            ..QuotaLimits::default()
        });
        assert_eq!(
            limits.concurrent_queries,
            Some(5),
            "unset limits keep the published ones"
        );
        for s in [0, 10, 20] {
            ledger.record_call("t/log-analytics", at(s));
        }
        let full = ledger.snapshot("t/log-analytics", &limits, at(21));
        assert_eq!(
            (full.calls_last_30_seconds, full.calls_left_30_seconds),
            (3, 0)
        );
        assert_eq!(
            full.next_call_at,
            Some(at(30)),
            "the first call leaves the window at 30 s"
        );
        let later = ledger.snapshot("t/log-analytics", &limits, at(31));
        assert_eq!(later.calls_left_30_seconds, 1);
        assert_eq!(later.next_call_at, None);
    }

    fn at(s: u64) -> SystemTime {
        UNIX_EPOCH + Duration::from_secs(1_800_000_000 + s)
    }

    #[test]
    fn calls_fall_out_of_the_minute_and_the_hour() {
        let mut ledger = QuotaLedger::in_memory();
        let limits = QuotaLimits {
            calls_per_minute: 3,
            ..QuotaLimits::default()
        };
        for s in [0, 10, 20] {
            ledger.record_call("t/graph", at(s));
        }
        let full = ledger.snapshot("t/graph", &limits, at(30));
        assert_eq!((full.calls_last_minute, full.calls_left_minute), (3, 0));
        assert_eq!(full.next_call_at, Some(at(60)));
        let later = ledger.snapshot("t/graph", &limits, at(65));
        assert_eq!((later.calls_left_minute, later.calls_last_hour), (1, 3));
        assert_eq!(later.next_call_at, None);
    }

    #[test]
    fn execution_time_counts_against_hour_and_day() {
        let mut ledger = QuotaLedger::in_memory();
        ledger.record_execution("t/mde", at(0), Duration::from_secs(500));
        ledger.record_execution("t/mde", at(3000), Duration::from_secs(50));
        let snap = ledger.snapshot("t/mde", &QuotaLimits::default(), at(3700));
        assert_eq!(snap.execution_last_hour, Duration::from_secs(50));
        assert_eq!(snap.execution_left_hour, Duration::from_secs(550));
        assert_eq!(snap.execution_left_day, Duration::from_secs(10_800 - 550));
    }

    #[test]
    fn a_throttle_survives_a_restart_and_then_expires() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("quota.json");
        let (mut ledger, warning) = QuotaLedger::open(&path);
        assert!(warning.is_none());
        assert!(ledger
            .update(at(0), |l| l.record_throttle(
                "t/xdr",
                at(8),
                "maximum allowed 45 per 00:01:00"
            ))
            .is_none());
        let (reopened, _) = QuotaLedger::open(&path);
        let snap = reopened.snapshot("t/xdr", &QuotaLimits::default(), at(1));
        assert_eq!(snap.blocked_until, Some(at(8)));
        assert_eq!(
            snap.blocked_message.as_deref(),
            Some("maximum allowed 45 per 00:01:00")
        );
        assert_eq!(
            reopened
                .snapshot("t/xdr", &QuotaLimits::default(), at(9))
                .blocked_until,
            None
        );
    }

    #[test]
    fn ledgers_shared_by_processes_count_every_call() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("quota.json");
        let writers: Vec<_> = (0..4)
            .map(|_| {
                let path = path.clone();
                // Each opens the file on its own, as separate processes do.
                std::thread::spawn(move || {
                    let (mut ledger, _) = QuotaLedger::open(&path);
                    for _ in 0..50 {
                        let now = SystemTime::now();
                        assert!(ledger
                            .update(now, |l| l.record_call("t/graph", now))
                            .is_none());
                    }
                })
            })
            .collect();
        for w in writers {
            w.join().unwrap();
        }
        let (ledger, _) = QuotaLedger::open(&path);
        let snap = ledger.snapshot("t/graph", &QuotaLimits::default(), SystemTime::now());
        assert_eq!(snap.calls_last_hour, 200);
    }

    #[test]
    fn a_corrupt_ledger_is_set_aside_not_lost() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("quota.json");
        std::fs::write(&path, b"{not json").unwrap();
        let (_, warning) = QuotaLedger::open(&path);
        assert!(warning.unwrap().contains("quota.json.corrupt"));
        assert_eq!(
            std::fs::read(dir.path().join("quota.json.corrupt")).unwrap(),
            b"{not json"
        );
    }
}
