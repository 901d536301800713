//! The headless commands. Each returns an [`Exit`]: what went wrong goes to stderr in words a
//! hunter can act on, stdout carries only results so it can be piped.

pub mod chart;
mod check;
mod check_rules;
mod convert;
mod doctor;
mod emulator;
mod history;
mod import;
mod input;
mod login;
mod profiles;
mod query;
pub(crate) mod report;
mod rules;
mod rules_new;
mod rules_push;
mod schema;
mod stream_out;
mod workbench;

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::api::Flavor;
use crate::results::writers::Format;

#[derive(Debug, Parser)]
#[command(
    name = "kqlhunt",
    version,
    about = "A terminal workbench for Microsoft Defender advanced hunting"
)]
pub struct Cli {
    /// Hunt in the built-in demo tenant instead of a real one.
    #[arg(long, global = true)]
    pub demo: bool,
    /// Profile for the workbench (default: default_profile).
    #[arg(long, short = 'p')]
    pub profile: Option<String>,
    /// Use this API instead of the profile's (with --demo: which API the demo speaks).
    #[arg(long, global = true, value_enum)]
    pub flavor: Option<Flavor>,
    /// Use this backend instead of the profile's (with --demo: which service the demo speaks).
    #[arg(long, global = true, value_enum)]
    pub backend: Option<crate::config::BackendKind>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run one query and print its rows (stats and quota go to stderr).
    Query(QueryArgs),
    /// Turn a saved API response (any of the three shapes) into CSV, TSV, JSON or JSON Lines.
    Convert(ConvertArgs),
    /// Sign in with the profile's method (device code: shows a code to enter in a browser).
    Login(ProfileArg),
    /// List the configured profiles; the default one is marked.
    Profiles,
    /// Browse a saved API response (any of the three shapes) in the workbench, offline; with
    /// --chart, print its chart instead.
    Open(OpenArgs),
    /// Past runs, newest first; `history show ID` prints a run's kept rows with no API call.
    History(HistoryArgs),
    /// Import a folder of hunting queries (.kql, .md with fenced KQL, .yaml with `query:`) as
    /// saved queries.
    Import(ImportArgs),
    /// The editor's diagnostics for .kql files (or folders of them); exit code 1 on errors.
    Check {
        /// Files or folders.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value = "text")]
        format: check::CheckFormat,
        /// Check them as custom detection rules (rule files with a header): the columns a rule
        /// returns, near-real-time limits, schedule, alert fields, unique names.
        #[arg(long)]
        as_detection: bool,
    },
    /// Format a .kql file: each pipe operator on its own line; only whitespace changes.
    Fmt {
        file: PathBuf,
        /// Rewrite the file instead of printing the result.
        #[arg(long, short = 'w')]
        write: bool,
    },
    /// Check how copies reach your clipboard: what kqlhunt sees between it and your terminal
    /// (SSH, tmux, screen, zellij), the route it takes and why, and a test text to paste back.
    Doctor {
        #[command(subcommand)]
        what: DoctorCommand,
    },
    /// Serve the demo tenant on 127.0.0.1: the three hunting APIs and sign-in, over generated data.
    Emulator(EmulatorArgs),
    /// Custom detection rules as files: list, pull, diff, push, enable, disable, delete.
    Rules(rules::RulesArgs),
    /// The schema the profile's service gave (kept with its age); --refresh asks it again.
    Schema(SchemaArgs),
}

#[derive(Debug, clap::Args)]
pub struct SchemaArgs {
    #[command(flatten)]
    pub profile: ProfileArg,
    /// Ask the service for its tables and columns now, and keep them for completion.
    #[arg(long)]
    pub refresh: bool,
}

#[derive(Debug, Subcommand)]
pub enum DoctorCommand {
    /// The way a copy takes to your clipboard, and a test text sent that way.
    Clipboard,
}

#[derive(Debug, clap::Args)]
pub struct EmulatorArgs {
    /// Port on 127.0.0.1 (0: any free port).
    #[arg(long, default_value_t = 8443)]
    pub port: u16,
    /// Seed of the generated data: the same seed gives the same rows.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Multiplies the number of background events (1.0: about 65,000 rows).
    #[arg(long, default_value_t = 1.0)]
    pub rows_scale: f64,
    /// A TOML file of faults: latency_ms, status_500_every, status_503_every, truncate_every,
    /// html_every, token_lifetime_seconds, token_revoked_after_seconds, kql_error, and for the
    /// workspace and cluster status_429_every, status_504_every, no_data_every, max_records.
    #[arg(long)]
    pub faults: Option<PathBuf>,
    /// One fault as name=value, on top of the file's.
    #[arg(long = "fault", value_name = "NAME=VALUE")]
    pub fault: Vec<String>,
    /// Calls allowed per minute before 429.
    #[arg(long, default_value_t = 45)]
    pub calls_per_minute: usize,
}

#[derive(Debug, clap::Args)]
pub struct HistoryArgs {
    #[command(subcommand)]
    pub command: Option<HistoryCommand>,
    /// Fuzzy text, with profile:NAME, outcome:ok|error|cancelled|throttled, since:7d.
    #[arg(long, short = 's')]
    pub search: Option<String>,
    /// At most this many runs (0: all).
    #[arg(long, short = 'n', default_value_t = 20)]
    pub limit: usize,
    #[arg(long, value_enum, default_value = "table")]
    pub format: Format,
}

#[derive(Debug, Subcommand)]
pub enum HistoryCommand {
    /// Print a run's kept result (the query goes to stderr).
    Show {
        /// The run's Id, from `kqlhunt history`.
        id: i64,
        #[arg(long, value_enum, default_value = "csv")]
        format: Format,
        /// Print the chart of the kept rows, as the run's query renders it.
        #[command(flatten)]
        chart: chart::ChartArgs,
    },
}

#[derive(Debug, clap::Args)]
pub struct OpenArgs {
    /// The response file.
    pub response: PathBuf,
    /// The query the response answered: its `render` picks the chart.
    #[arg(long, value_name = "FILE")]
    pub query_text: Option<PathBuf>,
    #[command(flatten)]
    pub chart: chart::ChartArgs,
    /// With --chart: write the chart to this file instead of stdout.
    #[arg(long, short = 'o', requires = "chart")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// The folder to import (searched to the bottom).
    pub folder: PathBuf,
    /// The folder under saved/ to put them in (default: the imported folder's name).
    #[arg(long)]
    pub into: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct ProfileArg {
    /// Profile from config.toml (default: default_profile).
    #[arg(long, short = 'p')]
    pub profile: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct QueryArgs {
    /// The KQL to run; `-` reads it from stdin.
    #[arg(conflicts_with = "file")]
    pub kql: Option<String>,
    /// Read the query from a file.
    #[arg(long, short = 'f')]
    pub file: Option<PathBuf>,
    #[command(flatten)]
    pub profile: ProfileArg,
    /// Graph and Log Analytics: ISO 8601 range, e.g. P7D or 2026-11-01T00:00:00Z/P1D.
    #[arg(long)]
    pub timespan: Option<String>,
    #[arg(long, value_enum, default_value = "table")]
    pub format: Format,
    /// Write the rows to this file instead of stdout.
    #[arg(long, short = 'o')]
    pub output: Option<PathBuf>,
    /// Print no stats or quota on stderr.
    #[arg(long, short = 'q')]
    pub quiet: bool,
    /// Describe each HTTP call on stderr (the token is shown as ***).
    #[arg(long, short = 'v')]
    pub verbose: bool,
    /// Keep this run out of the history (it is kept there, with its rows, by default).
    #[arg(long)]
    pub no_history: bool,
    #[command(flatten)]
    pub chart: chart::ChartArgs,
}

#[derive(Debug, clap::Args)]
pub struct ConvertArgs {
    /// A response saved from any of the hunting APIs.
    pub response: PathBuf,
    #[arg(long, value_enum, default_value = "csv")]
    pub format: Format,
    #[arg(long, short = 'o')]
    pub output: Option<PathBuf>,
    /// The query the response answered (its `render` picks the chart for --chart).
    #[arg(long, value_name = "FILE", requires = "chart")]
    pub query_text: Option<PathBuf>,
    #[command(flatten)]
    pub chart: chart::ChartArgs,
}

/// How a command ended, as a process exit code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Exit {
    Ok = 0,
    /// The service or the data said no (a KQL error, throttling, a bad file).
    Failed = 1,
    /// The command or the configuration is wrong.
    Usage = 2,
    Cancelled = 130,
}

pub async fn run(cli: Cli) -> Exit {
    let demo = cli.demo;
    match cli.command {
        Some(Command::Query(args)) => query::run(args, demo, cli.flavor, cli.backend).await,
        Some(Command::Convert(args)) => convert::run(args),
        Some(Command::Login(args)) => login::run(args).await,
        Some(Command::Profiles) => profiles::run(),
        Some(Command::History(args)) => history::run(args),
        Some(Command::Check {
            paths,
            format,
            as_detection: true,
        }) => check_rules::check(&paths, format),
        Some(Command::Check { paths, format, .. }) => check::check(&paths, format, advice()),
        Some(Command::Fmt { file, write }) => check::fmt(&file, write),
        Some(Command::Import(args)) => import::run(args),
        Some(Command::Doctor {
            what: DoctorCommand::Clipboard,
        }) => doctor::clipboard(),
        Some(Command::Emulator(args)) => emulator::run(args).await,
        Some(Command::Rules(args)) => rules::run(args, demo).await,
        Some(Command::Open(args)) => workbench::open(args).await,
        Some(Command::Schema(args)) => {
            let target = crate::run::Target {
                demo,
                flavor: cli.flavor,
                backend: cli.backend,
                profile: args.profile.profile.clone(),
                verbose: false,
            };
            schema::run(args, target).await
        }
        None => workbench::run(demo, cli.flavor, cli.backend, cli.profile).await,
    }
}

/// The advice switched on in config.toml (all of it when there is no config).
fn advice() -> crate::assist::diagnose::Advice {
    crate::config::Paths::discover()
        .ok()
        .and_then(|p| crate::connect::load_config(&p).ok())
        .map(|c| c.advice)
        .unwrap_or_default()
}

/// Prints an error the way every command does.
pub(crate) fn fail(exit: Exit, message: impl std::fmt::Display) -> Exit {
    crate::console::errln!(
        "kqlhunt: {}",
        crate::results::display::safe_text(&message.to_string())
    );
    exit
}
