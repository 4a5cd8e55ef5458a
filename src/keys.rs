//! Identity keys: the folded form under which tags and speakers are counted and filtered,
//! so `Zürich`/`zurich` or `NATO`/`Nato` are one value.

use deunicode::deunicode;
use sha2::{Digest, Sha256};

/// An article's stable public id, hashed from its path-based id (the file's path, and
/// `#N` for the Nth article of a JSON file), so a link to an article never carries a file
/// path. The hash is specified, so a uid in a saved link is the same on every platform
/// and clipdex build: the first eight bytes of the SHA-256 digest (FIPS 180-4) of the
/// id's UTF-8 bytes, read big-endian. Shown as 16 hex digits ([`uid_text`]), it is the
/// digest's first 16 hex digits: `printf '%s' "$id" | sha256sum | cut -c1-16`.
pub fn article_uid(id: &str) -> u64 {
    let digest = Sha256::digest(id.as_bytes());
    let mut first = [0u8; 8];
    first.copy_from_slice(&digest[..8]);
    u64::from_be_bytes(first)
}

/// A uid as shown: 16 lower-case hex digits.
pub fn uid_text(uid: u64) -> String {
    format!("{uid:016x}")
}

/// A uid read back from its 16 hex digits, in either case.
pub fn parse_uid(text: &str) -> Option<u64> {
    if text.len() != 16 || !text.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    u64::from_str_radix(text, 16).ok()
}

/// Lower-case ASCII, punctuation dropped (but an apostrophe or hyphen inside a word kept),
/// whitespace collapsed: `Zürich  Area` -> `zurich area`, `O'Brien` -> `o'brien`.
pub fn fold(text: &str) -> String {
    let ascii = deunicode(text).to_lowercase();
    let mut out = String::with_capacity(ascii.len());
    for word in ascii.split(|c: char| !c.is_ascii_alphanumeric() && c != '\'' && c != '-') {
        let word = word.trim_matches(|c| c == '\'' || c == '-');
        if word.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// The key of a tag.
pub fn tag_key(tag: &str) -> String {
    fold(tag)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uids_are_the_start_of_the_sha256_of_the_id() {
        // Pinned: `printf '%s' '/clips/a.jsonl#3' | sha256sum | cut -c1-16`.
        assert_eq!(
            uid_text(article_uid("/clips/a.jsonl#3")),
            "f181a8a84bfa945b"
        );
        assert_eq!(
            uid_text(article_uid("/clips/feed.jsonl#7")),
            "916d0475bf26bbdb"
        );
        assert_eq!(uid_text(article_uid("")), "e3b0c44298fc1c14");
    }

    #[test]
    fn uids_are_sixteen_hex_digits_read_in_either_case() {
        let uid = article_uid("/clips/a.jsonl#3");
        assert_ne!(uid, article_uid("/clips/a.jsonl#4"));
        assert_eq!(uid_text(0xfba1_4339_412d_1249), "fba14339412d1249");
        assert_eq!(uid_text(7), "0000000000000007");
        assert_eq!(parse_uid(&uid_text(uid)), Some(uid));
        assert_eq!(parse_uid("FBA14339412D1249"), Some(0xfba1_4339_412d_1249));
        assert_eq!(parse_uid("fba14339412d124"), None);
        assert_eq!(parse_uid("+ba14339412d1249"), None);
        assert_eq!(parse_uid("fba14339412d124g"), None);
    }

    #[test]
    fn folding_ignores_case_accents_and_spacing() {
        assert_eq!(fold(" Zürich  Area "), "zurich area");
        assert_eq!(fold("NATO"), "nato");
        assert_eq!(fold("O'Brien, Mary-Jane"), "o'brien mary-jane");
        assert_eq!(fold("Tomás Echeverría"), "tomas echeverria");
    }
}
