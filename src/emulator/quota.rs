//! The service's quotas, enforced: calls per minute and hour per tenant and API, and a
//! processing-time budget per tenant every 15 minutes.

use std::collections::{HashMap, VecDeque};
use std::time::{Duration, Instant};

#[derive(Clone, Debug, PartialEq)]
pub struct QuotaRules {
    pub calls_per_minute: usize,
    /// The per-minute window: a minute, except in tests that must see it pass.
    pub minute: Duration,
    pub calls_per_hour: usize,
    /// Engine time allowed per tenant in each 15-minute window.
    pub execution_per_window: Duration,
}

impl Default for QuotaRules {
    fn default() -> Self {
        QuotaRules {
            calls_per_minute: 45,
            minute: Duration::from_secs(60),
            calls_per_hour: 1500,
            execution_per_window: Duration::from_secs(600),
        }
    }
}

pub const WINDOW: Duration = Duration::from_secs(15 * 60);

/// Why a call was refused: the message as the service words it, and when to come back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refusal {
    pub message: String,
    pub retry_after: Duration,
}

#[derive(Default)]
pub struct QuotaBook {
    calls: HashMap<String, VecDeque<Instant>>,
    execution: HashMap<String, (Instant, Duration)>,
}

fn clock(d: Duration) -> String {
    let s = d.as_secs();
    format!("{:02}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
}

impl QuotaBook {
    /// Counts a call, or refuses it.
    pub fn admit(
        &mut self,
        rules: &QuotaRules,
        tenant: &str,
        api: &str,
        now: Instant,
    ) -> Result<(), Refusal> {
        if let Some((start, used)) = self.execution.get(tenant) {
            if now.duration_since(*start) < WINDOW && *used >= rules.execution_per_window {
                let wait = WINDOW - now.duration_since(*start);
                return Err(Refusal {
                    message: format!(
                        "You have exceeded processing resources allocated to this tenant. You can run queries again in {}.",
                        clock(wait)
                    ),
                    retry_after: wait,
                });
            }
        }
        let calls = self.calls.entry(format!("{tenant}/{api}")).or_default();
        while calls
            .front()
            .is_some_and(|t| now.duration_since(*t) >= Duration::from_secs(3600))
        {
            calls.pop_front();
        }
        let in_minute = calls
            .iter()
            .filter(|t| now.duration_since(**t) < rules.minute)
            .count();
        if in_minute >= rules.calls_per_minute {
            let oldest = calls
                .iter()
                .find(|t| now.duration_since(**t) < rules.minute)
                .copied()
                .unwrap_or(now);
            let wait = rules
                .minute
                .saturating_sub(now.duration_since(oldest))
                .max(Duration::from_secs(1));
            return Err(Refusal {
                message: format!(
                    "API calls quota exceeded! maximum allowed {} per 00:01:00 for the key Destination+TenantID+AppID. You can send requests again in {} seconds.",
                    rules.calls_per_minute,
                    wait.as_secs().max(1)
                ),
                retry_after: wait,
            });
        }
        if calls.len() >= rules.calls_per_hour {
            let wait = Duration::from_secs(3600)
                .saturating_sub(now.duration_since(calls[0]))
                .max(Duration::from_secs(1));
            return Err(Refusal {
                message: format!(
                    "API calls quota exceeded! maximum allowed {} per 01:00:00 for the key Destination+TenantID+AppID. You can send requests again in {} seconds.",
                    rules.calls_per_hour,
                    wait.as_secs().max(1)
                ),
                retry_after: wait,
            });
        }
        calls.push_back(now);
        Ok(())
    }

    /// Counts a call under a rule of at most `limit` calls per `window` (Log Analytics: 200
    /// per 30 seconds per user), or says how long until the oldest leaves the window.
    pub fn admit_in_window(
        &mut self,
        key: &str,
        limit: usize,
        window: Duration,
        now: Instant,
    ) -> Result<(), Duration> {
        let calls = self.calls.entry(key.to_owned()).or_default();
        while calls
            .front()
            .is_some_and(|t| now.duration_since(*t) >= window)
        {
            calls.pop_front();
        }
        if calls.len() >= limit {
            let oldest = calls.front().copied().unwrap_or(now);
            return Err(window
                .saturating_sub(now.duration_since(oldest))
                .max(Duration::from_secs(1)));
        }
        calls.push_back(now);
        Ok(())
    }

    /// Charges engine time to the tenant's current window.
    pub fn charge(&mut self, tenant: &str, used: Duration, now: Instant) {
        let entry = self
            .execution
            .entry(tenant.to_owned())
            .or_insert((now, Duration::ZERO));
        if now.duration_since(entry.0) >= WINDOW {
            *entry = (now, Duration::ZERO);
        }
        entry.1 += used;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_46th_call_in_a_minute_is_refused_with_the_real_words() {
        let rules = QuotaRules::default();
        let mut book = QuotaBook::default();
        let start = Instant::now();
        for i in 0..45 {
            book.admit(&rules, "t", "graph", start + Duration::from_millis(i))
                .unwrap();
        }
        let refusal = book
            .admit(&rules, "t", "graph", start + Duration::from_secs(1))
            .unwrap_err();
        assert!(
            refusal
                .message
                .starts_with("API calls quota exceeded! maximum allowed 45 per 00:01:00"),
            "{}",
            refusal.message
        );
        assert_eq!(refusal.retry_after, Duration::from_secs(59));
        assert!(
            book.admit(&rules, "t", "xdr", start + Duration::from_secs(1))
                .is_ok(),
            "each API has its own count"
        );
        assert!(
            book.admit(&rules, "t", "graph", start + Duration::from_secs(61))
                .is_ok(),
            "and the minute passes"
        );
    }

    #[test]
    fn the_processing_budget_resets_every_fifteen_minutes() {
        let rules = QuotaRules {
            execution_per_window: Duration::from_secs(1),
            ..QuotaRules::default()
        };
        let mut book = QuotaBook::default();
        let start = Instant::now();
        book.charge("t", Duration::from_secs(2), start);
        let refusal = book
            .admit(&rules, "t", "mde", start + Duration::from_secs(10))
            .unwrap_err();
        assert!(
            refusal.message.contains("exceeded processing resources")
                && refusal.message.contains("00:14:50"),
            "{}",
            refusal.message
        );
        assert!(book.admit(&rules, "t", "mde", start + WINDOW).is_ok());
    }
}
