//! Bytes to text: UTF-8 (or UTF-16 with a byte-order mark) when it is that, else
//! Windows-1252 (old exports), refusing binaries.

use std::borrow::Cow;

use std::sync::OnceLock;

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252};
use regex::bytes::Regex;

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

/// How far into a web page its `<meta charset>` is looked for (browsers look in the first
/// 1,024 bytes; pages put a long `<head>` before it too).
const CHARSET_SNIFF_BYTES: usize = 4096;

/// A web page's text: by its byte-order mark, else by the encoding its `<meta charset>`
/// (or `http-equiv` Content-Type) declares, else as [`decode`] reads any file. A page
/// whose bytes are valid UTF-8 is read as UTF-8 whatever it declares (a page saved by a
/// browser keeps the declaration of the page it was saved from), with a warning when the
/// declaration names another encoding. `None` for binary content.
pub fn decode_html(bytes: &[u8]) -> Option<Decoded<'_>> {
    decode_served_html(bytes, None)
}

/// [`decode_html`] for a page as a server sent it: the `charset` of its HTTP
/// `Content-Type` comes before the page's own declaration, as browsers take it.
pub fn decode_served_html<'a>(bytes: &'a [u8], http_charset: Option<&str>) -> Option<Decoded<'a>> {
    if is_utf16(bytes) || looks_binary(bytes) {
        return decode(bytes);
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let declared = http_charset
        .and_then(|label| Encoding::for_label(label.trim().as_bytes()))
        .or_else(|| {
            declared_charset(&bytes[..bytes.len().min(CHARSET_SNIFF_BYTES)])
                .and_then(|label| Encoding::for_label(label.as_bytes()))
        });
    match declared {
        Some(encoding) if encoding != UTF_8 && std::str::from_utf8(bytes).is_err() => {
            let (text, damaged) = encoding.decode_without_bom_handling(bytes);
            Some(Decoded {
                text: Cow::Owned(text.into_owned()),
                warning: damaged.then(|| {
                    format!(
                        "bytes that are not {} were replaced with U+FFFD",
                        encoding.name()
                    )
                }),
            })
        }
        Some(encoding) if encoding != UTF_8 && !bytes.is_ascii() => {
            let mut decoded = decode_text(bytes, 0);
            decoded.warning = Some(format!(
                "declares {} but is UTF-8; read as UTF-8",
                encoding.name()
            ));
            Some(decoded)
        }
        _ => Some(decode_text(bytes, 0)),
    }
}

/// The encoding label a page declares: `<meta charset="...">` or
/// `<meta http-equiv="Content-Type" content="text/html; charset=...">`.
fn declared_charset(head: &[u8]) -> Option<String> {
    static CHARSET: OnceLock<Option<Regex>> = OnceLock::new();
    let pattern = CHARSET
        .get_or_init(|| {
            Regex::new(r#"(?i)<meta\b[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)"#).ok()
        })
        .as_ref()?;
    let found = pattern.captures(head)?.get(1)?;
    Some(String::from_utf8_lossy(found.as_bytes()).into_owned())
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

    #[test]
    fn a_page_is_read_in_the_encoding_it_declares() {
        let page =
            b"<html><head><meta charset=\"windows-1252\"></head><p>caf\xe9 \x80 \x93a\x94</p>";
        let d = decode_html(page).unwrap_or_else(|| panic!("decoded"));
        assert!(d.text.contains("café € “a”"), "{}", d.text);
        assert_eq!(d.warning, None);
        let old = b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\"><p>Se\xf1or</p>";
        let d = decode_html(old).unwrap_or_else(|| panic!("decoded"));
        assert!(d.text.contains("Señor"), "{}", d.text);
    }

    #[test]
    fn a_page_that_is_utf8_is_read_as_utf8_whatever_it_declares() {
        let page = "<meta charset=\"iso-8859-1\"><p>Zürich</p>".as_bytes();
        let d = decode_html(page).unwrap_or_else(|| panic!("decoded"));
        assert!(d.text.contains("Zürich"));
        assert_eq!(
            d.warning.as_deref(),
            Some("declares windows-1252 but is UTF-8; read as UTF-8")
        );
        let bom = b"\xEF\xBB\xBF<p>caf\xc3\xa9</p>";
        let d = decode_html(bom).unwrap_or_else(|| panic!("decoded"));
        assert_eq!((d.text.as_ref(), d.warning), ("<p>café</p>", None));
    }
}
