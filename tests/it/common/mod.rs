//! Runs the real `clipdex` binary against temp folders, with a private index each.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

pub mod server;

pub struct Env {
    pub dir: tempfile::TempDir,
}

/// What a run printed and how it ended.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|err| {
            panic!(
                "stdout is not one JSON value ({err}):\n{}\nstderr:\n{}",
                self.stdout, self.stderr
            )
        })
    }

    /// Asserts the exit code, showing the output when it differs.
    pub fn expect_code(self, code: i32) -> Run {
        assert_eq!(
            self.code, code,
            "expected exit {code}, got {}\nstdout:\n{}\nstderr:\n{}",
            self.code, self.stdout, self.stderr
        );
        self
    }
}

impl From<Output> for Run {
    fn from(out: Output) -> Run {
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }
}

impl Env {
    pub fn new() -> Env {
        Env {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn corpus(&self) -> PathBuf {
        self.root().join("corpus")
    }

    pub fn index_dir(&self) -> PathBuf {
        self.root().join("index")
    }

    /// Writes a file under the corpus folder.
    pub fn write(&self, rel: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.corpus().join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("mkdir");
        }
        std::fs::write(&path, contents).expect("write fixture");
        path
    }

    pub fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_clipdex"));
        cmd.current_dir(self.root())
            .env("CLIPDEX_INDEX", self.index_dir())
            .env_remove("NO_COLOR")
            .args(args);
        cmd
    }

    pub fn run(&self, args: &[&str]) -> Run {
        self.command(args).output().expect("run clipdex").into()
    }

    /// `clipdex index corpus --json`, expecting success.
    pub fn index(&self) -> Value {
        self.run(&["index", "corpus", "--json"])
            .expect_code(0)
            .json()
    }

    /// `clipdex search ARGS --json`.
    pub fn search(&self, args: &[&str]) -> (i32, Value) {
        let mut all = vec!["search", "--json"];
        all.extend_from_slice(args);
        let run = self.run(&all);
        let code = run.code;
        (code, run.json())
    }
}

/// Titles of the hits, in order.
pub fn titles(results: &Value) -> Vec<String> {
    results["hits"]
        .as_array()
        .map(|hits| {
            hits.iter()
                .map(|h| h["title"].as_str().unwrap_or_default().to_string())
                .collect()
        })
        .unwrap_or_default()
}

/// `(value, count)` pairs of a facet.
pub fn facet(results: &Value, name: &str) -> Vec<(String, u64)> {
    results["facets"][name]
        .as_array()
        .map(|items| {
            items
                .iter()
                .map(|i| {
                    (
                        i["value"].as_str().unwrap_or_default().to_string(),
                        i["count"].as_u64().unwrap_or_default(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

pub const HEADER_HARBOUR: &str = "\
Title: Harbour fees rise at Vostrava
Date: 2021-03-14
Tags: shipping, Vostrava, fees
Source: Nordvik Post
Author: Ola Vik

The port of Vostrava will raise its harbour fees by eight per cent from June, the port board said on Friday.

Shipping firms said the increase would be passed on to importers within weeks.
";

pub const SCRAPED_STRIKE: &str = "\
Dock strike ends after nine days
11:14 GMT14 August 2020
Listen Live
    Get short URL

    Dock workers in Vostrava returned to work on Friday after a nine-day strike over pay.

    \"We have a deal that protects jobs,\" union leader Mira Holm said.

    Never miss a story again — sign up to our Telegram channel and we'll keep you up to speed!


    Glacier Tours Suspended Amid Fog Warnings
    Orchestra Unveils Winter Programme
    strikes, Vostrava, shipping
    Community standardsDiscussion";

pub const SCRAPED_UNTITLED: &str = "\
09:05 GMT 3 March 2022
Listen Live
    Get short URL

    Zürich bankers expect interest rates to stay high through the summer.

    Analysts said inflation in the eurozone remained stubborn.

    interest rates, banking, Zurich
    Community standardsDiscussion";

pub const PLAIN_COFFEE: &str = "\
Coffee prices hit record

Coffee prices reached a record on Monday as frost damaged crops in the highlands.
";

pub const JSONL_WIRE: &str = r#"{"title": "Cod quota cut by a fifth", "date": "2019-04-12", "text": "Nordvik cut its cod quota by a fifth on Friday. Fisheries minister Lars Brekke said stocks needed time. \"We have no choice,\" said Dr Marta Kowalczyk.", "tags": "fisheries, Nordvik", "speakers": ["Lars Brekke", "Dr Marta Kowalczyk"]}
{"title": "Gas prices climb again", "published_at": "2023-11-02T08:30:00Z", "content": "Household gas prices climbed again in November. Marta Kowalczyk said bills would stay high until spring.", "keywords": ["energy", "gas prices"], "speakers": [{"name": "Marta Kowalczyk"}]}
"#;
