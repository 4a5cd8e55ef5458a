//! Bytes to text: UTF-8 when valid, else Windows-1252 (old exports), refusing binaries.

use encoding_rs::WINDOWS_1252;

/// How much of the start of a file is checked for NUL bytes.
const BINARY_SNIFF_BYTES: usize = 8192;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub warning: Option<String>,
}

/// `None` for binary content (NUL bytes near the start).
pub fn decode(bytes: &[u8]) -> Option<Decoded> {
    if bytes[..bytes.len().min(BINARY_SNIFF_BYTES)].contains(&0) {
        return None;
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Some(Decoded {
            text: text.to_string(),
            warning: None,
        }),
        Err(err) => {
            let (text, _, _) = WINDOWS_1252.decode(bytes);
            Some(Decoded {
                text: text.into_owned(),
                warning: Some(format!(
                    "not valid UTF-8 (first bad byte at offset {}); read as Windows-1252",
                    err.valid_up_to()
                )),
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_passes_through() {
        let d = decode("Zürich".as_bytes());
        assert_eq!(
            d.map(|d| (d.text, d.warning)),
            Some(("Zürich".into(), None))
        );
    }

    #[test]
    fn windows_1252_is_decoded_with_a_warning() {
        let d = decode(b"caf\xe9 \x93quoted\x94");
        let d = d.unwrap_or_else(|| panic!("decoded"));
        assert_eq!(d.text, "café “quoted”");
        assert!(d.warning.is_some_and(|w| w.contains("offset 3")));
    }

    #[test]
    fn binaries_are_refused() {
        assert_eq!(decode(b"PK\x03\x04\x00\x00"), None);
    }
}
