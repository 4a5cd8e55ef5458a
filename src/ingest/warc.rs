//! Web archives (`.warc`, `.warc.gz`, WARC 1.0 and 1.1): every `response` record whose
//! HTTP payload is an HTML page with status 2xx becomes an article; requests, metadata,
//! revisits, styles, images and PDFs are passed over without a word.
//!
//! Read as a stream, a record at a time: an archive of any size is held one record
//! (at most [`MAX_RECORD_BYTES`]) at a time. A `.warc.gz` is read across its gzip members
//! (one per record, as crawlers write them). A record whose length lies is reported and
//! reading resumes at the next `WARC/1.x` line; a damaged or cut-off archive keeps the
//! records before the damage.

use std::io::{self, BufRead, BufReader, Read};
use std::path::Path;

use flate2::read::{MultiGzDecoder, ZlibDecoder};

use super::decode::decode_served_html;
use crate::error::FileError;
use crate::parse::{self, Entry, Warning};

/// The largest record block read: a page bigger than this is not an article.
pub const MAX_RECORD_BYTES: u64 = 16 * 1024 * 1024;
/// The longest header line read; a longer one is damage.
const MAX_LINE_BYTES: u64 = 64 * 1024;
/// The start of a record block read before deciding whether it is a page: the HTTP
/// status line and headers.
const HEAD_BYTES: u64 = 16 * 1024;

/// What reading an archive noticed besides its articles.
#[derive(Debug, Default)]
pub struct WarcRead {
    /// Records skipped with a reason the user should hear, in archive order.
    pub warnings: Vec<Warning>,
}

/// Reads the archive at `path`, handing its articles to `each` in pieces of at most
/// `piece` as they are parsed, until `each` returns false. An archive without a single
/// article is an error, and then `each` has not been called.
pub fn read_warc(
    path: &Path,
    piece: usize,
    each: impl FnMut(Vec<Entry>) -> bool,
) -> Result<WarcRead, FileError> {
    let file = std::fs::File::open(path).map_err(|source| FileError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    read_warc_from(path, Box::new(file), piece, each)
}

/// [`read_warc`] from the bytes of `reader`, the archive at `path`.
pub fn read_warc_from<'a>(
    path: &Path,
    reader: Box<dyn Read + 'a>,
    piece: usize,
    mut each: impl FnMut(Vec<Entry>) -> bool,
) -> Result<WarcRead, FileError> {
    let invalid = |message: String| FileError::Invalid {
        path: path.to_path_buf(),
        line: None,
        message,
        empty: false,
    };
    let mut raw = BufReader::new(reader);
    let start = raw.fill_buf().map(<[u8]>::to_vec).unwrap_or_default();
    let stream: Box<dyn BufRead + 'a> = if start.starts_with(&[0x1f, 0x8b]) {
        Box::new(BufReader::new(MultiGzDecoder::new(raw)))
    } else if start.starts_with(b"WARC/") {
        Box::new(raw)
    } else {
        return Err(invalid(
            "not a web archive: neither gzip nor a WARC/1.x record at the start; \
             move it out of the folder or rename it"
                .into(),
        ));
    };
    let mut records = Records::new(stream);
    let mut read = WarcRead::default();
    let mut batch = Vec::new();
    let mut articles = 0usize;
    let mut going = true;
    while going {
        let record = match records.next_record() {
            Ok(Some(record)) => record,
            Ok(None) => break,
            Err(stop) => {
                read.warnings.push(stop);
                break;
            }
        };
        match article_of(&record) {
            Ok(Some(entry)) => {
                articles += 1;
                batch.push(entry);
            }
            Ok(None) => {}
            Err(message) => read.warnings.push(record.warning(message)),
        }
        read.warnings.append(&mut records.warnings);
        if batch.len() >= piece {
            going = each(std::mem::take(&mut batch));
        }
    }
    read.warnings.append(&mut records.warnings);
    if articles == 0 {
        let mut message = format!(
            "no web page with article text among its {} records",
            records.count
        );
        if let Some(first) = read.warnings.first() {
            message.push_str(&format!(" ({})", first.message));
        }
        return Err(invalid(message));
    }
    if going && !batch.is_empty() {
        each(batch);
    }
    Ok(read)
}

/// One record as read: its number in the archive, the headers that matter, its block.
struct Record {
    number: usize,
    kind: String,
    uri: Option<String>,
    date: Option<String>,
    block: Vec<u8>,
}

impl Record {
    /// A warning about this record, naming it by number and address.
    fn warning(&self, message: String) -> Warning {
        Warning {
            line: None,
            message: format!("{}: {message}", self.name()),
        }
    }

    fn name(&self) -> String {
        match &self.uri {
            Some(uri) => format!("record {} ({uri})", self.number),
            None => format!("record {}", self.number),
        }
    }
}

/// The article of a record: `None` for a record that is not a page (silently passed
/// over), an error worded for the user for a page that could not be read.
fn article_of(record: &Record) -> Result<Option<Entry>, String> {
    if record.kind != "response" {
        return Ok(None);
    }
    let Some(http) = Http::read(&record.block) else {
        return Ok(None);
    };
    if !(200..300).contains(&http.status) || !http.is_html() {
        return Ok(None);
    }
    let body = http.body(&record.block)?;
    let Some(decoded) = decode_served_html(&body, http.charset()) else {
        return Err("its page is binary, not text".into());
    };
    let (_, parsed) = parse::parse_file("html", &decoded.text).map_err(|e| e.message)?;
    let Some(mut entry) = parsed.entries.into_iter().next() else {
        return Ok(None);
    };
    entry.part = Some(record.number);
    let article = &mut entry.article;
    if let Some(uri) = &record.uri {
        article.url = Some(uri.clone());
    }
    if article.date.is_none() {
        article.date = record
            .date
            .as_deref()
            .and_then(|d| parse::parse_date(d).ok())
            .map(|d| d.when);
    }
    Ok(Some(entry))
}

/// The records of an archive, read one after another from a stream.
struct Records<'a> {
    stream: Box<dyn BufRead + 'a>,
    /// Records started so far.
    count: usize,
    /// What went wrong between records (a length that lied), not yet handed on.
    warnings: Vec<Warning>,
}

impl<'a> Records<'a> {
    fn new(stream: Box<dyn BufRead + 'a>) -> Self {
        Records {
            stream,
            count: 0,
            warnings: Vec::new(),
        }
    }

    /// The next record, `None` at the end, or the warning that ends the archive early
    /// (damage, a cut-off file). A record too large is skipped with a warning.
    fn next_record(&mut self) -> Result<Option<Record>, Warning> {
        loop {
            let Some(first) = self.header_start()? else {
                return Ok(None);
            };
            self.count += 1;
            let mut record = Record {
                number: self.count,
                kind: String::new(),
                uri: None,
                date: None,
                block: Vec::new(),
            };
            let mut length = None;
            loop {
                let line = self.line().map_err(|e| self.damaged(&record, &e))?;
                let Some(line) = line else {
                    return Err(record.warning("the archive ends inside its header".into()));
                };
                if line.is_empty() {
                    break;
                }
                let Some((name, value)) = line.split_once(':') else {
                    continue;
                };
                let value = value.trim().to_string();
                match name.trim().to_ascii_lowercase().as_str() {
                    "warc-type" => record.kind = value,
                    "warc-target-uri" => record.uri = Some(value.trim_matches(['<', '>']).into()),
                    "warc-date" => record.date = Some(value),
                    "content-length" => length = value.parse::<u64>().ok(),
                    _ => {}
                }
            }
            let Some(length) = length else {
                self.warnings.push(record.warning(format!(
                    "no valid Content-Length in its {first} header; skipped to the next record"
                )));
                continue;
            };
            if length > MAX_RECORD_BYTES {
                self.skip(&record, length)?;
                if record.kind == "response" {
                    self.warnings.push(record.warning(format!(
                        "{length} bytes, more than the {} MiB a page can be; skipped",
                        MAX_RECORD_BYTES / (1024 * 1024)
                    )));
                }
                continue;
            }
            record.block = self.block(&record, length)?;
            return Ok(Some(record));
        }
    }

    /// The first line of the next record's header (`WARC/1.1`), passing over the blank
    /// lines that end the last record; `None` at the end of the archive. Anything else
    /// there means the last record's length lied: reported, and passed over up to the
    /// next `WARC/` line.
    fn header_start(&mut self) -> Result<Option<String>, Warning> {
        let mut stray = false;
        loop {
            let line = match self.line() {
                Ok(Some(line)) => line,
                Ok(None) => return Ok(None),
                Err(err) => {
                    return Err(Warning {
                        line: None,
                        message: format!(
                            "after record {}: the archive is damaged ({err}); the records \
                             before are read",
                            self.count
                        ),
                    })
                }
            };
            if line.starts_with("WARC/") {
                return Ok(Some(line));
            }
            if !line.is_empty() && !stray {
                stray = true;
                self.warnings.push(Warning {
                    line: None,
                    message: format!(
                        "after record {}: bytes that are no record (its Content-Length is \
                         wrong?); read on from the next WARC/ line",
                        self.count
                    ),
                });
            }
        }
    }

    /// One header line without its line end, `None` at the end of the stream. A line
    /// longer than [`MAX_LINE_BYTES`] is read in parts (not held whole).
    fn line(&mut self) -> io::Result<Option<String>> {
        let mut bytes = Vec::new();
        let n = (&mut self.stream)
            .take(MAX_LINE_BYTES)
            .read_until(b'\n', &mut bytes)?;
        if n == 0 {
            return Ok(None);
        }
        while bytes.last().is_some_and(|b| *b == b'\n' || *b == b'\r') {
            bytes.pop();
        }
        Ok(Some(String::from_utf8_lossy(&bytes).into_owned()))
    }

    /// A record's block of `length` bytes, or the warning that the archive ends or
    /// breaks inside it.
    fn block(&mut self, record: &Record, length: u64) -> Result<Vec<u8>, Warning> {
        let mut block = Vec::new();
        let got = (&mut self.stream)
            .take(length)
            .read_to_end(&mut block)
            .map_err(|e| self.damaged(record, &e))?;
        if (got as u64) < length {
            return Err(record.warning(format!(
                "the archive ends inside it: its Content-Length says {length} bytes, {got} \
                 are there (a cut-off file?); the records before are read"
            )));
        }
        Ok(block)
    }

    /// Reads past a record's block without keeping it.
    fn skip(&mut self, record: &Record, length: u64) -> Result<(), Warning> {
        let got = io::copy(&mut (&mut self.stream).take(length), &mut io::sink())
            .map_err(|e| self.damaged(record, &e))?;
        if got < length {
            return Err(record.warning(format!(
                "the archive ends inside it: its Content-Length says {length} bytes, {got} \
                 are there"
            )));
        }
        Ok(())
    }

    fn damaged(&self, record: &Record, err: &io::Error) -> Warning {
        record.warning(format!(
            "the archive is damaged here ({err}); the records before are read"
        ))
    }
}

/// An HTTP response at the start of a record block: status, headers, where the body
/// starts.
struct Http {
    status: u16,
    content_type: String,
    chunked: bool,
    encoding: String,
    body_at: usize,
}

impl Http {
    /// The response's head, or `None` for a block that is no HTTP response.
    fn read(block: &[u8]) -> Option<Http> {
        let head_len = block.len().min(HEAD_BYTES as usize);
        let end = memchr::memmem::find(&block[..head_len], b"\r\n\r\n")
            .map(|at| at + 4)
            .or_else(|| memchr::memmem::find(&block[..head_len], b"\n\n").map(|at| at + 2))?;
        let head = String::from_utf8_lossy(&block[..end]);
        let mut lines = head.lines();
        let status = lines
            .next()?
            .strip_prefix("HTTP/")?
            .split_whitespace()
            .nth(1)?
            .parse()
            .ok()?;
        let mut http = Http {
            status,
            content_type: String::new(),
            chunked: false,
            encoding: String::new(),
            body_at: end,
        };
        for line in lines {
            let Some((name, value)) = line.split_once(':') else {
                continue;
            };
            let value = value.trim().to_ascii_lowercase();
            match name.trim().to_ascii_lowercase().as_str() {
                "content-type" => http.content_type = value,
                "transfer-encoding" => http.chunked = value.contains("chunked"),
                "content-encoding" => http.encoding = value,
                _ => {}
            }
        }
        Some(http)
    }

    /// A page: its `Content-Type` says HTML.
    fn is_html(&self) -> bool {
        self.content_type.contains("html")
    }

    /// The `charset` its `Content-Type` names, if any.
    fn charset(&self) -> Option<&str> {
        let (_, rest) = self.content_type.split_once("charset=")?;
        let label = rest.split(';').next()?.trim().trim_matches(['"', '\'']);
        (!label.is_empty()).then_some(label)
    }

    /// The body as the server meant it: chunks joined, gzip or deflate undone, at most
    /// [`MAX_RECORD_BYTES`] of it.
    fn body(&self, block: &[u8]) -> Result<Vec<u8>, String> {
        let sent = &block[self.body_at.min(block.len())..];
        let joined;
        let sent = if self.chunked {
            joined = dechunk(sent);
            &joined[..]
        } else {
            sent
        };
        let decoder: Box<dyn Read + '_> = match self.encoding.as_str() {
            "" | "identity" => return Ok(sent.to_vec()),
            "gzip" | "x-gzip" => Box::new(MultiGzDecoder::new(sent)),
            "deflate" => Box::new(ZlibDecoder::new(sent)),
            other => {
                return Err(format!(
                    "its page is {other}-encoded, which clipdex cannot undo"
                ))
            }
        };
        let mut body = Vec::new();
        decoder
            .take(MAX_RECORD_BYTES + 1)
            .read_to_end(&mut body)
            .map_err(|e| format!("its {} page cannot be unpacked ({e})", self.encoding))?;
        if body.len() as u64 > MAX_RECORD_BYTES {
            return Err(format!(
                "its page unpacks to more than the {} MiB a page can be (a gzip bomb?); skipped",
                MAX_RECORD_BYTES / (1024 * 1024)
            ));
        }
        Ok(body)
    }
}

/// A chunked HTTP body's data, chunks joined; what follows a broken chunk size is kept
/// as it is.
fn dechunk(mut sent: &[u8]) -> Vec<u8> {
    let mut body = Vec::with_capacity(sent.len());
    while let Some(eol) = memchr::memchr(b'\n', sent) {
        let size_text = String::from_utf8_lossy(&sent[..eol]);
        let size_text = size_text.split(';').next().unwrap_or("").trim();
        let Ok(size) = usize::from_str_radix(size_text, 16) else {
            body.extend_from_slice(sent);
            return body;
        };
        if size == 0 {
            return body;
        }
        let data = &sent[eol + 1..];
        let take = size.min(data.len());
        body.extend_from_slice(&data[..take]);
        sent = &data[take..];
        // The line end after the chunk's data.
        sent = sent
            .strip_prefix(b"\r\n")
            .or_else(|| sent.strip_prefix(b"\n"))
            .unwrap_or(sent);
    }
    body
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_are_joined_across_a_split_character() {
        let sent = b"4\r\ncaf\xc3\r\n3;ext=1\r\n\xa9 q\r\n0\r\n\r\n";
        assert_eq!(dechunk(sent), "café q".as_bytes());
    }

    #[test]
    fn an_http_head_gives_status_type_and_encodings() {
        let block = b"HTTP/1.1 404 Not Found\r\nContent-Type: text/html; charset=utf-8\r\n\
                      Transfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n\r\nbody";
        let http = Http::read(block).expect("a response");
        assert_eq!(http.status, 404);
        assert!(http.is_html() && http.chunked);
        assert_eq!(http.encoding, "gzip");
        assert_eq!(http.charset(), Some("utf-8"));
        assert_eq!(&block[http.body_at..], b"body");
        assert!(Http::read(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n").is_none());
    }

    #[test]
    fn the_servers_charset_decides_a_page_that_declares_none() {
        let block = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=\"windows-1251\"\r\n\r\n\
            <p>\xcf\xf0\xe8\xe2\xe5\xf2</p>";
        let http = Http::read(block).expect("a response");
        assert_eq!(http.charset(), Some("windows-1251"));
        let body = &block[http.body_at..];
        let decoded = decode_served_html(body, http.charset()).expect("text");
        assert_eq!(
            decoded.text,
            "<p>\u{41f}\u{440}\u{438}\u{432}\u{435}\u{442}</p>"
        );
        // Without it the page would be read as Windows-1252.
        let guessed = decode_served_html(body, None).expect("text");
        assert_ne!(guessed.text, decoded.text);
    }
}
