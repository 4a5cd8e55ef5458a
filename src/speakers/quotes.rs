//! Quotation spans: pairing the marks of a paragraph (a quotation may run on into the
//! next paragraph), and the attribution frame each span belongs to.

use super::frames::Frame;
use super::text::{Doc, Kind, Mark};

/// A span of quoted words, from the opening mark to the closing one (or the end of its
/// paragraph when the quotation runs on into the next).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    /// The opening quotation mark's token.
    pub open: usize,
    /// The closing mark's token, or the paragraph's last token when the quotation runs on.
    pub close: usize,
    /// The quotation goes on in the next paragraph.
    pub runs_on: bool,
}

impl Span {
    /// The quoted words, inclusive tokens.
    pub fn inner(&self) -> Option<(usize, usize)> {
        let last = if self.runs_on {
            self.close
        } else {
            self.close - 1
        };
        (self.open < last).then_some((self.open + 1, last))
    }
}

/// Quotation spans worth attributing: at least three words, not a Title Case name.
pub fn quote_spans(doc: &Doc) -> Vec<Span> {
    let mut spans = Vec::new();
    let mut open: Option<usize> = None;
    for i in 0..doc.len() {
        match doc.kind(i) {
            Kind::Quote(mark) => match (open, mark) {
                (None, Mark::Open | Mark::Either) => open = Some(i),
                (Some(o), Mark::Close | Mark::Either) => {
                    spans.push(Span {
                        open: o,
                        close: i,
                        runs_on: false,
                    });
                    open = None;
                }
                _ => {}
            },
            Kind::Break => {
                if let Some(o) = open.take() {
                    // A quotation runs on only when the next paragraph opens with a mark.
                    if doc.is_quote(i + 1) {
                        spans.push(Span {
                            open: o,
                            close: i - 1,
                            runs_on: true,
                        });
                    }
                }
            }
            _ => {}
        }
    }
    if let Some(o) = open {
        if o + 1 < doc.len() {
            spans.push(Span {
                open: o,
                close: doc.len() - 1,
                runs_on: true,
            });
        }
    }
    spans.retain(|span| is_speech(doc, span));
    spans
}

fn is_speech(doc: &Doc, span: &Span) -> bool {
    let Some((a, b)) = span.inner() else {
        return false;
    };
    let words: Vec<usize> = (a..=b).filter(|&i| doc.is_word(i)).collect();
    let title_case = words
        .iter()
        .all(|&i| doc.is_capitalised(i) || doc.lower(i).len() <= 3);
    words.len() >= 3 && !title_case
}

/// For each span, the index of the frame that attributes it.
pub fn link(doc: &Doc, spans: &[Span], frames: &[Frame]) -> Vec<Option<usize>> {
    let mut links: Vec<Option<usize>> = Vec::with_capacity(spans.len());
    for (s, span) in spans.iter().enumerate() {
        // The attribution right after the quotation, a role before the name included
        // ("...," Goddard planetary scientist Avi Mandell said).
        let after = frames.iter().position(|f| {
            f.start > span.close
                && f.start <= span.close + 8
                && doc.same_paragraph(f.start, span.close)
                && !(span.close + 1..f.start).any(|k| doc.is_boundary(k) || doc.is_quote(k))
        });
        let before = || {
            frames.iter().rposition(|f| {
                f.end < span.open
                    && f.end + 8 >= span.open
                    && !(f.end + 1..span.open).any(|k| doc.is_boundary(k) || doc.is_quote(k))
            })
        };
        let previous = s.checked_sub(1).and_then(|p| Some((spans[p], links[p]?)));
        let carried = || {
            let (prev, frame) = previous?;
            let no_frame_between = !frames
                .iter()
                .enumerate()
                .any(|(i, f)| i != frame && f.start > prev.close && f.end < span.open);
            let continues = prev.runs_on
                || doc.same_paragraph(prev.close, span.open)
                || (doc.tokens[span.open].paragraph == doc.tokens[prev.close].paragraph + 1
                    && starts_paragraph(doc, span.open)
                    && !frames
                        .iter()
                        .any(|f| doc.same_paragraph(f.start, span.open)));
            (no_frame_between && continues).then_some(frame)
        };
        links.push(after.or_else(before).or_else(carried));
    }
    links
}

fn starts_paragraph(doc: &Doc, i: usize) -> bool {
    i == 0 || doc.kind(i - 1) == Kind::Break
}
