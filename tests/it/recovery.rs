//! Interrupted and concurrent index runs: killed at any moment, stopped with Ctrl-C, two
//! writers at once, searches during a run. The real binary on temp folders.

use std::collections::HashSet;
use std::process::{Child, Stdio};
use std::thread::sleep;
use std::time::{Duration, Instant};

use crate::common::*;

/// `n` small articles in 20 folders.
fn many_files(n: usize) -> Env {
    let env = Env::new();
    for i in 0..n {
        env.write(
            &format!("d{:02}/f{i:05}.txt", i % 20),
            format!(
                "Harbour note {i}\n\nThe harbour board met on day {i} and said fees would rise.\n"
            ),
        );
    }
    env
}

fn spawn_index(env: &Env, batch: &str) -> Child {
    env.command(&["index", "corpus", "--batch", batch])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start clipdex index")
}

/// Total matches and distinct article ids of an empty search, or `None` when no index
/// has been committed yet.
fn census(env: &Env) -> Option<(u64, usize)> {
    let run = env.run(&["search", "--json", "--limit", "10000"]);
    if run.code == 2 {
        assert!(
            run.stderr.contains("no index"),
            "search failed on a killed run's index: {}",
            run.stderr
        );
        return None;
    }
    let results = run.json();
    let ids: HashSet<String> = results["hits"]
        .as_array()
        .map(|hits| {
            hits.iter()
                .filter_map(|h| h["id"].as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    Some((results["total"].as_u64().unwrap_or(u64::MAX), ids.len()))
}

/// Waits (up to a minute) until a running `index` has made its first commit.
fn wait_for_first_commit(env: &Env) {
    wait_for_first_commit_in(&env.index_dir());
}

/// Waits (up to a minute) until a run writing the index at `dir` has made its first commit.
fn wait_for_first_commit_in(dir: &std::path::Path) {
    let started = Instant::now();
    while !dir.join("clipdex-files.json").exists() {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "no commit within a minute"
        );
        sleep(Duration::from_millis(10));
    }
}

/// Ctrl-C to a running `index`: its exit code and what it printed.
fn interrupt(child: Child) -> (Option<i32>, String) {
    let status = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .expect("send SIGINT");
    assert!(status.success());
    let out = child.wait_with_output().expect("wait for clipdex");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

/// Delays from a fixed seed (a small linear congruential generator), so runs repeat.
fn seeded_delays(seed: u64, count: usize, max_ms: u64) -> Vec<u64> {
    let mut state = seed;
    (0..count)
        .map(|_| {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            20 + (state >> 33) % max_ms
        })
        .collect()
}

#[test]
fn a_run_killed_at_any_moment_leaves_a_searchable_index_and_the_next_run_completes() {
    const FILES: usize = 1200;
    let env = many_files(FILES);
    let mut counts = Vec::new();
    // The first kills land while the index is being created.
    let delays = [1, 4, 10].into_iter().chain(seeded_delays(7, 8, 600));
    for delay in delays {
        let mut child = spawn_index(&env, "40");
        sleep(Duration::from_millis(delay));
        let _ = child.kill(); // SIGKILL; the run may also have finished by now
        let _ = child.wait();
        match census(&env) {
            Some((total, distinct)) => {
                assert_eq!(
                    total as usize, distinct,
                    "duplicates after a kill at {delay} ms"
                );
                assert!(total as usize <= FILES);
                counts.push((delay, total));
            }
            None => counts.push((delay, 0)),
        }
    }
    eprintln!("articles found after each kill (delay ms, articles): {counts:?}");
    // Counts never go down: each run starts from the last commit.
    assert!(counts.windows(2).all(|w| w[0].1 <= w[1].1), "{counts:?}");
    let report = env.index();
    assert_eq!(report["articles"]["removed"], 0);
    assert_eq!(census(&env), Some((FILES as u64, FILES)));
}

#[test]
fn ctrl_c_commits_what_was_done_and_exits_130() {
    const FILES: usize = 3000;
    let env = many_files(FILES);
    let child = spawn_index(&env, "25");
    // Wait until the run has committed something, then interrupt it.
    wait_for_first_commit(&env);
    let (code, stdout) = interrupt(child);
    if code == Some(0) {
        // The run won the race and finished first; nothing to interrupt.
        assert_eq!(census(&env), Some((FILES as u64, FILES)));
        return;
    }
    assert_eq!(code, Some(130), "{stdout}");
    assert!(
        stdout.contains("interrupted: what was read is committed"),
        "{stdout}"
    );
    let (partial, distinct) = census(&env).expect("an index after Ctrl-C");
    assert_eq!(partial as usize, distinct);
    assert!(partial > 0 && (partial as usize) < FILES, "{partial}");
    eprintln!("Ctrl-C: exit 130 with {partial} of {FILES} articles committed");
    env.index();
    assert_eq!(census(&env), Some((FILES as u64, FILES)));
}

#[test]
fn ctrl_c_in_the_middle_of_a_big_file_leaves_none_of_it_and_the_next_run_reads_it_whole() {
    // Over 1 MiB: read and parsed a block and a piece at a time, as it is written.
    const BIG: usize = 12_000;
    let env = Env::new();
    let line = |i: usize| {
        format!(
            "{{\"title\": \"Harbour note {i}\", \"body\": \"The harbour board met on day {i} and said fees would rise.\"}}\n"
        )
    };
    env.write("a.jsonl", (0..10).map(line).collect::<String>());
    let big = env.write("b.jsonl", (10..10 + BIG).map(line).collect::<String>());
    assert!(std::fs::metadata(&big).map(|m| m.len()).unwrap_or(0) > 1024 * 1024);
    // The commit due after a.jsonl comes before b.jsonl is written, in pieces.
    let child = spawn_index(&env, "5");
    wait_for_first_commit(&env);
    let (code, stdout) = interrupt(child);
    if code == Some(0) {
        eprintln!("the run finished before Ctrl-C; nothing to interrupt");
    } else {
        assert_eq!(code, Some(130), "{stdout}");
        // What b.jsonl gave before the stop is gone: a.jsonl alone is in the index.
        assert_eq!(census(&env), Some((10, 10)), "{stdout}");
    }
    env.index();
    let run = env.run(&["search", "harbour", "--json", "--limit", "1"]);
    assert_eq!(run.json()["total"].as_u64(), Some(10 + BIG as u64));
}

#[test]
fn a_second_writer_is_refused_at_once_and_searches_work_during_a_run() {
    const FILES: usize = 3000;
    let env = many_files(FILES);
    let mut first = spawn_index(&env, "10");
    wait_for_first_commit(&env);
    if first.try_wait().expect("poll").is_none() {
        let second = env.run(&["index", "corpus"]);
        let still_running = first.try_wait().expect("poll").is_none();
        if still_running {
            eprintln!(
                "second writer refused while the first ran: {}",
                second.stderr.trim()
            );
            assert_eq!(second.code, 2, "{}", second.stdout);
            assert!(
                second
                    .stderr
                    .contains("in use by another clipdex run that writes to it"),
                "{}",
                second.stderr
            );
        }
        // A search sees the last commit while the run goes on.
        let (total, distinct) = census(&env).expect("search during a run");
        assert_eq!(total as usize, distinct);
    }
    let status = first.wait().expect("first run");
    assert_eq!(status.code(), Some(0));
    assert_eq!(census(&env), Some((FILES as u64, FILES)));
}

/// Marks the index as written by a clipdex of index version `version`.
fn set_index_version(env: &Env, version: u32) {
    let manifest_path = env.index_dir().join("clipdex-files.json");
    let text = std::fs::read_to_string(&manifest_path).expect("manifest");
    let mut manifest: serde_json::Value = serde_json::from_str(&text).expect("manifest JSON");
    manifest["schema"] = serde_json::json!(version);
    std::fs::write(&manifest_path, manifest.to_string()).expect("write manifest");
    let version_file = env.index_dir().join("clipdex-version.json");
    std::fs::write(version_file, format!("{{\"schema\":{version}}}")).expect("version file");
}

fn index_version(env: &Env) -> u64 {
    let text = std::fs::read_to_string(env.index_dir().join("clipdex-version.json"))
        .expect("version file");
    let version: serde_json::Value = serde_json::from_str(&text).expect("version JSON");
    version["schema"].as_u64().expect("schema number")
}

/// Version 8 stopped storing story signatures (version 7 gave every article a story):
/// indexes of version 7 and older have other fields, so they are rebuilt, not read. A
/// newer clipdex's index is refused with advice of its own.
#[test]
fn an_index_of_the_previous_version_asks_for_a_rebuild_and_a_newer_one_is_refused() {
    let env = many_files(3);
    env.index();
    let refused = |version: u32, said: &str| {
        set_index_version(&env, version);
        for args in [&["search", "harbour"][..], &["index", "corpus"][..]] {
            let run = env.run(args).expect_code(2);
            assert!(
                run.stderr.contains(said) && run.stderr.contains("clipdex index --rebuild DIR"),
                "{}",
                run.stderr
            );
        }
    };
    refused(
        7,
        "was made by another version of clipdex (index version 7, this one uses 8)",
    );
    // A newer clipdex's index is not to be rebuilt by this one without thinking.
    refused(
        99,
        "was made by a newer clipdex (index version 99; this one knows versions up to 8); use that clipdex",
    );
    env.run(&["index", "--rebuild", "corpus"]).expect_code(0);
    assert_eq!(index_version(&env), 8);
    assert_eq!(census(&env), Some((3, 3)));
}

#[test]
fn an_index_of_another_version_asks_for_a_rebuild_which_replaces_it_when_complete() {
    let env = many_files(30);
    env.index();
    // Make the index look as if an older clipdex had written it.
    set_index_version(&env, 1);
    // Older versions kept the version only in the manifest.
    std::fs::remove_file(env.index_dir().join("clipdex-version.json")).expect("version file");

    for args in [&["search", "harbour"][..], &["index", "corpus"][..]] {
        let run = env.run(args).expect_code(2);
        assert!(
            run.stderr
                .contains("was made by another version of clipdex (index version 1")
                && run.stderr.contains("clipdex index --rebuild DIR"),
            "{}",
            run.stderr
        );
    }
    let run = env
        .run(&["index", "--rebuild", "corpus", "--json"])
        .expect_code(0);
    assert_eq!(run.json()["articles"]["indexed"], 30);
    assert_eq!(census(&env), Some((30, 30)));
    let leftovers: Vec<_> = std::fs::read_dir(env.root())
        .expect("list")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("index."))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn a_killed_rebuild_leaves_the_old_index_as_it_was() {
    const FILES: usize = 1500;
    let env = many_files(FILES);
    env.index();
    let mut child = env
        .command(&["index", "--rebuild", "corpus", "--batch", "20"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start rebuild");
    let fresh = env.root().join("index.rebuilding");
    let started = Instant::now();
    while !fresh.join("clipdex-files.json").exists() && child.try_wait().expect("poll").is_none() {
        assert!(started.elapsed() < Duration::from_secs(60));
        sleep(Duration::from_millis(5));
    }
    let _ = child.kill();
    let _ = child.wait();
    // Whether the kill came before or after the swap, the index is whole.
    assert_eq!(census(&env), Some((FILES as u64, FILES)));
    env.run(&["index", "--rebuild", "corpus"]).expect_code(0);
    assert!(!fresh.exists());
    assert_eq!(census(&env), Some((FILES as u64, FILES)));
}

#[test]
fn articles_committed_but_missing_from_the_file_list_are_replaced_not_doubled() {
    // A run killed between a commit and the file list written after it: the index holds
    // articles of files the list does not name.
    let env = many_files(30);
    env.index();
    let list_path = env.index_dir().join("clipdex-files.json");
    let text = std::fs::read_to_string(&list_path).expect("file list");
    let mut list: serde_json::Value = serde_json::from_str(&text).expect("file list JSON");
    let files = list["files"].as_object_mut().expect("files");
    let dropped: Vec<String> = files.keys().take(10).cloned().collect();
    for key in &dropped {
        files.remove(key);
    }
    std::fs::write(&list_path, list.to_string()).expect("write file list");

    let report = env.index();
    assert_eq!(report["articles"]["indexed"], 10);
    assert_eq!(census(&env), Some((30, 30)));
}

#[test]
fn a_rebuild_refuses_what_is_not_an_index_and_deletes_nothing() {
    let env = many_files(3);
    // The user's own folder given as --index by mistake.
    let notes = env.write("../notes/thesis.txt", "the only draft\n");
    let run = env
        .run(&["--index", "notes", "index", "--rebuild", "corpus"])
        .expect_code(2);
    assert!(
        run.stderr.contains(
            "notes holds other files but no clipdex index; give --index a new or empty folder"
        ),
        "{}",
        run.stderr
    );
    assert_eq!(
        std::fs::read_to_string(&notes).ok().as_deref(),
        Some("the only draft\n")
    );
    // The clippings folder itself.
    let run = env
        .run(&["--index", "corpus", "index", "--rebuild", "corpus"])
        .expect_code(2);
    assert!(run.stderr.contains("holds other files"), "{}", run.stderr);
    assert_eq!(
        std::fs::read_dir(env.corpus()).map(|d| d.count()).ok(),
        Some(3)
    );
    // A file.
    let file = env.write("../ixfile", "data\n");
    let run = env
        .run(&["--index", "ixfile", "index", "--rebuild", "corpus"])
        .expect_code(2);
    assert!(
        run.stderr.contains("ixfile is a file, not an index folder"),
        "{}",
        run.stderr
    );
    assert_eq!(
        std::fs::read_to_string(&file).ok().as_deref(),
        Some("data\n")
    );
    // A folder of the user's with the name the rebuild would give its new index.
    env.index();
    let kept = env.write("../index.rebuilding/keep.txt", "mine\n");
    let run = env.run(&["index", "--rebuild", "corpus"]).expect_code(2);
    assert!(
        run.stderr
            .contains("index.rebuilding is in the way of the rebuild and is not a clipdex index"),
        "{}",
        run.stderr
    );
    assert!(kept.exists());
    assert_eq!(census(&env), Some((3, 3)));
}

#[test]
fn a_rebuild_is_refused_while_another_run_holds_the_index() {
    let env = many_files(3);
    env.index();
    // The lock every `clipdex index` run takes, held here as a running one would.
    let lock = std::fs::File::create(env.index_dir().join(".tantivy-writer.lock"))
        .expect("create the lock file");
    lock.try_lock().expect("take the lock");
    for args in [
        &["index", "corpus"][..],
        &["index", "--rebuild", "corpus"][..],
    ] {
        let run = env.run(args).expect_code(2);
        assert!(
            run.stderr
                .contains("is in use by another clipdex run that writes to it"),
            "{args:?}: {}",
            run.stderr
        );
    }
    assert!(!env.root().join("index.rebuilding").exists());
    drop(lock);
    env.run(&["index", "--rebuild", "corpus"]).expect_code(0);
    assert_eq!(census(&env), Some((3, 3)));
}

#[test]
fn ctrl_c_during_a_rebuild_says_the_old_index_is_kept() {
    const FILES: usize = 3000;
    let env = many_files(FILES);
    env.write("../small/one.txt", "One note\n\nThe harbour board met.\n");
    env.run(&["index", "small"]).expect_code(0);
    let child = env
        .command(&["index", "--rebuild", "corpus", "--batch", "25"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start rebuild");
    let fresh = env.root().join("index.rebuilding");
    wait_for_first_commit_in(&fresh);
    let (code, stdout) = interrupt(child);
    if code == Some(0) {
        // The rebuild won the race and finished first.
        assert_eq!(census(&env), Some((FILES as u64, FILES)));
        return;
    }
    assert_eq!(code, Some(130), "{stdout}");
    assert!(
        stdout.contains(
            "interrupted: the rebuild was abandoned and the index is as it was before it"
        ),
        "{stdout}"
    );
    assert!(!fresh.exists());
    assert_eq!(census(&env), Some((1, 1)));
}
