//! Saved web pages: each invented page of `tests/data/html/` read as its expected values
//! say (`expected.json`: metadata exact, what the body holds and what it must not), a
//! section front reported rather than indexed, and a browser's `Page_files/` folder left
//! unread.

use std::path::Path;

use chrono::DateTime;
use serde_json::Value;

use crate::common::*;

fn pages() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/html"))
}

fn expected() -> Value {
    let text = std::fs::read_to_string(pages().join("expected.json")).expect("expected.json");
    serde_json::from_str(&text).expect("expected.json is JSON")
}

/// The same instant, whatever the offset each is written with.
fn same_time(got: &Value, want: &Value) -> bool {
    let at = |v: &Value| {
        v.as_str()
            .and_then(|s| DateTime::parse_from_rfc3339(s).ok())
    };
    at(got) == at(want)
}

#[test]
fn every_page_reads_as_its_expected_values() {
    let env = Env::new();
    for (name, want) in expected().as_object().expect("object per page") {
        let page = pages().join(name);
        let page = page.to_str().expect("path");
        if want["article"] == false {
            continue;
        }
        let got = env.run(&["extract", page]).expect_code(0).json();
        assert_eq!(got["format"], "html", "{name}");
        assert_eq!(got["title"], want["title"], "{name}");
        assert!(
            same_time(&got["date"], &want["date"]),
            "{name}: {}",
            got["date"]
        );
        let authors: Vec<&str> = want["authors"]
            .as_array()
            .expect("authors")
            .iter()
            .filter_map(Value::as_str)
            .collect();
        assert_eq!(got["author"], authors.join(", "), "{name}");
        assert_eq!(got["tags"], want["tags"], "{name}");
        assert_eq!(got["source"], want["source"], "{name}");
        assert_eq!(got["url"], want["url"], "{name}");
        let body = got["body"].as_str().expect("body");
        let start = want["body_starts_with"].as_str().expect("start");
        assert!(
            body.starts_with(start),
            "{name}: body starts {:?}",
            &body[..80]
        );
        for text in want["body_contains"].as_array().expect("contains") {
            let text = text.as_str().expect("text");
            assert!(body.contains(text), "{name}: body lacks {text:?}\n{body}");
        }
        for text in want["body_lacks"].as_array().expect("lacks") {
            let text = text.as_str().expect("text");
            assert!(!body.contains(text), "{name}: body has {text:?}\n{body}");
        }
    }
}

#[test]
fn a_section_front_is_reported_not_indexed_and_the_rest_is() {
    let env = Env::new();
    for entry in std::fs::read_dir(pages()).expect("pages") {
        let path = entry.expect("page").path();
        let name = path
            .file_name()
            .expect("name")
            .to_string_lossy()
            .into_owned();
        if name.ends_with(".html") {
            env.write(&name, std::fs::read(&path).expect("read page"));
        }
    }
    let report = env.index();
    assert_eq!(report["articles"]["indexed"], 5, "{report}");
    let front = report["skipped"].as_array().expect("skipped");
    assert_eq!(front.len(), 1, "{report}");
    assert!(front[0]["path"]
        .as_str()
        .is_some_and(|p| p.ends_with("section-front.html")));
    assert_eq!(
        front[0]["message"],
        "the page is a list of articles (a section front or a search page), not an article; \
         save the articles it links to instead"
    );
    // The people quoted in the pages are found as in any article.
    let quotes = env
        .run(&["quotes", "Henrik Voss", "--json"])
        .expect_code(0)
        .json();
    assert_eq!(quotes["total"], 1);
    assert_eq!(
        quotes["articles"][0]["title"],
        "Kestvik harbour to deepen main channel for new island ferries"
    );
}

#[test]
fn a_saved_pages_files_folder_is_not_read() {
    let env = Env::new();
    let page = std::fs::read(pages().join("byline-in-body.html")).expect("page");
    env.write("Lighthouse.html", &page);
    env.write("Lighthouse_files/app.js", "var tracker = 1;");
    env.write(
        "Lighthouse_files/frame.html",
        "<p>An advertisement frame.</p>",
    );
    env.write("Lighthouse_files/notes.txt", "Not a clipping of its own.");
    // A folder that only looks like one is read as any other.
    env.write(
        "Other_files/memo.txt",
        "Harbour memo\n\nThe harbour board met again.\n",
    );
    let report = env.index();
    assert_eq!(report["files_seen"], 2, "{report}");
    assert_eq!(report["articles"]["indexed"], 2, "{report}");
    assert_eq!(report["skipped"], Value::Array(vec![]));
}
