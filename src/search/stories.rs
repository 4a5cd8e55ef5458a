//! Copies of one story in search results: one hit per story, each story's other copies,
//! and the number of stories among the matches.

use std::collections::hash_map::Entry;

use chrono::{DateTime, Utc};
use rustc_hash::{FxHashMap, FxHashSet};
use serde::Serialize;
use tantivy::collector::{Collector, Count, SegmentCollector, TopDocs};
use tantivy::columnar::Column;
use tantivy::query::TermQuery;
use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, DocId, Order, Score, Searcher, SegmentOrdinal, SegmentReader, Term};

use super::stored::Stored;
use crate::index::{schema, Fields};
use crate::model::display_title;

/// The most articles `copies` lists of one story.
pub const MAX_COPIES: usize = 1000;

/// The most copies a search hit lists in JSON, the oldest; `copy_count` counts them all. Each is
/// a stored article to read: at a million articles, with forty copies a story, listing
/// fifty for each of ten hits took longer than the search.
pub const HIT_COPIES: usize = 10;

/// One article of a story, as a hit lists its copies and `copies` lists a story.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Copy {
    /// Stable public id.
    pub uid: String,
    /// The file the article came from, as it was indexed.
    pub path: String,
    /// The 1-based line (JSON Lines) or item (JSON array) in the file; 1 otherwise.
    pub part: usize,
    /// The title, or the body's first sentence when the article has none.
    pub title: String,
    /// The article's date; `None` when undated.
    pub date: Option<DateTime<Utc>>,
    /// The publication, if the source gave one.
    pub source: Option<String>,
}

/// Each segment's story column, opened when first needed: the story of any article.
pub struct StoryColumns<'a> {
    searcher: &'a Searcher,
    columns: FxHashMap<SegmentOrdinal, Column<u64>>,
}

impl<'a> StoryColumns<'a> {
    pub fn new(searcher: &'a Searcher) -> Self {
        StoryColumns {
            searcher,
            columns: FxHashMap::default(),
        }
    }

    /// The story of the article at `address`; `None` only in an index without stories.
    pub fn story(&mut self, address: DocAddress) -> tantivy::Result<Option<u64>> {
        let column = match self.columns.entry(address.segment_ord) {
            Entry::Occupied(open) => open.into_mut(),
            Entry::Vacant(slot) => slot.insert(
                self.searcher
                    .segment_reader(address.segment_ord)
                    .fast_fields()
                    .u64(schema::STORY)?,
            ),
        };
        Ok(column.first(address.doc_id))
    }
}

/// The other articles of `story` than the one with `uid`, as a hit lists them (the oldest
/// `listed`), and how many there are.
pub fn other_copies(
    searcher: &Searcher,
    fields: &Fields,
    story: u64,
    uid: &str,
    listed: usize,
) -> tantivy::Result<(Vec<Copy>, usize)> {
    let (mut copies, count) = articles_of(searcher, fields, story, listed + 1)?;
    copies.retain(|copy| copy.uid != uid);
    copies.truncate(listed);
    Ok((copies, count.saturating_sub(1)))
}

/// The articles of `story`, at most `limit` of them, oldest first (undated last), then by
/// path and part; and how many it has.
pub fn articles_of(
    searcher: &Searcher,
    fields: &Fields,
    story: u64,
    limit: usize,
) -> tantivy::Result<(Vec<Copy>, usize)> {
    let query = TermQuery::new(
        Term::from_field_u64(fields.story, story),
        IndexRecordOption::Basic,
    );
    let oldest = TopDocs::with_limit(limit.max(1))
        .order_by_fast_field::<tantivy::DateTime>(schema::DATE, Order::Asc);
    let (found, count) = searcher.search(&query, &(oldest, Count))?;
    let mut copies = Vec::with_capacity(found.len());
    for (_, address) in found {
        let doc = Stored(searcher.doc(address)?);
        let id = doc.text(fields.id);
        let (title, body) = (doc.text(fields.title), doc.text(fields.body));
        copies.push(Copy {
            uid: doc.uid(fields.uid),
            path: doc.text(fields.path),
            part: part_of(&id),
            title: display_title(&title, &body),
            date: doc.date(fields.date),
            source: doc.first(fields.source),
        });
    }
    copies.sort_by(|a, b| {
        (a.date.is_none(), a.date, &a.path, a.part).cmp(&(
            b.date.is_none(),
            b.date,
            &b.path,
            b.part,
        ))
    });
    Ok((copies, count))
}

/// The part number in an article's id (`path#N`), 1 for a one-article file.
pub fn part_of(id: &str) -> usize {
    id.rsplit_once('#')
        .and_then(|(_, n)| n.parse().ok())
        .unwrap_or(1)
}

/// How many articles each story has, from one pass over the story numbers: a long list
/// of hits that shows only how many copies each has reads them here, not by a search a
/// hit (a million hits: 72 s of searches).
pub struct StorySizes {
    /// Articles per story number.
    sizes: Vec<u32>,
    /// Each segment's story numbers.
    numbers: Vec<Option<Column<u64>>>,
}

impl StorySizes {
    pub fn new(searcher: &Searcher) -> tantivy::Result<Self> {
        let mut sizes: Vec<u32> = Vec::new();
        let mut numbers = Vec::new();
        for reader in searcher.segment_readers() {
            let column = reader.fast_fields().u64(schema::STORY_NUMBER).ok();
            if let Some(column) = &column {
                let alive = reader.alive_bitset();
                for doc in 0..reader.max_doc() {
                    if alive.is_some_and(|a| !a.is_alive(doc)) {
                        continue;
                    }
                    if let Some(number) = column.first(doc) {
                        let number = number as usize;
                        if number >= sizes.len() {
                            sizes.resize(number + 1, 0);
                        }
                        sizes[number] += 1;
                    }
                }
            }
            numbers.push(column);
        }
        Ok(StorySizes { sizes, numbers })
    }

    /// The number of articles in the story of the article at `address` (1 if unknown).
    pub fn size(&self, address: DocAddress) -> usize {
        self.numbers
            .get(address.segment_ord as usize)
            .and_then(Option::as_ref)
            .and_then(|column| column.first(address.doc_id))
            .and_then(|number| self.sizes.get(number as usize))
            .map_or(1, |&size| size as usize)
    }
}

/// Counts the distinct stories among the matches: each story's number marked in a bit
/// set, where a set of story ids cost a hashed insert a match.
pub struct StoryCount;

/// One segment's stories among the matches, by number.
pub struct SegmentStoryCount {
    column: Option<Column<u64>>,
    bits: Vec<u64>,
    /// The story numbers of the block of matches being counted.
    numbers: Vec<Option<u64>>,
}

impl Collector for StoryCount {
    type Fruit = usize;
    type Child = SegmentStoryCount;

    fn for_segment(
        &self,
        _segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentStoryCount> {
        Ok(SegmentStoryCount {
            column: reader.fast_fields().u64(schema::STORY_NUMBER).ok(),
            bits: Vec::new(),
            numbers: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, segments: Vec<Vec<u64>>) -> tantivy::Result<usize> {
        let mut all: Vec<u64> = Vec::new();
        for bits in segments {
            if bits.len() > all.len() {
                all.resize(bits.len(), 0);
            }
            for (word, more) in all.iter_mut().zip(bits) {
                *word |= more;
            }
        }
        Ok(all.iter().map(|word| word.count_ones() as usize).sum())
    }
}

impl SegmentCollector for SegmentStoryCount {
    type Fruit = Vec<u64>;

    fn collect(&mut self, doc: DocId, _score: Score) {
        if let Some(number) = self.column.as_ref().and_then(|c| c.first(doc)) {
            mark(&mut self.bits, number);
        }
    }

    /// A block of matches at once (counting needs no scores): the column reads its
    /// values for the whole block, where one read a match cost a common word's search
    /// several milliseconds at a million articles.
    fn collect_block(&mut self, docs: &[DocId]) {
        let Some(column) = &self.column else {
            return;
        };
        self.numbers.clear();
        self.numbers.resize(docs.len(), None);
        column.first_vals(docs, &mut self.numbers);
        for &number in self.numbers.iter().flatten() {
            mark(&mut self.bits, number);
        }
    }

    fn harvest(self) -> Vec<u64> {
        self.bits
    }
}

/// Sets bit `number` of `bits`, growing it as needed.
fn mark(bits: &mut Vec<u64>, number: u64) {
    let word = (number / 64) as usize;
    if word >= bits.len() {
        bits.resize(word + 1, 0);
    }
    bits[word] |= 1 << (number % 64);
}

/// The ids of the stories among the matches.
pub struct MatchedStories;

/// One segment's stories among the matches, by id.
pub struct SegmentStories {
    column: Option<Column<u64>>,
    stories: FxHashSet<u64>,
}

impl Collector for MatchedStories {
    type Fruit = FxHashSet<u64>;
    type Child = SegmentStories;

    fn for_segment(
        &self,
        _segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentStories> {
        Ok(SegmentStories {
            column: reader.fast_fields().u64(schema::STORY).ok(),
            stories: FxHashSet::default(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, segments: Vec<FxHashSet<u64>>) -> tantivy::Result<FxHashSet<u64>> {
        let mut all = FxHashSet::default();
        for segment in segments {
            all.extend(segment);
        }
        Ok(all)
    }
}

impl SegmentCollector for SegmentStories {
    type Fruit = FxHashSet<u64>;

    fn collect(&mut self, doc: DocId, _score: Score) {
        if let Some(story) = self.column.as_ref().and_then(|c| c.first(doc)) {
            self.stories.insert(story);
        }
    }

    fn harvest(self) -> FxHashSet<u64> {
        self.stories
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_part_is_the_number_after_the_last_hash() {
        assert_eq!(part_of("/clips/feed.jsonl#12"), 12);
        assert_eq!(part_of("/clips/a#b/page.txt"), 1);
        assert_eq!(part_of("/clips/page.txt"), 1);
    }
}
