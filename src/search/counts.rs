//! Counts of keyword values (tags, speaker keys) over every matching document, read from
//! the fields' FAST columns into one slot per term ordinal, without scoring.
//!
//! A query that matches most of a segment (`said`, `the`) is counted from the other side:
//! each value's count over the whole column (one sequential scan, each key is stored once
//! per document), less its count over the documents that did not match. Deleted documents
//! are in both, so the result is exact.

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::StrColumn;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

/// Counts per value of each listed keyword field, plus the number of matching documents.
pub struct KeyCounts {
    fields: Vec<&'static str>,
}

impl KeyCounts {
    /// Counts `fields`, named as in the schema: FAST keyword fields such as
    /// [`crate::index::schema::TAG_KEY`]. [`Counted::values`] keeps their order.
    pub fn new(fields: &[&'static str]) -> Self {
        KeyCounts {
            fields: fields.to_vec(),
        }
    }
}

/// What a search counted: matching documents, and for each field (in the order given)
/// every value with its number of matching documents, sorted by value (dictionary order).
#[derive(Debug, Default)]
pub struct Counted {
    /// Documents that matched.
    pub total: usize,
    /// Per field, each value some matching document has, with how many have it.
    pub values: Vec<Vec<(String, u64)>>,
}

pub struct SegmentCounts {
    max_doc: DocId,
    /// One bit per document of the segment: did it match?
    matched: Vec<u64>,
    total: usize,
    columns: Vec<Option<StrColumn>>,
}

impl Collector for KeyCounts {
    type Fruit = Counted;
    type Child = SegmentCounts;

    fn for_segment(
        &self,
        _segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentCounts> {
        // A segment where no document has the field has no column for it.
        let columns = self
            .fields
            .iter()
            .map(|name| reader.fast_fields().str(name))
            .collect::<tantivy::Result<_>>()?;
        let max_doc = reader.max_doc();
        Ok(SegmentCounts {
            max_doc,
            matched: vec![0; (max_doc as usize).div_ceil(64)],
            total: 0,
            columns,
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, segments: Vec<Counted>) -> tantivy::Result<Counted> {
        let total = segments.iter().map(|s| s.total).sum();
        let mut per_field: Vec<Vec<Vec<(String, u64)>>> = vec![Vec::new(); self.fields.len()];
        for segment in segments {
            for (lists, values) in per_field.iter_mut().zip(segment.values) {
                lists.push(values);
            }
        }
        Ok(Counted {
            total,
            values: per_field.into_iter().map(merge_sorted).collect(),
        })
    }
}

/// Sums the counts of lists that are each sorted by value (as every segment's dictionary
/// is), in one pass that keeps the order.
fn merge_sorted(mut lists: Vec<Vec<(String, u64)>>) -> Vec<(String, u64)> {
    if lists.len() <= 1 {
        return lists.pop().unwrap_or_default();
    }
    let longest = lists.iter().map(Vec::len).max().unwrap_or(0);
    let mut merged: Vec<(String, u64)> = Vec::with_capacity(longest);
    let mut next = vec![0usize; lists.len()];
    loop {
        let mut smallest: Option<usize> = None;
        for (i, list) in lists.iter().enumerate() {
            let Some((value, _)) = list.get(next[i]) else {
                continue;
            };
            if smallest.is_none_or(|s| *value < lists[s][next[s]].0) {
                smallest = Some(i);
            }
        }
        let Some(first) = smallest else {
            return merged;
        };
        let (value, mut count) = std::mem::take(&mut lists[first][next[first]]);
        next[first] += 1;
        for (i, list) in lists.iter().enumerate() {
            if let Some((other, n)) = list.get(next[i]) {
                if *other == value {
                    count += n;
                    next[i] += 1;
                }
            }
        }
        merged.push((value, count));
    }
}

impl SegmentCollector for SegmentCounts {
    type Fruit = Counted;

    fn collect(&mut self, doc: DocId, _score: Score) {
        self.mark(doc);
    }

    fn collect_block(&mut self, docs: &[DocId]) {
        for &doc in docs {
            self.mark(doc);
        }
    }

    fn harvest(self) -> Counted {
        // Counting the unmatched documents is cheaper once more than half matched.
        let from_totals = self.total * 2 > self.max_doc as usize;
        let values = self
            .columns
            .iter()
            .map(|field| match field {
                Some(column) => self.count(column, from_totals),
                None => Vec::new(),
            })
            .collect();
        Counted {
            total: self.total,
            values,
        }
    }
}

impl SegmentCounts {
    fn mark(&mut self, doc: DocId) {
        if let Some(word) = self.matched.get_mut(doc as usize / 64) {
            *word |= 1 << (doc % 64);
            self.total += 1;
        }
    }

    /// The documents whose bit is `wanted` (set: matched; clear: did not match).
    fn docs(&self, wanted: bool) -> impl Iterator<Item = DocId> + '_ {
        self.matched.iter().enumerate().flat_map(move |(i, &word)| {
            let mut bits = if wanted { word } else { !word };
            let first = i as DocId * 64;
            let end = self.max_doc.saturating_sub(first).min(64);
            if end < 64 {
                bits &= (1u64 << end) - 1;
            }
            std::iter::from_fn(move || {
                (bits != 0).then(|| {
                    let doc = first + bits.trailing_zeros();
                    bits &= bits - 1;
                    doc
                })
            })
        })
    }

    fn count(&self, column: &StrColumn, from_totals: bool) -> Vec<(String, u64)> {
        let ords = column.ords();
        let mut slots = vec![0u32; column.num_terms()];
        let mut bump = |ord: u64, from_totals: bool| {
            if let Some(slot) = slots.get_mut(ord as usize) {
                *slot = if from_totals {
                    slot.saturating_sub(1)
                } else {
                    *slot + 1
                };
            }
        };
        if from_totals {
            let mut chunk = [0u64; 1024];
            let num_vals = u64::from(ords.values.num_vals());
            for start in (0..num_vals).step_by(chunk.len()) {
                let chunk = &mut chunk[..(num_vals - start).min(1024) as usize];
                ords.values.get_range(start, chunk);
                for &ord in chunk.iter() {
                    bump(ord, false);
                }
            }
        }
        for doc in self.docs(!from_totals) {
            for ord in ords.values_for_doc(doc) {
                bump(ord, from_totals);
            }
        }
        name_counts(column, &slots)
    }
}

/// The counted values with their names, read in one ordered pass over the dictionary.
fn name_counts(column: &StrColumn, slots: &[u32]) -> Vec<(String, u64)> {
    let (ords, counts): (Vec<u64>, Vec<u64>) = slots
        .iter()
        .enumerate()
        .filter(|(_, &n)| n > 0)
        .map(|(ord, &n)| (ord as u64, u64::from(n)))
        .unzip();
    let mut values = Vec::with_capacity(ords.len());
    let mut counts = counts.into_iter();
    // An unreadable dictionary block ends the list early; the values named so far stand.
    let _complete = column.dictionary().sorted_ords_to_term_cb(&ords, |term| {
        let count = counts.next().unwrap_or_default();
        let value = match std::str::from_utf8(term) {
            Ok(value) => value.to_owned(),
            Err(_) => String::from_utf8_lossy(term).into_owned(),
        };
        values.push((value, count));
    });
    values
}
