//! The search page in headless Chromium against the real server: typing, highlighted
//! hits, a speaker facet that narrows the list, Back, the article view, the URL as state,
//! the speaker view, copies of one story folded under one hit, phone width, and a hostile
//! article that must show as text.
//! The steps are in `tests/browser/page.mjs` (Playwright driving Debian's Chromium).
//!
//! Needs node, `npm ci --prefix tests/browser` and /usr/bin/chromium (`.ci/run` installs
//! them). Without them the test says so and passes, unless CLIPDEX_BROWSER_TEST=require.

use std::path::Path;
use std::process::Command;

use crate::common::server::{served_corpus, Server};

fn missing_tools(root: &Path) -> Vec<&'static str> {
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    let mut missing = Vec::new();
    if Command::new("node").arg("--version").output().is_err() {
        missing.push("node");
    }
    if !root
        .join("tests/browser/node_modules/playwright-core")
        .is_dir()
    {
        missing.push("playwright-core (npm ci --prefix tests/browser)");
    }
    if !Path::new(&chromium).exists() {
        missing.push("chromium (apt-get install chromium)");
    }
    missing
}

#[test]
fn the_page_searches_filters_and_shows_hostile_text_as_text() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let missing = missing_tools(root);
    if !missing.is_empty() {
        let required = std::env::var("CLIPDEX_BROWSER_TEST").is_ok_and(|v| v == "require");
        assert!(!required, "browser test tools missing: {missing:?}");
        eprintln!("SKIPPED the browser test: missing {missing:?}");
        return;
    }
    let env = served_corpus();
    // Another outlet's copy of E, a day later: the page lists the story once.
    env.write(
        "f-coffee-copy.txt",
        "Title: Coffee prices hit record\nDate: 2020-07-02\nSource: Valley Courier\n\n\
         Coffee prices rose to a record on Wednesday after frost damaged crops in the \
         highlands.\n\n\"Roasters are buying whatever they can find,\" said Marek Novak, a \
         commodities broker.\n",
    );
    env.index();
    let server = Server::start(&env);
    let shot = env.root().join("page.png");
    let out = Command::new("node")
        .arg(root.join("tests/browser/page.mjs"))
        .arg(format!("http://{}", server.addr))
        .arg(&shot)
        .output()
        .expect("run node");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stdout}\n{stderr}");
    assert!(stdout.contains("12 passed, 0 failed"), "{stdout}");
    assert!(shot.is_file());
}
