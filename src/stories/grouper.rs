//! Groups signatures into stories as they arrive: a new article joins the story it is a
//! copy of, or starts one. Candidates come from an inverted list of anchors, so each
//! article is compared with the few stories that share its shingles, never with all.

use rustc_hash::FxHashMap as HashMap;

use super::postings::Postings;
use super::signature::{Settings, Signature};

/// An anchor held by this many stories is boilerplate or a stock phrase ("said in a
/// statement on Monday"), not evidence of a copy: it is not used to find one.
const COMMON: usize = 5;

/// The share of both signatures a match resting on one paragraph must hold.
const ONE_PARAGRAPH: f64 = 0.6;

/// The anchors a match resting on one paragraph must share: a sentence, not a table row.
const ONE_PARAGRAPH_ANCHORS: u32 = 10;

/// Openings with at least this many numbers each must share half of the smaller set.
const FIGURES: usize = 3;

/// Whether two openings can be one story by their numbers: copies keep the figures,
/// reports written to one template ("profit rose to 412 million crowns") change them.
fn same_figures(a: &[u32], b: &[u32]) -> bool {
    a.len().min(b.len()) < FIGURES || overlap(a, b) >= 0.5
}

/// The shares of the smaller body and of the smaller headline that a match on too little
/// body for the rules above must hold.
const SHORT_NOTICE: (f64, f64) = (0.4, 0.6);

/// The share of the smaller of two sorted sets of hashes that both hold.
fn overlap(a: &[u32], b: &[u32]) -> f64 {
    let smaller = a.len().min(b.len());
    if smaller == 0 {
        return 0.0;
    }
    let both = a.iter().filter(|h| b.binary_search(h).is_ok()).count();
    both as f64 / smaller as f64
}

/// What is kept of a story: its id and number, and the size and paragraphs of its first
/// signature.
#[derive(Debug, Clone)]
struct Story {
    id: u64,
    number: u32,
    anchors: u32,
    numbers: Box<[u32]>,
    title: Box<[u32]>,
}

/// Stories known so far, found by their anchors and by their whole-body hashes.
#[derive(Debug, Default)]
pub struct Grouper {
    settings: Settings,
    stories: Vec<Story>,
    by_id: HashMap<u64, u32>,
    /// The number the next new story gets: one more than any so far.
    next_number: u32,
    /// Each anchor's first story and how many stories hold it.
    postings: Postings,
    exact: HashMap<u64, u32>,
}

/// The anchors a story shares with a newcomer in the newcomer's paragraphs that it mostly
/// holds, and how many such paragraphs. A paragraph half of whose shingles a story holds
/// is copied (with a word or two changed); one that shares a phrase or a stock sentence
/// ("priced at ... dlrs per tonne") is a story written to the same template.
fn held(shared: &[u32], totals: &[u32]) -> (u32, u8) {
    let mut anchors = 0;
    let mut lines = 0u8;
    for (&shared, &total) in shared.iter().zip(totals) {
        if shared * 2 >= total {
            anchors += shared;
            // A one-shingle line ("Advertisement", "Related stories") is no evidence.
            lines += u8::from(total >= 2);
        }
    }
    (anchors, lines)
}

impl Grouper {
    /// An empty grouper that matches with `settings`.
    pub fn new(settings: Settings) -> Self {
        Grouper {
            settings,
            ..Grouper::default()
        }
    }

    /// The number of stories known.
    pub fn len(&self) -> usize {
        self.stories.len()
    }

    /// Whether no story is known.
    pub fn is_empty(&self) -> bool {
        self.stories.is_empty()
    }

    /// The story `signature` is a copy of, if any: one with the same body, else the one
    /// holding most of the smaller side's anchors, spread over two paragraphs when both
    /// have two (so one shared paragraph, an outlet's stock line, is not enough); as an
    /// index into `stories`.
    fn find(&self, signature: &Signature) -> Option<u32> {
        // The anchors are looked up here, or held by `record` after an identical body.
        self.postings.warm(signature.anchors.iter().map(|a| a.hash));
        if let Some(&story) = self.exact.get(&signature.exact) {
            return Some(story);
        }
        let s = &self.settings;
        let lines = usize::from(signature.lines);
        let mut per_line = vec![0u32; lines];
        for anchor in &signature.anchors {
            per_line[usize::from(anchor.line)] += 1;
        }
        // Each anchor shared with a story, as the story and the newcomer's paragraph.
        let mut shared: Vec<(u32, u8)> = signature
            .anchors
            .iter()
            .filter_map(|anchor| {
                let posting = self.postings.get(anchor.hash)?;
                (posting.holders() < COMMON).then_some((posting.first(), anchor.line))
            })
            .collect();
        shared.sort_unstable();
        let mut best: Option<(f64, u32)> = None;
        let mut by_line = vec![0u32; lines];
        for group in shared.chunk_by(|a, b| a.0 == b.0) {
            let story = group[0].0;
            by_line.fill(0);
            for &(_, line) in group {
                by_line[usize::from(line)] += 1;
            }
            let known = &self.stories[story as usize];
            let (held, held_lines) = held(&by_line, &per_line);
            let (n, k) = (signature.anchors.len(), known.anchors as usize);
            let fraction = |of: usize| f64::from(held) / of.max(1) as f64;
            // Copied paragraphs: most of the smaller side. One paragraph alone: most of both
            // sides, or it is an outlet's stock paragraph under two of its stories. A short
            // notice ("Qtly div 35 cts, pay April 17"): its headline too.
            if !same_figures(&signature.numbers, &known.numbers) {
                continue;
            }
            let enough = held as usize >= s.min_shared;
            let copied = enough && held_lines >= 2 && fraction(n.min(k)) >= s.containment;
            let one_paragraph =
                held >= ONE_PARAGRAPH_ANCHORS && fraction(n.max(k)) >= ONE_PARAGRAPH;
            let notice = held >= 2
                && fraction(n.min(k)) >= SHORT_NOTICE.0
                && overlap(&signature.title, &known.title) >= SHORT_NOTICE.1;
            let share = match (copied, one_paragraph || notice) {
                (true, _) => fraction(n.min(k)),
                (false, true) => fraction(n.max(k)),
                (false, false) => continue,
            };
            if best.is_none_or(|(h, b)| share > h || (share == h && story < b)) {
                best = Some((share, story));
            }
        }
        best.map(|(_, story)| story)
    }

    /// Records `signature` as a copy of `story` (a story id, new or known) numbered
    /// `number` (see [`Grouper::assign`]).
    pub fn insert(&mut self, story: u64, number: u32, signature: &Signature) {
        let index = match self.by_id.get(&story) {
            Some(&index) => index,
            None => self.begin(story, number, signature),
        };
        self.postings.warm(signature.anchors.iter().map(|a| a.hash));
        self.record(index, signature);
    }

    /// The story of the article `uid` with `signature`, as its id and number: the one it
    /// is a copy of, else a new story whose id is `uid` (or the story that already has
    /// that id: an article read again keeps its story). Recorded either way. Numbers are
    /// small and dense (one more than the largest so far), so a search counts stories in a
    /// bit set; a story keeps its number, as it keeps its id.
    pub fn assign(&mut self, uid: u64, signature: &Signature) -> (u64, u32) {
        let index = match self.find(signature) {
            Some(index) => index,
            None => match self.by_id.get(&uid) {
                Some(&index) => index,
                None => self.begin(uid, self.next_number, signature),
            },
        };
        self.record(index, signature);
        let story = &self.stories[index as usize];
        (story.id, story.number)
    }

    /// A new story, `id` numbered `number`, whose first copy has `signature`: its index.
    fn begin(&mut self, id: u64, number: u32, signature: &Signature) -> u32 {
        let index = self.stories.len() as u32;
        self.next_number = self.next_number.max(number.saturating_add(1));
        self.stories.push(Story {
            id,
            number,
            anchors: signature.anchors.len() as u32,
            numbers: signature.numbers.clone().into_boxed_slice(),
            title: signature.title.clone().into_boxed_slice(),
        });
        self.by_id.insert(id, index);
        index
    }

    /// Notes that the story at `index` holds `signature`'s body and anchors (their slots
    /// warmed by the caller).
    fn record(&mut self, index: u32, signature: &Signature) {
        if signature.exact != 0 {
            self.exact.entry(signature.exact).or_insert(index);
        }
        for anchor in &signature.anchors {
            self.postings.hold(anchor.hash, index);
        }
    }
}
