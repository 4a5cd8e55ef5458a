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

#[cfg(test)]
mod tests {
    use super::*;

    fn label(name: &str, aliases: &[&str]) -> Label {
        Label {
            name: name.into(),
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
        }
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
