//! A browser's "save as single file" (`.mhtml`, `.mht`): a MIME multipart message whose
//! first HTML part is the page; the other parts (styles, images, frames) are not read.
//! mail-parser undoes the transfer encoding (quoted-printable, base64) and the charset.

use mail_parser::MessageParser;

/// The page inside an MHTML file: its HTML, and the address it was saved from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SavedPage {
    /// The HTML part, decoded to text.
    pub html: String,
    /// `Snapshot-Content-Location` (Chrome) or `Content-Location`: the page's address.
    pub url: Option<String>,
}

/// The page of an MHTML file, or `None` when the bytes hold no HTML part.
pub fn page_of(bytes: &[u8]) -> Option<SavedPage> {
    let message = MessageParser::default().parse(bytes)?;
    // The HTML part itself: a text part turned into HTML is not a saved page.
    let part = message.html_bodies().find(|p| p.is_text_html())?;
    let html = part.text_contents()?.to_string();
    if html.trim().is_empty() {
        return None;
    }
    let url = ["Snapshot-Content-Location", "Content-Location"]
        .iter()
        .find_map(|name| message.header(*name)?.as_text().map(str::trim))
        .filter(|u| u.starts_with("http"))
        .map(String::from);
    Some(SavedPage { html, url })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_html_part_is_decoded_from_quoted_printable() {
        let file = "From: <Saved by Blink>\r\n\
            Snapshot-Content-Location: https://kestvik.example/a\r\n\
            MIME-Version: 1.0\r\n\
            Content-Type: multipart/related; type=\"text/html\"; boundary=\"B\"\r\n\r\n\
            --B\r\nContent-Type: text/html; charset=utf-8\r\n\
            Content-Transfer-Encoding: quoted-printable\r\n\r\n\
            <p class=3D\"x\">caf=C3=A9 on the=\r\n quay</p>\r\n\
            --B\r\nContent-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n\r\n\
            iVBORw0KGgo=\r\n--B--\r\n";
        let page = page_of(file.as_bytes()).expect("a page");
        assert_eq!(page.html.trim(), "<p class=\"x\">café on the quay</p>");
        assert_eq!(page.url.as_deref(), Some("https://kestvik.example/a"));
    }

    #[test]
    fn a_message_without_html_is_no_page() {
        assert_eq!(page_of(b"Subject: hi\r\n\r\nplain words\r\n"), None);
        assert_eq!(page_of(b"\x00\x01\x02"), None);
    }
}
