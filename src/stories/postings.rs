//! The grouper's table of anchors: each anchor's first story and how many stories hold
//! it, in one flat array probed in place.
//!
//! A general hash map kept its control bytes and its entries apart, so a lookup of an
//! anchor not in the cache waited for two lines of memory, one after the other; with an
//! article's hundred anchors looked up one by one, that wait was most of the grouper's
//! time. Here an anchor and its posting share one eight-byte slot, and [`Postings::warm`]
//! asks for all of an article's slots before any is read, so the waits overlap.

/// An anchor's first story (an index into the stories, 28 bits) and how many stories hold
/// it (4 bits, counting up to 15): four bytes an anchor, where a list of its stories took
/// forty. Only the first story is found through the anchor; a later one that holds it
/// is found through the anchors it holds first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Posting(u32);

impl Posting {
    const STORY_BITS: u32 = 28;

    /// The posting of an anchor first held by `story`. Never 0, which marks a free slot.
    pub fn new(story: u32) -> Self {
        Posting((1 << Self::STORY_BITS) | story)
    }

    /// The first story that held the anchor.
    pub fn first(self) -> u32 {
        self.0 & ((1 << Self::STORY_BITS) - 1)
    }

    /// How many stories hold the anchor, up to 15.
    pub fn holders(self) -> usize {
        (self.0 >> Self::STORY_BITS) as usize
    }

    /// Notes that `story` holds the anchor too (a copy of the first story is not counted).
    fn held_by(&mut self, story: u32) {
        if story != self.first() && self.holders() < 15 {
            self.0 += 1 << Self::STORY_BITS;
        }
    }
}

/// Anchors and their postings, by open addressing with linear probing: a slot holds the
/// anchor in its high 32 bits and the posting in its low 32; a posting of 0 is a free slot.
#[derive(Debug, Default)]
pub struct Postings {
    slots: Vec<u64>,
    len: usize,
}

impl Postings {
    /// The fewest slots a table has once it holds anything.
    const FIRST: usize = 1 << 16;

    /// The slot where the search for `anchor` begins. Anchors are hashes already, so
    /// their low bits are spread evenly.
    fn home(&self, anchor: u32) -> usize {
        anchor as usize & (self.slots.len() - 1)
    }

    /// The slot that holds `anchor`, or the free slot where it would go.
    fn slot(&self, anchor: u32) -> usize {
        let mask = self.slots.len() - 1;
        let mut at = self.home(anchor);
        loop {
            let slot = self.slots[at];
            if slot as u32 == 0 || (slot >> 32) as u32 == anchor {
                return at;
            }
            at = (at + 1) & mask;
        }
    }

    /// Reads the home slot of each of `anchors` so that the lookups that follow find them
    /// in the cache: the reads do not depend on each other, so the processor makes them
    /// side by side.
    pub fn warm(&self, anchors: impl Iterator<Item = u32>) {
        if self.slots.is_empty() {
            return;
        }
        let mut sink = 0u64;
        for anchor in anchors {
            sink ^= self.slots[self.home(anchor)];
        }
        std::hint::black_box(sink);
    }

    /// The posting of `anchor`, if any story holds it.
    pub fn get(&self, anchor: u32) -> Option<Posting> {
        if self.slots.is_empty() {
            return None;
        }
        let slot = self.slots[self.slot(anchor)];
        (slot as u32 != 0).then_some(Posting(slot as u32))
    }

    /// Notes that `story` holds `anchor`: its first story if no story held it before.
    pub fn hold(&mut self, anchor: u32, story: u32) {
        // At most seven eighths full: a search runs on through a few taken slots, in
        // lines of memory next to each other, where a larger table cost more to clear.
        if (self.len + 1) * 8 > self.slots.len() * 7 {
            self.grow();
        }
        let at = self.slot(anchor);
        let slot = self.slots[at];
        if slot as u32 == 0 {
            self.slots[at] = (u64::from(anchor) << 32) | u64::from(Posting::new(story).0);
            self.len += 1;
        } else {
            let mut posting = Posting(slot as u32);
            posting.held_by(story);
            self.slots[at] = (slot & !0xffff_ffff) | u64::from(posting.0);
        }
    }

    /// Twice the slots, each anchor moved to its place in them.
    fn grow(&mut self) {
        let size = (self.slots.len() * 2).max(Self::FIRST);
        let old = std::mem::replace(&mut self.slots, vec![0; size]);
        for slot in old.into_iter().filter(|&slot| slot as u32 != 0) {
            let at = self.slot((slot >> 32) as u32);
            self.slots[at] = slot;
        }
    }

    /// The number of anchors held.
    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.len
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_posting_keeps_its_first_story_and_counts_the_others_up_to_fifteen() {
        let mut postings = Postings::default();
        postings.hold(7, 3);
        postings.hold(7, 3);
        assert_eq!(
            postings.get(7).map(|p| (p.first(), p.holders())),
            Some((3, 1))
        );
        for story in 4..30 {
            postings.hold(7, story);
        }
        assert_eq!(
            postings.get(7).map(|p| (p.first(), p.holders())),
            Some((3, 15))
        );
        assert_eq!(postings.get(8), None);
        assert_eq!(postings.len(), 1);
    }

    #[test]
    fn anchors_that_share_a_home_slot_and_anchor_zero_are_all_kept_through_growth() {
        let mut postings = Postings::default();
        // Multiples of 2^20 start their search in one slot until the table outgrows
        // 2^20 slots; they repeat after 4,096.
        let crowded = |i: u32| i.wrapping_mul(1 << 20);
        for i in 0..6_000 {
            postings.hold(crowded(i), i);
        }
        // Spread anchors, enough to make the table grow several times.
        let spread = |i: u32| (i * 2 + 1).wrapping_mul(2_654_435_761);
        for i in 0..100_000 {
            postings.hold(spread(i), i);
        }
        assert_eq!(postings.len(), 4_096 + 100_000);
        for i in 0..4_096 {
            let holders = if i < 6_000 - 4_096 { 2 } else { 1 };
            let posting = postings.get(crowded(i)).map(|p| (p.first(), p.holders()));
            assert_eq!(posting, Some((i, holders)), "anchor {}", crowded(i));
        }
        for i in 0..100_000 {
            assert_eq!(postings.get(spread(i)).map(Posting::first), Some(i));
        }
        assert_eq!(postings.get(2), None);
    }
}
