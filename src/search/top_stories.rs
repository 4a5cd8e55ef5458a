//! The best article of each of the best stories among the matches, in one pass over them:
//! the page of a search that lists each story once.
//!
//! Reading the best articles and dropping copies took several passes when copies crowded
//! the page (at a million articles with forty copies a story, up to four runs of a query
//! of 20, 80, 320 and 1,280 hits). Here each segment keeps its `wanted` best stories,
//! each by its best article; by relevance, a match that cannot beat the last of them is
//! skipped unscored (block-max WAND), as tantivy's own top-hits collector does. A story
//! in the best `wanted` over the index is in the best `wanted` of the segment holding
//! its best article, so merging the segments' lists is exact.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use rustc_hash::FxHashMap;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::query::Weight;
use tantivy::{DocAddress, DocId, Score, SegmentOrdinal, SegmentReader};

use super::Sort;
use crate::index::schema;

/// Collects the `wanted` best stories by `sort`: each story's best article with its score
/// (by relevance) or `None` (by date), best first.
pub struct TopStories {
    pub wanted: usize,
    pub sort: Sort,
}

/// One segment's best stories: each story's best article, the weakest on top of a heap.
pub struct Best {
    wanted: usize,
    segment: SegmentOrdinal,
    /// Each kept story's best article and its key.
    by_story: FxHashMap<u64, (i64, DocId)>,
    /// Kept articles, weakest first; an entry whose story has a better one since is stale.
    heap: BinaryHeap<Reverse<(i64, Reverse<DocId>, u64)>>,
}

impl Best {
    fn new(wanted: usize, segment: SegmentOrdinal) -> Self {
        Best {
            wanted,
            segment,
            by_story: FxHashMap::default(),
            heap: BinaryHeap::new(),
        }
    }

    /// The key a match must beat to be kept, once `wanted` stories are.
    fn threshold(&mut self) -> Option<i64> {
        if self.by_story.len() < self.wanted {
            return None;
        }
        while let Some(&Reverse((key, Reverse(doc), story))) = self.heap.peek() {
            if self.by_story.get(&story) == Some(&(key, doc)) {
                return Some(key);
            }
            self.heap.pop();
        }
        None
    }

    /// Considers article `doc` of `story` with `key`; of equal keys the first one stays.
    fn push(&mut self, key: i64, story: u64, doc: DocId) {
        if let Some(best) = self.by_story.get_mut(&story) {
            if key > best.0 {
                *best = (key, doc);
                self.heap.push(Reverse((key, Reverse(doc), story)));
            }
            return;
        }
        if let Some(weakest) = self.threshold() {
            if key <= weakest {
                return;
            }
            if let Some(Reverse((_, _, story))) = self.heap.pop() {
                self.by_story.remove(&story);
            }
        }
        self.by_story.insert(story, (key, doc));
        self.heap.push(Reverse((key, Reverse(doc), story)));
    }
}

/// A score as a key that orders as the score does (the sign-magnitude bits made
/// two's-complement), and back.
pub(super) fn score_key(score: Score) -> i64 {
    let bits = score.to_bits() as i32;
    i64::from(bits ^ (((bits >> 31) as u32) >> 1) as i32)
}

pub(super) fn key_score(key: i64) -> Score {
    let bits = key as i32;
    Score::from_bits((bits ^ (((bits >> 31) as u32) >> 1) as i32) as u32)
}

/// A match's sort key: its score (as [`score_key`]), or with `dates` its date in seconds,
/// undated last.
pub(super) fn match_key(
    dates: Option<&Column<tantivy::DateTime>>,
    doc: DocId,
    score: Score,
) -> i64 {
    match dates {
        None => score_key(score),
        Some(dates) => dates
            .first(doc)
            .map_or(i64::MIN, |date| date.into_timestamp_secs()),
    }
}

/// A match's story; an article without one (none in an index of this version) is its own.
pub(super) fn story_of(stories: Option<&Column<u64>>, segment: SegmentOrdinal, doc: DocId) -> u64 {
    stories
        .and_then(|c| c.first(doc))
        .unwrap_or(1 << 63 | u64::from(segment) << 32 | u64::from(doc))
}

/// Each story's best match over the segments (of equal keys the earlier address), best
/// first.
pub(super) fn best_of_stories(
    matches: impl IntoIterator<Item = (u64, i64, DocAddress)>,
) -> Vec<(i64, DocAddress)> {
    let mut by_story: FxHashMap<u64, (i64, DocAddress)> = FxHashMap::default();
    for (story, key, address) in matches {
        let entry = by_story.entry(story).or_insert((key, address));
        if (key, Reverse(address)) > (entry.0, Reverse(entry.1)) {
            *entry = (key, address);
        }
    }
    let mut ranked: Vec<(i64, DocAddress)> = by_story.into_values().collect();
    ranked.sort_unstable_by_key(|&(key, address)| (Reverse(key), address));
    ranked
}

/// Ranked matches with their scores by relevance (`None` by date).
pub(super) fn scored(
    ranked: Vec<(i64, DocAddress)>,
    sort: Sort,
) -> Vec<(Option<Score>, DocAddress)> {
    let relevance = sort == Sort::Relevance;
    ranked
        .into_iter()
        .map(|(key, address)| (relevance.then(|| key_score(key)), address))
        .collect()
}

impl Collector for TopStories {
    type Fruit = Vec<(Option<Score>, DocAddress)>;
    type Child = BestChild;

    fn for_segment(
        &self,
        segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<BestChild> {
        let fast = reader.fast_fields();
        Ok(BestChild {
            best: Best::new(self.wanted, segment),
            stories: fast.u64(schema::STORY).ok(),
            dates: match self.sort {
                Sort::Relevance => None,
                Sort::Date => fast.date(schema::DATE).ok(),
            },
        })
    }

    fn requires_scoring(&self) -> bool {
        self.sort == Sort::Relevance
    }

    fn collect_segment(
        &self,
        weight: &dyn Weight,
        segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<Best> {
        let mut child = self.for_segment(segment, reader)?;
        if self.wanted == 0 {
            return Ok(child.harvest());
        }
        let alive = |doc| reader.alive_bitset().is_none_or(|a| a.is_alive(doc));
        match self.sort {
            Sort::Relevance => weight.for_each_pruning(Score::MIN, reader, &mut |doc, score| {
                if alive(doc) {
                    child.collect(doc, score);
                }
                child.best.threshold().map_or(Score::MIN, key_score)
            })?,
            Sort::Date => weight.for_each_no_score(reader, &mut |docs| {
                for &doc in docs.iter().filter(|&&doc| alive(doc)) {
                    child.collect(doc, 0.0);
                }
            })?,
        }
        Ok(child.harvest())
    }

    fn merge_fruits(&self, segments: Vec<Best>) -> tantivy::Result<Self::Fruit> {
        // Each story's best article over the segments, then the best `wanted` of them.
        let mut ranked = best_of_stories(segments.into_iter().flat_map(|segment| {
            let ordinal = segment.segment;
            segment
                .by_story
                .into_iter()
                .map(move |(story, (key, doc))| (story, key, DocAddress::new(ordinal, doc)))
        }));
        ranked.truncate(self.wanted);
        Ok(scored(ranked, self.sort))
    }
}

/// One segment's collection: each match's story, and its key (its score, or by date its
/// date in seconds, undated last).
pub struct BestChild {
    best: Best,
    stories: Option<Column<u64>>,
    dates: Option<Column<tantivy::DateTime>>,
}

impl SegmentCollector for BestChild {
    type Fruit = Best;

    fn collect(&mut self, doc: DocId, score: Score) {
        let story = story_of(self.stories.as_ref(), self.best.segment, doc);
        let key = match_key(self.dates.as_ref(), doc, score);
        self.best.push(key, story, doc);
    }

    fn harvest(self) -> Best {
        self.best
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn score_keys_order_as_scores_do_and_turn_back() {
        let scores = [-3.5, -0.0, 0.0, 1e-9, 0.5, 2.0, 17.25];
        let keys: Vec<i64> = scores.iter().map(|&s| score_key(s)).collect();
        assert!(keys.windows(2).all(|w| w[0] <= w[1]), "{keys:?}");
        for s in scores {
            assert_eq!(key_score(score_key(s)).to_bits(), s.to_bits());
        }
    }

    #[test]
    fn a_segment_keeps_each_story_once_by_its_best_article() {
        let mut best = Best::new(2, 0);
        for (key, story, doc) in [
            (5, 1, 0),
            (9, 1, 1),
            (7, 2, 2),
            (3, 3, 3),
            (8, 3, 4),
            (6, 2, 5),
        ] {
            best.push(key, story, doc);
        }
        let mut kept: Vec<(u64, (i64, DocId))> = best.by_story.into_iter().collect();
        kept.sort();
        assert_eq!(kept, [(1, (9, 1)), (3, (8, 4))]);
    }
}
