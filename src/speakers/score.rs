//! Scoring predicted speakers against hand labels: one-to-one matching on identity keys,
//! micro-averaged precision, recall and F1 over (article, speaker) pairs.

use serde::Deserialize;

use super::identity_key;

/// One labelled speaker: the name and the other forms the article uses.
#[derive(Debug, Clone, Deserialize)]
pub struct Label {
    /// The speaker's fullest name in the article.
    pub name: String,
    /// The other forms the article names them by ("Mr Learmount"), any of which may match.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// The words the article gives as theirs, where the labels mark them.
    #[serde(default)]
    pub quotes: Vec<Span>,
}

/// Whether marked words are a direct quotation or a reported clause.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// Words inside quotation marks.
    Direct,
    /// The content of indirect speech ("said *the plant would close*").
    Reported,
}

/// Words marked as one person's: a byte range of the article's body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub struct Span {
    /// Direct or reported.
    pub kind: Kind,
    /// Where the words start in the body (a byte offset).
    pub start: usize,
    /// Just past the words.
    pub end: usize,
}

/// One labelled article (a line of `tests/data/speakers/*.jsonl`).
#[derive(Debug, Clone, Deserialize)]
pub struct Labelled {
    /// The article's file under the corpora folder (or `sample-corpus/...`), with `#N`
    /// for the article on line (JSON Lines) or item (JSON array) N of a file of several.
    pub source: String,
    /// Every person quoted in the article.
    pub speakers: Vec<Label>,
}

/// Counts of (article, speaker) pairs, added up over articles so that the scores are
/// micro-averaged.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    /// Speakers found that match a label.
    pub true_positives: usize,
    /// Speakers found that match no label (or a label already matched).
    pub false_positives: usize,
    /// Labels that no speaker found matches.
    pub false_negatives: usize,
}

impl Tally {
    /// Adds another article's (or file's) counts to these.
    pub fn add(&mut self, other: Tally) {
        self.true_positives += other.true_positives;
        self.false_positives += other.false_positives;
        self.false_negatives += other.false_negatives;
    }

    /// The share of speakers found that are right; 1 when none were found.
    pub fn precision(&self) -> f64 {
        ratio(
            self.true_positives,
            self.true_positives + self.false_positives,
        )
    }

    /// The share of labelled speakers that were found; 1 when none were labelled.
    pub fn recall(&self) -> f64 {
        ratio(
            self.true_positives,
            self.true_positives + self.false_negatives,
        )
    }

    /// The harmonic mean of precision and recall; 0 when both are 0.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

/// The outcome for one article: the tally, and which names were wrong or missed.
#[derive(Debug, Clone, Default)]
pub struct Outcome {
    /// The article's counts.
    pub tally: Tally,
    /// Names found that match no label (the false positives), for a verbose report.
    pub extra: Vec<String>,
    /// Labelled names that were not found (the false negatives).
    pub missed: Vec<String>,
    /// For each prediction, the label it matched.
    pub matched: Vec<Option<usize>>,
}

/// Matches predicted names to labels one-to-one. A prediction matches a label when its
/// identity key equals the key of the label's name or of an alias; a second prediction
/// for a label already matched (an unmerged alias) is a false positive.
pub fn score(predicted: &[String], labels: &[Label]) -> Outcome {
    let keys: Vec<Vec<String>> = labels
        .iter()
        .map(|l| {
            std::iter::once(&l.name)
                .chain(&l.aliases)
                .map(|n| identity_key(n))
                .collect()
        })
        .collect();
    let mut matched = vec![false; labels.len()];
    let mut outcome = Outcome::default();
    for name in predicted {
        let key = identity_key(name);
        let hit = (0..labels.len()).find(|&i| !matched[i] && keys[i].contains(&key));
        outcome.matched.push(hit);
        match hit {
            Some(i) => {
                matched[i] = true;
                outcome.tally.true_positives += 1;
            }
            None => {
                outcome.tally.false_positives += 1;
                outcome.extra.push(name.clone());
            }
        }
    }
    for (label, found) in labels.iter().zip(&matched) {
        if !found {
            outcome.tally.false_negatives += 1;
            outcome.missed.push(label.name.clone());
        }
    }
    outcome
}

/// Counts of quotes, added up over articles.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct QuoteTally {
    /// Quotes the extractor gave.
    pub shown: usize,
    /// Of those, the ones that are the person's words: the person is a labelled speaker
    /// and the quote overlaps one of their marked spans (word F1 at least
    /// [`SAME_WORDS`]).
    pub right: usize,
    /// Spans marked, and of those the direct quotations.
    pub marked: usize,
    /// Marked spans that a quote given to the same person overlaps.
    pub found: usize,
    /// Marked direct quotations.
    pub direct: usize,
    /// Marked direct quotations that a quote given to the same person overlaps.
    pub direct_found: usize,
}

/// The word F1 at which a quote given and a span marked count as the same words.
pub const SAME_WORDS: f64 = 0.5;

impl QuoteTally {
    /// Adds another article's counts.
    pub fn add(&mut self, other: QuoteTally) {
        self.shown += other.shown;
        self.right += other.right;
        self.marked += other.marked;
        self.found += other.found;
        self.direct += other.direct;
        self.direct_found += other.direct_found;
    }

    /// The share of quotes given that are the person's words.
    pub fn precision(&self) -> f64 {
        ratio(self.right, self.shown)
    }

    /// The share of marked spans found.
    pub fn recall(&self) -> f64 {
        ratio(self.found, self.marked)
    }

    /// The share of marked direct quotations found.
    pub fn direct_recall(&self) -> f64 {
        ratio(self.direct_found, self.direct)
    }
}

/// The quotes of one article: the counts, and which were wrong or missed.
#[derive(Debug, Clone, Default)]
pub struct QuoteOutcome {
    /// The article's counts.
    pub tally: QuoteTally,
    /// Quotes given that are not the person's words, as byte ranges.
    pub wrong: Vec<(usize, usize)>,
    /// Marked spans no quote given to the person matches.
    pub missed: Vec<Span>,
}

/// Scores the quotes given to each predicted person (`quotes[i]`: byte ranges of
/// `body` for prediction `i`) against the spans marked for the labels they matched.
pub fn score_quotes(
    body: &str,
    quotes: &[Vec<(usize, usize)>],
    labels: &[Label],
    outcome: &Outcome,
) -> QuoteOutcome {
    let text = |start: usize, end: usize| body.get(start..end).unwrap_or("");
    let same = |given: (usize, usize), span: &Span| {
        word_f1(text(given.0, given.1), text(span.start, span.end)) >= SAME_WORDS
    };
    let mut result = QuoteOutcome::default();
    let tally = &mut result.tally;
    for (given, matched) in quotes.iter().zip(&outcome.matched) {
        tally.shown += given.len();
        let label = matched.map(|i| &labels[i]);
        for &q in given {
            if label.is_some_and(|label| label.quotes.iter().any(|span| same(q, span))) {
                tally.right += 1;
            } else {
                result.wrong.push(q);
            }
        }
    }
    for (index, label) in labels.iter().enumerate() {
        let given = outcome
            .matched
            .iter()
            .position(|&m| m == Some(index))
            .map_or(&[][..], |p| &quotes[p][..]);
        for span in &label.quotes {
            let found = given.iter().any(|&q| same(q, span));
            if !found {
                result.missed.push(*span);
            }
            tally.marked += 1;
            tally.found += usize::from(found);
            if span.kind == Kind::Direct {
                tally.direct += 1;
                tally.direct_found += usize::from(found);
            }
        }
    }
    result
}

/// F1 of the words two texts share (lower-cased runs of letters and digits, counted with
/// their repeats).
fn word_f1(a: &str, b: &str) -> f64 {
    let words = |text: &str| -> Vec<String> {
        let mut words: Vec<String> = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect();
        words.sort();
        words
    };
    let (a, b) = (words(a), words(b));
    let (mut i, mut j, mut both) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                both += 1;
                i += 1;
                j += 1;
            }
        }
    }
    if both == 0 {
        return 0.0;
    }
    let (p, r) = (both as f64 / a.len() as f64, both as f64 / b.len() as f64);
    2.0 * p * r / (p + r)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn label(name: &str, aliases: &[&str]) -> Label {
        Label {
            name: name.into(),
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
            quotes: Vec::new(),
        }
    }

    #[test]
    fn a_quote_is_right_when_it_is_the_matched_persons_marked_words() {
        let body = "\"We will rebuild the pier by June,\" Ines Ferro said. \
                    Tomas Vey said the budget was too small. The council met on Monday.";
        let at = |words: &str| {
            let start = body.find(words).expect("in the body");
            (start, start + words.len())
        };
        let span = |kind, words| {
            let (start, end) = at(words);
            Span { kind, start, end }
        };
        let mut ferro = label("Ines Ferro", &["Ferro"]);
        ferro.quotes = vec![span(Kind::Direct, "We will rebuild the pier by June,")];
        let mut vey = label("Tomas Vey", &[]);
        vey.quotes = vec![span(Kind::Reported, "the budget was too small")];
        let labels = vec![ferro, vey];
        let predicted = vec![
            "Ferro".to_string(),
            "Tomas Vey".to_string(),
            "Council".to_string(),
        ];
        let outcome = score(&predicted, &labels);
        assert_eq!(outcome.matched, vec![Some(0), Some(1), None]);
        let quotes = vec![
            // Most of the words (5 of 7 marked, 5 of 5 given): the same quote.
            vec![at("We will rebuild the pier")],
            // Another's words given to Vey, and a framing phrase.
            vec![
                at("We will rebuild the pier by June"),
                at("The council met on Monday."),
            ],
            vec![at("The council met on Monday.")],
        ];
        let scored = score_quotes(body, &quotes, &labels, &outcome);
        assert_eq!(scored.wrong.len(), 3);
        assert_eq!(scored.missed, vec![labels[1].quotes[0]]);
        assert_eq!(
            scored.tally,
            QuoteTally {
                shown: 4,
                right: 1,
                marked: 2,
                found: 1,
                direct: 1,
                direct_found: 1,
            }
        );
    }

    #[test]
    fn word_f1_counts_shared_words_with_their_repeats() {
        assert!((word_f1("the pier, the pier", "The pier") - 2.0 / 3.0).abs() < 1e-9);
        assert_eq!(word_f1("", "anything"), 0.0);
    }

    #[test]
    fn aliases_and_variants_match_but_an_unmerged_alias_is_a_false_positive() {
        let labels = vec![
            label("Andrei Sokolenko", &["Sokolenko"]),
            label("Olga Ivanova", &[]),
        ];
        let predicted = vec!["Andrey Sokolenko".to_string(), "Sokolenko".to_string()];
        let outcome = score(&predicted, &labels);
        assert_eq!(
            outcome.tally,
            Tally {
                true_positives: 1,
                false_positives: 1,
                false_negatives: 1
            }
        );
        assert_eq!(outcome.extra, vec!["Sokolenko"]);
        assert_eq!(outcome.missed, vec!["Olga Ivanova"]);
    }

    #[test]
    fn micro_averages_come_from_summed_counts() {
        let mut total = Tally::default();
        total.add(Tally {
            true_positives: 8,
            false_positives: 2,
            false_negatives: 0,
        });
        total.add(Tally {
            true_positives: 1,
            false_positives: 0,
            false_negatives: 3,
        });
        assert!((total.precision() - 9.0 / 11.0).abs() < 1e-9);
        assert!((total.recall() - 9.0 / 12.0).abs() < 1e-9);
        let f1 = 2.0 * (9.0 / 11.0) * (9.0 / 12.0) / (9.0 / 11.0 + 9.0 / 12.0);
        assert!((total.f1() - f1).abs() < 1e-9);
    }
}
