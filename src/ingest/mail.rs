//! E-mail (`.eml`: one message; `.mbox`: many, each opened by a `From ` line): each
//! message is an article ([`crate::parse::email_article`]), and each attachment clipdex
//! reads (a web page, a text file, a forwarded message) an article of its own, after it.
//! mail-parser undoes the MIME structure, transfer encodings and charsets.

use chrono::DateTime;
use mail_parser::mailbox::mbox::MessageIterator;
use mail_parser::{Message as Mail, MessageParser, MessagePart, MimeHeaders, PartType};

use crate::parse::{self, email_article, Entry, Message, Parsed, Warning};

/// Forwarded messages inside forwarded messages read at most this deep.
const MAX_DEPTH: usize = 4;

/// The articles of one message file, or `None` when the bytes are not a message.
pub fn read_eml(bytes: &[u8]) -> Option<Parsed> {
    let mail = MessageParser::default().parse(bytes)?;
    if mail.headers().is_empty() {
        return None;
    }
    let mut parsed = Parsed::default();
    articles_of(&mail, 0, &mut parsed);
    if parsed.entries.len() > 1 {
        number(&mut parsed.entries);
    }
    Some(parsed)
}

/// The articles of every message of a mailbox, numbered in file order; a message that
/// cannot be read is a warning naming its number.
pub fn read_mbox(bytes: &[u8]) -> Parsed {
    let mut parsed = Parsed::default();
    for (i, message) in MessageIterator::new(bytes).enumerate() {
        let n = i + 1;
        let read = message.ok().and_then(|m| {
            MessageParser::default()
                .parse(m.contents())
                .map(Mail::into_owned)
        });
        match read {
            Some(mail) => articles_of(&mail, 0, &mut parsed),
            None => parsed.warnings.push(Warning {
                line: None,
                message: format!("message {n}: not a message that can be read; skipped"),
            }),
        }
    }
    number(&mut parsed.entries);
    parsed
}

/// Numbers articles 1, 2, ... in file order.
fn number(entries: &mut [Entry]) {
    for (i, entry) in entries.iter_mut().enumerate() {
        entry.part = Some(i + 1);
    }
}

/// The message's article, then its attachments'.
fn articles_of(mail: &Mail, depth: usize, parsed: &mut Parsed) {
    let sender = mail.from().and_then(|from| from.first()).and_then(|addr| {
        addr.name()
            .or(addr.address())
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
    });
    let html_only = mail.text_part(0).is_none_or(|part| part.is_text_html());
    let decoded = Message {
        subject: mail.subject().unwrap_or_default().to_string(),
        sender,
        date: mail
            .date()
            .and_then(|d| DateTime::from_timestamp(d.to_timestamp(), 0)),
        // mail-parser offers an HTML-only message's text made from its HTML: the page is
        // read as a page instead.
        text: mail
            .body_text(0)
            .filter(|_| !html_only)
            .map(|t| t.into_owned()),
        html: mail
            .body_html(0)
            .filter(|_| html_only)
            .map(|h| h.into_owned()),
    };
    parsed.entries.push(email_article(&decoded));
    let at = parsed.entries.len() - 1;
    for attachment in mail.attachments() {
        let name = attachment
            .attachment_name()
            .unwrap_or("(unnamed)")
            .to_string();
        match &attachment.body {
            PartType::Message(inner) if depth < MAX_DEPTH => articles_of(inner, depth + 1, parsed),
            PartType::Html(page) => parsed.entries.extend(page_articles("html", page)),
            PartType::Text(text) if document_kind(attachment, &name).is_none() => {
                if name.to_ascii_lowercase().ends_with(".txt") {
                    parsed.entries.extend(page_articles("txt", text));
                }
            }
            PartType::Text(_) | PartType::Binary(_) | PartType::InlineBinary(_) => {
                let Some(kind) = document_kind(attachment, &name) else {
                    log::debug!("attachment {name} not read");
                    continue;
                };
                match super::document(kind, attachment.contents()) {
                    Ok(loaded) => parsed.entries.extend(loaded.parsed.entries),
                    Err((why, _)) => parsed.entries[at]
                        .notes
                        .push(format!("attachment {name} not read: {why}")),
                }
            }
            _ => log::debug!("attachment {name} not read"),
        }
    }
}

/// The kind of document an attachment is, by its name or else its type: `pdf`, `docx`
/// or `rtf`; `None` for any other.
fn document_kind(attachment: &MessagePart, name: &str) -> Option<&'static str> {
    let lower = name.to_ascii_lowercase();
    let by_name = ["pdf", "docx", "rtf"]
        .into_iter()
        .find(|ext| lower.ends_with(&format!(".{ext}")));
    by_name.or_else(|| {
        let subtype = attachment.content_type()?.subtype()?.to_ascii_lowercase();
        match subtype.as_str() {
            "pdf" => Some("pdf"),
            "rtf" => Some("rtf"),
            "vnd.openxmlformats-officedocument.wordprocessingml.document" => Some("docx"),
            _ => None,
        }
    })
}

/// The articles of an attached page or text file, read as such a file is.
fn page_articles(extension: &str, text: &str) -> Vec<Entry> {
    parse::parse_file(extension, text)
        .map(|(_, parsed)| parsed.entries)
        .unwrap_or_default()
}
