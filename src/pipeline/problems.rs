//! What an index run reports about a file: its problems and warnings, each naming the
//! file and, where known, the line.

use std::path::Path;

use crate::error::FileError;
use crate::ingest::Loaded;
use crate::model::{Format, Problem};
use crate::parse::{Entry, Warning};

/// A problem with the file at `path` (on `line`, where known).
pub(super) fn problem(path: &Path, line: Option<usize>, message: impl Into<String>) -> Problem {
    Problem {
        path: path.to_string_lossy().into_owned(),
        line,
        message: message.into(),
    }
}

pub(super) fn file_problem(err: &FileError) -> Problem {
    problem(err.path(), err.line(), err.reason())
}

/// Warnings about a file that was read: decoding, bad lines, per-article notes.
pub fn load_warnings(path: &Path, loaded: &Loaded) -> Vec<Problem> {
    let mut warnings = file_warnings(path, loaded.decoding.clone(), &loaded.parsed.warnings);
    warnings.extend(note_warnings(path, loaded.format, &loaded.parsed.entries));
    warnings
}

/// Warnings about a whole file: its decoding, then its bad lines.
pub(super) fn file_warnings(
    path: &Path,
    decoding: Vec<String>,
    parsing: &[Warning],
) -> Vec<Problem> {
    let decoding = decoding.into_iter().map(|w| problem(path, None, w));
    let parsing = parsing
        .iter()
        .map(|w| problem(path, w.line, w.message.clone()));
    decoding.chain(parsing).collect()
}

/// The notes of a file's articles, each under its line (JSON Lines) or item number.
pub fn note_warnings(path: &Path, format: Format, entries: &[Entry]) -> Vec<Problem> {
    let mut warnings = Vec::new();
    for entry in entries {
        let line = entry.part.filter(|_| format == Format::Jsonl);
        for note in &entry.notes {
            let note = match (entry.part, line) {
                (Some(record), None) if format == Format::Warc => {
                    format!("record {record}: {note}")
                }
                (Some(article), None) if matches!(format, Format::Export | Format::Email) => {
                    format!("article {article}: {note}")
                }
                (Some(item), None) => format!("item {item}: {note}"),
                _ => note.clone(),
            };
            warnings.push(problem(path, line, note));
        }
    }
    warnings
}
