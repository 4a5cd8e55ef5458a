//! `clipdex watch`: the folder indexed, then kept current as files come, change, move and
//! go, a pass at a time; the index held against other writers; Ctrl-C ends it cleanly.

use std::io::{BufRead, BufReader};
use std::process::{Child, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::Duration;

use serde_json::Value;

use crate::common::Env;

/// A running `clipdex watch corpus --json` and the passes it reports.
struct Watch {
    child: Child,
    passes: Receiver<Value>,
}

impl Watch {
    fn start(env: &Env) -> Watch {
        let mut child = env
            .command(&["watch", "corpus", "--json"])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start clipdex watch");
        let stdout = child.stdout.take().expect("stdout");
        let (sender, passes) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                let pass = serde_json::from_str(&line).expect("a JSON line a pass");
                if sender.send(pass).is_err() {
                    break;
                }
            }
        });
        Watch { child, passes }
    }

    /// The next pass's report (waiting up to a minute).
    fn next(&self) -> Value {
        self.passes
            .recv_timeout(Duration::from_secs(60))
            .expect("a pass within a minute")
    }

    /// Waits for passes until they add up to `want` articles new, updated and removed
    /// (a quiet moment may split the changes over several); returns the files read.
    fn until(&self, want: [u64; 3]) -> u64 {
        let (mut seen, mut read) = ([0, 0, 0], 0);
        while seen != want {
            let pass = self.next();
            for (total, n) in seen.iter_mut().zip(counts(&pass)) {
                *total += n;
            }
            read += pass["files_read"].as_u64().unwrap_or(0);
            assert!(
                seen.iter().zip(want).all(|(s, w)| *s <= w),
                "{seen:?}: {pass}"
            );
        }
        read
    }

    /// Ctrl-C: the exit code and what it said on stderr.
    fn stop(self) -> (Option<i32>, String) {
        let status = std::process::Command::new("kill")
            .args(["-INT", &self.child.id().to_string()])
            .status()
            .expect("send SIGINT");
        assert!(status.success());
        let out = self.child.wait_with_output().expect("wait for clipdex");
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    }
}

fn article(title: &str, words: &str) -> String {
    format!(
        "Title: {title}\nDate: 2024-05-01\n\nThe harbour {words} today, the port office said.\n"
    )
}

fn counts(pass: &Value) -> [u64; 3] {
    let a = &pass["articles"];
    ["indexed", "updated", "removed"].map(|k| a[k].as_u64().unwrap_or(u64::MAX))
}

fn paths(env: &Env) -> Vec<String> {
    let (_, found) = env.search(&["harbour", "--sort", "date", "--copies"]);
    let mut paths: Vec<String> = found["hits"]
        .as_array()
        .expect("hits")
        .iter()
        .filter_map(|h| h["path"].as_str())
        .map(|p| p.rsplit("corpus/").next().unwrap_or(p).to_string())
        .collect();
    paths.sort();
    paths
}

#[test]
fn watch_keeps_the_index_current_and_stops_on_ctrl_c() {
    let env = Env::new();
    env.write("a.txt", article("Opening", "opened"));
    let watch = Watch::start(&env);
    let first = watch.next();
    assert_eq!(counts(&first), [1, 0, 0]);

    env.write("b.txt", article("Closing", "closed"));
    env.write("new/c.txt", article("Moving", "moved"));
    let read = watch.until([2, 0, 0]);
    assert_eq!(read, 2, "the unchanged file is not read again");
    assert_eq!(paths(&env), ["a.txt", "b.txt", "new/c.txt"]);

    // A change, a removal and a folder moved, in one quiet moment.
    env.write("b.txt", article("Closing early", "closed early"));
    std::fs::remove_file(env.corpus().join("a.txt")).expect("remove");
    std::fs::rename(env.corpus().join("new"), env.corpus().join("old")).expect("move");
    watch.until([1, 1, 2]);
    assert_eq!(paths(&env), ["b.txt", "old/c.txt"]);

    // While it runs, nothing else writes to the index.
    let run = env.run(&["index", "corpus"]).expect_code(2);
    assert!(
        run.stderr.contains("in use by another clipdex run"),
        "{}",
        run.stderr
    );
    let run = env.run(&["watch", "corpus"]).expect_code(2);
    assert!(
        run.stderr.contains("in use by another clipdex run"),
        "{}",
        run.stderr
    );

    let (code, stderr) = watch.stop();
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        stderr.contains("stopped watching; the index is committed"),
        "{stderr}"
    );
    // The index is free again, and current.
    let done = env
        .run(&["index", "corpus", "--json"])
        .expect_code(0)
        .json();
    assert_eq!(done["files_read"], 0, "{done}");
}

#[test]
fn watch_skips_what_a_walk_passes_over_and_reports_bad_files() {
    let env = Env::new();
    env.write("a.txt", article("Opening", "opened"));
    let watch = Watch::start(&env);
    watch.next();
    env.write(".drafts/x.txt", article("Draft", "drafted"));
    env.write("notes.docx", "not a clipping");
    env.write("feed.jsonl", "{\"title\": \"Broken\"\n");
    env.write("c.txt", article("Third", "grew"));
    let mut read = 0;
    let mut skipped: Vec<String> = Vec::new();
    while read < 1 || skipped.len() < 2 {
        let pass = watch.next();
        read += pass["files_read"].as_u64().unwrap_or(0);
        for problem in pass["skipped"].as_array().into_iter().flatten() {
            let path = problem["path"].as_str().unwrap_or("");
            skipped.push(path.rsplit('/').next().unwrap_or(path).to_string());
        }
    }
    skipped.sort();
    assert_eq!(skipped, ["feed.jsonl", "notes.docx"]);
    assert_eq!(paths(&env), ["a.txt", "c.txt"]);
    let (code, _) = watch.stop();
    assert_eq!(code, Some(0));
}
