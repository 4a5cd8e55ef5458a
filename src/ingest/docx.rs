//! A Word document (`.docx`): a zip archive whose `word/document.xml` holds the text, a
//! `<w:p>` element a paragraph, its words in `<w:t>` runs. Only that part is read, and
//! at most [`MAX_XML_BYTES`] of it unpacked: a zip bomb is refused, not unpacked.

use std::io::{Cursor, Read};

use quick_xml::events::Event;
use quick_xml::Reader;

/// The most text XML unpacked from one document (a thousand-page document holds less).
const MAX_XML_BYTES: u64 = 64 * 1024 * 1024;

/// Why a `.docx` file gives no text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DocxError {
    /// Not a zip archive, or one without `word/document.xml`.
    NotWord(String),
    /// The text unpacks to more than [`MAX_XML_BYTES`].
    TooBig,
    /// The XML is damaged.
    Damaged(String),
}

impl std::fmt::Display for DocxError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DocxError::NotWord(why) => write!(f, "not a Word document ({why})"),
            DocxError::TooBig => write!(
                f,
                "its text unpacks to more than {} MiB (a zip bomb?); not read",
                MAX_XML_BYTES / 1024 / 1024
            ),
            DocxError::Damaged(why) => write!(f, "the document's text is damaged ({why})"),
        }
    }
}

/// The paragraphs of a Word document, in order; tabs as tabs, line breaks as `\n`.
pub fn paragraphs(bytes: &[u8]) -> Result<Vec<String>, DocxError> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|err| DocxError::NotWord(err.to_string()))?;
    let part = archive
        .by_name("word/document.xml")
        .map_err(|err| DocxError::NotWord(err.to_string()))?;
    let mut xml = String::new();
    part.take(MAX_XML_BYTES + 1)
        .read_to_string(&mut xml)
        .map_err(|err| DocxError::Damaged(err.to_string()))?;
    if xml.len() as u64 > MAX_XML_BYTES {
        return Err(DocxError::TooBig);
    }
    text_of(&xml)
}

/// The paragraphs of `word/document.xml`.
fn text_of(xml: &str) -> Result<Vec<String>, DocxError> {
    let mut reader = Reader::from_str(xml);
    let mut paragraphs = Vec::new();
    let mut current = String::new();
    let mut in_text = false;
    loop {
        let event = reader
            .read_event()
            .map_err(|err| DocxError::Damaged(err.to_string()))?;
        match event {
            Event::Start(e) if e.local_name().as_ref() == "t" => in_text = true,
            Event::End(e) if e.local_name().as_ref() == "t" => in_text = false,
            Event::End(e) if e.local_name().as_ref() == "p" => {
                paragraphs.push(std::mem::take(&mut current));
            }
            Event::Empty(e) => match e.local_name().as_ref() {
                "tab" => current.push('\t'),
                "br" | "cr" => current.push('\n'),
                "p" => paragraphs.push(std::mem::take(&mut current)),
                _ => {}
            },
            Event::Text(text) if in_text => current.push_str(&text.xml10_content()),
            Event::GeneralRef(reference) if in_text => {
                if let Ok(Some(c)) = reference.resolve_char_ref() {
                    current.push(c);
                } else if let Some(entity) =
                    quick_xml::escape::resolve_predefined_entity(&reference)
                {
                    current.push_str(entity);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(paragraphs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_runs_tabs_and_entities_are_read() -> Result<(), DocxError> {
        let xml = r#"<?xml version="1.0"?><w:document xmlns:w="w"><w:body>
            <w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>Harbour </w:t></w:r>
            <w:r><w:t xml:space="preserve">fees &amp; fares</w:t></w:r></w:p>
            <w:p/><w:p><w:r><w:t>a</w:t><w:tab/><w:t>b&#233;</w:t><w:br/><w:t>c</w:t></w:r></w:p>
            </w:body></w:document>"#;
        assert_eq!(text_of(xml)?, ["Harbour fees & fares", "", "a\tbé\nc"]);
        Ok(())
    }

    #[test]
    fn what_is_not_a_word_document_says_so() {
        assert!(matches!(
            paragraphs(b"not a zip"),
            Err(DocxError::NotWord(_))
        ));
    }
}
