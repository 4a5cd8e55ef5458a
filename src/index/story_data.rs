//! The stories already in the index, rebuilt when a run has articles to add: each
//! article's signature made again from its stored headline and body.
//!
//! Signatures are not stored. Their hashes do not compress: stored, they made the index
//! 37% bigger at 100k articles and the run that wrote them slower, while reading them back
//! saved little, since reading one stored field reads the article's whole block, body
//! included. A FAST column was worse still: its values are held in the indexing buffers
//! until a segment is written (300 MB more at 100k articles).

use tantivy::schema::{TantivyDocument, Value};
use tantivy::{DocId, Searcher};

use super::schema::{self, Fields};
use crate::stories::{signature, Grouper, Settings, Signature};

/// The stories of the articles in `searcher`, to add more to: each story's founding
/// article first (its uid is the story's id), then its other copies. Reads and signs
/// every stored article once: a run that adds nothing does not call it.
pub fn grouper(
    searcher: &Searcher,
    fields: &Fields,
    settings: Settings,
) -> tantivy::Result<Grouper> {
    let mut grouper = Grouper::new(settings);
    let mut copies: Vec<(u64, u32, Signature)> = Vec::new();
    for segment in searcher.segment_readers() {
        let fast = segment.fast_fields();
        let (uid, story) = (fast.u64(schema::UID)?, fast.u64(schema::STORY)?);
        let number = fast.u64(schema::STORY_NUMBER)?;
        let store = segment.get_store_reader(64)?;
        let alive = |doc: DocId| segment.alive_bitset().is_none_or(|a| a.is_alive(doc));
        for doc in (0..segment.max_doc()).filter(|&doc| alive(doc)) {
            let (Some(uid), Some(story), Some(number)) =
                (uid.first(doc), story.first(doc), number.first(doc))
            else {
                continue;
            };
            let number = u32::try_from(number).unwrap_or(u32::MAX);
            let stored: TantivyDocument = store.get(doc)?;
            let text = |field| {
                stored
                    .get_first(field)
                    .and_then(|v| v.as_str())
                    .unwrap_or_default()
            };
            let signature = signature(text(fields.title), text(fields.body), &settings);
            if uid == story {
                grouper.insert(story, number, &signature);
            } else {
                copies.push((story, number, signature));
            }
        }
    }
    for (story, number, signature) in copies {
        grouper.insert(story, number, &signature);
    }
    Ok(grouper)
}
