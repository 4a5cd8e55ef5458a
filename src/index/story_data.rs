//! An article's story signature as the index keeps it, a column of numbers beside its
//! story id, and the grouper rebuilt from them when a run has articles to add.
//!
//! Each value carries its kind in the top byte, so the column's order does not matter:
//! an anchor (its paragraph and 32-bit hash), a number's or a headline pair's hash, the
//! paragraph count, or the whole-body hash (56 bits).

use tantivy::{DocId, Searcher};

use super::schema;
use crate::stories::{Anchor, Grouper, Settings, Signature};

const ANCHOR: u64 = 1;
const NUMBER: u64 = 2;
const TITLE: u64 = 3;
const LINES: u64 = 4;
const EXACT: u64 = 5;

const KIND_SHIFT: u32 = 56;
const LOW: u64 = (1 << KIND_SHIFT) - 1;

fn tagged(kind: u64, value: u64) -> u64 {
    (kind << KIND_SHIFT) | (value & LOW)
}

/// The column values of `signature`.
pub fn encode(signature: &Signature) -> Vec<u64> {
    let s = signature;
    let mut values = Vec::with_capacity(s.anchors.len() + s.numbers.len() + s.title.len() + 2);
    values.extend(
        s.anchors
            .iter()
            .map(|a| tagged(ANCHOR, (u64::from(a.line) << 32) | u64::from(a.hash))),
    );
    values.extend(s.numbers.iter().map(|&h| tagged(NUMBER, u64::from(h))));
    values.extend(s.title.iter().map(|&h| tagged(TITLE, u64::from(h))));
    values.push(tagged(LINES, u64::from(s.lines)));
    if s.exact != 0 {
        values.push(tagged(EXACT, s.exact));
    }
    values
}

/// The signature stored as `values`, in any order.
pub fn decode(values: impl IntoIterator<Item = u64>) -> Signature {
    let mut s = Signature::default();
    for value in values {
        let low = value & LOW;
        match value >> KIND_SHIFT {
            ANCHOR => s.anchors.push(Anchor {
                hash: low as u32,
                line: (low >> 32) as u8,
            }),
            NUMBER => s.numbers.push(low as u32),
            TITLE => s.title.push(low as u32),
            LINES => s.lines = low as u8,
            EXACT => s.exact = low,
            _ => {}
        }
    }
    s.anchors.sort_unstable();
    s.numbers.sort_unstable();
    s.title.sort_unstable();
    s
}

/// The stories of the articles in `searcher`, to add more to: each story's founding
/// article first (its uid is the story's id), then its other copies.
pub fn grouper(searcher: &Searcher, settings: Settings) -> tantivy::Result<Grouper> {
    let mut grouper = Grouper::new(settings);
    for founders in [true, false] {
        for segment in searcher.segment_readers() {
            let fast = segment.fast_fields();
            let uid = fast.u64(schema::UID)?;
            let story = fast.u64(schema::STORY)?;
            let values = fast.u64(schema::SIGNATURE)?;
            let alive = |doc: DocId| segment.alive_bitset().is_none_or(|a| a.is_alive(doc));
            for doc in (0..segment.max_doc()).filter(|&doc| alive(doc)) {
                let (Some(uid), Some(story)) = (uid.first(doc), story.first(doc)) else {
                    continue;
                };
                if (uid == story) == founders {
                    grouper.insert(story, &decode(values.values_for_doc(doc)));
                }
            }
        }
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
        let mut values = encode(&made);
        values.reverse();
        assert_eq!(decode(values), made);
        assert_ne!(made.exact, 0);
        assert_eq!(
            (made.lines, made.numbers.len()),
            (2, 2),
            "5 and 2; the dateline is not read"
        );
    }
}
