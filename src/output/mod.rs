//! Renders results to any `W: Write`: the terminal (colour or plain markers), JSON, or
//! tables (CSV, TSV).

pub mod json;
pub mod people;
pub mod table;
pub mod terminal;

use std::path::Path;

/// How terminal output is marked up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Style {
    /// ANSI colour; otherwise highlights are marked `**like this**`.
    pub color: bool,
}

/// A date as the day it falls on (`2019-04-12`), or `undated`.
pub fn day(date: Option<chrono::DateTime<chrono::Utc>>) -> String {
    date.map_or_else(
        || "undated".to_string(),
        |d| d.format("%Y-%m-%d").to_string(),
    )
}

/// A stored path shown relative to the working folder when it lies inside it.
pub fn display_path(path: &str, cwd: Option<&Path>) -> String {
    cwd.and_then(|cwd| Path::new(path).strip_prefix(cwd).ok())
        .map(|p| p.display().to_string())
        .unwrap_or_else(|| path.to_string())
}
