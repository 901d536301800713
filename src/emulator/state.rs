//! What the emulator keeps between requests (the engine, the detection rules, sign-ins, quotas, faults) and the
//! answer a handler gives before it becomes an HTTP response. Handlers and the HTTP side both
//! use these; neither imports the other.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard};

use super::faults::Faults;
use super::identity::Identity;
use super::quota::{QuotaBook, QuotaRules};
use crate::engine::Engine;

pub struct State {
    /// Replaced whole when the demo's rules raise alerts (tables are shared, never copied).
    engine: std::sync::RwLock<Engine>,
    /// The demo tenant's custom detection rules.
    rule_book: Mutex<super::rule_book::RuleBook>,
    pub rules: QuotaRules,
    pub faults: Faults,
    pub base_url: String,
    pub hunting_calls: AtomicU64,
    /// The data's extents and when each was last read: the cache model of the statistics.
    pub extents: super::statistics::Extents,
    identity: Mutex<Identity>,
    quotas: Mutex<QuotaBook>,
    requests: AtomicU64,
}

impl State {
    pub fn new(engine: Engine, rules: QuotaRules, faults: Faults, base_url: String) -> State {
        State {
            engine: std::sync::RwLock::new(engine),
            rule_book: Mutex::new(Default::default()),
            rules,
            faults,
            base_url,
            hunting_calls: AtomicU64::new(0),
            extents: Default::default(),
            identity: Mutex::new(Identity::default()),
            quotas: Mutex::new(QuotaBook::default()),
            requests: AtomicU64::new(0),
        }
    }

    /// The engine over the data as it is now (cheap: the tables are shared).
    pub fn engine(&self) -> Engine {
        self.engine
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    pub fn replace_engine(&self, engine: Engine) {
        *self.engine.write().unwrap_or_else(|p| p.into_inner()) = engine;
    }

    pub fn rule_book(&self) -> MutexGuard<'_, super::rule_book::RuleBook> {
        self.rule_book.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub fn identity(&self) -> MutexGuard<'_, Identity> {
        self.identity.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub fn quotas(&self) -> MutexGuard<'_, QuotaBook> {
        self.quotas.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub fn request_id(&self) -> String {
        let n = self.requests.fetch_add(1, Ordering::Relaxed);
        format!("d3e0{n:04x}-0000-4000-8000-{:012x}", n)
    }
}

/// A finished answer, before it becomes an HTTP response.
pub struct Answer {
    pub status: u16,
    pub content_type: &'static str,
    pub body: Vec<u8>,
    pub retry_after: Option<u64>,
    /// Send half of the body and drop the connection (a fault).
    pub truncate: bool,
    /// Log Analytics' `Preference-Applied` (`wait=600`): which of `Prefer` it honoured.
    pub preference_applied: Option<String>,
}

impl Answer {
    pub fn json(status: u16, body: String) -> Answer {
        Answer {
            status,
            content_type: "application/json; charset=utf-8",
            body: body.into_bytes(),
            retry_after: None,
            truncate: false,
            preference_applied: None,
        }
    }

    /// 204 No Content: Log Analytics' answer when the workspace has no data.
    pub fn no_content() -> Answer {
        Answer {
            content_type: "application/json; charset=utf-8",
            ..Answer::json(204, String::new())
        }
    }

    /// What a proxy in the way answers instead of the service: an HTML page.
    pub fn proxy_page() -> Answer {
        Answer {
            content_type: "text/html",
            ..Answer::json(502, PROXY_PAGE.into())
        }
    }
}

const PROXY_PAGE: &str = "<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1><p>The proxy could not reach the hunting service.</p></body></html>";
