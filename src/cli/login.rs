//! `kqlhunt login`: sign in with the profile's method and say how it went.

use std::time::SystemTime;

use super::{fail, Exit, ProfileArg};
use crate::config::Paths;
use crate::connect::{connect, load_config};

pub async fn run(args: ProfileArg) -> Exit {
    let connection = match Paths::discover()
        .and_then(|p| load_config(&p).map(|config| (p, config)))
        .map_err(crate::connect::ConnectError::from)
        .and_then(|(p, config)| connect(&p, &config, args.profile.as_deref()))
    {
        Ok(c) => c,
        Err(e) => return fail(Exit::Usage, e),
    };
    let resource = connection.client.endpoint().resource.clone();
    let mut show = |prompt: &crate::auth::DeviceCodePrompt| {
        if prompt.message.is_empty() {
            crate::console::errln!(
                "To sign in, open {} and enter the code {}",
                prompt.verification_uri,
                prompt.user_code
            );
        } else {
            crate::console::errln!("{}", crate::results::display::safe_text(&prompt.message));
        }
        crate::console::errln!("Waiting for the sign-in (Ctrl+C to stop)...");
    };
    let login = connection.tokens.login(&resource, &mut show);
    let token = tokio::select! {
        token = login => token,
        _ = tokio::signal::ctrl_c() => return fail(Exit::Cancelled, "sign-in cancelled"),
    };
    match token {
        Ok(token) => {
            let left = token
                .expires_at
                .duration_since(SystemTime::now())
                .unwrap_or_default();
            crate::console::errln!(
                "Signed in: profile '{}' ({}) has a token for {} valid for {} more minutes.",
                connection.profile_name,
                connection.tokens.credential().method_name(),
                resource,
                left.as_secs() / 60
            );
            Exit::Ok
        }
        Err(e) => fail(Exit::Failed, e),
    }
}
