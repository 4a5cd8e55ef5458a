//! A PDF's text, page by page (pdf-extract, on lopdf), in reading order as the crate
//! finds it. Before any text is read, every compressed stream but images is unpacked
//! into nothing to measure it: a file that would unpack past [`MAX_UNPACKED`] (a PDF
//! bomb) is refused, not held in memory. Malformed files make some PDF code panic: a
//! panic here is the file's problem ([`caught`]), never the run's.

use std::io::Read;

use pdf_extract::{Document, Object, PlainTextOutput};

use super::guard::caught;

/// The most a PDF's streams (other than images) may unpack to, together.
const MAX_UNPACKED: u64 = 256 * 1024 * 1024;

/// The text of each page, or why there is none.
pub fn pages(bytes: &[u8]) -> Result<Vec<String>, String> {
    caught(|| read_pages(bytes)).unwrap_or_else(|| {
        Err("a PDF clipdex cannot read (damaged, or of a kind its reader does not handle)".into())
    })
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
