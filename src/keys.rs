//! Identity keys: the folded form under which tags and speakers are counted and filtered,
//! so `Zürich`/`zurich` or `NATO`/`Nato` are one value.

use std::hash::Hasher;

use deunicode::deunicode;

/// An article's stable public id: 16 hex digits hashed from its path-based id, so a link
/// to an article never carries a file path.
pub fn article_uid(id: &str) -> String {
    let mut hasher = rustc_hash::FxHasher::default();
    hasher.write(id.as_bytes());
    format!("{:016x}", hasher.finish())
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
    fn folding_ignores_case_accents_and_spacing() {
        assert_eq!(fold(" Zürich  Area "), "zurich area");
        assert_eq!(fold("NATO"), "nato");
        assert_eq!(fold("O'Brien, Mary-Jane"), "o'brien mary-jane");
        assert_eq!(fold("Tomás Echeverría"), "tomas echeverria");
    }
}
