//! Property tests: random bytes into every reader and parser, random text into the
//! speaker extractor, the date parser and the query path. None may panic.

use std::path::PathBuf;
use std::sync::OnceLock;

use clipdex::index::{Catalog, Writer};
use clipdex::ingest::{self, SourceFile};
use clipdex::model::{Article, Format};
use clipdex::parse::{parse_date, parse_file, Entry};
use clipdex::search::{self, Request, Sort};
use clipdex::speakers;
use proptest::prelude::*;

const EXTENSIONS: &[&str] = &["txt", "text", "md", "json", "jsonl", "ndjson"];

/// Text that looks a little like clippings: words, quotes, names, dates, JSON punctuation.
fn clipping_like() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        "[A-Z][a-z]{1,8}",
        "[a-z]{1,8}",
        Just("said".to_string()),
        Just("\"".to_string()),
        Just("\u{201C}".to_string()),
        Just("\u{201D}".to_string()),
        Just("Mr".to_string()),
        Just("according to".to_string()),
        Just(", ".to_string()),
        Just(". ".to_string()),
        Just("\n\n".to_string()),
        Just("{\"title\": ".to_string()),
        Just("}".to_string()),
        Just("[".to_string()),
        Just("Title: ".to_string()),
        Just("Date: 31 February 2021\n".to_string()),
        Just("11:14 GMT14 August 2020\n".to_string()),
        ".{0,12}",
    ];
    prop::collection::vec(piece, 0..60).prop_map(|pieces| pieces.join(" "))
}

proptest! {
    #[test]
    fn random_bytes_through_the_loader_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2000), ext in 0..EXTENSIONS.len()) {
        let dir = tempfile::tempdir().map_err(|e| TestCaseError::fail(e.to_string()))?;
        let path = dir.path().join(format!("clip.{}", EXTENSIONS[ext]));
        std::fs::write(&path, &bytes).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let _ = ingest::load(&path);
    }

    #[test]
    fn random_text_through_every_parser_never_panics(text in ".{0,400}", ext in 0..EXTENSIONS.len()) {
        let _ = parse_file(EXTENSIONS[ext], &text);
    }

    #[test]
    fn clipping_like_text_through_parsers_and_the_extractor_never_panics(text in clipping_like(), ext in 0..EXTENSIONS.len()) {
        if let Ok((_, parsed)) = parse_file(EXTENSIONS[ext], &text) {
            for entry in &parsed.entries {
                let _ = speakers::extract(&entry.article);
            }
        }
        let found = speakers::extract(&Article { body: text.clone(), ..Article::default() });
        for speaker in found {
            for quote in speaker.quotes {
                // Offsets always point into the body.
                prop_assert!(quote.start <= quote.end && quote.end <= text.len());
                prop_assert!(text.is_char_boundary(quote.start) && text.is_char_boundary(quote.end));
            }
        }
    }

    #[test]
    fn random_dates_never_panic(text in ".{0,40}") {
        let _ = parse_date(&text);
    }

    #[test]
    fn random_queries_never_panic(query in ".{0,80}", sort in any::<bool>(), offset in 0usize..50, copies in any::<bool>()) {
        let catalog = small_index();
        let request = Request {
            query,
            tags: vec![],
            speakers: vec![],
            since: None,
            until: None,
            sort: if sort { Sort::Date } else { Sort::Relevance },
            limit: 5,
            offset,
            facet_limit: 10,
            copies,
            copies_listed: 3,
        };
        let _ = search::search(catalog, &request);
        let _ = search::people(catalog, &request);
        let _ = search::copies(catalog, &request, copies);
    }
}

/// A three-article index, built once for all query cases.
fn small_index() -> &'static Catalog {
    static INDEX: OnceLock<(tempfile::TempDir, Catalog)> = OnceLock::new();
    let (_, catalog) = INDEX.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temp dir");
        let catalog = Catalog::open_or_create(dir.path()).expect("new index");
        let mut writer = Writer::open(catalog, 64 << 20).expect("writer");
        for (i, body) in [
            "\"Prices will rise,\" said Marta Kowalczyk, an economist.",
            "The harbour board said fees would rise. Lars Brekke said so too.",
            "Plain text about gas prices and the winter.",
        ]
        .iter()
        .enumerate()
        {
            let mut article = Article {
                title: format!("Story {i}"),
                body: body.to_string(),
                tags: vec!["energy".into()],
                ..Article::default()
            };
            article.speakers = speakers::extract(&article);
            let file = SourceFile {
                path: PathBuf::from(format!("/clips/{i}.txt")),
                size: 1,
                mtime_ns: 1,
            };
            let entry = Entry {
                part: None,
                article,
                notes: vec![],
            };
            writer
                .replace(&file, Format::Plain, vec![entry])
                .expect("add");
        }
        let catalog = writer.commit().expect("commit");
        (dir, catalog)
    });
    catalog
}
