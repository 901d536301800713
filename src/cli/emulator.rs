//! `kqlhunt emulator`: the demo tenant as a server other tools (and other kqlhunts) can use.

use super::{fail, EmulatorArgs, Exit};
use crate::emulator::identity::{DEMO_CLIENT_ID, DEMO_SECRET, PUBLIC_CLIENT_ID};
use crate::emulator::{Emulator, EmulatorConfig, Faults, QuotaRules};

pub async fn run(args: EmulatorArgs) -> Exit {
    let mut faults = match &args.faults {
        Some(path) => match Faults::load(path) {
            Ok(f) => f,
            Err(e) => return fail(Exit::Usage, e),
        },
        None => Faults::default(),
    };
    for fault in &args.fault {
        if let Err(e) = faults.set(fault) {
            return fail(Exit::Usage, e);
        }
    }
    if !(0.01..=100.0).contains(&args.rows_scale) {
        return fail(Exit::Usage, "--rows-scale takes a number from 0.01 to 100");
    }
    // Without a data folder there is no map: every externaldata URL is refused by name.
    let local_copies = match crate::config::Paths::discover() {
        Ok(paths) => match crate::engine::LocalCopies::load(&paths.data_dir) {
            Ok(copies) => copies,
            Err(e) => return fail(Exit::Usage, e),
        },
        Err(_) => crate::engine::LocalCopies::default(),
    };
    let config = EmulatorConfig {
        local_copies,
        port: args.port,
        seed: args.seed,
        rows_scale: args.rows_scale,
        faults,
        quotas: QuotaRules {
            calls_per_minute: args.calls_per_minute,
            ..QuotaRules::default()
        },
        // A served demo keeps its rules in memory: its callers come and go.
        rules_file: None,
    };
    crate::console::errln!(
        "kqlhunt emulator: generating the demo data (seed {})...",
        args.seed
    );
    let emulator = match Emulator::start(config).await {
        Ok(e) => e,
        Err(e) => return fail(Exit::Failed, e),
    };
    let url = &emulator.url;
    crate::console::errln!(
        "kqlhunt emulator: serving {} rows on {url} (Ctrl+C stops it)\n\
         APIs: {url}/v1.0/security/runHuntingQuery, {url}/api/advancedhunting/run, {url}/api/advancedqueries/run\n\
         Sign-in: {url}/<tenant>/oauth2/v2.0/token. A profile for it:\n\n\
         [profiles.emulator]\ntenant = \"demo\"\nflavor = \"xdr\"\nbase_url = \"{url}\"\nlogin_url = \"{url}\"\n\
         [profiles.emulator.auth]\nmethod = \"client-secret\"\nclient_id = \"{DEMO_CLIENT_ID}\"\nclient_secret_env = \"KQLHUNT_DEMO_SECRET\"   # export KQLHUNT_DEMO_SECRET={DEMO_SECRET}\n\n\
         (device code: method = \"device-code\", client_id = \"{PUBLIC_CLIENT_ID}\")",
        emulator.rows()
    );
    let _ = tokio::signal::ctrl_c().await;
    crate::console::errln!(
        "kqlhunt emulator: stopped after {} hunting calls",
        emulator.hunting_calls()
    );
    Exit::Ok
}
