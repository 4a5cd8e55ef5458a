//! JSON Lines files a block of whole lines at a time: a dump of hundreds of megabytes is
//! neither held in memory whole nor parsed to its end before its first articles are
//! handed on. Each block is decoded on its own (UTF-8 in place, as for any file), so a
//! few lines in another encoding do not decide how the rest of the file is read.

use std::io::Read;
use std::path::Path;

use super::decode::{decode_text, is_utf16, looks_binary, utf16};
use super::{open, refuse_above, take_spare, Decoded, MAX_JSON_BYTES};
use crate::error::FileError;
use crate::parse::{self, Entry, JsonLines, Warning};

/// A block: about this many bytes, up to the end of a line.
pub(super) const BLOCK_BYTES: usize = 8 * 1024 * 1024;

/// What a JSON Lines file gave besides its articles.
#[derive(Debug, Default)]
pub struct LinesParsed {
    /// How blocks that were not UTF-8 were read, in the order of the file.
    pub decoding: Vec<String>,
    /// Bad lines, in the order of the file.
    pub warnings: Vec<Warning>,
}

/// Reads and parses the JSON Lines file at `path` a block at a time, handing its articles
/// to `each` in pieces of at most `piece`, as they are parsed, until `each` returns false.
/// A file without a single article is an error, and then `each` has not been called; so
/// is a file that cannot be read, which may come after some pieces. The file may be of
/// any size; a line over [`MAX_JSON_BYTES`] is an error, and so is a UTF-16 file over it.
pub fn read_json_lines(
    path: &Path,
    piece: usize,
    each: impl FnMut(Vec<Entry>) -> bool,
) -> Result<LinesParsed, FileError> {
    read_blocks(path, BLOCK_BYTES, MAX_JSON_BYTES, piece, each)
}

/// [`read_json_lines`] in blocks of `block` bytes, holding at most `most` bytes of one
/// line (or of a UTF-16 file, read whole).
fn read_blocks(
    path: &Path,
    block: usize,
    most: u64,
    piece: usize,
    mut each: impl FnMut(Vec<Entry>) -> bool,
) -> Result<LinesParsed, FileError> {
    let read_err = |source| FileError::Read {
        path: path.to_path_buf(),
        source,
    };
    // No limit on the size: a block is held at a time.
    let (mut file, size) = open(path)?;
    let held = usize::try_from(most).unwrap_or(usize::MAX);
    let mut buffer = take_spare();
    let mut lines = Lines::default();
    let mut complete = false;
    loop {
        // A block, or the rest of the file; another block for a line longer than one.
        let missing = match block.checked_sub(buffer.len()) {
            Some(short) if short > 0 => short,
            _ => block,
        };
        let got = file
            .by_ref()
            .take(missing as u64)
            .read_to_end(&mut buffer)
            .map_err(read_err)?;
        complete |= got < missing;
        if lines.offset == 0 && is_utf16(&buffer) {
            // A newline byte can be half of a UTF-16 character: the file is read whole.
            refuse_above(path, size, most)?;
            file.read_to_end(&mut buffer).map_err(read_err)?;
            lines.add(path, &buffer, piece, &mut each)?;
            break;
        }
        // A line longer than a block: read on, up to the longest line held.
        if buffer.len() > held && memchr::memchr(b'\n', &buffer[..held]).is_none() {
            return Err(FileError::Invalid {
                path: path.to_path_buf(),
                line: Some(lines.parsed.lines_read() + 1),
                empty: false,
                message: format!(
                    "a line of over {} MB; a JSON Lines file holds one article a line: check that its lines end with a newline",
                    most / 1_000_000
                ),
            });
        }
        let Some(cut) = block_end(&buffer, complete, block) else {
            continue;
        };
        let going = lines.add(path, &buffer[..cut], piece, &mut each)?;
        buffer.drain(..cut);
        if (complete && buffer.is_empty()) || !going {
            break;
        }
    }
    super::give_back(buffer);
    lines.finish(path)
}

/// Parses the bytes of a JSON Lines file in the blocks [`read_json_lines`] reads, with
/// the same articles and warnings, collecting the articles.
pub fn parse_json_lines(path: &Path, bytes: &[u8]) -> Result<(Vec<Entry>, LinesParsed), FileError> {
    parse_blocks(path, bytes, BLOCK_BYTES)
}

fn parse_blocks(
    path: &Path,
    bytes: &[u8],
    block: usize,
) -> Result<(Vec<Entry>, LinesParsed), FileError> {
    let mut entries = Vec::new();
    let mut collect = |piece: Vec<Entry>| {
        entries.extend(piece);
        true
    };
    let mut lines = Lines::default();
    if is_utf16(bytes) {
        lines.add(path, bytes, usize::MAX, &mut collect)?;
    } else {
        let mut rest = bytes;
        while let Some(cut) = block_end(rest, true, block).filter(|&cut| cut > 0) {
            lines.add(path, &rest[..cut], usize::MAX, &mut collect)?;
            rest = &rest[cut..];
        }
    }
    let parsed = lines.finish(path)?;
    Ok((entries, parsed))
}

/// Where the block that starts `rest` ends: after the last newline in its first `block`
/// bytes, else after the first one past them, else at the end of the file. `None` if
/// that cannot be told without more of the file (`complete` false).
fn block_end(rest: &[u8], complete: bool, block: usize) -> Option<usize> {
    if rest.len() <= block && complete {
        return Some(rest.len());
    }
    if rest.len() < block {
        return None;
    }
    if let Some(newline) = memchr::memrchr(b'\n', &rest[..block]) {
        return Some(newline + 1);
    }
    match memchr::memchr(b'\n', &rest[block..]) {
        Some(newline) => Some(block + newline + 1),
        None => complete.then_some(rest.len()),
    }
}

/// The blocks of one file read so far.
#[derive(Default)]
struct Lines {
    /// Where the next block starts in the file.
    offset: usize,
    parsed: JsonLines,
    decoding: Vec<String>,
}

impl Lines {
    /// Decodes and parses the next block, whole lines, handing on its articles in pieces.
    /// Returns false once `each` has.
    fn add(
        &mut self,
        path: &Path,
        block: &[u8],
        piece: usize,
        each: &mut impl FnMut(Vec<Entry>) -> bool,
    ) -> Result<bool, FileError> {
        let first = self.offset == 0;
        self.offset += block.len();
        let Decoded { text, warning } = match first.then(|| utf16(block)).flatten() {
            Some(text) => Decoded {
                text: text.into(),
                warning: None,
            },
            None if first && looks_binary(block) => {
                return Err(FileError::Binary {
                    path: path.to_path_buf(),
                })
            }
            None => decode_text(block, self.offset - block.len()),
        };
        self.decoding.extend(warning);
        let text = parse::normalise(&text);
        let mut lines = self.parsed.block(&text);
        loop {
            let entries = lines.next_articles(piece);
            if entries.is_empty() {
                return Ok(true);
            }
            if !each(entries) {
                return Ok(false);
            }
        }
    }

    fn finish(self, path: &Path) -> Result<LinesParsed, FileError> {
        let warnings = self.parsed.finish().map_err(|err| FileError::Invalid {
            path: path.to_path_buf(),
            line: err.line,
            message: err.message,
            empty: err.empty,
        })?;
        Ok(LinesParsed {
            decoding: self.decoding,
            warnings,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each article as (line, title), and the warnings, read from a file in blocks of
    /// `block` bytes, checked against the same bytes parsed in blocks.
    fn read(bytes: &[u8], block: usize) -> (Vec<(Option<usize>, String)>, LinesParsed) {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("feed.jsonl");
        std::fs::write(&path, bytes).expect("write");
        let mut pieces = Vec::new();
        let parsed = read_blocks(&path, block, MAX_JSON_BYTES, 2, |piece| {
            pieces.push(piece);
            true
        })
        .unwrap_or_else(|err| panic!("{}", err.reason()));
        assert!(pieces.iter().all(|p| !p.is_empty() && p.len() <= 2));
        let read: Vec<Entry> = pieces.into_iter().flatten().collect();
        let (parsed_whole, from_bytes) =
            parse_blocks(&path, bytes, block).unwrap_or_else(|err| panic!("{}", err.reason()));
        assert_eq!(read, parsed_whole);
        assert_eq!(parsed.warnings, from_bytes.warnings);
        assert_eq!(parsed.decoding, from_bytes.decoding);
        let titles = read
            .into_iter()
            .map(|e| (e.part, e.article.title))
            .collect();
        (titles, parsed)
    }

    fn line(title: &str) -> String {
        format!("{{\"title\": \"{title}\", \"body\": \"Ships came in.\"}}\n")
    }

    #[test]
    fn blocks_of_whole_lines_give_what_the_whole_text_gives() {
        let text: String = (1..=40)
            .map(|i| line(&format!("Harbour {i}")))
            .collect::<String>()
            + "{broken\n\n"
            + &line("Last");
        let whole = parse::parse(crate::model::Format::Jsonl, &text).unwrap_or_default();
        for block in [16, 64, 100, 1000, text.len()] {
            let (titles, parsed) = read(text.as_bytes(), block);
            assert_eq!(titles.len(), 41, "block {block}");
            assert_eq!(titles[40], (Some(43), "Last".to_string()));
            assert_eq!(
                titles,
                whole
                    .entries
                    .iter()
                    .map(|e| (e.part, e.article.title.clone()))
                    .collect::<Vec<_>>()
            );
            assert_eq!(parsed.warnings, whole.warnings);
            assert!(parsed.decoding.is_empty());
        }
    }

    #[test]
    fn a_block_in_another_encoding_is_decoded_alone_with_its_offset() {
        let mut bytes = Vec::new();
        for i in 0..10 {
            bytes.extend(line(&format!("Z\u{fc}rich {i}")).bytes());
        }
        let latin = bytes.len();
        bytes.extend(b"{\"title\": \"Caf\xe9 cr\xe8me\"}\n");
        for i in 10..20 {
            bytes.extend(line(&format!("M\u{e1}laga {i}")).bytes());
        }
        let (titles, parsed) = read(&bytes, 40);
        assert_eq!(titles.len(), 21);
        assert_eq!(titles[10].1, "Caf\u{e9} cr\u{e8}me");
        // The UTF-8 lines around it keep their letters.
        assert_eq!(titles[9].1, "Z\u{fc}rich 9");
        assert_eq!(titles[20].1, "M\u{e1}laga 19");
        assert_eq!(
            parsed.decoding,
            vec![format!(
                "not valid UTF-8 (first bad byte at offset {}); read as Windows-1252",
                latin + 14
            )]
        );
    }

    #[test]
    fn a_line_longer_than_a_block_is_read_whole() {
        let long = "x".repeat(500);
        let text = line("First") + &line(&long) + &line("Third");
        let (titles, _) = read(text.as_bytes(), 64);
        assert_eq!(
            titles.iter().map(|(n, _)| *n).collect::<Vec<_>>(),
            vec![Some(1), Some(2), Some(3)]
        );
        assert_eq!(titles[1].1, long);
    }

    #[test]
    fn a_line_longer_than_the_most_held_is_an_error_with_its_number() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("feed.jsonl");
        let text = line("First") + &line(&"x".repeat(200)) + &line("Third");
        std::fs::write(&path, &text).expect("write");
        let mut given = 0;
        let err = read_blocks(&path, 16, 100, 1, |piece| {
            given += piece.len();
            true
        });
        let Err(FileError::Invalid { line, message, .. }) = err else {
            panic!("not refused: {err:?}");
        };
        assert_eq!(line, Some(2));
        assert!(message.starts_with("a line of over 0 MB; a JSON Lines file holds one article"));
        // The line before it was handed on: the indexer drops what the file gave.
        assert_eq!(given, 1);
        // With room for it, the same file is read to its end.
        let read = read_blocks(&path, 16, 300, 1, |_| true);
        assert!(read.is_ok());
    }

    #[test]
    fn utf16_is_read_whole_and_binaries_are_refused() {
        let text = line("Caf\u{e9}") + &line("Second");
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        let (titles, _) = read(&bytes, 16);
        assert_eq!(titles[0].1, "Caf\u{e9}");
        assert_eq!(titles.len(), 2);

        let refused = parse_blocks(Path::new("photo.jsonl"), b"\x89PNG\r\n\x00\x00", 16);
        assert!(matches!(refused, Err(FileError::Binary { .. })));
    }
}
