//! The bundled `sample-corpus/` indexes cleanly and searches as the README shows.

use std::collections::BTreeMap;
use std::path::Path;

use clipdex::speakers::score::{score, Labelled, Tally};
use clipdex::speakers::{extract, identity_key};

use crate::common::*;
use serde_json::Value;

fn indexed_sample() -> Env {
    let env = Env::new();
    let sample = concat!(env!("CARGO_MANIFEST_DIR"), "/sample-corpus");
    let report = env.run(&["index", sample, "--json"]).expect_code(0).json();
    assert_eq!(report["files_seen"], 51);
    assert_eq!(report["files_read"], 51);
    assert_eq!(report["articles"]["indexed"], 60);
    assert_eq!(report["untitled"], 10);
    assert_eq!(report["skipped"], Value::Array(vec![]));
    assert_eq!(report["warnings"], Value::Array(vec![]));
    env
}

#[test]
fn sample_corpus_indexes_and_searches() {
    let env = indexed_sample();
    let (code, results) = env.search(&["cod quota"]);
    assert_eq!(code, 0);
    assert_eq!(
        titles(&results),
        vec![
            "Nordvik Cuts Cod Quota by a Fifth as Stocks Slide",
            "Nordvik cuts cod quota by a fifth as northern stocks falter"
        ]
    );
    for word in ["skerries", "harpoon", "telegram"] {
        let (code, _) = env.search(&[word]);
        assert_eq!(
            code, 1,
            "{word} is only in page chrome or related headlines"
        );
    }
    let stats = env.run(&["stats", "--json"]).expect_code(0).json();
    assert_eq!(stats["articles"], 60);
    assert_eq!(
        stats["stories"], 59,
        "the wire story and its reprint are one"
    );
    assert_eq!(stats["first_date"], "2019-03-18T10:27:00Z");
    assert_eq!(stats["last_date"], "2026-10-04T00:00:00Z");
}

/// Articles per person in the hand labels of `tests/data/speakers/sample.jsonl`.
fn labelled_counts() -> BTreeMap<String, u64> {
    let labels = include_str!("../data/speakers/sample.jsonl");
    let mut counts = BTreeMap::new();
    for line in labels.lines() {
        let article: Labelled = serde_json::from_str(line).expect("label line");
        for speaker in article.speakers {
            *counts.entry(identity_key(&speaker.name)).or_insert(0) += 1;
        }
    }
    counts
}

#[test]
fn every_person_is_counted_in_as_many_articles_as_the_labels_say() {
    let env = indexed_sample();
    let people = env
        .run(&["speakers", "--json", "--limit", "100"])
        .expect_code(0)
        .json();
    let counted: BTreeMap<String, u64> = people["people"]
        .as_array()
        .map(|list| {
            list.iter()
                .map(|p| {
                    let key = p["key"].as_str().unwrap_or_default().to_string();
                    (key, p["articles"].as_u64().unwrap_or_default())
                })
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(counted, labelled_counts());
    // Two spellings, one person: Dmitry (5 articles) and Dmitri (4) Lavrentiev.
    assert_eq!(counted.get(&identity_key("Dmitri Lavrentiev")), Some(&9));
}

#[test]
fn extraction_on_the_sample_corpus_scores_high_against_the_labels() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut total = Tally::default();
    for line in include_str!("../data/speakers/sample.jsonl").lines() {
        let labelled: Labelled = serde_json::from_str(line).expect("label line");
        let (path, part) = match labelled.source.split_once('#') {
            Some((path, part)) => (path, part.parse().ok()),
            None => (labelled.source.as_str(), None),
        };
        let loaded = clipdex::ingest::load(&root.join(path)).expect("sample file loads");
        let entry = loaded
            .parsed
            .entries
            .iter()
            .find(|e| part.is_none() || e.part == part)
            .expect("labelled article exists");
        let names: Vec<String> = extract(&entry.article)
            .into_iter()
            .map(|s| s.name)
            .collect();
        total.add(score(&names, &labelled.speakers).tally);
    }
    assert!(
        total.precision() >= 0.95 && total.recall() >= 0.95,
        "precision {:.3} recall {:.3} ({total:?})",
        total.precision(),
        total.recall()
    );
}
