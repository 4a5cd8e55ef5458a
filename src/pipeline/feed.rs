//! The feeding side of an index run: files read, parsed and with their speakers found,
//! handed to the writer's thread as [`Piece`]s (a small file whole, a big one in pieces,
//! so the index is written while the rest of it is still being read).

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::SyncSender;

use rayon::prelude::*;

use super::problems::{file_warnings, load_warnings, note_warnings};
use crate::error::FileError;
use crate::ingest::{self, Ahead, Bytes, SourceFile};
use crate::model::{Article, Format, Problem, Speaker};
use crate::parse::Entry;
use crate::speakers;
use crate::stories::{self, Signature};

/// Pieces read ahead of the writer: enough to keep both threads busy, few enough that
/// articles do not pile up in memory.
pub(super) const READ_AHEAD: usize = 4;
/// Articles in one piece.
const PIECE_ARTICLES: usize = 1_000;

/// What the reading thread hands the writer.
pub(super) enum Piece {
    /// A file that could not be read.
    Failed(SourceFile, FileError),
    /// A file of one piece (most are), in one message.
    Whole(SourceFile, Format, Vec<Problem>, Vec<Signed>),
    /// A file begins: how it was read.
    Start(SourceFile, Format),
    /// The next articles of the file begun last, with their speakers found.
    Articles(Vec<Signed>),
    /// The file begun last is complete: what is worth a warning about it.
    End(Vec<Problem>),
}

/// An article ready for the writer: its speakers found and its story signature made,
/// off the writer's thread.
pub(super) struct Signed {
    pub(super) entry: Entry,
    pub(super) signature: Signature,
}

/// A file parsed: its articles as `T` (ready for the writer, or still to be finished).
struct Prepared<T> {
    format: Format,
    warnings: Vec<Problem>,
    entries: Vec<T>,
}

/// Parses a file read and finds its speakers (on the threads that read ahead).
fn prepare(path: &Path, bytes: Bytes, no_speakers: bool) -> Result<Prepared<Signed>, FileError> {
    let loaded = ingest::parse_bytes(path, &bytes?)?;
    let warnings = load_warnings(path, &loaded);
    Ok(Prepared {
        format: loaded.format,
        warnings,
        entries: found(loaded.parsed.entries, no_speakers),
    })
}

/// A file too big to be read ahead: read and parsed here, its speakers found a piece at
/// a time, so the writer starts on its first articles while the rest are still being
/// parsed. A JSON Lines file is read a block at a time too.
fn read_big(
    file: SourceFile,
    no_speakers: bool,
    stop: &AtomicBool,
    send: &dyn Fn(Piece) -> bool,
) -> bool {
    if ingest::is_json_lines(&file.path) {
        return read_streamed(file, Format::Jsonl, no_speakers, stop, send);
    }
    if ingest::is_warc(&file.path) {
        return read_streamed(file, Format::Warc, no_speakers, stop, send);
    }
    let parsed = ingest::read(&file.path).and_then(|bytes| {
        let loaded = ingest::parse_bytes(&file.path, &bytes);
        ingest::give_back(bytes);
        loaded
    });
    match parsed {
        Ok(loaded) => {
            let prepared = Prepared {
                warnings: load_warnings(&file.path, &loaded),
                format: loaded.format,
                entries: loaded.parsed.entries,
            };
            send_pieces(file, prepared, stop, send, |piece| {
                found(piece, no_speakers)
            })
        }
        Err(err) => send(Piece::Failed(file, err)),
    }
}

/// A big JSON Lines file or a web archive, handed on a piece at a time as it is read
/// and parsed.
fn read_streamed(
    file: SourceFile,
    format: Format,
    no_speakers: bool,
    stop: &AtomicBool,
    send: &dyn Fn(Piece) -> bool,
) -> bool {
    let path = file.path.clone();
    let mut started = false;
    let mut notes = Vec::new();
    let mut going = true;
    let mut each = |entries: Vec<Entry>| {
        notes.extend(note_warnings(&path, format, &entries));
        // Begun with its first articles: a file without any fails, it does not start.
        if !started {
            started = true;
            going = send(Piece::Start(file.clone(), format));
        }
        going = going && !stop.load(Ordering::SeqCst);
        going = going && send(Piece::Articles(found(entries, no_speakers)));
        going
    };
    let parsed = if format == Format::Warc {
        ingest::read_warc(&path, PIECE_ARTICLES, &mut each).map(|read| (Vec::new(), read.warnings))
    } else {
        ingest::read_json_lines(&path, PIECE_ARTICLES, &mut each)
            .map(|read| (read.decoding, read.warnings))
    };
    match parsed {
        // A file that gave articles has started: one without any is an error.
        Ok((decoding, warnings)) => {
            let mut warnings = file_warnings(&path, decoding, &warnings);
            warnings.extend(notes);
            going && send(Piece::End(warnings))
        }
        // A read that failed after some pieces: the writer drops what the file gave.
        Err(err) => send(Piece::Failed(file, err)),
    }
}

/// Hands on a file's articles with `send`: whole if they fit in one piece, else in
/// pieces, each through `finish` first (to find speakers, where not found yet). Returns
/// false once the writer is gone or `stop` is set.
fn send_pieces<T>(
    file: SourceFile,
    prepared: Prepared<T>,
    stop: &AtomicBool,
    send: &dyn Fn(Piece) -> bool,
    finish: impl Fn(Vec<T>) -> Vec<Signed>,
) -> bool {
    let Prepared {
        format,
        warnings,
        entries,
    } = prepared;
    if entries.len() <= PIECE_ARTICLES {
        return send(Piece::Whole(file, format, warnings, finish(entries)));
    }
    if !send(Piece::Start(file, format)) {
        return false;
    }
    let mut entries = entries.into_iter();
    loop {
        let piece: Vec<T> = entries.by_ref().take(PIECE_ARTICLES).collect();
        if piece.is_empty() {
            return send(Piece::End(warnings));
        }
        if stop.load(Ordering::SeqCst) {
            return false;
        }
        if !send(Piece::Articles(finish(piece))) {
            return false;
        }
    }
}

/// The feeding thread's work: hands on the `changed` files read, parsed and with their
/// speakers found (small files from the read-ahead threads, big ones a piece at a time)
/// until they are all sent, the writer has gone or `stop` is set.
pub(super) fn feed(
    changed: Vec<SourceFile>,
    no_speakers: bool,
    stop: &AtomicBool,
    sender: SyncSender<Piece>,
) {
    let send = |piece| sender.send(piece).is_ok();
    let files = ingest::ReadAhead::new(changed, move |path, bytes| {
        prepare(path, bytes, no_speakers)
    });
    for (file, ahead) in files {
        if stop.load(Ordering::SeqCst) {
            break;
        }
        let going = match ahead {
            Ahead::Done(Ok(prepared)) => send_pieces(file, prepared, stop, &send, |piece| piece),
            Ahead::Done(Err(err)) => send(Piece::Failed(file, err)),
            Ahead::Big => read_big(file, no_speakers, stop, &send),
        };
        if !going {
            break;
        }
    }
}

/// Articles with their speakers found (none with `--no-speakers`) and their story
/// signatures made, on all cores.
pub(super) fn found(entries: Vec<Entry>, no_speakers: bool) -> Vec<Signed> {
    let entries = if no_speakers {
        entries
            .into_iter()
            .map(|mut entry| {
                entry.article.speakers.clear();
                entry
            })
            .collect()
    } else {
        with_speakers(entries, speakers::extract_for_index)
    };
    let settings = stories::Settings::default();
    entries
        .into_par_iter()
        .map(|entry| Signed {
            signature: stories::signature(&entry.article.title, &entry.article.body, &settings),
            entry,
        })
        .collect()
}

/// The articles of a loaded file, with their speakers found by `extract` (one of
/// [`speakers::extract`] and [`speakers::extract_for_index`]), on all cores.
pub fn with_speakers(mut entries: Vec<Entry>, extract: fn(&Article) -> Vec<Speaker>) -> Vec<Entry> {
    // In place: the articles are not moved into a new list.
    entries.par_iter_mut().for_each(|entry| {
        entry.article.speakers = extract(&entry.article);
    });
    entries
}
