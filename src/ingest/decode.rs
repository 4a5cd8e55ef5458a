//! Bytes to text: UTF-8 (or UTF-16 with a byte-order mark) when it is that, else
//! Windows-1252 (old exports), refusing binaries.

use std::borrow::Cow;

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, WINDOWS_1252};

/// How much of the start of a file is checked for NUL bytes.
const BINARY_SNIFF_BYTES: usize = 8192;

/// A file's text, and how it was read if it was not valid UTF-8.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded<'a> {
    /// Borrowed from the bytes when they are UTF-8 (most files): a file is not copied.
    pub text: Cow<'a, str>,
    /// For bytes that were not valid UTF-8: whether damaged sequences became U+FFFD or
    /// the text was read as Windows-1252, and the offset of the first bad byte. `None`
    /// for UTF-8 and UTF-16.
    pub warning: Option<String>,
}

/// `None` for binary content (NUL bytes near the start).
pub fn decode(bytes: &[u8]) -> Option<Decoded<'_>> {
    if let Some(text) = utf16(bytes) {
        return Some(Decoded {
            text: Cow::Owned(text),
            warning: None,
        });
    }
    if looks_binary(bytes) {
        return None;
    }
    Some(decode_text(bytes, 0))
}

/// The UTF-16 byte-order marks, with their encodings.
const UTF16_BOMS: [(&[u8], &Encoding); 2] = [(&[0xFF, 0xFE], UTF_16LE), (&[0xFE, 0xFF], UTF_16BE)];

/// Bytes that start with a UTF-16 byte-order mark: told without decoding them.
pub fn is_utf16(bytes: &[u8]) -> bool {
    UTF16_BOMS.iter().any(|(bom, _)| bytes.starts_with(bom))
}

/// The text of bytes that start with a UTF-16 byte-order mark.
pub fn utf16(bytes: &[u8]) -> Option<String> {
    UTF16_BOMS.iter().find_map(|(bom, encoding)| {
        let rest = bytes.strip_prefix(*bom)?;
        Some(encoding.decode_without_bom_handling(rest).0.into_owned())
    })
}

/// NUL bytes near the start of a file: an image, an archive, a PDF.
pub fn looks_binary(bytes: &[u8]) -> bool {
    bytes[..bytes.len().min(BINARY_SNIFF_BYTES)].contains(&0)
}

/// Bytes that are not UTF-16 as text: UTF-8, else mostly-UTF-8 with the damaged bytes
/// replaced, else Windows-1252. `offset`: where the bytes start in their file, for the
/// warning.
pub fn decode_text(bytes: &[u8], offset: usize) -> Decoded<'_> {
    let err = match std::str::from_utf8(bytes) {
        Ok(text) => {
            return Decoded {
                text: Cow::Borrowed(text),
                warning: None,
            }
        }
        Err(err) => err,
    };
    let first_bad = offset + err.valid_up_to();
    // Mostly-UTF-8 text with a few damaged bytes stays UTF-8; Windows-1252 would garble
    // every accented letter in it.
    let lossy = String::from_utf8_lossy(bytes);
    let damaged = lossy.matches(char::REPLACEMENT_CHARACTER).count();
    let intact = lossy
        .chars()
        .filter(|c| !c.is_ascii() && *c != char::REPLACEMENT_CHARACTER)
        .count();
    if intact > damaged {
        return Decoded {
            warning: Some(format!(
                "{damaged} invalid UTF-8 byte sequence(s) (first at byte {first_bad}) replaced with U+FFFD"
            )),
            text: Cow::Owned(lossy.into_owned()),
        };
    }
    let (text, _, _) = WINDOWS_1252.decode(bytes);
    Decoded {
        text: Cow::Owned(text.into_owned()),
        warning: Some(format!(
            "not valid UTF-8 (first bad byte at offset {first_bad}); read as Windows-1252"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_passes_through() {
        let d = decode("Zürich".as_bytes()).unwrap_or_else(|| panic!("decoded"));
        assert_eq!((d.text.as_ref(), d.warning), ("Zürich", None));
        // Read in place, not copied.
        assert!(matches!(d.text, Cow::Borrowed(_)));
    }

    #[test]
    fn windows_1252_is_decoded_with_a_warning() {
        let d = decode(b"caf\xe9 \x93quoted\x94");
        let d = d.unwrap_or_else(|| panic!("decoded"));
        assert_eq!(d.text, "café “quoted”");
        assert!(d.warning.is_some_and(|w| w.contains("offset 3")));
    }

    #[test]
    fn utf8_with_a_stray_byte_stays_utf8() {
        let d = decode(b"Z\xc3\xbcrich and M\xc3\xa1laga \xff end");
        let d = d.unwrap_or_else(|| panic!("decoded"));
        assert_eq!(d.text, "Zürich and Málaga \u{fffd} end");
        assert!(d
            .warning
            .is_some_and(|w| w.starts_with("1 invalid UTF-8 byte sequence(s)")));
    }

    #[test]
    fn utf16_with_a_byte_order_mark_is_text() {
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend("Café".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(
            decode(&bytes).map(|d| d.text.into_owned()),
            Some("Café".to_string())
        );
    }

    #[test]
    fn binaries_are_refused() {
        assert_eq!(decode(b"PK\x03\x04\x00\x00"), None);
    }
}
