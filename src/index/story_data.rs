//! The stories already in the index, rebuilt when a run has articles to add: each
//! article's signature made again from its stored headline and body.
//!
//! Signatures are not stored. Their hashes do not compress: stored, they made the index
//! 37% bigger at 100k articles and the run that wrote them slower, while reading them back
//! saved little, since reading one stored field reads the article's whole block, body
//! included. A FAST column was worse still: its values are held in the indexing buffers
//! until a segment is written (300 MB more at 100k articles).

use rayon::prelude::*;
use tantivy::schema::{TantivyDocument, Value};
use tantivy::{DocId, Searcher};

use super::schema::{self, Fields};
use crate::stories::{signature, Grouper, Settings, Signature};

/// Articles signed before they are grouped, in order: what the rebuild holds at once.
const SIGN_WINDOW: usize = 16_384;

/// Articles read and signed by one task of the rebuild: a few stored blocks' worth, so
/// that the tasks on all cores seldom unpack the same block.
const SIGN_CHUNK: usize = 256;

/// The stories of the articles in `searcher`, to add more to: each story's founding
/// article first (its uid is the story's id), then its other copies. Reads and signs
/// every stored article once, on all cores (the grouping itself is in order): a run that
/// adds nothing does not call it.
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
        let alive = |doc: DocId| segment.alive_bitset().is_none_or(|a| a.is_alive(doc));
        let articles: Vec<(DocId, u64, u64, u32)> = (0..segment.max_doc())
            .filter(|&doc| alive(doc))
            .filter_map(|doc| {
                let number = u32::try_from(number.first(doc)?).unwrap_or(u32::MAX);
                Some((doc, uid.first(doc)?, story.first(doc)?, number))
            })
            .collect();
        let store = segment.get_store_reader(64)?;
        let sign = |doc: DocId| -> tantivy::Result<Signature> {
            let stored: TantivyDocument = store.get(doc)?;
            let text = |field| {
                stored
                    .get_first(field)
                    .and_then(|v| v.as_str())
                    .unwrap_or_default()
            };
            Ok(signature(text(fields.title), text(fields.body), &settings))
        };
        // A window at a time, so that only its signatures are held.
        for window in articles.chunks(SIGN_WINDOW) {
            let signed: Vec<Vec<Signature>> = window
                .par_chunks(SIGN_CHUNK)
                .map(|chunk| chunk.iter().map(|&(doc, ..)| sign(doc)).collect())
                .collect::<tantivy::Result<_>>()?;
            let signed = signed.into_iter().flatten();
            for (&(_, uid, story, number), signature) in window.iter().zip(signed) {
                if uid == story {
                    grouper.insert(story, number, &signature);
                } else {
                    copies.push((story, number, signature));
                }
            }
        }
    }
    for (story, number, signature) in copies {
        grouper.insert(story, number, &signature);
    }
    Ok(grouper)
}
