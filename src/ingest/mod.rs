//! Finds clipping files under a folder and reads them as text, ready for the parsers.

mod decode;
mod docx;
mod guard;
mod lines;
mod mail;
mod mhtml;
mod pdf;
mod read_ahead;
mod rtf;
mod walk;
mod warc;

pub use decode::{decode, decode_html, Decoded};
pub use lines::{read_json_lines, LinesParsed};
pub use read_ahead::{Ahead, Bytes, ReadAhead, PARSE_STACK_BYTES};
pub use walk::{check_supported, passed_over, walk, Found, SourceFile, Walker};
pub use warc::{read_warc, WarcRead, MAX_RECORD_BYTES};

use std::path::Path;

use crate::error::FileError;
use crate::model::Format;
use crate::parse::{self, Parsed};

/// A file read and parsed, with how it was decoded if it was not UTF-8.
#[derive(Debug)]
pub struct Loaded {
    /// The layout it was parsed as: JSON Lines by extension, else detected from the
    /// extension and the text.
    pub format: Format,
    /// Its articles, and warnings about the parts that were skipped.
    pub parsed: Parsed,
    /// How text that was not UTF-8 was read, in file order: one note for a JSON Lines
    /// file per block, at most one for any other file.
    pub decoding: Vec<String>,
}

/// The largest text file read: one article, so anything bigger is a dump or a log.
pub const MAX_TEXT_BYTES: u64 = 16 * 1024 * 1024;
/// The largest JSON file read, and the largest JSON Lines file read whole (by `extract`,
/// or in UTF-16): it is held in memory while it is parsed, with its articles. `index`
/// reads a JSON Lines file a block at a time, whatever its size.
pub const MAX_JSON_BYTES: u64 = 256 * 1024 * 1024;

/// The largest `.mhtml` file read: the page with its images, styles and fonts.
pub const MAX_MHTML_BYTES: u64 = 128 * 1024 * 1024;

/// What reading holds at most while a folder is indexed: the files read ahead, and one
/// block of a big JSON Lines file. Taken from the indexing memory (`index --memory`)
/// before the index writer gets the rest.
pub const BUFFER_BYTES: usize = read_ahead::WINDOW_BYTES as usize + lines::BLOCK_BYTES;

/// Reads, decodes, detects the layout of and parses one file.
pub fn load(path: &Path) -> Result<Loaded, FileError> {
    let bytes = read(path)?;
    let loaded = parse_bytes(path, &bytes);
    give_back(bytes);
    loaded
}

/// Reads a file's bytes, refusing one too large to be clippings.
pub fn read(path: &Path) -> Result<Vec<u8>, FileError> {
    let (mut file, size) = open(path)?;
    refuse_above(path, size, size_limit(path))?;
    // Into the buffer of a file read before on this thread, if it was given back: fresh
    // memory costs a page fault per page, several times the cost of the read itself.
    let mut bytes = if size >= SPARE_MIN_BYTES as u64 {
        take_spare()
    } else {
        Vec::new()
    };
    let read_err = |source| FileError::Read {
        path: path.to_path_buf(),
        source,
    };
    bytes
        .try_reserve_exact(usize::try_from(size).unwrap_or(usize::MAX))
        .map_err(|_| {
            read_err(std::io::Error::new(
                std::io::ErrorKind::OutOfMemory,
                "not enough memory to read the file",
            ))
        })?;
    std::io::Read::read_to_end(&mut file, &mut bytes).map_err(read_err)?;
    Ok(bytes)
}

/// Opens a file to read, with its size.
fn open(path: &Path) -> Result<(std::fs::File, u64), FileError> {
    let read_err = |source| FileError::Read {
        path: path.to_path_buf(),
        source,
    };
    let file = std::fs::File::open(path).map_err(read_err)?;
    let size = file.metadata().map_err(read_err)?.len();
    Ok((file, size))
}

/// The largest file of this kind read whole.
fn size_limit(path: &Path) -> u64 {
    match walk::extension(path).as_str() {
        "json" | "jsonl" | "ndjson" | "warc" | "warc.gz" | "mbox" => MAX_JSON_BYTES,
        // A single-file page holds its images and styles beside the HTML.
        "mhtml" | "mht" | "eml" | "docx" | "pdf" | "rtf" => MAX_MHTML_BYTES,
        _ => MAX_TEXT_BYTES,
    }
}

/// Refuses a file too large to be read whole.
fn refuse_above(path: &Path, size: u64, limit: u64) -> Result<(), FileError> {
    if size > limit {
        return Err(FileError::TooLarge {
            path: path.to_path_buf(),
            size,
            limit,
        });
    }
    Ok(())
}

/// This thread's spare buffer, empty, if one was given back.
fn take_spare() -> Vec<u8> {
    let mut bytes = SPARE.take();
    bytes.clear();
    bytes
}

thread_local! {
    /// A big file's buffer, given back once its articles are parsed, for the next file.
    static SPARE: std::cell::Cell<Vec<u8>> = const { std::cell::Cell::new(Vec::new()) };
}

/// Gives back the buffer of a file [`read`] on this thread once its text is parsed: the
/// next file is read into it. Buffers of small files are not worth keeping.
pub fn give_back(bytes: Vec<u8>) {
    if bytes.capacity() >= SPARE_MIN_BYTES {
        SPARE.set(bytes);
    }
}

/// The smallest buffer kept for the next file.
const SPARE_MIN_BYTES: usize = 1024 * 1024;

/// Decodes, detects the layout of and parses the bytes read from `path`.
pub fn parse_bytes(path: &Path, bytes: &[u8]) -> Result<Loaded, FileError> {
    if is_json_lines(path) {
        let (entries, lines) = lines::parse_json_lines(path, bytes)?;
        return Ok(Loaded {
            format: Format::Jsonl,
            parsed: Parsed {
                entries,
                warnings: lines.warnings,
            },
            decoding: lines.decoding,
        });
    }
    if is_warc(path) {
        return warc_in_memory(path, bytes);
    }
    let extension = walk::extension(path);
    if matches!(extension.as_str(), "mhtml" | "mht") {
        return single_file_page(path, bytes);
    }
    if matches!(extension.as_str(), "eml" | "mbox") {
        return mail_file(path, bytes, &extension);
    }
    if matches!(extension.as_str(), "pdf" | "docx" | "rtf") {
        return document_file(path, &extension, bytes);
    }
    let decoded = if is_web_page(&extension) {
        decode_html(bytes)
    } else {
        decode(bytes)
    };
    let Decoded { text, warning } = decoded.ok_or_else(|| FileError::Binary {
        path: path.to_path_buf(),
    })?;
    let (format, parsed) =
        parse::parse_file(&extension, &text).map_err(|err| FileError::Invalid {
            path: path.to_path_buf(),
            line: err.line,
            message: err.message,
            empty: err.empty,
        })?;
    Ok(Loaded {
        format,
        parsed,
        decoding: warning.into_iter().collect(),
    })
}

/// A web archive already read whole (by `extract` or a test): its articles, all at once.
fn warc_in_memory(path: &Path, bytes: &[u8]) -> Result<Loaded, FileError> {
    let mut entries = Vec::new();
    let read = warc::read_warc_from(path, Box::new(bytes), usize::MAX, |piece| {
        entries.extend(piece);
        true
    })?;
    Ok(Loaded {
        format: Format::Warc,
        parsed: Parsed {
            entries,
            warnings: read.warnings,
        },
        decoding: Vec::new(),
    })
}

/// A browser's single-file page (`.mhtml`): its HTML part read as a saved page, at the
/// address it was saved from when the page names none.
fn single_file_page(path: &Path, bytes: &[u8]) -> Result<Loaded, FileError> {
    let page = mhtml::page_of(bytes).ok_or_else(|| FileError::Invalid {
        path: path.to_path_buf(),
        line: None,
        message: "no HTML page inside (not a browser's single-file page?); move it out of \
                  the folder"
            .into(),
        empty: false,
    })?;
    let (format, mut parsed) =
        parse::parse_file("html", &page.html).map_err(|err| FileError::Invalid {
            path: path.to_path_buf(),
            line: err.line,
            message: err.message,
            empty: err.empty,
        })?;
    for entry in &mut parsed.entries {
        if entry.article.url.is_none() {
            entry.article.url.clone_from(&page.url);
        }
    }
    Ok(Loaded {
        format,
        parsed,
        decoding: Vec::new(),
    })
}

/// A document (PDF, Word, RTF) as a file of its own.
fn document_file(path: &Path, extension: &str, bytes: &[u8]) -> Result<Loaded, FileError> {
    document(extension, bytes).map_err(|(message, empty)| FileError::Invalid {
        path: path.to_path_buf(),
        line: None,
        message,
        empty,
    })
}

/// A document's articles: a PDF (an export split into its articles, else one clipping),
/// a Word or RTF document (its paragraphs read as a text file is: an export split, else
/// one article). An error says why, and whether the document is merely empty. Also what
/// an e-mail's attached documents are read with.
pub(crate) fn document(extension: &str, bytes: &[u8]) -> Result<Loaded, (String, bool)> {
    let parsed_text = |paragraphs: Vec<String>| {
        parse::parse_file("txt", &paragraphs.join("\n\n")).map_err(|err| (err.message, err.empty))
    };
    let (format, parsed) = match extension {
        "pdf" => {
            let pages = pdf::pages(bytes).map_err(|err| (err, false))?;
            let parsed = parse::parse_pdf(&pages).map_err(|err| (err.message, err.empty))?;
            let export = parsed.entries.iter().any(|e| e.part.is_some());
            (if export { Format::Export } else { Format::Pdf }, parsed)
        }
        "docx" => parsed_text(docx::paragraphs(bytes).map_err(|err| (err.to_string(), false))?)?,
        "rtf" => parsed_text(rtf::paragraphs(bytes).map_err(|err| (err, false))?)?,
        other => return Err((format!("not a document clipdex reads (.{other})"), false)),
    };
    Ok(Loaded {
        format,
        parsed,
        decoding: Vec::new(),
    })
}

/// An e-mail (`.eml`) or a mailbox (`.mbox`): each message an article, and each
/// attachment clipdex reads.
fn mail_file(path: &Path, bytes: &[u8], extension: &str) -> Result<Loaded, FileError> {
    let invalid = |message: &str, empty: bool| FileError::Invalid {
        path: path.to_path_buf(),
        line: None,
        message: message.to_string(),
        empty,
    };
    let parsed = if extension == "mbox" {
        mail::read_mbox(bytes)
    } else {
        mail::read_eml(bytes).ok_or_else(|| {
            invalid(
                "not an e-mail message (no header lines); move it out of the folder",
                false,
            )
        })?
    };
    if parsed.entries.is_empty() {
        return Err(invalid(
            "no messages in this mailbox",
            parsed.warnings.is_empty(),
        ));
    }
    Ok(Loaded {
        format: Format::Email,
        parsed,
        decoding: Vec::new(),
    })
}

/// Whether a file is a web archive (`.warc`, `.warc.gz`), read a record at a time
/// ([`read_warc`]).
pub fn is_warc(path: &Path) -> bool {
    matches!(walk::extension(path).as_str(), "warc" | "warc.gz")
}

/// Whether a file with this extension is a web page, whose encoding its HTML declares.
fn is_web_page(extension: &str) -> bool {
    matches!(extension, "html" | "htm" | "xhtml")
}

/// Whether a file is read as JSON Lines whatever it holds, by its extension: such a file
/// is read and parsed a block at a time ([`read_json_lines`]).
pub fn is_json_lines(path: &Path) -> bool {
    matches!(walk::extension(path).as_str(), "jsonl" | "ndjson")
}
