//! Every match in order, for an export (`--all`): each match's address and its sort key,
//! or each story's best match, and never a stored article. At a million matches that is
//! 16 bytes each (a story's best: about 40 while the segments are merged); the articles
//! are read one at a time as they are printed.

use std::cmp::Reverse;

use rustc_hash::FxHashMap;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::{DocAddress, DocId, Score, SegmentOrdinal, SegmentReader};

use super::top_stories::{best_of_stories, match_key, scored, story_of};
use super::Sort;
use crate::index::schema;

/// Every match by `sort`, best first: with `by_story`, each story's best article only.
/// Equal keys keep index order, as the top-hits collectors do.
pub struct Every {
    pub sort: Sort,
    pub by_story: bool,
}

/// One segment's matches: each with its key (its score, or by date its date in seconds,
/// undated last).
pub struct SegmentEvery {
    segment: SegmentOrdinal,
    dates: Option<Column<tantivy::DateTime>>,
    stories: Option<Column<u64>>,
    /// Every match, when copies are listed.
    matches: Vec<(i64, DocId)>,
    /// Each story's best match, when a story is listed once.
    best: FxHashMap<u64, (i64, DocId)>,
}

/// A segment's harvest: its ordinal and its matches (or stories' best matches).
pub struct Harvest {
    segment: SegmentOrdinal,
    matches: Vec<(i64, DocId)>,
    best: FxHashMap<u64, (i64, DocId)>,
}

impl Collector for Every {
    type Fruit = Vec<(Option<Score>, DocAddress)>;
    type Child = SegmentEvery;

    fn for_segment(
        &self,
        segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentEvery> {
        let fast = reader.fast_fields();
        Ok(SegmentEvery {
            segment,
            dates: match self.sort {
                Sort::Relevance => None,
                Sort::Date => fast.date(schema::DATE).ok(),
            },
            stories: if self.by_story {
                fast.u64(schema::STORY).ok()
            } else {
                None
            },
            matches: Vec::new(),
            best: FxHashMap::default(),
        })
    }

    fn requires_scoring(&self) -> bool {
        self.sort == Sort::Relevance
    }

    fn merge_fruits(&self, segments: Vec<Harvest>) -> tantivy::Result<Self::Fruit> {
        let ranked = if self.by_story {
            best_of_stories(segments.into_iter().flat_map(|harvest| {
                let segment = harvest.segment;
                harvest
                    .best
                    .into_iter()
                    .map(move |(story, (key, doc))| (story, key, DocAddress::new(segment, doc)))
            }))
        } else {
            let mut ranked: Vec<(i64, DocAddress)> = Vec::new();
            for harvest in segments {
                let segment = harvest.segment;
                let matches = harvest.matches.into_iter();
                ranked.extend(matches.map(|(key, doc)| (key, DocAddress::new(segment, doc))));
            }
            ranked.sort_unstable_by_key(|&(key, address)| (Reverse(key), address));
            ranked
        };
        Ok(scored(ranked, self.sort))
    }
}

impl SegmentCollector for SegmentEvery {
    type Fruit = Harvest;

    fn collect(&mut self, doc: DocId, score: Score) {
        let key = match_key(self.dates.as_ref(), doc, score);
        if self.stories.is_none() {
            self.matches.push((key, doc));
            return;
        }
        let story = story_of(self.stories.as_ref(), self.segment, doc);
        let best = self.best.entry(story).or_insert((key, doc));
        if key > best.0 {
            *best = (key, doc);
        }
    }

    fn harvest(self) -> Harvest {
        Harvest {
            segment: self.segment,
            matches: self.matches,
            best: self.best,
        }
    }
}
