//! `kqlhunt rules list|pull|diff|push|enable|disable|delete`: a tenant's custom detection
//! rules as files in the rules folder, and back. Exit codes as every command: 0 done, 1 the
//! service or a rule said no, 2 the command or the configuration is wrong.

use std::path::{Path, PathBuf};

use tokio_util::sync::CancellationToken;

use super::{fail, Exit};
use crate::config::Paths;
use crate::rules::client::RulesError;
use crate::rules::tenant::Tenant;
use crate::rules::DetectionRule;

#[derive(Debug, clap::Args)]
pub struct RulesArgs {
    #[command(subcommand)]
    pub command: RulesCommand,
    /// Profile from config.toml (default: default_profile).
    #[arg(long, short = 'p', global = true)]
    pub profile: Option<String>,
    #[arg(long, value_enum, default_value = "text", global = true)]
    pub format: RulesFormat,
    /// Describe each HTTP call on stderr (the token is shown as ***).
    #[arg(long, short = 'v', global = true)]
    pub verbose: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum RulesFormat {
    Text,
    Json,
}

#[derive(Debug, clap::Subcommand)]
pub enum RulesCommand {
    /// The tenant's rules: id, status, frequency, last change.
    List,
    /// Draft a rule file from a hunt: its query, the entities its columns suggest, daily,
    /// medium severity. Prints the file's path; edit it, check it, push it.
    New {
        /// The rule's display name (its id is made from it).
        name: String,
        /// The hunt's query, from a file (`-`: stdin).
        #[arg(long, short = 'f')]
        query_file: PathBuf,
    },
    /// Write every tenant rule as a file in the rules folder (a file with edits not pushed is
    /// left alone unless --force).
    Pull {
        #[arg(long)]
        force: bool,
    },
    /// What `push` would change, field by field, the query as a text diff.
    Diff {
        /// Rule files (default: every .kql file in the rules folder).
        files: Vec<PathBuf>,
    },
    /// Create or update the tenant's rules from files; stops where the tenant changed a rule
    /// since it was pulled.
    Push { files: Vec<PathBuf> },
    /// Switch a rule on.
    Enable { id: String },
    /// Switch a rule off.
    Disable { id: String },
    /// Delete a rule from the tenant (its file stays).
    Delete { id: String },
}

pub async fn run(args: RulesArgs, demo: bool) -> Exit {
    let paths = match Paths::discover() {
        Ok(p) => p,
        Err(e) => return fail(Exit::Usage, e),
    };
    let folder = match crate::config::RulesSettings::discover(&paths) {
        Ok(f) => f,
        Err(e) => return fail(Exit::Usage, e),
    };
    if let RulesCommand::New { name, query_file } = &args.command {
        return super::rules_new::run(name, query_file, &folder);
    }
    let target = crate::run::Target {
        demo,
        profile: args.profile.clone(),
        verbose: args.verbose,
        ..Default::default()
    };
    let tenant = match crate::rules::tenant::open(&paths, &target).await {
        Ok(t) => t,
        Err(e) => return fail(Exit::Usage, e),
    };
    let cancel = CancellationToken::new();
    let json = args.format == RulesFormat::Json;
    match args.command {
        RulesCommand::List => list(&tenant, json, &cancel).await,
        RulesCommand::New { .. } => Exit::Usage,
        RulesCommand::Pull { force } => pull(&tenant, &folder, force, json, &cancel).await,
        RulesCommand::Diff { files } => {
            super::rules_push::diff(&tenant, &rule_files(&folder, files), json, &cancel).await
        }
        RulesCommand::Push { files } => {
            super::rules_push::push(&tenant, &rule_files(&folder, files), json, &cancel).await
        }
        RulesCommand::Enable { id } => set_status(&tenant, &folder, &id, "enabled", &cancel).await,
        RulesCommand::Disable { id } => {
            set_status(&tenant, &folder, &id, "disabled", &cancel).await
        }
        RulesCommand::Delete { id } => match tenant.client.delete(&id, &cancel).await {
            Ok(()) => {
                crate::console::errln!("kqlhunt: deleted rule {id} from {}", tenant.profile_name);
                Exit::Ok
            }
            Err(e) => failed(e),
        },
    }
}

/// The exit and message of a refused call.
pub(super) fn failed(e: RulesError) -> Exit {
    let exit = match &e {
        RulesError::Api(crate::api::ApiError::Auth(_)) => Exit::Usage,
        _ => Exit::Failed,
    };
    fail(exit, e)
}

/// The files named, or every rule file in the folder.
fn rule_files(folder: &Path, named: Vec<PathBuf>) -> Vec<PathBuf> {
    if !named.is_empty() {
        return named;
    }
    let mut files = crate::files::walk(folder, &["kql"], &Default::default()).files;
    files.sort();
    files
}

/// The rule file in `folder` that holds rule `id`, if any.
pub(super) fn file_of(folder: &Path, id: &str) -> Option<(PathBuf, DetectionRule)> {
    rule_files(folder, Vec::new()).into_iter().find_map(|path| {
        let file = crate::rules::file::read(&path).ok()?;
        (file.rule.id == id).then_some((path, file.rule))
    })
}

pub(super) fn save(path: &Path, rule: &DetectionRule) -> Result<(), String> {
    crate::files::write_atomic(path, crate::rules::file::write(rule).as_bytes(), false)
        .map_err(|e| format!("cannot write {}: {e}", path.display()))
}

async fn list(tenant: &Tenant, json: bool, cancel: &CancellationToken) -> Exit {
    let rules = match tenant.client.list(cancel).await {
        Ok(r) => r,
        Err(e) => return failed(e),
    };
    if json {
        let list: Vec<_> = rules.iter().map(DetectionRule::to_json).collect();
        crate::console::outln!(
            "{}",
            serde_json::to_string_pretty(&list).unwrap_or_default()
        );
        return Exit::Ok;
    }
    let safe = |t: &str| crate::results::display::safe_text(t).into_owned();
    for rule in &rules {
        crate::console::outln!(
            "{}\t{}\t{}\t{}\t{}",
            safe(&rule.id),
            safe(rule.status.as_deref().unwrap_or("-")),
            safe(&rule.schedule.frequency),
            safe(rule.last_modified_date_time.as_deref().unwrap_or("-")),
            safe(&rule.display_name)
        );
    }
    crate::console::errln!(
        "kqlhunt: {} in {}",
        crate::text::count(rules.len() as u128, "rule", "rules"),
        tenant.profile_name
    );
    Exit::Ok
}

async fn pull(
    tenant: &Tenant,
    folder: &Path,
    force: bool,
    json: bool,
    cancel: &CancellationToken,
) -> Exit {
    let rules = match tenant.client.list(cancel).await {
        Ok(r) => r,
        Err(e) => return failed(e),
    };
    let mut written = Vec::new();
    let mut kept = 0;
    // The folder read once: rule id → its file and rule.
    let mut local_files: std::collections::HashMap<String, (PathBuf, DetectionRule)> =
        rule_files(folder, Vec::new())
            .into_iter()
            .filter_map(|path| {
                let rule = crate::rules::file::read(&path).ok()?.rule;
                Some((rule.id.clone(), (path, rule)))
            })
            .collect();
    for rule in &rules {
        let (path, local) = match local_files.remove(&rule.id) {
            Some((path, local)) => (path, Some(local)),
            None => (free_path(folder, rule, &written), None),
        };
        // A file edited since its pull holds work the tenant does not have yet.
        if let Some(local) = local.filter(|l| !force && l != rule) {
            if local.last_modified_date_time == rule.last_modified_date_time {
                crate::console::errln!("kqlhunt: kept {}: it has edits not pushed (push them, or pull --force to drop them)", path.display());
                kept += 1;
                continue;
            }
        }
        if let Err(e) = save(&path, rule) {
            return fail(Exit::Failed, e);
        }
        written.push(path.display().to_string());
    }
    if json {
        crate::console::outln!(
            "{}",
            serde_json::json!({ "written": written, "kept": kept })
        );
    } else {
        for path in &written {
            crate::console::outln!("{}", crate::results::display::safe_text(path));
        }
        crate::console::errln!(
            "kqlhunt: {} written to {}",
            crate::text::count(written.len() as u128, "rule", "rules"),
            folder.display()
        );
    }
    Exit::Ok
}

/// A new file for `rule`: its id's name, or with `-2`, `-3`... where that is taken (another
/// rule's id that reads the same as a file name, a file that is not a rule).
fn free_path(folder: &Path, rule: &DetectionRule, written: &[String]) -> PathBuf {
    let name = crate::rules::file::file_name(rule);
    let stem = name.trim_end_matches(".kql");
    (1..)
        .map(|n| match n {
            1 => folder.join(&name),
            n => folder.join(format!("{stem}-{n}.kql")),
        })
        .find(|p| !p.exists() && !written.contains(&p.display().to_string()))
        .unwrap_or_else(|| folder.join(name))
}

async fn set_status(
    tenant: &Tenant,
    folder: &Path,
    id: &str,
    status: &str,
    cancel: &CancellationToken,
) -> Exit {
    let changes = serde_json::json!({ "status": status });
    match tenant.client.update(id, changes, cancel).await {
        Ok(rule) => {
            // The file follows, so the next push does not take the tenant's change for a rival.
            if let Some((path, mut local)) = file_of(folder, id) {
                local.status = rule.status.clone();
                local.last_modified_by = rule.last_modified_by.clone();
                local.last_modified_date_time = rule.last_modified_date_time.clone();
                if let Err(e) = save(&path, &local) {
                    return fail(Exit::Failed, e);
                }
            }
            crate::console::errln!("kqlhunt: rule {id} is {status}");
            Exit::Ok
        }
        Err(e) => failed(e),
    }
}
