//! Web archives and single-file pages, through the binary: the invented archives of
//! `tests/data/warc/` (written by `scripts/make_warc_fixtures.py`, their answers in
//! `expected.json`) read record by record, the damaged ones reported by file and record
//! with what came before them kept, and a browser's `.mhtml` read as the page it holds.
//! Hostile pages (nested 100,000 deep, one giant script, binary bytes, 200 MB) are
//! reported by name while the rest of the folder is indexed.

use std::fs::File;
use std::path::Path;

use serde_json::Value;

use crate::common::*;

fn data(folder: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(folder)
}

fn expected() -> Value {
    let text = std::fs::read_to_string(data("warc").join("expected.json")).expect("expected");
    serde_json::from_str(&text).expect("expected.json is JSON")
}

/// `clipdex extract` of one fixture: its JSON lines and its stderr.
fn extract(env: &Env, path: &Path) -> (Vec<Value>, String) {
    let run = env.run(&["extract", path.to_str().expect("path")]);
    let lines = run
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect();
    (lines, run.stderr)
}

/// Asserts that `got` is the article `want` describes.
fn assert_article(got: &Value, want: &Value) {
    let title = &want["title"];
    assert_eq!(got["format"], "warc", "{title}");
    assert_eq!(&got["title"], title);
    assert_eq!(got["url"], want["url"], "{title}");
    assert_eq!(got["source"], want["source"], "{title}");
    assert_eq!(got["date"], want["date_utc"], "{title}");
    assert_eq!(got["author"], want["authors"][0], "{title}");
    let body = got["body"].as_str().expect("body");
    for line in want["body_contains"].as_array().expect("contains") {
        assert!(
            body.contains(line.as_str().expect("text")),
            "{title}: {line}"
        );
    }
    for line in want["body_lacks"].as_array().expect("lacks") {
        assert!(
            !body.contains(line.as_str().expect("text")),
            "{title}: {line}"
        );
    }
}

#[test]
fn each_html_response_of_an_archive_is_an_article_and_the_rest_is_passed_over() {
    let env = Env::new();
    let want = expected();
    let articles = want["mixed.warc.gz"]["articles"].as_array().expect("list");
    let (got, stderr) = extract(&env, &data("warc").join("mixed.warc.gz"));
    // Requests, metadata, CSS, image, PDF, the 404 page and the revisit: nothing said.
    assert_eq!(stderr, "");
    assert_eq!(got.len(), 3);
    let parts: Vec<&Value> = got.iter().map(|a| &a["part"]).collect();
    assert_eq!(parts, [3, 6, 10]);
    for (got, want) in got.iter().zip(articles) {
        assert_article(got, want);
    }
    // The same pages in a plain archive, numbered as its records are.
    let (plain, stderr) = extract(&env, &data("warc").join("plain.warc"));
    assert_eq!((plain.len(), stderr.as_str()), (3, ""));
    assert_eq!(plain[2]["part"], 3);
    assert_article(&plain[2], &articles[2]);
    // The people quoted in a page of the archive, as in any article.
    let speakers: Vec<&str> = got[2]["speakers"]
        .as_array()
        .expect("speakers")
        .iter()
        .filter_map(|s| s["name"].as_str())
        .collect();
    assert!(speakers.contains(&"Alma Rudd"), "{speakers:?}");
}

#[test]
fn damaged_archives_keep_what_comes_before_the_damage_and_say_where_it_is() {
    let env = Env::new();
    let warc = data("warc");
    let (got, stderr) = extract(&env, &warc.join("truncated.warc.gz"));
    assert_eq!(got.len(), 1);
    assert_eq!(got[0]["part"], 3);
    assert!(
        stderr.contains(
            "truncated.warc.gz: record 6 (https://northfieldcourier.example/news/library-vote): \
             the archive is damaged here"
        ),
        "{stderr}"
    );
    let (got, stderr) = extract(&env, &warc.join("lying-length.warc"));
    assert_eq!(got.len(), 1);
    assert!(
        stderr.contains(
            "record 2 (https://kelbypost.example/news/2025/07/19/market-square-parking): the \
             archive ends inside it: its Content-Length says 999999 bytes, 435 are there"
        ),
        "{stderr}"
    );
    // A length 40 bytes short: reported, and reading goes on at the next record.
    let (got, stderr) = extract(&env, &warc.join("lying-length-short.warc"));
    let titles: Vec<&str> = got.iter().filter_map(|a| a["title"].as_str()).collect();
    assert_eq!(
        titles,
        [
            "Kelby swimming pool to stay shut all summer as repairs overrun",
            "Dunmore orchard wins heritage status for rare apple trees"
        ]
    );
    assert!(
        stderr.contains("after record 1: bytes that are no record (its Content-Length is wrong?)"),
        "{stderr}"
    );
}

#[test]
fn a_folder_of_archives_indexes_the_good_records_and_reports_the_bad_files() {
    let env = Env::new();
    for name in [
        "mixed.warc.gz",
        "truncated.warc.gz",
        "lying-length.warc",
        "not-a-warc.warc.gz",
        "bomb.warc.gz",
    ] {
        env.write(
            name,
            std::fs::read(data("warc").join(name)).expect("fixture"),
        );
    }
    let report = env.index();
    // 3 from mixed, 1 before the damage in truncated, 1 before the lie in lying-length.
    assert_eq!(report["articles"]["indexed"], 5, "{report}");
    let skipped: Vec<(String, String)> = report["skipped"]
        .as_array()
        .expect("skipped")
        .iter()
        .map(|p| {
            let path = p["path"].as_str().unwrap_or_default();
            let name = Path::new(path).file_name().expect("name").to_string_lossy();
            (
                name.into_owned(),
                p["message"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    assert_eq!(skipped.len(), 2, "{skipped:?}");
    assert_eq!(skipped[0].0, "bomb.warc.gz");
    assert_eq!(
        skipped[0].1,
        "no web page with article text among its 1 records (record 1 \
         (https://bigpage.example/news/endless-divs): 300024026 bytes, more than the 16 MiB a \
         page can be; skipped)"
    );
    assert_eq!(skipped[1].0, "not-a-warc.warc.gz");
    assert!(skipped[1].1.starts_with("not a web archive"), "{skipped:?}");
    let warnings = report["warnings"].as_array().expect("warnings");
    assert_eq!(warnings.len(), 2, "{report}");
    // A page with no date of its own is dated by its record.
    let quotes = env
        .run(&["quotes", "Alma Rudd", "--json"])
        .expect_code(0)
        .json();
    assert_eq!(quotes["total"], 1, "{quotes}");
    assert_eq!(quotes["articles"][0]["date"], "2025-06-02T08:15:00Z");
    let (_, results) = env.search(&["saltmarsh bridge cables"]);
    assert_eq!(
        titles(&results)[0],
        "Saltmarsh Bridge to reopen by spring after cable repairs"
    );
}

#[test]
fn a_single_file_page_reads_as_the_page_it_holds() {
    let env = Env::new();
    let text = std::fs::read_to_string(data("html").join("mhtml-expected.json")).expect("json");
    let want: Value = serde_json::from_str(&text).expect("JSON");
    let want = &want["page.mhtml"];
    let run = env
        .run(&[
            "extract",
            data("html").join("page.mhtml").to_str().expect("path"),
        ])
        .expect_code(0);
    let got = run.json();
    assert_eq!(got["format"], "html");
    for field in ["title", "date", "source", "tags", "url"] {
        assert_eq!(got[field], want[field], "{field}");
    }
    assert_eq!(got["author"], want["authors"][0]);
    let body = got["body"].as_str().expect("body");
    for line in want["body_contains"].as_array().expect("contains") {
        assert!(body.contains(line.as_str().expect("text")), "{line}");
    }
    for line in want["body_lacks"].as_array().expect("lacks") {
        assert!(!body.contains(line.as_str().expect("text")), "{line}");
    }
}

#[test]
fn hostile_pages_are_reported_by_name_and_the_rest_of_the_folder_is_indexed() {
    let env = Env::new();
    let good = std::fs::read(data("html").join("byline-in-body.html")).expect("page");
    env.write("good.html", &good);
    env.write("deep.html", "<div>".repeat(100_000));
    let script = format!(
        "<html><head><title>Script</title></head><body><script>{}</script></body></html>",
        "var a = '<p>no text</p>';\n".repeat(200_000)
    );
    env.write("script.html", script);
    env.write(
        "binary.html",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",
    );
    let huge = env.corpus().join("huge.html");
    File::create(&huge)
        .and_then(|f| f.set_len(200 * 1024 * 1024))
        .expect("make a 200 MB page");
    let report = env.index();
    assert_eq!(report["articles"]["indexed"], 1, "{report}");
    let skipped: Vec<String> = report["skipped"]
        .as_array()
        .expect("skipped")
        .iter()
        .map(|p| {
            let path = p["path"].as_str().unwrap_or_default();
            let name = Path::new(path).file_name().expect("name").to_string_lossy();
            format!("{name}: {}", p["message"].as_str().unwrap_or_default())
        })
        .collect();
    assert_eq!(skipped.len(), 4, "{skipped:#?}");
    assert!(
        skipped[0].starts_with("binary.html: binary content"),
        "{skipped:#?}"
    );
    assert!(
        skipped[1].starts_with("deep.html: elements nested 100000 deep (more than 3000)"),
        "{skipped:#?}"
    );
    assert!(
        skipped[2].starts_with("huge.html: too large for one file of clippings (209 MB"),
        "{skipped:#?}"
    );
    assert!(
        skipped[3].starts_with("script.html: no article text found in the page"),
        "{skipped:#?}"
    );
}
