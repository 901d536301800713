//! Borrowing the Azure CLI's sign-in: `az account get-access-token --resource ...`.

use std::time::{Duration, SystemTime};

use serde_json::Value as Json;

use super::{AuthError, Secret};
use crate::results::display::safe_text;

pub(crate) async fn token(
    command: &str,
    resource: &str,
    tenant: Option<&str>,
) -> Result<(Secret, SystemTime), AuthError> {
    let mut az = tokio::process::Command::new(command);
    az.args([
        "account",
        "get-access-token",
        "--resource",
        resource,
        "--output",
        "json",
    ]);
    if let Some(tenant) = tenant {
        az.args(["--tenant", tenant]);
    }
    az.stdin(std::process::Stdio::null()).kill_on_drop(true);
    let output = tokio::time::timeout(Duration::from_secs(60), az.output())
        .await
        .map_err(|_| AuthError::AzureCli(format!("`{command} account get-access-token` gave no answer in 60 s")))?
        .map_err(|e| {
            AuthError::AzureCli(format!("cannot run `{command}`: {e}. Install the Azure CLI and run `az login`, or choose another sign-in method"))
        })?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let first = stderr
            .lines()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("no message");
        return Err(AuthError::AzureCli(format!(
            "`az account get-access-token` failed: {}",
            safe_text(first.trim())
        )));
    }
    let json: Json = serde_json::from_slice(&output.stdout).map_err(|_| {
        AuthError::AzureCli(
            "`az account get-access-token` printed something other than JSON".into(),
        )
    })?;
    let token = json
        .get("accessToken")
        .and_then(Json::as_str)
        .ok_or_else(|| AuthError::AzureCli("the answer has no accessToken".into()))?;
    // `expires_on` (epoch seconds) is unambiguous; older CLIs give only `expiresOn` in local
    // time, which is then taken as five minutes from now so the token is fetched again soon.
    let expires_on = match json.get("expires_on") {
        Some(Json::Number(n)) => n.as_u64(),
        Some(Json::String(s)) => s.parse().ok(),
        _ => None,
    };
    let now = SystemTime::now();
    let expires_at = expires_on.map_or(now + Duration::from_secs(300), |s| {
        crate::outside_time::token_expiry_at(now, s)
    });
    Ok((Secret::new(token), expires_at))
}
