//! Small text helpers shared by the parsers.

use std::borrow::Cow;

/// Non-breaking spaces (web pages are full of them) as they are matched and indexed.
const NO_BREAK_SPACES: [char; 3] = ['\u{a0}', '\u{202f}', '\u{2007}'];
/// The same as text: a substring search (memchr's, vectorised) is much faster than testing
/// every character.
const NO_BREAK_SPACE_TEXTS: [&str; 3] = ["\u{a0}", "\u{202f}", "\u{2007}"];

/// `\r\n` and lone `\r` become `\n`, non-breaking spaces plain spaces; a leading
/// byte-order mark goes.
pub fn normalise(text: &str) -> Cow<'_, str> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let bytes = text.as_bytes();
    let no_break = !text.is_ascii()
        && NO_BREAK_SPACE_TEXTS
            .iter()
            .any(|s| memchr::memmem::find(bytes, s.as_bytes()).is_some());
    if memchr::memchr(b'\r', bytes).is_some() || no_break {
        Cow::Owned(
            text.replace("\r\n", "\n")
                .replace('\r', "\n")
                .replace(NO_BREAK_SPACES, " "),
        )
    } else {
        Cow::Borrowed(text)
    }
}

/// Splits `a, b; c` into trimmed, non-empty, de-duplicated (case-insensitively) items.
pub fn split_list(text: &str) -> Vec<String> {
    let mut items: Vec<String> = Vec::new();
    for item in text.split([',', ';']) {
        push_unique(&mut items, item);
    }
    items
}

/// Adds `item` (trimmed, inner whitespace collapsed) unless empty or already present.
pub fn push_unique(items: &mut Vec<String>, item: &str) {
    let item = collapse_whitespace(item);
    if !item.is_empty() && !items.iter().any(|i| i.eq_ignore_ascii_case(&item)) {
        items.push(item);
    }
}

/// `text` trimmed, with every run of white space (line breaks too) made one space: a
/// title or a field read from a file is one line however it was wrapped.
pub fn collapse_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Trims every line and squeezes runs of blank lines to one, keeping paragraph breaks.
/// Works in the text's own buffer when it is given one (a string parsed from JSON): the
/// tidied text is never longer than what it is read from, so it is written over it.
pub fn tidy_body<'a>(text: impl Into<Cow<'a, str>>) -> String {
    let mut bytes = text.into().into_owned().into_bytes();
    // Most bodies are ASCII: their lines are trimmed by byte, with no UTF-8 check a line.
    let ascii = bytes.is_ascii();
    let len = bytes.len();
    let (mut read, mut write) = (0, 0);
    let mut blank_run = false;
    while read < len {
        let end = memchr::memchr(b'\n', &bytes[read..]).map_or(len, |i| read + i);
        let (from, to) = if ascii {
            trim_ascii(&bytes, read, end)
        } else {
            // A line between two newlines of valid UTF-8 is valid UTF-8.
            match std::str::from_utf8(&bytes[read..end]) {
                Ok(line) => {
                    let start = line.trim_start();
                    let lead = line.len() - start.len();
                    (read + lead, read + lead + start.trim_end().len())
                }
                Err(_) => (read, end),
            }
        };
        read = end + 1;
        if from == to {
            blank_run = write > 0;
            continue;
        }
        // Each separator stands for at least as many newlines already read past, so the
        // writing never overtakes the reading.
        let separator: &[u8] = match (blank_run, write > 0) {
            (true, _) => b"\n\n",
            (false, true) => b"\n",
            (false, false) => b"",
        };
        bytes[write..write + separator.len()].copy_from_slice(separator);
        write += separator.len();
        bytes.copy_within(from..to, write);
        write += to - from;
        blank_run = false;
    }
    bytes.truncate(write);
    String::from_utf8(bytes)
        .unwrap_or_else(|err| String::from_utf8_lossy(err.as_bytes()).into_owned())
}

/// The line `bytes[from..to]` of ASCII text without the whitespace `str::trim` removes.
fn trim_ascii(bytes: &[u8], mut from: usize, mut to: usize) -> (usize, usize) {
    // `char::is_whitespace` for ASCII: tab, line feed, vertical tab, form feed, carriage
    // return and space (`u8::is_ascii_whitespace` leaves out the vertical tab).
    let space = |b: u8| matches!(b, b'\t'..=b'\r' | b' ');
    while from < to && space(bytes[from]) {
        from += 1;
    }
    while to > from && space(bytes[to - 1]) {
        to -= 1;
    }
    (from, to)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_trimmed_and_deduplicated() {
        assert_eq!(
            split_list(" Russia, NATO ,, russia; trade  deal "),
            vec!["Russia", "NATO", "trade deal"]
        );
    }

    #[test]
    fn bodies_keep_paragraphs_and_lose_indentation() {
        assert_eq!(
            tidy_body("\n    One\n    two\n\n\n   Three  \n"),
            "One\ntwo\n\nThree"
        );
    }

    /// What `tidy_body` does, written plainly: every line trimmed, blank runs squeezed.
    fn tidy_by_lines(text: &str) -> String {
        let mut out = String::new();
        let mut blank_run = false;
        for line in text.lines().map(str::trim) {
            if line.is_empty() {
                blank_run = !out.is_empty();
                continue;
            }
            if blank_run {
                out.push_str("\n\n");
            } else if !out.is_empty() {
                out.push('\n');
            }
            blank_run = false;
            out.push_str(line);
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn a_body_tidied_in_its_own_buffer_reads_as_tidied_line_by_line(
            text in "([a-zA-Zé東]{1,6}|[ \t\n\r]{1,4}|[\u{a0}\u{2003}\u{3000}\u{85}]){0,30}"
        ) {
            let expected = tidy_by_lines(&text);
            proptest::prop_assert_eq!(tidy_body(text.as_str()), expected.clone());
            proptest::prop_assert_eq!(tidy_body(text), expected);
        }

        #[test]
        fn an_ascii_body_is_trimmed_as_str_trim_trims_it(
            text in "([a-zA-Z.]{1,6}|[ \t\n\r\x0b\x0c\x1c]{1,4}){0,30}"
        ) {
            proptest::prop_assert_eq!(tidy_body(text.as_str()), tidy_by_lines(&text));
        }
    }

    #[test]
    fn newlines_and_spaces_are_normalised() {
        assert_eq!(normalise("\u{feff}a\r\nb\rc"), "a\nb\nc");
        assert_eq!(
            normalise("sign up to\u{a0}our channel"),
            "sign up to our channel"
        );
        assert_eq!(
            normalise("9\u{202f}km \u{2007}5 caf\u{e9}"),
            "9 km  5 caf\u{e9}"
        );
        assert!(matches!(normalise("caf\u{e9} au lait"), Cow::Borrowed(_)));
    }
}
