//! Which segments to merge, bounded by the bytes a merge reads. A merge reads its input
//! segments through memory maps, so their size is what the merge adds to the process's
//! peak memory. While articles are being indexed the writer's buffers are full, and merges
//! read at most `INDEXING_BYTES`; once the last batch is written the buffers are free and
//! the closing merges may read as much as the writer's budget. The closing merges also
//! gather the stragglers: segments left far smaller than the largest (the last batches of
//! a run), which cost every query that counts facets over most of the index a dictionary
//! lookup each.

use std::cmp::Reverse;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;

use tantivy::index::{SegmentComponent, SegmentMeta};
use tantivy::indexer::{MergeCandidate, MergePolicy};

/// The most a merge reads while the writer's buffers are full.
const INDEXING_BYTES: u64 = 128 << 20;
/// The least a closing merge may read, whatever the writer's budget.
const MIN_CLOSING_BYTES: u64 = 128 << 20;
/// Segments of one size class are merged once there are this many.
const MIN_SEGMENTS: usize = 4;
/// At closing, segments under this fraction of the largest are stragglers.
const STRAGGLER_FRACTION: u64 = 3;
/// A size class holds segments down to half the size of its largest...
const CLASS_RATIO: u64 = 2;
/// ...and every segment under this size is in the smallest class.
const SMALLEST_CLASS: u64 = 4 << 20;

/// A merge policy that groups segments of similar size, as tantivy's `LogMergePolicy`
/// does, measured in bytes on disk, with no merge reading more than the current limit.
#[derive(Debug, Clone)]
pub struct BoundedMerges {
    folder: PathBuf,
    limit: Arc<AtomicU64>,
    closing: Arc<AtomicBool>,
}

impl BoundedMerges {
    /// A policy for the index in `folder`, starting with the limit for indexing.
    pub fn new(folder: PathBuf) -> BoundedMerges {
        BoundedMerges {
            folder,
            limit: Arc::new(AtomicU64::new(INDEXING_BYTES)),
            closing: Arc::new(AtomicBool::new(false)),
        }
    }

    /// Raises the limit for the merges after the last batch to the writer's `budget`, and
    /// lets them gather stragglers.
    pub fn closing(&self, budget: u64) {
        self.limit
            .store(budget.max(MIN_CLOSING_BYTES), Ordering::SeqCst);
        self.closing.store(true, Ordering::SeqCst);
    }

    /// Bytes of a segment's files on disk; a file that cannot be read counts as empty.
    fn bytes(&self, segment: &SegmentMeta) -> u64 {
        [
            SegmentComponent::Postings,
            SegmentComponent::Positions,
            SegmentComponent::FastFields,
            SegmentComponent::FieldNorms,
            SegmentComponent::Terms,
            SegmentComponent::Store,
        ]
        .into_iter()
        .filter_map(|component| {
            std::fs::metadata(self.folder.join(segment.relative_path(component))).ok()
        })
        .map(|meta| meta.len())
        .sum()
    }
}

impl MergePolicy for BoundedMerges {
    fn compute_merge_candidates(&self, segments: &[SegmentMeta]) -> Vec<MergeCandidate> {
        let sized: Vec<_> = segments.iter().map(|s| (s.id(), self.bytes(s))).collect();
        let limit = self.limit.load(Ordering::SeqCst);
        let mut plans = plan(&sized, limit);
        if self.closing.load(Ordering::SeqCst) {
            plans.extend(stragglers(&sized, &plans, limit));
        }
        plans.into_iter().map(MergeCandidate).collect()
    }
}

/// Groups of segments (id, bytes) to merge, none reading more than `limit` bytes. Segments
/// over half the limit stay as they are; the rest form size classes (largest first, a class
/// reaching down to half its largest), and a class of at least `MIN_SEGMENTS` is merged in
/// groups of two or more that each fit the limit.
fn plan<T: Copy>(segments: &[(T, u64)], limit: u64) -> Vec<Vec<T>> {
    let mut eligible: Vec<(T, u64)> = segments
        .iter()
        .copied()
        .filter(|&(_, bytes)| bytes.saturating_mul(2) <= limit)
        .collect();
    eligible.sort_by_key(|&(_, bytes)| Reverse(bytes));
    let mut plans = Vec::new();
    let mut class: Vec<(T, u64)> = Vec::new();
    let mut largest = 0;
    for (id, bytes) in eligible {
        let size = bytes.max(SMALLEST_CLASS);
        if size.saturating_mul(CLASS_RATIO) < largest {
            plans.extend(groups(&class, limit));
            class.clear();
        }
        if class.is_empty() {
            largest = size;
        }
        class.push((id, bytes));
    }
    plans.extend(groups(&class, limit));
    plans
}

/// The segments no plan merges that are under a [`STRAGGLER_FRACTION`] of the largest, as
/// one group if there are two or more and together they fit `limit`.
fn stragglers<T: Copy + PartialEq>(
    segments: &[(T, u64)],
    plans: &[Vec<T>],
    limit: u64,
) -> Option<Vec<T>> {
    let largest = segments.iter().map(|&(_, bytes)| bytes).max()?;
    let small: Vec<(T, u64)> = segments
        .iter()
        .copied()
        .filter(|&(id, bytes)| {
            bytes.saturating_mul(STRAGGLER_FRACTION) < largest
                && !plans.iter().any(|plan| plan.contains(&id))
        })
        .collect();
    let total: u64 = small.iter().map(|&(_, bytes)| bytes).sum();
    (small.len() >= 2 && total <= limit).then(|| small.into_iter().map(|(id, _)| id).collect())
}

/// A size class cut into groups that each fit `limit`, in order; single leftovers are not
/// merged.
fn groups<T: Copy>(class: &[(T, u64)], limit: u64) -> Vec<Vec<T>> {
    if class.len() < MIN_SEGMENTS {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut group = Vec::new();
    let mut total = 0u64;
    for &(id, bytes) in class {
        if !group.is_empty() && total + bytes > limit {
            out.push(std::mem::take(&mut group));
            total = 0;
        }
        group.push(id);
        total += bytes;
    }
    out.push(group);
    out.retain(|g| g.len() >= 2);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const MB: u64 = 1 << 20;

    fn sized(sizes: &[u64]) -> Vec<(usize, u64)> {
        sizes.iter().map(|&mb| mb * MB).enumerate().collect()
    }

    #[test]
    fn fewer_than_four_of_a_size_are_left_alone() {
        assert!(plan(&sized(&[55, 55, 55]), 128 * MB).is_empty());
    }

    #[test]
    fn while_indexing_merges_read_at_most_the_limit() {
        let plans = plan(&sized(&[55, 56, 54, 55, 57]), 128 * MB);
        assert_eq!(plans, vec![vec![4, 1], vec![0, 3]]);
    }

    #[test]
    fn segments_over_half_the_limit_are_final() {
        // The two 110 MB segments are past half of 128 MB; the four small ones merge.
        let plans = plan(&sized(&[110, 110, 20, 20, 20, 20]), 128 * MB);
        assert_eq!(plans, vec![vec![2, 3, 4, 5]]);
        // With the closing limit of 256 MB, the 110 MB segments merge in pairs.
        let plans = plan(&sized(&[110, 110, 110, 110, 110]), 256 * MB);
        assert_eq!(plans, vec![vec![0, 1], vec![2, 3]]);
    }

    #[test]
    fn sizes_far_apart_are_not_merged_together() {
        // A class reaches down to half its largest: 100, 60 | 20, 20, 19, 18.
        let plans = plan(&sized(&[100, 60, 20, 20, 19, 18]), 256 * MB);
        assert_eq!(plans, vec![vec![2, 3, 4, 5]]);
    }

    #[test]
    fn closing_gathers_segments_far_smaller_than_the_largest() {
        // A 1M-article run: six full segments, then two half-full ones and a last small one.
        let segments = sized(&[185, 180, 162, 158, 158, 150, 51, 51, 0]);
        let plans = plan(&segments, 256 * MB);
        assert!(plans.is_empty());
        assert_eq!(stragglers(&segments, &plans, 256 * MB), Some(vec![6, 7, 8]));
        // Two halves of one run are not stragglers: nothing is merged.
        let halves = sized(&[58, 53]);
        assert_eq!(
            stragglers(&halves, &plan(&halves, 256 * MB), 256 * MB),
            None
        );
        // Nor is one small segment alone, or stragglers that together pass the limit.
        assert_eq!(stragglers(&sized(&[185, 180, 7]), &[], 256 * MB), None);
        assert_eq!(stragglers(&sized(&[900, 200, 200]), &[], 256 * MB), None);
        // Segments another plan merges are left to it.
        let with_plan = sized(&[185, 20, 20, 20, 20, 5]);
        let plans = plan(&with_plan, 256 * MB);
        assert_eq!(plans, vec![vec![1, 2, 3, 4]]);
        assert_eq!(stragglers(&with_plan, &plans, 256 * MB), None);
    }

    #[test]
    fn tiny_segments_are_one_class() {
        let plans = plan(&[(0, 10), (1, 3_000_000), (2, 500), (3, 1)], 128 * MB);
        assert_eq!(plans, vec![vec![1, 2, 0, 3]]);
    }
}
