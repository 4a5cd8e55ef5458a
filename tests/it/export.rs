//! `clipdex export --to quickwit|opensearch`: the cluster's settings and every article,
//! one JSON document a line, in the shape those settings accept.

use std::collections::BTreeSet;
use std::fs;

use serde_json::Value;

use crate::common::Env;

fn corpus() -> Env {
    let env = Env::new();
    env.write(
        "a.txt",
        "Title: Harbour fees rise in Nordvik\nDate: 2024-03-05\nTags: Ports, Zürich, ports\n\n\
         \"The fees will fall by summer,\" said Andrey Sokolenko, a former energy minister.\n\n\
         Harbour traffic fell.\n",
    );
    env.write(
        "feed.jsonl",
        concat!(
            r#"{"title":"Gas talks","body":"The pipeline talks went on, said Marta Kowalczyk.","source":"Daily Clip","url":"https://example.org/gas","author":"Ilse Varga"}"#,
            "\n",
            r#"{"title":"Quiet day","date":"2024-04-01T09:30:00Z","body":"Nothing happened at the port."}"#,
            "\n",
        ),
    );
    env.index();
    env
}

fn lines(text: &str) -> Vec<Value> {
    text.lines()
        .map(|line| serde_json::from_str(line).expect("a JSON line"))
        .collect()
}

/// The keys of a JSON object.
fn keys(value: &Value) -> BTreeSet<String> {
    value
        .as_object()
        .map(|o| o.keys().cloned().collect())
        .unwrap_or_default()
}

fn strings(value: &Value) -> Vec<String> {
    value
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|v| v.as_str().map(str::to_string))
        .collect()
}

fn by_title<'a>(docs: &'a [Value], title: &str) -> &'a Value {
    docs.iter()
        .find(|d| d["title"] == title)
        .unwrap_or_else(|| panic!("no article {title:?}"))
}

#[test]
fn quickwit_gets_its_config_and_every_article_as_a_json_line() {
    let env = corpus();
    let run = env
        .run(&[
            "export",
            "--to",
            "quickwit",
            "--out",
            "out",
            "--name",
            "news-clips",
        ])
        .expect_code(0);
    assert!(
        run.stdout
            .starts_with("Exported 3 articles for Quickwit:\n"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains(
            "quickwit index ingest --index news-clips --input-path out/docs.ndjson --force"
        ),
        "{}",
        run.stdout
    );
    let out = env.root().join("out");
    let docs = lines(&fs::read_to_string(out.join("docs.ndjson")).expect("docs"));
    assert_eq!(docs.len(), 3);

    // The same uid and story a search shows.
    let (_, found) = env.search(&["harbour"]);
    let hit = &found["hits"][0];
    let harbour = by_title(&docs, "Harbour fees rise in Nordvik");
    assert_eq!(
        (&harbour["uid"], &harbour["story"]),
        (&hit["uid"], &hit["story"])
    );
    assert_eq!(harbour["date"], "2024-03-05T00:00:00Z");
    assert_eq!(harbour["tags"], serde_json::json!(["Ports", "Zürich"]));
    assert_eq!(harbour["tag_keys"], serde_json::json!(["ports", "zurich"]));
    assert_eq!(harbour["part"], 1);
    assert_eq!(
        harbour["speakers"],
        serde_json::json!([{
            "name": "Andrey Sokolenko",
            "key": "andrei sokolenko",
            "role": "former energy minister",
            "quotes": ["The fees will fall by summer,"],
        }])
    );
    assert_eq!(
        harbour["speaker_keys"],
        serde_json::json!(["andrei sokolenko"])
    );
    assert!(harbour["body"]
        .as_str()
        .is_some_and(|b| b.ends_with("Harbour traffic fell.")));

    let gas = by_title(&docs, "Gas talks");
    assert_eq!(
        (gas["source"].as_str(), gas["author"].as_str()),
        (Some("Daily Clip"), Some("Ilse Varga"))
    );
    assert_eq!(gas["url"], "https://example.org/gas");
    assert!(gas["path"]
        .as_str()
        .is_some_and(|p| p.ends_with("feed.jsonl")));
    assert_eq!(gas["part"], 1);
    assert!(
        gas.get("date").is_none(),
        "an undated article has no date: {gas}"
    );
    let quiet = by_title(&docs, "Quiet day");
    assert_eq!(
        (quiet["part"].as_u64(), quiet["date"].as_str()),
        (Some(2), Some("2024-04-01T09:30:00Z"))
    );
    assert!(quiet.get("source").is_none() && quiet["speakers"] == serde_json::json!([]));

    // Every article and every speaker survives the trip: the documents hold what a
    // search lists.
    let all = env
        .run(&["search", "--all", "--copies", "--json"])
        .expect_code(0)
        .json();
    let mut listed: Vec<(String, Vec<String>)> = all["hits"]
        .as_array()
        .expect("hits")
        .iter()
        .map(|h| {
            (
                h["uid"].as_str().unwrap_or("").to_string(),
                strings(&h["speakers"]),
            )
        })
        .collect();
    let mut exported: Vec<(String, Vec<String>)> = docs
        .iter()
        .map(|d| {
            let names = d["speakers"].as_array().into_iter().flatten();
            let names: Vec<String> = names
                .map(|s| s["name"].as_str().unwrap_or("").to_string())
                .collect();
            (d["uid"].as_str().unwrap_or("").to_string(), names)
        })
        .collect();
    listed.sort();
    exported.sort();
    assert_eq!(exported, listed);

    // Undated articles: Quickwit would refuse them under a timestamp field.
    assert!(
        run.stdout
            .contains("1 article has no date: Quickwit's timestamp field is left out"),
        "{}",
        run.stdout
    );

    // The config is strict: it must map every field a document has.
    let config = fs::read_to_string(out.join("index-config.yaml")).expect("config");
    assert!(config.contains("\nindex_id: news-clips\n"), "{config}");
    assert!(config.contains("\n  # timestamp_field: date "), "{config}");
    assert!(config.contains("\nversion: 0.8\n"));
    let mapped: BTreeSet<String> = config
        .lines()
        .filter_map(|l| l.trim().strip_prefix("- name: "))
        .map(str::to_string)
        .collect();
    let used: BTreeSet<String> = docs.iter().flat_map(keys).collect();
    assert!(
        used.is_subset(&mapped),
        "unmapped: {:?}",
        used.difference(&mapped)
    );
}

#[test]
fn opensearch_gets_a_mapping_and_a_bulk_body() {
    let env = corpus();
    let run = env
        .run(&["export", "--to", "opensearch", "--out", "os"])
        .expect_code(0);
    assert!(
        run.stdout.contains("curl -X PUT \"$OS/clipdex\""),
        "{}",
        run.stdout
    );
    let out = env.root().join("os");
    let bulk = fs::read_to_string(out.join("bulk.ndjson")).expect("bulk");
    assert!(bulk.ends_with('\n'), "a bulk body ends with a newline");
    let bulk = lines(&bulk);
    assert_eq!(bulk.len(), 6);
    let mapping: Value =
        serde_json::from_str(&fs::read_to_string(out.join("mapping.json")).expect("mapping"))
            .expect("mapping is JSON");
    let properties = &mapping["mappings"]["properties"];
    assert_eq!(mapping["mappings"]["dynamic"], "strict");
    assert_eq!(properties["speakers"]["type"], "nested");
    assert_eq!(properties["speaker_keys"]["type"], "keyword");
    for pair in bulk.chunks(2) {
        let (action, doc) = (&pair[0], &pair[1]);
        assert_eq!(action["index"]["_index"], "clipdex");
        assert_eq!(action["index"]["_id"], doc["uid"]);
        let unmapped: Vec<String> = keys(doc).difference(&keys(properties)).cloned().collect();
        assert!(unmapped.is_empty(), "unmapped: {unmapped:?}");
        for speaker in doc["speakers"].as_array().expect("speakers") {
            let nested = keys(&properties["speakers"]["properties"]);
            assert!(keys(speaker).is_subset(&nested), "{speaker}");
        }
    }
}

#[test]
fn a_bad_name_or_folder_is_refused_and_says_why() {
    let env = corpus();
    let run = env
        .run(&[
            "export",
            "--to",
            "opensearch",
            "--out",
            "os",
            "--name",
            "My Clips",
        ])
        .expect_code(2);
    assert!(run.stderr.contains("lower-case letters"), "{}", run.stderr);
    fs::write(env.root().join("taken"), "a file").expect("write");
    let run = env
        .run(&["export", "--to", "quickwit", "--out", "taken"])
        .expect_code(2);
    assert!(run.stderr.contains("cannot write"), "{}", run.stderr);
    assert!(run.stderr.contains("taken"), "{}", run.stderr);
}

#[test]
fn when_every_article_is_dated_quickwit_gets_the_date_as_its_timestamp() {
    let env = Env::new();
    env.write(
        "a.txt",
        "Title: Dated\nDate: 2024-03-05\n\nThe harbour opened.\n",
    );
    env.index();
    let run = env
        .run(&["export", "--to", "quickwit", "--out", "out"])
        .expect_code(0);
    assert!(!run.stdout.contains("no date"), "{}", run.stdout);
    let config = fs::read_to_string(env.root().join("out/index-config.yaml")).expect("config");
    assert!(config.contains("\n  timestamp_field: date\n"), "{config}");
}
