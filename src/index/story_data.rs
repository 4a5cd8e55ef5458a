//! An article's story signature as the index stores it, a few hundred bytes beside its
//! story id, and the grouper rebuilt from them when a run has articles to add.
//!
//! Stored, not a FAST column: a column's values are held in the indexing buffers until
//! a segment is written (measured: 300 MB more at 100k articles, and an index run 25%
//! slower), where stored bytes stream to disk with the document. Layout, little-endian:
//! paragraphs (u8), the whole-body hash (u64), the counts of anchors, numbers and
//! headline pairs (u16 each), then each anchor as its hash (u32) and paragraph (u8), each
//! number's and pair's hash (u32).

use tantivy::schema::{TantivyDocument, Value};
use tantivy::{DocId, Searcher};

use super::schema::{self, Fields};
use crate::stories::{Anchor, Grouper, Settings, Signature};

/// The stored form of `signature`.
pub fn encode(signature: &Signature) -> Vec<u8> {
    let s = signature;
    let mut bytes =
        Vec::with_capacity(15 + 5 * s.anchors.len() + 4 * (s.numbers.len() + s.title.len()));
    bytes.push(s.lines);
    bytes.extend(s.exact.to_le_bytes());
    for count in [s.anchors.len(), s.numbers.len(), s.title.len()] {
        bytes.extend((count.min(usize::from(u16::MAX)) as u16).to_le_bytes());
    }
    for anchor in s.anchors.iter().take(usize::from(u16::MAX)) {
        bytes.extend(anchor.hash.to_le_bytes());
        bytes.push(anchor.line);
    }
    for hash in [&s.numbers, &s.title]
        .into_iter()
        .flat_map(|hashes| hashes.iter().take(usize::from(u16::MAX)))
    {
        bytes.extend(hash.to_le_bytes());
    }
    bytes
}

/// Reads stored bytes from the front.
struct Reader<'a>(&'a [u8]);

impl Reader<'_> {
    fn take<const N: usize>(&mut self) -> Option<[u8; N]> {
        let (head, tail) = self.0.split_first_chunk::<N>()?;
        self.0 = tail;
        Some(*head)
    }

    fn u32s(&mut self, n: usize) -> Option<Vec<u32>> {
        (0..n)
            .map(|_| self.take().map(u32::from_le_bytes))
            .collect()
    }
}

/// The signature stored as `bytes`; `None` when they are cut short.
pub fn decode(bytes: &[u8]) -> Option<Signature> {
    let mut r = Reader(bytes);
    let [lines] = r.take()?;
    let exact = u64::from_le_bytes(r.take()?);
    let mut count = || r.take().map(|c| usize::from(u16::from_le_bytes(c)));
    let (anchors, numbers, title) = (count()?, count()?, count()?);
    let mut signature = Signature {
        lines,
        exact,
        ..Signature::default()
    };
    for _ in 0..anchors {
        let hash = u32::from_le_bytes(r.take()?);
        let [line] = r.take()?;
        signature.anchors.push(Anchor { hash, line });
    }
    signature.numbers = r.u32s(numbers)?;
    signature.title = r.u32s(title)?;
    Some(signature)
}

/// The stories of the articles in `searcher`, to add more to: each story's founding
/// article first (its uid is the story's id), then its other copies. Reads every stored
/// article once: a run that adds nothing does not call it.
pub fn grouper(
    searcher: &Searcher,
    fields: &Fields,
    settings: Settings,
) -> tantivy::Result<Grouper> {
    let mut grouper = Grouper::new(settings);
    let mut copies: Vec<(u64, Signature)> = Vec::new();
    for segment in searcher.segment_readers() {
        let fast = segment.fast_fields();
        let (uid, story) = (fast.u64(schema::UID)?, fast.u64(schema::STORY)?);
        let store = segment.get_store_reader(64)?;
        let alive = |doc: DocId| segment.alive_bitset().is_none_or(|a| a.is_alive(doc));
        for doc in (0..segment.max_doc()).filter(|&doc| alive(doc)) {
            let (Some(uid), Some(story)) = (uid.first(doc), story.first(doc)) else {
                continue;
            };
            let stored: TantivyDocument = store.get(doc)?;
            let Some(signature) = stored
                .get_first(fields.signature)
                .and_then(|v| v.as_bytes())
                .and_then(decode)
            else {
                continue;
            };
            if uid == story {
                grouper.insert(story, &signature);
            } else {
                copies.push((story, signature));
            }
        }
    }
    for (story, signature) in copies {
        grouper.insert(story, &signature);
    }
    Ok(grouper)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stories::signature;

    #[test]
    fn a_signature_reads_back_as_stored() {
        let body = "KESTVIK, May 4 (Harbour Daily) - The harbour board voted 5 to 2 on Tuesday to double mooring fees for visiting yachts from next April.\n\nThe money will pay for dredging the western basin, which lost three berths to silt in two winters.";
        let made = signature("Kestvik doubles mooring fees", body, &Settings::default());
        let bytes = encode(&made);
        assert_eq!(decode(&bytes), Some(made.clone()));
        assert_eq!(decode(&bytes[..bytes.len() - 1]), None, "cut short");
        assert_ne!(made.exact, 0);
        assert_eq!(
            (made.lines, made.numbers.len()),
            (2, 2),
            "5 and 2; the dateline is not read"
        );
    }
}
