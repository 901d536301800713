//! kqlhunt: a terminal workbench for Microsoft Defender advanced hunting.
//!
//! Layers, each knowing only those listed after it: `cli` → `ui` → `run` → `backend` →
//! `connect` → `api` → `auth` → `results` → `config`; `text` and `guard` are leaves every
//! layer may use and import nothing of the crate. See the README's design notes.

pub mod api;
pub mod assist;
pub mod auth;
pub mod backend;
pub mod chart;
pub mod cli;
pub mod clipboard;
pub mod config;
pub mod connect;
pub mod console;
pub mod drafts;
pub mod emulator;
pub mod engine;
pub mod files;
pub mod fuzzy;
pub mod guard;
pub mod history;
pub mod http;
pub mod kql;
pub mod limits;
pub mod outside_time;
pub mod results;
pub mod rules;
pub mod run;
pub mod saved;
pub mod text;
pub mod ui;
