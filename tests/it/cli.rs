//! End-to-end behaviour of the `clipdex` binary on temp folders.

use std::io::{BufRead, BufReader};
use std::process::Stdio;

use crate::common::*;
use serde_json::Value;

/// Five files in every format: six articles.
fn standard_corpus() -> Env {
    let env = Env::new();
    env.write("header/harbour.txt", HEADER_HARBOUR);
    env.write("scraped/strike.txt", SCRAPED_STRIKE);
    env.write("scraped/untitled.txt", SCRAPED_UNTITLED);
    env.write("plain/coffee.txt", PLAIN_COFFEE);
    env.write("wire.jsonl", JSONL_WIRE);
    env
}

fn indexed() -> Env {
    let env = standard_corpus();
    env.index();
    env
}

#[test]
fn index_reports_what_it_read() {
    let env = standard_corpus();
    let report = env.index();
    assert_eq!(report["files_seen"], 5);
    assert_eq!(report["files_read"], 5);
    assert_eq!(report["articles"]["indexed"], 6);
    assert_eq!(report["articles"]["unchanged"], 0);
    assert_eq!(report["untitled"], 1);
    assert_eq!(report["skipped"], Value::Array(vec![]));
    assert_eq!(report["warnings"], Value::Array(vec![]));
}

/// `--debug` says on stderr what clipdex is doing; without it stderr stays quiet.
#[test]
fn debug_says_what_clipdex_is_doing() {
    let env = standard_corpus();
    let run = env
        .run(&["--debug", "index", "--json", "corpus"])
        .expect_code(0);
    assert!(
        run.stderr.contains("DEBUG] walk batch: 5 files, 5 changed"),
        "{}",
        run.stderr
    );
    let run = env.run(&["--debug", "search", "harbour"]).expect_code(0);
    assert!(
        run.stderr.contains("DEBUG] opening the index at"),
        "{}",
        run.stderr
    );
    let quiet = env.run(&["search", "harbour"]).expect_code(0);
    assert_eq!(quiet.stderr, "");
}

#[test]
fn every_format_is_searchable() {
    let env = indexed();
    for (query, title) in [
        ("harbour fees", "Harbour fees rise at Vostrava"),
        ("union", "Dock strike ends after nine days"),
        ("frost", "Coffee prices hit record"),
        ("cod", "Cod quota cut by a fifth"),
        ("november", "Gas prices climb again"),
    ] {
        let (code, results) = env.search(&[query]);
        assert_eq!(code, 0, "{query}");
        assert_eq!(titles(&results), vec![title], "{query}");
    }
}

#[test]
fn title_matches_rank_above_body_matches() {
    let env = indexed();
    let (_, results) = env.search(&["vostrava"]);
    assert_eq!(results["total"], 2);
    assert_eq!(
        titles(&results),
        vec![
            "Harbour fees rise at Vostrava",
            "Dock strike ends after nine days"
        ]
    );
}

#[test]
fn untitled_articles_show_their_first_sentence() {
    let env = indexed();
    let (_, results) = env.search(&["bankers"]);
    let hit = &results["hits"][0];
    assert_eq!(
        hit["title"],
        "Zürich bankers expect interest rates to stay high through the summer."
    );
    assert_eq!(hit["title_missing"], true);
}

#[test]
fn accents_fold_and_words_stem() {
    let env = indexed();
    let (_, results) = env.search(&["zurich"]);
    assert_eq!(results["total"], 1);
    let (_, results) = env.search(&["price"]);
    assert_eq!(results["total"], 2, "coffee 'prices' and gas 'prices'");
}

#[test]
fn chrome_and_related_headlines_are_not_searchable() {
    let env = indexed();
    for word in ["glacier", "orchestra", "telegram", "listen", "discussion"] {
        let (code, results) = env.search(&[word]);
        assert_eq!((code, results["total"].as_u64()), (1, Some(0)), "{word}");
    }
}

#[test]
fn reindex_skips_unchanged_replaces_changed_and_drops_deleted() {
    let env = indexed();
    let again = env.index();
    assert_eq!(again["files_read"], 0);
    assert_eq!(again["files_unchanged"], 5);
    assert_eq!(again["articles"]["unchanged"], 6);
    assert_eq!(again["articles"]["indexed"], 0);

    env.write(
        "header/harbour.txt",
        "Title: Harbour fees frozen at Vostrava\nDate: 2021-04-01\n\nThe port board froze its harbour fees after protests.\n",
    );
    std::fs::remove_file(env.corpus().join("plain/coffee.txt")).expect("delete");
    let third = env.index();
    assert_eq!(third["files_read"], 1);
    assert_eq!(third["articles"]["updated"], 1);
    assert_eq!(third["articles"]["removed"], 1);
    assert_eq!(third["articles"]["unchanged"], 4);

    let (_, results) = env.search(&["harbour"]);
    assert_eq!(titles(&results), vec!["Harbour fees frozen at Vostrava"]);
    let (code, _) = env.search(&["frost"]);
    assert_eq!(code, 1);
    let stats = env.run(&["stats", "--json"]).expect_code(0).json();
    assert_eq!(stats["articles"], 5);
    assert_eq!(stats["files"], 4);
}

#[test]
fn json_output_has_the_documented_shape() {
    let env = indexed();
    let (code, results) = env.search(&["cod"]);
    assert_eq!(code, 0);
    assert_eq!(results["query"], "cod");
    assert_eq!(results["total"], 1);
    assert_eq!(results["warnings"], Value::Array(vec![]));
    let hit = &results["hits"][0];
    assert_eq!(hit["rank"], 1);
    assert!(hit["score"].as_f64().is_some_and(|s| s > 0.0), "{hit}");
    assert!(
        hit["id"]
            .as_str()
            .is_some_and(|id| id.ends_with("wire.jsonl#1")),
        "{hit}"
    );
    assert!(
        hit["path"]
            .as_str()
            .is_some_and(|p| p.ends_with("wire.jsonl")),
        "{hit}"
    );
    assert_eq!(hit["date"], "2019-04-12T00:00:00Z");
    assert_eq!(
        hit["speakers"],
        serde_json::json!(["Lars Brekke", "Marta Kowalczyk"])
    );
    assert_eq!(hit["tags"], serde_json::json!(["fisheries", "Nordvik"]));
    let text = hit["snippet"]["text"].as_str().unwrap_or_default();
    assert_eq!(
        text,
        "Nordvik cut its cod quota by a fifth on Friday. Fisheries minister Lars Brekke \
         said stocks needed time. \"We have no choice,\" said Dr Marta Kowalczyk."
    );
    assert_eq!(hit["snippet"]["highlights"], serde_json::json!([[16, 19]]));
    assert_eq!(
        facet(&results, "tags"),
        vec![("fisheries".to_string(), 1), ("Nordvik".to_string(), 1)]
    );
}

#[test]
fn tag_filter_is_exact_but_ignores_case() {
    let env = indexed();
    let (_, results) = env.search(&["--tag", "shipping"]);
    assert_eq!(results["total"], 2);
    let (_, results) = env.search(&["--tag", "SHIPPING", "--tag", "fees"]);
    assert_eq!(titles(&results), vec!["Harbour fees rise at Vostrava"]);
    let (code, results) = env.search(&["--tag", "ship"]);
    assert_eq!((code, results["total"].as_u64()), (1, Some(0)));
}

#[test]
fn speaker_filter_and_facet_use_one_key_per_person() {
    let env = indexed();
    let (_, results) = env.search(&["--speaker", "dr marta kowalczyk"]);
    assert_eq!(results["total"], 2);
    let (_, results) = env.search(&[]);
    assert_eq!(
        facet(&results, "speakers"),
        vec![
            ("Marta Kowalczyk".to_string(), 2),
            ("Lars Brekke".to_string(), 1),
            ("Mira Holm".to_string(), 1)
        ]
    );
}

#[test]
fn date_sort_is_newest_first_with_undated_last() {
    let env = indexed();
    let (_, results) = env.search(&["--sort", "date"]);
    assert_eq!(
        titles(&results),
        vec![
            "Gas prices climb again",
            "Zürich bankers expect interest rates to stay high through the summer.",
            "Harbour fees rise at Vostrava",
            "Dock strike ends after nine days",
            "Cod quota cut by a fifth",
            "Coffee prices hit record",
        ]
    );
}

#[test]
fn since_and_until_bound_the_dates_inclusively() {
    let env = indexed();
    let (_, results) = env.search(&["--since", "2021-01-01", "--sort", "date"]);
    assert_eq!(results["total"], 3);
    let (_, results) = env.search(&["--until", "14 March 2021", "--sort", "date"]);
    assert_eq!(
        titles(&results),
        vec![
            "Harbour fees rise at Vostrava",
            "Dock strike ends after nine days",
            "Cod quota cut by a fifth"
        ]
    );
    let (_, results) = env.search(&["--since", "2020-01-01", "--until", "2021-03-13"]);
    assert_eq!(titles(&results), vec!["Dock strike ends after nine days"]);
}

#[test]
fn limit_and_offset_page_through_hits_and_facets_count_all_matches() {
    let env = indexed();
    let (_, results) = env.search(&["--sort", "date", "--limit", "2", "--offset", "2"]);
    assert_eq!(results["total"], 6);
    assert_eq!(
        titles(&results),
        vec![
            "Harbour fees rise at Vostrava",
            "Dock strike ends after nine days"
        ]
    );
    let ranks: Vec<_> = results["hits"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|h| h["rank"].clone())
        .collect();
    assert_eq!(ranks, vec![3, 4]);
    let tags = facet(&results, "tags");
    assert!(tags.contains(&("shipping".to_string(), 2)), "{tags:?}");
    assert!(tags.contains(&("Vostrava".to_string(), 2)), "{tags:?}");
}

#[test]
fn exit_codes_tell_hits_none_and_errors() {
    let env = indexed();
    env.run(&["search", "harbour"]).expect_code(0);
    env.run(&["search", "nonexistentword"]).expect_code(1);
    let run = env
        .run(&["search", "--since", "someday", "x"])
        .expect_code(2);
    assert!(
        run.stderr.contains("--since \"someday\": not a date"),
        "{}",
        run.stderr
    );
    let run = env
        .run(&["search", "--since", "2022-01-01", "--until", "2021-01-01"])
        .expect_code(2);
    assert!(
        run.stderr.contains("--since is after --until"),
        "{}",
        run.stderr
    );

    let fresh = Env::new();
    let run = fresh.run(&["search", "anything"]).expect_code(2);
    assert!(run.stderr.contains("no index at"), "{}", run.stderr);
    assert!(
        run.stderr.contains("run `clipdex index DIR` first"),
        "{}",
        run.stderr
    );
    let run = fresh.run(&["index", "no-such-folder"]).expect_code(2);
    assert!(
        run.stderr.contains("no-such-folder: no such folder"),
        "{}",
        run.stderr
    );
}

#[test]
fn malformed_queries_warn_instead_of_failing() {
    let env = indexed();
    let (code, results) = env.search(&["nosuchfield:cod"]);
    assert_eq!(code, 1);
    let warning = results["warnings"][0].as_str().unwrap_or_default();
    assert!(warning.contains("nosuchfield"), "{results}");
    let run = env.run(&["search", "\"unclosed phrase", "cod"]);
    assert!(run.code == 0 || run.code == 1, "{}", run.stderr);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
}

#[test]
fn bad_files_are_reported_and_the_rest_indexed() {
    let env = Env::new();
    env.write("good.txt", HEADER_HARBOUR);
    env.write("broken.json", "{\"title\": \"x\",\n\"body\": }\n");
    env.write("binary.txt", b"PK\x03\x04\x00\x00\x00binary");
    env.write("photo.jpg", b"\xff\xd8\xff");
    env.write(
        "feed.jsonl",
        "{\"title\": \"First line story\", \"body\": \"alpha\"}\n{not json\n{\"title\": \"Third line story\", \"body\": \"gamma\"}\n",
    );
    env.write(
        "legacy.txt",
        b"Caf\xe9 owners protest\n\nThe caf\xe9 owners of Eastbridge marched on Monday.\n",
    );
    env.write(
        "ambiguous.txt",
        "Title: Ambiguous day\nDate: 03/04/2021\n\nA story with an unclear date.\n",
    );
    let report = env.index();
    assert_eq!(report["files_seen"], 7);
    assert_eq!(report["articles"]["indexed"], 5);

    let skipped: Vec<String> = report["skipped"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|p| {
            let path = p["path"].as_str().unwrap_or_default();
            let name = path.rsplit('/').next().unwrap_or_default();
            let line = p["line"]
                .as_u64()
                .map(|l| format!(":{l}"))
                .unwrap_or_default();
            format!(
                "{name}{line}: {}",
                p["message"].as_str().unwrap_or_default()
            )
        })
        .collect();
    assert_eq!(skipped.len(), 3, "{skipped:#?}");
    assert!(
        skipped[0].starts_with("photo.jpg: not a clipping (.jpg file)"),
        "{skipped:#?}"
    );
    assert!(
        skipped[1].starts_with("binary.txt: binary content"),
        "{skipped:#?}"
    );
    assert!(
        skipped[2].starts_with("broken.json:2: not valid JSON"),
        "{skipped:#?}"
    );

    let warnings: Vec<(String, Value, String)> = report["warnings"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|p| {
            (
                p["path"]
                    .as_str()
                    .unwrap_or_default()
                    .rsplit('/')
                    .next()
                    .unwrap_or_default()
                    .to_string(),
                p["line"].clone(),
                p["message"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    assert_eq!(warnings.len(), 3, "{warnings:#?}");
    assert_eq!(warnings[0].0, "ambiguous.txt");
    assert!(
        warnings[0].2.contains("'03/04/2021' is ambiguous"),
        "{warnings:#?}"
    );
    assert!(
        warnings[0].2.ends_with("indexed without a date"),
        "{warnings:#?}"
    );
    assert_eq!(
        (warnings[1].0.as_str(), &warnings[1].1),
        ("feed.jsonl", &Value::from(2))
    );
    assert!(warnings[1].2.contains("not valid JSON"), "{warnings:#?}");
    assert_eq!(warnings[2].0, "legacy.txt");
    assert!(
        warnings[2].2.contains("read as Windows-1252"),
        "{warnings:#?}"
    );

    let (_, results) = env.search(&["café"]);
    assert_eq!(titles(&results), vec!["Café owners protest"]);
    let (_, results) = env.search(&["story", "--sort", "date"]);
    assert_eq!(results["total"], 3);
}

#[test]
fn text_summary_lists_skipped_files_with_reasons() {
    let env = Env::new();
    env.write("good.txt", HEADER_HARBOUR);
    env.write("bad.json", "[1, 2");
    let run = env.run(&["index", "corpus"]).expect_code(0);
    assert!(
        run.stdout
            .contains("files: 2 seen, 1 read, 0 unchanged, 1 skipped"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("articles: 1 new, 0 updated, 0 removed, 0 unchanged"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("skipped files (1):\n  corpus/bad.json:1: not valid JSON"),
        "{}",
        run.stdout
    );
}

#[test]
fn the_index_folder_inside_the_corpus_is_not_indexed() {
    let env = standard_corpus();
    let inside = env.corpus().join("idx");
    let run = |args: &[&str]| -> Run {
        env.command(args)
            .env("CLIPDEX_INDEX", &inside)
            .output()
            .expect("run")
            .into()
    };
    run(&["index", "corpus", "--json"]).expect_code(0);
    let second = run(&["index", "corpus", "--json"]).expect_code(0).json();
    assert_eq!(second["files_seen"], 5);
    assert_eq!(second["files_unchanged"], 5);
}

#[test]
fn stats_describe_the_index() {
    let env = indexed();
    let stats = env.run(&["stats", "--json"]).expect_code(0).json();
    assert_eq!(stats["articles"], 6);
    assert_eq!(stats["files"], 5);
    assert_eq!(stats["speakers"], 3);
    assert_eq!(stats["tags"], 11);
    assert_eq!(stats["first_date"], "2019-04-12T00:00:00Z");
    assert_eq!(stats["last_date"], "2023-11-02T08:30:00Z");
    assert!(stats["index_bytes"].as_u64().is_some_and(|b| b > 0));
    assert!(stats["updated"].is_string());
    let text = env.run(&["stats"]).expect_code(0).stdout;
    assert!(text.contains("articles:  6 from 5 files"), "{text}");
    assert!(
        text.contains("dates:     2019-04-12 to 2023-11-02"),
        "{text}"
    );
}

#[test]
fn extract_prints_one_json_object_per_article() {
    let env = standard_corpus();
    let run = env
        .run(&[
            "extract",
            "corpus/scraped/untitled.txt",
            "corpus/wire.jsonl",
        ])
        .expect_code(0);
    let records: Vec<Value> = run
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect();
    assert_eq!(records.len(), 3);
    let untitled = &records[0];
    assert_eq!(untitled["path"], "corpus/scraped/untitled.txt");
    assert_eq!(untitled["format"], "scraped");
    assert_eq!(untitled["title"], "");
    assert_eq!(untitled["title_missing"], true);
    assert_eq!(untitled["date"], "2022-03-03T09:05:00Z");
    assert_eq!(
        untitled["tags"],
        serde_json::json!(["interest rates", "banking", "Zurich"])
    );
    assert_eq!(
        untitled["body"],
        "Zürich bankers expect interest rates to stay high through the summer.\n\n\
         Analysts said inflation in the eurozone remained stubborn."
    );
    assert_eq!(records[1]["format"], "jsonl");
    assert_eq!(records[1]["part"], 1);
    assert_eq!(
        records[1]["speakers"],
        serde_json::json!([
            {
                "name": "Lars Brekke",
                "role": "Fisheries minister",
                "quotes": [{"text": "stocks needed time", "start": 84, "end": 102}]
            },
            {
                "name": "Marta Kowalczyk",
                "aliases": ["Dr Marta Kowalczyk"],
                "quotes": [{"text": "We have no choice,", "start": 105, "end": 123}]
            }
        ])
    );
}

#[test]
fn extract_reports_unreadable_files_and_goes_on() {
    let env = standard_corpus();
    env.write("bad.json", "nope");
    let run = env
        .run(&["extract", "corpus/bad.json", "corpus/plain/coffee.txt"])
        .expect_code(2);
    assert!(
        run.stderr.contains("corpus/bad.json:1: not valid JSON"),
        "{}",
        run.stderr
    );
    assert_eq!(run.stdout.lines().count(), 1);
}

#[test]
fn terminal_output_marks_highlights_plainly_or_in_colour() {
    let env = indexed();
    let plain = env
        .run(&["search", "cod", "--color", "never"])
        .expect_code(0)
        .stdout;
    let expected = "\
1. Cod quota cut by a fifth
   2019-04-12 · corpus/wire.jsonl
   speakers: Lars Brekke, Marta Kowalczyk
   tags: fisheries, Nordvik
   Nordvik cut its **cod** quota by a fifth on Friday. Fisheries minister Lars Brekke said stocks needed time. \"We have no choice,\" said Dr Marta Kowalczyk.

1 story (1 article), showing 1-1, best match first
top tags: fisheries (1), Nordvik (1)
top speakers: Lars Brekke (1), Marta Kowalczyk (1)
";
    assert_eq!(plain, expected);
    let coloured = env
        .run(&["search", "cod", "--color", "always"])
        .expect_code(0)
        .stdout;
    assert!(coloured.contains("\u{1b}[31mcod\u{1b}[0m"), "{coloured}");
    let no_color = env
        .command(&["search", "cod"])
        .env("NO_COLOR", "1")
        .output()
        .expect("run");
    assert!(!String::from_utf8_lossy(&no_color.stdout).contains('\u{1b}'));
}

#[test]
fn a_closed_pipe_ends_the_output_quietly() {
    let env = Env::new();
    let mut lines = String::new();
    for i in 0..400 {
        lines.push_str(&format!(
            "{{\"title\": \"Market report number {i}\", \"body\": \"{}\"}}\n",
            "Shares moved as traders watched the market closely. ".repeat(6)
        ));
    }
    env.write("many.jsonl", lines);
    env.index();
    let mut child = env
        .command(&["search", "market", "--limit", "400"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let stdout = child.stdout.take().expect("stdout");
    let mut first = String::new();
    BufReader::new(stdout)
        .read_line(&mut first)
        .expect("read a line");
    assert!(first.starts_with("1. Market report number"), "{first}");
    let out = child.wait_with_output().expect("wait");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}

#[test]
fn not_excludes_words_in_every_spelling() {
    let env = indexed();
    for query in [
        "vostrava AND NOT harbour",
        "vostrava NOT harbour",
        "vostrava -harbour",
    ] {
        let (_, results) = env.search(&[query]);
        assert_eq!(
            titles(&results),
            vec!["Dock strike ends after nine days"],
            "{query}"
        );
    }
    let (_, results) = env.search(&["NOT vostrava"]);
    assert_eq!(results["total"], 4);
    assert_eq!(results["warnings"], Value::Array(vec![]));
}

#[test]
fn an_index_is_never_created_among_other_files() {
    let env = standard_corpus();
    let run = env
        .command(&["index", "corpus"])
        .env("CLIPDEX_INDEX", env.corpus().join("header"))
        .output()
        .expect("run");
    let run = Run::from(run).expect_code(2);
    assert!(
        run.stderr.contains(
            "header holds other files but no clipdex index; give --index a new or empty folder"
        ),
        "{}",
        run.stderr
    );
    assert!(!env.corpus().join("header/meta.json").exists());
}

#[test]
fn extract_reads_folders_recursively() {
    let env = standard_corpus();
    let run = env.run(&["extract", "corpus"]).expect_code(0);
    let paths: Vec<String> = run
        .stdout
        .lines()
        .map(|l| {
            serde_json::from_str::<Value>(l).expect("JSON line")["path"]
                .as_str()
                .unwrap_or_default()
                .to_string()
        })
        .collect();
    assert_eq!(
        paths,
        vec![
            "corpus/header/harbour.txt",
            "corpus/plain/coffee.txt",
            "corpus/scraped/strike.txt",
            "corpus/scraped/untitled.txt",
            "corpus/wire.jsonl",
            "corpus/wire.jsonl",
        ]
    );
}

#[test]
fn long_problem_lists_are_cut_in_the_text_summary() {
    let env = Env::new();
    for i in 0..25 {
        env.write(
            &format!("a{i:02}.txt"),
            format!("Title: Story {i}\nDate: 02/03/2020\n\nText {i}.\n"),
        );
    }
    env.write(
        "chrome-only.txt",
        "10:00 GMT 1 May 2019\nListen Live\nGet short URL\n",
    );
    let run = env.run(&["index", "corpus"]).expect_code(0);
    assert!(run.stdout.contains("warnings (25):"), "{}", run.stdout);
    assert!(
        run.stdout
            .contains("  ... and 5 more (`clipdex index --json` lists them all)"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("corpus/chrome-only.txt: no article text found (read as scraped text)"),
        "{}",
        run.stdout
    );
}

#[test]
fn a_moved_folder_is_not_indexed_twice() {
    let env = indexed();
    std::fs::rename(env.corpus(), env.root().join("moved")).expect("move");
    let report = env.run(&["index", "moved", "--json"]).expect_code(0).json();
    assert_eq!(report["articles"]["indexed"], 6);
    assert_eq!(report["articles"]["removed"], 6);
    let stats = env.run(&["stats", "--json"]).expect_code(0).json();
    assert_eq!(
        (stats["articles"].as_u64(), stats["files"].as_u64()),
        (Some(6), Some(5))
    );
}

#[test]
fn indexing_another_folder_keeps_the_first() {
    let env = indexed();
    std::fs::create_dir_all(env.root().join("more")).expect("mkdir");
    std::fs::write(
        env.root().join("more/extra.txt"),
        PLAIN_COFFEE.replace("Coffee", "Cocoa"),
    )
    .expect("write");
    let report = env.run(&["index", "more", "--json"]).expect_code(0).json();
    assert_eq!(report["articles"]["indexed"], 1);
    assert_eq!(report["articles"]["removed"], 0);
    let stats = env.run(&["stats", "--json"]).expect_code(0).json();
    assert_eq!(stats["articles"], 7);
}

#[test]
fn snippets_of_long_bodies_mark_the_cut_and_keep_highlights_aligned() {
    let env = Env::new();
    let filler = "the harbour master counted the boats again ".repeat(12);
    let body = format!("{filler}and then a café zebra appeared on the quay {filler}");
    env.write(
        "long.jsonl",
        format!("{{\"title\": \"Quay visitor\", \"body\": \"{body}\"}}\n"),
    );
    env.index();
    let (_, results) = env.search(&["zebra"]);
    let snippet = &results["hits"][0]["snippet"];
    let text = snippet["text"].as_str().unwrap_or_default();
    assert!(text.starts_with('…') && text.ends_with('…'), "{text}");
    assert!(text.chars().count() < 240, "{text}");
    let start = snippet["highlights"][0][0].as_u64().unwrap_or_default() as usize;
    let end = snippet["highlights"][0][1].as_u64().unwrap_or_default() as usize;
    assert_eq!(text.get(start..end), Some("zebra"), "{snippet}");
}

#[test]
fn a_file_that_turns_unreadable_keeps_its_indexed_articles() {
    let env = indexed();
    env.write("wire.jsonl", "{broken\n");
    let report = env.index();
    let skipped = &report["skipped"][0];
    assert!(
        skipped["path"]
            .as_str()
            .is_some_and(|p| p.ends_with("wire.jsonl")),
        "{report}"
    );
    assert_eq!(skipped["line"], 1);
    assert!(
        skipped["message"]
            .as_str()
            .is_some_and(|m| m
                .ends_with("(the 2 article(s) indexed from its last readable version are kept)")),
        "{report}"
    );
    let (code, _) = env.search(&["cod"]);
    assert_eq!(code, 0);
}

#[test]
fn extract_passes_over_foreign_files_in_folders_but_refuses_named_ones() {
    let env = standard_corpus();
    env.write("photo.jpg", b"\xff\xd8\xff");
    let run = env.run(&["extract", "corpus"]).expect_code(0);
    assert_eq!(run.stdout.lines().count(), 6);
    assert!(
        run.stderr
            .contains("skipped corpus/photo.jpg: not a clipping (.jpg file)"),
        "{}",
        run.stderr
    );
    let run = env.run(&["extract", "corpus/photo.jpg"]).expect_code(2);
    assert!(
        run.stderr
            .contains("corpus/photo.jpg: not a clipping (.jpg file)"),
        "{}",
        run.stderr
    );
}

#[test]
fn paging_far_past_the_end_finds_no_hits_but_keeps_the_total() {
    let env = indexed();
    let (code, results) = env.search(&["--offset", "4000000000"]);
    assert_eq!(code, 0, "the query matched, the page is just empty");
    assert_eq!(results["total"], 6);
    assert_eq!(results["hits"], Value::Array(vec![]));
}

#[test]
fn index_without_folders_indexes_again_the_folders_indexed_before() {
    let env = Env::new();
    let none = env.run(&["index"]).expect_code(2);
    assert!(
        none.stderr
            .contains("has none indexed before; give the folders of clippings"),
        "{}",
        none.stderr
    );
    env.write(
        "harbour/a.txt",
        "Title: Harbour fees\n\nThe harbour raised its fees.\n",
    );
    env.write(
        "more/b.txt",
        "Title: Mooring rules\n\nNew mooring rules start in May.\n",
    );
    env.run(&["index", "corpus/harbour", "corpus/more"])
        .expect_code(0);
    let stats = env.run(&["stats", "--json"]).expect_code(0).json();
    let root = env.corpus().canonicalize().expect("corpus");
    let folders: Vec<String> = ["harbour", "more"]
        .map(|f| root.join(f).display().to_string())
        .to_vec();
    assert_eq!(stats["folders"], serde_json::json!(folders));

    env.write(
        "more/c.txt",
        "Title: Dredging\n\nDredging starts in June.\n",
    );
    let again = env.run(&["index", "--json"]).expect_code(0).json();
    assert_eq!(again["articles"]["indexed"], 1, "{again}");
    assert_eq!(again["files_unchanged"], 2);

    std::fs::remove_dir_all(env.corpus().join("more")).expect("remove");
    let run = env.run(&["index", "--json"]).expect_code(0).json();
    assert_eq!(run["warnings"][0]["path"], folders[1]);
    let said = run["warnings"][0]["message"].as_str().unwrap_or_default();
    assert!(said.contains("left out of this run"), "{said}");
    let text = env.run(&["stats"]).expect_code(0).stdout;
    assert!(
        text.contains(&format!("folders:   {}\n", folders[0])),
        "{text}"
    );
}
