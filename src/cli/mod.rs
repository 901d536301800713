//! The headless commands. Each returns an [`Exit`]: what went wrong goes to stderr in words a
//! hunter can act on, stdout carries only results so it can be piped.

mod convert;
mod input;
mod login;
mod profiles;
mod query;
mod report;

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
    /// Use this API instead of the profile's.
    #[arg(long)]
    pub flavor: Option<Flavor>,
    /// Graph only: ISO 8601 range, e.g. P7D or 2026-11-01T00:00:00Z/P1D.
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
}

#[derive(Debug, clap::Args)]
pub struct ConvertArgs {
    /// A response saved from any of the hunting APIs.
    pub response: PathBuf,
    #[arg(long, value_enum, default_value = "csv")]
    pub format: Format,
    #[arg(long, short = 'o')]
    pub output: Option<PathBuf>,
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
    if cli.demo {
        return fail(
            Exit::Usage,
            "the demo tenant (a local emulator of the hunting APIs with generated data) is not built yet. \
             Today kqlhunt runs headless against a real tenant: see `kqlhunt query --help`",
        );
    }
    match cli.command {
        Some(Command::Query(args)) => query::run(args).await,
        Some(Command::Convert(args)) => convert::run(args),
        Some(Command::Login(args)) => login::run(args).await,
        Some(Command::Profiles) => profiles::run(),
        None => {
            eprintln!(
                "kqlhunt: the interactive workbench is not built yet. Today kqlhunt runs headless:\n  kqlhunt query 'DeviceInfo | take 5'\n  kqlhunt convert response.json --format csv\nSee `kqlhunt --help`."
            );
            Exit::Usage
        }
    }
}

/// Prints an error the way every command does.
pub(crate) fn fail(exit: Exit, message: impl std::fmt::Display) -> Exit {
    eprintln!(
        "kqlhunt: {}",
        crate::results::display::safe_text(&message.to_string())
    );
    exit
}
