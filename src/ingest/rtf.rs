//! A Rich Text Format document (`.rtf`, as news databases export): its text, a paragraph
//! a line (rtf-parser-tt: groups, destinations, code pages and `\\u` escapes undone).

use super::guard::caught;

/// The paragraphs of an RTF document.
pub fn paragraphs(bytes: &[u8]) -> Result<Vec<String>, String> {
    if !bytes.starts_with(b"{\\rtf") {
        return Err("not an RTF document (it does not start with {\\rtf)".into());
    }
    let read = caught(|| rtf_parser_tt::RtfDocument::from_bytes(bytes).map(|doc| doc.get_text()));
    match read {
        Some(Ok(text)) => Ok(text.lines().map(|l| l.trim_end().to_string()).collect()),
        Some(Err(err)) => Err(format!("not an RTF document clipdex can read ({err})")),
        None => Err("an RTF document clipdex cannot read (damaged?)".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_comes_out_a_paragraph_a_line_without_the_markup() -> Result<(), String> {
        let rtf = br"{\rtf1\ansi\ansicpg1252\deff0{\fonttbl{\f0\froman Times;}}{\info{\title T}}
\pard\b Harbour fees rise\b0\par
The caf\'e9 said \u8220?We had no choice,\u8221? and {\i closed}.\par
}";
        assert_eq!(
            paragraphs(rtf)?,
            [
                "Harbour fees rise",
                "The caf\u{e9} said \u{201c}We had no choice,\u{201d} and closed."
            ]
        );
        assert!(paragraphs(b"plain words").is_err());
        Ok(())
    }
}
