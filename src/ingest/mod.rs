//! Finds clipping files under a folder and reads them as text, ready for the parsers.

mod decode;
mod walk;

pub use decode::{decode, Decoded};
pub use walk::{check_supported, walk, Found, SourceFile};

use std::path::Path;

use crate::error::FileError;
use crate::model::Format;
use crate::parse::{self, Parsed};

/// A file read and parsed, with the decoding warning if there was one.
#[derive(Debug)]
pub struct Loaded {
    pub format: Format,
    pub parsed: Parsed,
    pub decode_warning: Option<String>,
}

/// Reads, decodes, detects the layout of and parses one file.
pub fn load(path: &Path) -> Result<Loaded, FileError> {
    let bytes = std::fs::read(path).map_err(|source| FileError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    let Decoded { text, warning } = decode(&bytes).ok_or_else(|| FileError::Binary {
        path: path.to_path_buf(),
    })?;
    let extension = walk::extension(path);
    let (format, parsed) =
        parse::parse_file(&extension, &text).map_err(|err| FileError::Invalid {
            path: path.to_path_buf(),
            line: err.line,
            message: err.message,
        })?;
    Ok(Loaded {
        format,
        parsed,
        decode_warning: warning,
    })
}
