//! The one HTTP client configuration: rustls on ring with the platform's certificate roots.
//! There is deliberately no switch that turns certificate checks off.

use std::time::Duration;

pub fn client(timeout: Duration) -> Result<reqwest::Client, String> {
    // Installing twice is harmless: the first provider stays.
    let _ = rustls::crypto::ring::default_provider().install_default();
    reqwest::Client::builder()
        .user_agent(concat!("kqlhunt/", env!("CARGO_PKG_VERSION")))
        .connect_timeout(Duration::from_secs(20))
        .timeout(timeout)
        .build()
        .map_err(|e| format!("could not set up HTTPS: {e}"))
}
