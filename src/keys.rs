//! Identity keys: the folded form under which tags and speakers are counted and filtered,
//! so `Zürich`/`zurich` or `NATO`/`Nato` are one value.

use std::hash::Hasher;

use deunicode::deunicode;

/// An article's stable public id, hashed from its path-based id, so a link to an article
/// never carries a file path. Shown as 16 hex digits ([`uid_text`]).
pub fn article_uid(id: &str) -> u64 {
    let mut hasher = rustc_hash::FxHasher::default();
    hasher.write(id.as_bytes());
    hasher.finish()
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

/// Lower-case ASCII, punctuation dropped, whitespace collapsed: `Zürich  Area` -> `zurich area`.
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
