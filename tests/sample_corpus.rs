//! The bundled `sample-corpus/` indexes cleanly and searches as the README shows.

mod common;

use common::*;
use serde_json::Value;

fn indexed_sample() -> Env {
    let env = Env::new();
    let sample = concat!(env!("CARGO_MANIFEST_DIR"), "/sample-corpus");
    let report = env.run(&["index", sample, "--json"]).expect_code(0).json();
    assert_eq!(report["files_seen"], 44);
    assert_eq!(report["files_read"], 44);
    assert_eq!(report["articles"]["indexed"], 51);
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
    assert_eq!(stats["articles"], 51);
    assert_eq!(stats["first_date"], "2019-03-18T10:27:00Z");
    assert_eq!(stats["last_date"], "2026-09-30T13:30:00Z");
}

#[test]
fn sample_corpus_speaker_facet_counts_json_speakers() {
    let env = indexed_sample();
    let (_, results) = env.search(&["--tag", "technology"]);
    assert_eq!(
        facet(&results, "speakers"),
        vec![
            ("Kenji Moriyama".to_string(), 1),
            ("Tomás Echeverría".to_string(), 1)
        ]
    );
    let (_, results) = env.search(&["--speaker", "tomas echeverria"]);
    assert_eq!(
        titles(&results),
        vec!["Chipmaker picks Eastbridge for first European packaging plant"]
    );
}
