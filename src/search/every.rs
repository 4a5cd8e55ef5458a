//! Every match in order, for an export (`--all`): each match's address and its sort key,
//! or each story's best match, and never a stored article. At a million matches that is
//! 16 bytes each (a story's best: about 40 while the segments are merged); the articles
//! are read one at a time as they are printed.

use std::cmp::Reverse;

use rustc_hash::FxHashMap;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::{DocAddress, DocId, Score, SegmentOrdinal, SegmentReader};

use super::top_stories::{key_score, score_key};
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
        let mut ranked: Vec<(i64, DocAddress)> = Vec::new();
        if self.by_story {
            let mut by_story: FxHashMap<u64, (i64, DocAddress)> = FxHashMap::default();
            for harvest in segments {
                for (story, (key, doc)) in harvest.best {
                    let address = DocAddress::new(harvest.segment, doc);
                    let entry = by_story.entry(story).or_insert((key, address));
                    if (key, Reverse(address)) > (entry.0, Reverse(entry.1)) {
                        *entry = (key, address);
                    }
                }
            }
            ranked.extend(by_story.into_values());
        } else {
            for harvest in segments {
                let segment = harvest.segment;
                ranked.extend(
                    harvest
                        .matches
                        .into_iter()
                        .map(|(key, doc)| (key, DocAddress::new(segment, doc))),
                );
            }
        }
        ranked.sort_unstable_by_key(|&(key, address)| (Reverse(key), address));
        let relevance = self.sort == Sort::Relevance;
        Ok(ranked
            .into_iter()
            .map(|(key, address)| (relevance.then(|| key_score(key)), address))
            .collect())
    }
}

impl SegmentCollector for SegmentEvery {
    type Fruit = Harvest;

    fn collect(&mut self, doc: DocId, score: Score) {
        let key = match &self.dates {
            None => score_key(score),
            Some(dates) => dates
                .first(doc)
                .map_or(i64::MIN, |date| date.into_timestamp_secs()),
        };
        let Some(stories) = &self.stories else {
            self.matches.push((key, doc));
            return;
        };
        // An article without a story (none in an index of this version) is its own.
        let story = stories
            .first(doc)
            .unwrap_or(1 << 63 | u64::from(self.segment) << 32 | u64::from(doc));
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
