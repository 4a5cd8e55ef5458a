//! A PDF's text, page by page (pdf-extract, on lopdf), in reading order as the crate
//! finds it. Before any text is read, every compressed stream but images is unpacked
//! into nothing to measure it: a file that would unpack past [`MAX_UNPACKED`] (a PDF
//! bomb) is refused, not held in memory. Malformed files make some PDF code panic: a
//! panic here is caught and reported as the file's problem, never the run's.

use std::cell::Cell;
use std::io::Read;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Once;

use pdf_extract::{Document, Object, PlainTextOutput};

/// The most a PDF's streams (other than images) may unpack to, together.
const MAX_UNPACKED: u64 = 256 * 1024 * 1024;

thread_local! {
    /// Set while this thread reads a PDF: a panic then is the file's problem, reported as
    /// such, and its message is not printed.
    static READING: Cell<bool> = const { Cell::new(false) };
}

/// Puts a panic hook before the one in place that keeps quiet about a PDF reader's panic
/// (it goes to the debug log); every other panic is reported as before.
fn quiet_reader_panics() {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let before = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if READING.with(Cell::get) {
                log::debug!("the PDF reader panicked: {info}");
            } else {
                before(info);
            }
        }));
    });
}

/// The text of each page, or why there is none.
pub fn pages(bytes: &[u8]) -> Result<Vec<String>, String> {
    quiet_reader_panics();
    READING.with(|r| r.set(true));
    let read = catch_unwind(AssertUnwindSafe(|| read_pages(bytes)));
    READING.with(|r| r.set(false));
    match read {
        Ok(read) => read,
        Err(_) => Err(
            "a PDF clipdex cannot read (damaged, or of a kind its reader does \
                       not handle)"
                .into(),
        ),
    }
}

fn read_pages(bytes: &[u8]) -> Result<Vec<String>, String> {
    let mut doc =
        Document::load_mem(bytes).map_err(|err| format!("not a PDF clipdex can read ({err})"))?;
    if doc.is_encrypted() && doc.decrypt("").is_err() {
        return Err(
            "the PDF is encrypted (password-protected); save an unprotected copy to index it"
                .into(),
        );
    }
    check_unpacked(&doc)?;
    let mut pages = Vec::new();
    for number in doc.get_pages().into_keys() {
        let mut text = String::new();
        let mut output = PlainTextOutput::new(&mut text);
        pdf_extract::output_doc_page(&doc, &mut output, number)
            .map_err(|err| format!("page {number} cannot be read ({err})"))?;
        pages.push(text);
    }
    Ok(pages)
}

/// Refuses a document whose compressed streams (images aside) unpack past the limit.
fn check_unpacked(doc: &Document) -> Result<(), String> {
    let mut total: u64 = 0;
    for object in doc.objects.values() {
        let Object::Stream(stream) = object else {
            continue;
        };
        let image = stream
            .dict
            .get(b"Subtype")
            .and_then(Object::as_name)
            .is_ok_and(|name| name == b"Image");
        let flate = stream
            .dict
            .get(b"Filter")
            .and_then(Object::as_name)
            .is_ok_and(|name| name == b"FlateDecode");
        if image || !flate {
            continue;
        }
        let left = MAX_UNPACKED - total;
        let decoder = flate2::read::ZlibDecoder::new(stream.content.as_slice());
        let unpacked =
            std::io::copy(&mut decoder.take(left + 1), &mut std::io::sink()).unwrap_or(0);
        total += unpacked;
        if total > MAX_UNPACKED {
            return Err(format!(
                "its contents unpack to more than {} MiB (a PDF bomb?); not read",
                MAX_UNPACKED / 1024 / 1024
            ));
        }
    }
    Ok(())
}
