//! `kqlhunt` and `kqlhunt --demo`: the interactive workbench.

use std::sync::Arc;

use super::{fail, Exit};
use crate::api::Flavor;
use crate::config::Paths;
use crate::connect::{connect, load_config};
use crate::ui::app::App;
use crate::ui::editor::WELCOME;

pub async fn run(demo: bool, flavor: Option<Flavor>, profile: Option<String>) -> Exit {
    if !std::io::IsTerminal::is_terminal(&std::io::stdout()) {
        return fail(
            Exit::Usage,
            "the workbench needs a terminal; for scripts, use `kqlhunt query`",
        );
    }
    let paths = match Paths::discover() {
        Ok(p) => p,
        Err(e) => return fail(Exit::Usage, e),
    };
    // Keeps the demo tenant alive while the workbench runs.
    let mut _emulator = None;
    let connection = if demo {
        eprintln!("kqlhunt: starting the demo tenant...");
        match crate::connect::demo(&paths, flavor.unwrap_or(Flavor::Graph)).await {
            Ok((connection, emulator)) => {
                _emulator = Some(emulator);
                connection
            }
            Err(e) => return fail(Exit::Failed, e),
        }
    } else {
        let setup = load_config(&paths).and_then(|mut config| {
            if let Some(flavor) = flavor {
                let (name, _) = config.profile(profile.as_deref())?;
                if let Some(p) = config.profiles.get_mut(&name) {
                    p.flavor = flavor;
                }
            }
            connect(&paths, &config, profile.as_deref())
        });
        match setup {
            Ok(c) => c,
            Err(e) => return fail(Exit::Usage, e),
        }
    };
    let mut app = App::new(
        &connection.profile_name,
        connection.client.endpoint().flavor,
        connection.profile.quota.clone(),
        connection.client.quota(),
        WELCOME,
    );
    app.side.saved = crate::ui::side::load_saved(&paths.data_dir.join("saved"));
    match crate::ui::run(app, Arc::new(connection.client)).await {
        Ok(()) => Exit::Ok,
        Err(e) => fail(Exit::Failed, e),
    }
}
