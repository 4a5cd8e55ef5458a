//! Bad files mixed into a folder of good ones, and bad searches: every good file is
//! indexed, every bad one is named with a reason, nothing panics, exit codes are the
//! documented ones.

use std::fs::File;
use std::path::Path;

use crate::common::*;
use serde_json::Value;

/// `(file name, line, message)` for each entry of a report list.
fn problems(report: &Value, list: &str) -> Vec<(String, Option<u64>, String)> {
    report[list]
        .as_array()
        .into_iter()
        .flatten()
        .map(|p| {
            let path = p["path"].as_str().unwrap_or_default();
            (
                path.rsplit('/').next().unwrap_or_default().to_string(),
                p["line"].as_u64(),
                p["message"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

fn message_for<'a>(list: &'a [(String, Option<u64>, String)], name: &str) -> Vec<&'a str> {
    list.iter()
        .filter(|(n, _, _)| n == name)
        .map(|(_, _, m)| m.as_str())
        .collect()
}

fn good(env: &Env, n: usize) {
    for i in 0..n {
        env.write(
            &format!("good/{i:02}.txt"),
            format!(
                "Title: Good story {i}\nDate: 2021-05-0{}\n\nHarbour fees rose again on day {i}.\n",
                i % 9 + 1
            ),
        );
    }
}

#[test]
fn every_kind_of_bad_file_is_named_and_the_good_ones_are_indexed() {
    let env = Env::new();
    good(&env, 10);
    env.write("bad/empty.txt", "");
    env.write("bad/photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR");
    env.write(
        "bad/report.md",
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< >>\nstream\x00\x01",
    );
    env.write(
        "bad/archive.json",
        b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03",
    );
    env.write(
        "bad/nul.txt",
        "Title: Nul\n\nText with a \0 NUL byte in it.\n",
    );
    env.write(
        "bad/syntax.json",
        "{\"title\": \"Broken\",\n \"body\": \"text\",\n}\n",
    );
    env.write(
        "bad/types.json",
        r#"{"title": "Wrong types", "body": "Harbour text.", "tags": 5, "date": {}}"#,
    );
    env.write(
        "bad/mixed.jsonl",
        "{\"title\": \"Line one\", \"body\": \"Harbour one.\"}\n[1, 2\n{\"title\": \"Line three\", \"body\": \"Harbour three.\"}\n\"just text\"\n",
    );
    env.write(
        "bad/deep.json",
        format!("{}{}", "[".repeat(100_000), "]".repeat(100_000)),
    );
    env.write(
        "bad/nobody.txt",
        "Title: Only a title\nDate: 2021-01-01\n\n",
    );
    env.write(
        "bad/feb.txt",
        "Title: Leap\nDate: 31 February 2021\n\nBody of it.\n",
    );
    env.write(
        "bad/far.txt",
        "Title: Far\nDate: 3021-01-01\n\nBody of it.\n",
    );
    env.write(
        "bad/soon.txt",
        "Title: Soon\nDate: 2099-01-01\n\nBody of it.\n",
    );
    env.write("bad/latin1.txt", b"Caf\xe9 news\n\nThe caf\xe9 reopened.\n");
    // A 200 MB text file: refused from its size, never read into memory.
    let big = env.corpus().join("bad/huge.txt");
    File::create(&big)
        .and_then(|f| f.set_len(200 * 1024 * 1024))
        .expect("make a 200 MB file");
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(".", env.corpus().join("bad/loop")).expect("symlink loop");
    }

    let run = env.run(&["index", "corpus", "--json"]).expect_code(0);
    let report = run.json();
    let skipped = problems(&report, "skipped");
    let warnings = problems(&report, "warnings");
    let one = |list: &[(String, Option<u64>, String)], name: &str| {
        let found = message_for(list, name);
        assert_eq!(found.len(), 1, "{name}: {list:#?}");
        found[0].to_string()
    };
    assert_eq!(one(&skipped, "empty.txt"), "the file is empty");
    for binary in ["photo.txt", "report.md", "archive.json", "nul.txt"] {
        assert!(
            one(&skipped, binary).starts_with("binary content (NUL bytes)"),
            "{binary}"
        );
    }
    assert!(one(&skipped, "syntax.json").starts_with("not valid JSON (trailing comma at line 3"));
    assert!(one(&skipped, "deep.json").contains("recursion limit exceeded"));
    assert!(one(&skipped, "huge.txt").starts_with("too large for one file of clippings (209 MB"));
    #[cfg(unix)]
    assert!(one(&skipped, "loop").contains("a loop"));

    assert!(one(&warnings, "feb.txt").starts_with("date '31 February 2021' does not exist"));
    assert!(one(&warnings, "far.txt").contains("outside the years 1700-2250"));
    assert_eq!(
        one(&warnings, "soon.txt"),
        "date '2099-01-01' is in the future; indexed as given"
    );
    assert_eq!(
        one(&warnings, "nobody.txt"),
        "no body text; indexed by its title alone"
    );
    assert!(one(&warnings, "latin1.txt").contains("read as Windows-1252"));
    let types = message_for(&warnings, "types.json");
    assert_eq!(
        types,
        vec![
            "the date is an object, not text or a timestamp; indexed without a date",
            "\"tags\" is a number, not text or a list; ignored"
        ]
    );
    let mixed: Vec<_> = warnings
        .iter()
        .filter(|(n, _, _)| n == "mixed.jsonl")
        .map(|(_, line, _)| *line)
        .collect();
    assert_eq!(mixed, vec![Some(2), Some(4)]);

    // 10 good + types + 2 lines of mixed + nobody + feb + far + soon + latin1.
    assert_eq!(report["articles"]["indexed"], 18);
    let (_, results) = env.search(&["harbour"]);
    assert_eq!(results["total"], 13);

    // --strict: the same run fails once a file is skipped, but still indexes the rest.
    let strict = env.run(&["index", "corpus", "--strict"]).expect_code(2);
    assert!(strict.stdout.contains("skipped files"), "{}", strict.stdout);
}

#[test]
fn a_json_lines_file_of_thousands_of_bad_lines_names_a_hundred_and_counts_the_rest() {
    let env = Env::new();
    let mut text = String::from("{\"title\": \"Harbour opens\", \"body\": \"Ships came.\"}\n");
    text.push_str(&"not json at all\n".repeat(5_000));
    text.push_str("{\"title\": \"Harbour closes\", \"body\": \"Ships left.\"}\n");
    env.write("feed.jsonl", text);

    let report = env
        .run(&["index", "corpus", "--json"])
        .expect_code(0)
        .json();
    assert_eq!(report["articles"]["indexed"], 2);
    let warnings = problems(&report, "warnings");
    assert_eq!(warnings.len(), 101);
    assert_eq!(warnings[0].1, Some(2));
    assert_eq!(warnings[99].1, Some(101));
    assert_eq!(
        warnings[100],
        (
            "feed.jsonl".to_string(),
            None,
            "4900 more bad lines skipped after the first 100; the other lines are indexed"
                .to_string()
        )
    );
    let (_, results) = env.search(&["harbour"]);
    assert_eq!(results["total"], 2);
}

/// A JSON Lines file over 1 MiB, parsed and indexed a piece of lines at a time: bad lines
/// and notes from every piece are reported as for a small file (bad lines first, then notes,
/// each in file order), and `clipdex extract`, which reads it whole, reports the same.
#[test]
fn a_big_json_lines_file_read_in_pieces_reports_what_a_whole_reading_reports() {
    let env = Env::new();
    let mut text = String::new();
    for i in 1..=3000 {
        let line = match i {
            2 => "{\"title\": \"Torn\",".to_string(),
            2500 => "[1, 2]".to_string(),
            1700 => format!(
                "{{\"title\": \"Ferry note\", \"date\": \"someday\", \"body\": \"{}\"}}",
                "The ferry ran late. ".repeat(20)
            ),
            _ => format!(
                "{{\"title\": \"Harbour note {i}\", \"date\": \"2024-03-01\", \"body\": \"{}\"}}",
                format!("The harbour board met on day {i} and fees rose. ").repeat(10)
            ),
        };
        text.push_str(&line);
        text.push('\n');
    }
    assert!(text.len() > 1024 * 1024, "{} bytes", text.len());
    let feed = env.write("feed.jsonl", text);

    let report = env
        .run(&["index", "corpus", "--json"])
        .expect_code(0)
        .json();
    assert_eq!(report["articles"]["indexed"], 2998);
    let date_note = "date 'someday' is not in a known format (e.g. 2020-08-14, 14 August 2020, \
                     August 14, 2020); indexed without a date";
    let expected = vec![
        (
            "feed.jsonl".to_string(),
            Some(2),
            "this line is not valid JSON (EOF while parsing a value at line 1 column 17); \
             skipped, the other lines are indexed"
                .to_string(),
        ),
        (
            "feed.jsonl".to_string(),
            Some(2500),
            "this line is not a JSON object; skipped, the other lines are indexed".to_string(),
        ),
        ("feed.jsonl".to_string(), Some(1700), date_note.to_string()),
    ];
    assert_eq!(problems(&report, "warnings"), expected);
    let extract = env
        .run(&["extract", &feed.to_string_lossy()])
        .expect_code(0);
    let whole: Vec<String> = extract
        .stderr
        .lines()
        .map(|l| l.replace(&format!("{}:", feed.display()), "feed.jsonl:"))
        .collect();
    let indexed: Vec<String> = expected
        .iter()
        .map(|(name, line, message)| {
            format!("clipdex: warning: {name}:{}: {message}", line.unwrap_or(0))
        })
        .collect();
    assert_eq!(whole, indexed);
    let (_, results) = env.search(&["harbour"]);
    assert_eq!(results["total"], 2997);
    let (_, results) = env.search(&["ferry"]);
    assert_eq!(results["total"], 1);
}

/// A big JSON Lines file without one good line fails as a whole, as a small one does.
#[test]
fn a_big_json_lines_file_of_bad_lines_only_is_skipped_with_its_first_bad_line() {
    let env = Env::new();
    good(&env, 2);
    env.write("feed.jsonl", "not json at all\n".repeat(100_000));
    let report = env
        .run(&["index", "corpus", "--json"])
        .expect_code(0)
        .json();
    assert_eq!(report["articles"]["indexed"], 2);
    assert_eq!(
        problems(&report, "skipped"),
        vec![(
            "feed.jsonl".to_string(),
            Some(1),
            "no articles in this JSON Lines file (this line is not valid JSON (expected ident \
             at line 1 column 2); skipped, the other lines are indexed)"
                .to_string()
        )]
    );
    assert!(problems(&report, "warnings").is_empty());
}

#[test]
fn a_json_lines_file_over_256_mb_is_indexed_to_its_last_line_and_extract_refuses_it() {
    use std::io::{Seek, SeekFrom, Write};
    let env = Env::new();
    // Over the limit of a file read whole, written sparse: an article, 17 runs of 16 MiB
    // of NUL bytes each ending with a newline (bad lines, each longer than a block of
    // 8 MiB), then an article past the 285th MB.
    let article = |title: &str| {
        format!("{{\"title\": \"{title}\", \"body\": \"The harbour board met and fees rose.\"}}\n")
    };
    let dump = env.write("dump.jsonl", article("Harbour opens"));
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .open(&dump)
        .expect("open");
    const RUN: u64 = 16 * 1024 * 1024;
    for k in 1..=17 {
        file.seek(SeekFrom::Start(k * RUN - 1)).expect("seek");
        file.write_all(b"\n").expect("write");
    }
    file.write_all(article("Lighthouse closes").as_bytes())
        .expect("write");
    drop(file);
    let size = std::fs::metadata(&dump).expect("size").len();
    assert!(size > 256 * 1024 * 1024, "{size} bytes");

    let report = env
        .run(&["index", "corpus", "--json"])
        .expect_code(0)
        .json();
    assert_eq!(report["articles"]["indexed"], 2, "{report:#}");
    assert!(problems(&report, "skipped").is_empty());
    let warnings = problems(&report, "warnings");
    assert_eq!(warnings.len(), 17);
    assert_eq!(
        warnings[0],
        (
            "dump.jsonl".to_string(),
            Some(2),
            "this line is not valid JSON (expected value at line 1 column 1); skipped, the \
             other lines are indexed"
                .to_string()
        )
    );
    assert_eq!(warnings[16].1, Some(18));
    let (_, results) = env.search(&["lighthouse"]);
    assert_eq!(titles(&results), vec!["Lighthouse closes"]);

    // `extract` reads a file whole, so it keeps the limit.
    let extract = env
        .run(&["extract", &dump.to_string_lossy()])
        .expect_code(2);
    assert!(
        extract.stderr.contains(&format!(
            "dump.jsonl: too large for one file of clippings ({} MB; the limit for this kind \
             of file is 268 MB); split it into smaller files",
            size / 1_000_000
        )),
        "{}",
        extract.stderr
    );
}

#[cfg(unix)]
#[test]
fn an_unreadable_file_is_named_and_the_rest_indexed() {
    use std::os::unix::fs::PermissionsExt;
    let env = Env::new();
    good(&env, 3);
    let locked = env.write("locked.txt", "Title: Locked\n\nSecret harbour text.\n");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    if std::fs::read(&locked).is_ok() {
        // Running as root: permissions do not stop reading, so there is nothing to test.
        return;
    }
    let report = env.index();
    let skipped = problems(&report, "skipped");
    assert_eq!(message_for(&skipped, "locked.txt").len(), 1, "{skipped:#?}");
    assert!(message_for(&skipped, "locked.txt")[0].starts_with("cannot read the file"));
    assert_eq!(report["articles"]["indexed"], 3);
}

#[test]
fn files_deleted_or_changed_during_a_run_are_skipped_or_read_and_the_next_run_is_exact() {
    let env = Env::new();
    for i in 0..2000 {
        env.write(
            &format!("d{:02}/f{i:04}.txt", i % 10),
            format!("Note {i}\n\nHarbour note {i}.\n"),
        );
    }
    let mut child = env
        .command(&["index", "corpus", "--json"])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("start index");
    // Delete the last folder's files and rewrite another's while the run goes on.
    std::thread::sleep(std::time::Duration::from_millis(150));
    for i in (9..2000).step_by(10) {
        let _ = std::fs::remove_file(env.corpus().join(format!("d09/f{i:04}.txt")));
    }
    for i in (8..2000).step_by(10) {
        env.write(
            &format!("d08/f{i:04}.txt"),
            format!("Note {i} revised\n\nRevised harbour note {i}.\n"),
        );
    }
    let out = child.wait().expect("index run");
    assert_eq!(out.code(), Some(0));
    // Whatever the run saw, the next one settles on exactly what is on disk.
    env.index();
    let (_, results) = env.search(&["harbour", "--limit", "1"]);
    assert_eq!(results["total"], 1800);
    let (_, results) = env.search(&["revised"]);
    assert_eq!(results["total"], 200);
}

#[test]
fn bad_searches_get_a_clear_message_or_a_warning_never_a_crash() {
    let env = Env::new();
    good(&env, 3);
    env.index();
    let expect_warning = |query: &str, warning: &str| {
        let run = env.run(&["search", "--", query]);
        assert!(run.code == 0 || run.code == 1, "{query}: {}", run.stderr);
        assert!(run.stderr.contains(warning), "{query}: {}", run.stderr);
    };
    expect_warning("\"harbour fees", "missing delimiter");
    expect_warning("(harbour fees", "expected ')'");
    expect_warning("nosuchfield:harbour", "Field does not exist: 'nosuchfield'");
    expect_warning("harb*", "`*`, `?` and `~` are not wildcards here");
    expect_warning("harbour~2", "`*`, `?` and `~` are not wildcards here");
    expect_warning(
        "date:[2021 TO 2022]",
        "a date in a query is written date:[2021-01-01T00:00:00Z TO",
    );
    // Each problem once, though every field searched reports it.
    let run = env.run(&["search", "--", "date:[2021 TO 2022]"]);
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    // A question mark ends a question.
    let run = env.run(&["search", "fees?"]);
    assert_eq!(run.stderr, "");

    for (args, message) in [
        (&["search", "!!!"][..], "has no words to search for"),
        (
            &["search", "AND"][..],
            "the query \"AND\" has only operators",
        ),
        (&["search", "OR", "NOT"][..], "has only operators"),
        (
            &["search", "--since", "2021-06-01", "--until", "2021-01-01"][..],
            "--since is after --until",
        ),
        (
            &["search", "--since", "yesterday-ish"][..],
            "--since \"yesterday-ish\": not a date I can read",
        ),
        (
            &["quotes", "Brekke", "--", "---"][..],
            "has no words to search for",
        ),
    ] {
        let run = env.run(args).expect_code(2);
        assert!(run.stderr.contains(message), "{args:?}: {}", run.stderr);
        assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    }
    // A 100 KB query is searched, not refused.
    let long = "harbour ".repeat(12_500);
    let run = env.run(&["search", &long]).expect_code(0);
    assert!(
        run.stdout.contains("3 stories (3 articles)"),
        "{}",
        run.stdout
    );
    // Unknown tags and speakers match nothing (a speaker with a warning).
    for flag in ["--tag", "--speaker"] {
        let (code, results) = env.search(&[flag, "no such thing"]);
        assert_eq!((code, results["total"].as_u64()), (1, Some(0)));
    }
    // Not an index, or none at all.
    let elsewhere = env.root().join("not-an-index");
    std::fs::create_dir_all(&elsewhere).expect("mkdir");
    std::fs::write(elsewhere.join("notes.txt"), "mine").expect("write");
    for (path, message) in [
        (
            elsewhere.as_path(),
            "holds other files but no clipdex index",
        ),
        (
            Path::new("/nonexistent/clipdex-index"),
            "no index at /nonexistent/clipdex-index",
        ),
    ] {
        let run = env
            .command(&["search", "harbour"])
            .env("CLIPDEX_INDEX", path)
            .output()
            .expect("run");
        assert_eq!(run.status.code(), Some(2));
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert!(stderr.contains(message), "{stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
}

#[test]
fn a_file_emptied_since_the_last_run_loses_its_articles_and_is_not_an_error() {
    let env = Env::new();
    env.write(
        "feed.json",
        r#"[{"title": "Harbour fees rise", "body": "The harbour board raised fees."},
            {"title": "Harbour reopens", "body": "The harbour reopened on Monday."}]"#,
    );
    env.write("note.txt", "Harbour note\n\nThe harbour board met.\n");
    env.index();
    let (_, results) = env.search(&["harbour"]);
    assert_eq!(results["total"], 3);
    // The feed now lists nothing, the note was cleared: retracted, not damaged.
    env.write("feed.json", "[]\n");
    env.write("note.txt", "\n");
    let report = env
        .run(&["index", "corpus", "--json", "--strict"])
        .expect_code(0)
        .json();
    assert_eq!(report["articles"]["removed"], 3);
    assert_eq!(report["skipped"], serde_json::json!([]));
    let messages: Vec<String> = report["warnings"]
        .as_array()
        .map(|w| {
            w.iter()
                .map(|p| p["message"].as_str().unwrap_or("-").to_string())
                .collect()
        })
        .unwrap_or_default();
    assert!(
        messages.contains(
            &"no articles in this JSON file (the array is empty) (the 2 article(s) indexed from it before are removed)"
                .to_string()
        ),
        "{messages:?}"
    );
    let (code, results) = env.search(&["harbour"]);
    assert_eq!((code, results["total"].as_u64()), (1, Some(0)));
    // Nothing more to say about them until they change.
    let report = env
        .run(&["index", "corpus", "--json"])
        .expect_code(0)
        .json();
    assert_eq!(report["files_unchanged"], 2);
    assert_eq!(report["warnings"], serde_json::json!([]));
    // A damaged file keeps what it gave.
    env.write(
        "feed.json",
        r#"[{"title": "Harbour fees rise", "body": "Fees rose."}]"#,
    );
    env.index();
    env.write("feed.json", "[{\"title\": ");
    let report = env
        .run(&["index", "corpus", "--json"])
        .expect_code(0)
        .json();
    assert_eq!(report["skipped"].as_array().map(Vec::len), Some(1));
    let (_, results) = env.search(&["harbour"]);
    assert_eq!(results["total"], 1);
}
