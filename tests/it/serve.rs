//! `clipdex serve`: the real binary on a free port, its JSON API against the command
//! line's `--json`, its errors, limits and headers, and new commits picked up live.

use crate::common::server::{served_corpus, Server};
use crate::common::*;
use serde_json::Value;

fn titles_of(value: &Value, list: &str) -> Vec<String> {
    value[list]
        .as_array()
        .map(|items| {
            items
                .iter()
                .map(|h| h["title"].as_str().unwrap_or_default().to_string())
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn search_answers_what_the_command_line_answers_plus_months() {
    let env = served_corpus();
    let server = Server::start(&env);
    let reply = server.get("/api/search?q=harbour&limit=20");
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(
        reply.header("content-type"),
        Some("application/json; charset=utf-8")
    );
    let mut api = reply.json();
    let months = api
        .as_object_mut()
        .and_then(|o| o.remove("months"))
        .expect("months");
    let (_, cli) = env.search(&["harbour", "--limit", "20"]);
    assert_eq!(api, cli);
    // One line per request on stderr: method, path and query, status, time taken.
    let line = server
        .log_line("/api/search?q=harbour&limit=20")
        .expect("a log line for the request");
    assert!(
        line.contains(" INFO ") && line.contains("GET /api/search?q=harbour&limit=20 200 "),
        "{line}"
    );
    assert_eq!(api["total"], 4);
    assert_eq!(
        months,
        serde_json::json!([
            {"period": "2021-03", "articles": 1}, {"period": "2021-05", "articles": 1},
            {"period": "2022-01", "articles": 1}, {"period": "2022-02", "articles": 1}
        ])
    );
}

#[test]
fn filters_sorting_and_paging_come_from_the_url() {
    let env = served_corpus();
    let server = Server::start(&env);
    let get = |path: &str| {
        let reply = server.get(path);
        assert_eq!(reply.status, 200, "{path}: {}", reply.body);
        reply.json()
    };
    let labour = get("/api/search?q=harbour&tag=labour");
    assert_eq!(titles_of(&labour, "hits"), vec!["Harbour strike ends"]);
    let ana = get("/api/search?q=harbour&speaker=Ana%20Petrova&sort=date");
    assert_eq!(
        titles_of(&ana, "hits"),
        vec!["Harbour cranes arrive", "Harbour fees rise at Vostrava"]
    );
    let both = get("/api/search?speaker=Ana+Petrova&speaker=Tomas+Berg");
    assert_eq!(titles_of(&both, "hits"), vec!["Harbour cranes arrive"]);
    let dated = get("/api/search?q=harbour&since=2021-05-10&until=2022-01-15&sort=date");
    assert_eq!(
        titles_of(&dated, "hits"),
        vec!["Harbour cranes arrive", "Harbour strike ends"]
    );
    let page = get("/api/search?q=harbour&sort=date&limit=1&offset=1");
    assert_eq!(titles_of(&page, "hits"), vec!["Harbour cranes arrive"]);
    assert_eq!(page["total"], 4);
}

#[test]
fn people_quotes_articles_and_stats() {
    let env = served_corpus();
    let server = Server::start(&env);
    let speakers = server.get("/api/speakers").json();
    let counts: Vec<(String, u64)> = speakers["people"]
        .as_array()
        .expect("people")
        .iter()
        .map(|p| {
            (
                p["name"].as_str().unwrap_or_default().to_string(),
                p["articles"].as_u64().unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        counts[..2],
        [
            ("Ana Petrova".to_string(), 2),
            ("Tomas Berg".to_string(), 2)
        ]
    );

    let quotes = server.get("/api/quotes?name=Petrova").json();
    assert_eq!(
        titles_of(&quotes, "articles"),
        vec!["Harbour cranes arrive", "Harbour fees rise at Vostrava"]
    );
    assert_eq!(
        quotes["articles"][1]["quotes"][0]["text"],
        "We cannot absorb this,"
    );

    // The whole article by its uid, with each quote's byte range in the body.
    let uid = quotes["articles"][1]["uid"]
        .as_str()
        .expect("uid")
        .to_string();
    assert_eq!(uid.len(), 16);
    let article = server.get(&format!("/api/articles/{uid}"));
    assert_eq!(article.status, 200, "{}", article.body);
    let article = article.json();
    assert_eq!(article["title"], "Harbour fees rise at Vostrava");
    assert_eq!(article["tags"], serde_json::json!(["shipping", "Vostrava"]));
    let body = article["body"].as_str().expect("body");
    let quote = &article["speakers"][0]["quotes"][0];
    let (start, end) = (
        quote["start"].as_u64().expect("start") as usize,
        quote["end"].as_u64().expect("end") as usize,
    );
    assert_eq!(&body[start..end], quote["text"].as_str().expect("text"));

    let stats = server.get("/api/stats").json();
    assert_eq!(stats["articles"], 5);
    assert_eq!(stats["speakers"], 4);
    assert_eq!(stats["location"], "the server's index folder");
    let health = server.get("/healthz");
    assert_eq!(health.status, 200);
    assert_eq!(health.json()["index"], "ready");
}

/// One answer, two front-ends: a name that fits one person, nobody, or (without
/// `all`) one of several, answered by the API exactly as `quotes --json` prints it.
#[test]
fn quotes_answers_what_the_command_line_answers() {
    let env = served_corpus();
    let server = Server::start(&env);
    for (url, args, code) in [
        ("/api/quotes?name=Petrova", vec!["Petrova"], 0),
        ("/api/quotes?name=Nobody+Known", vec!["Nobody Known"], 1),
    ] {
        let reply = server.get(url);
        assert_eq!(reply.status, 200, "{url}: {}", reply.body);
        let mut cli_args = vec!["quotes", "--json"];
        cli_args.extend(args);
        let cli = env.run(&cli_args).expect_code(code).json();
        assert_eq!(reply.json(), cli, "{url}");
    }
    let nobody = server.get("/api/quotes?name=Nobody+Known").json();
    assert_eq!(nobody["total"], 0);
    assert_eq!(
        nobody["warnings"],
        serde_json::json!([
            "nobody called \"Nobody Known\" is quoted in the index; `clipdex speakers` lists who is"
        ])
    );
}

#[test]
fn bad_requests_get_a_json_error_with_a_fitting_status() {
    let env = served_corpus();
    let server = Server::start(&env);
    let long = "harbour+".repeat(200);
    for (path, status, says) in [
        (
            "/api/search?q=harbour&limit=101",
            400,
            "limit must be a whole number from 1 to 100",
        ),
        (
            "/api/search?q=harbour&limit=0",
            400,
            "limit must be a whole number from 1 to 100",
        ),
        ("/api/search?q=harbour&limit=ten", 400, "not \"ten\""),
        (
            "/api/search?q=harbour&sort=size",
            400,
            "sort must be relevance or date",
        ),
        (
            "/api/search?q=harbour&colour=red",
            400,
            "unknown parameter \"colour\"",
        ),
        (
            "/api/search?q=harbour&since=yesterday-ish",
            400,
            "since \"yesterday-ish\": not a date",
        ),
        (
            "/api/search?since=2022-01-01&until=2021-01-01",
            400,
            "since is after until",
        ),
        ("/api/search?q=!!!", 400, "has no words to search for"),
        (
            &format!("/api/search?q={long}"),
            400,
            "longer than 1000 characters",
        ),
        ("/api/quotes", 400, "name is required"),
        (
            "/api/articles/0000000000000000",
            404,
            "no article 0000000000000000",
        ),
        (
            "/api/articles/..%2F..%2Fetc%2Fpasswd",
            404,
            "ids are 16 hexadecimal digits",
        ),
        ("/api/nothing", 404, "no such page"),
        (
            "/api/search?q=gas&q=oil",
            400,
            "q is given 2 times; give it once",
        ),
        (
            "/api/search?since=2020-01-01&since=2021-01-01",
            400,
            "since is given 2 times",
        ),
        (
            "/api/quotes?name=Lars+Brekke&all=yes",
            400,
            "all must be 1 or 0 (or true or false), not \"yes\"",
        ),
        ("/api/stats?verbose=1", 400, "this endpoint takes none"),
        (
            &format!("/api/quotes?name={long}"),
            400,
            "name is longer than 1000 characters",
        ),
        (
            &format!("/api/search?q={}harbour", "(".repeat(40)),
            400,
            "nests parentheses more than 32 deep",
        ),
    ] {
        let reply = server.get(path);
        assert_eq!(reply.status, status, "{path}: {}", reply.body);
        let error = reply.json()["error"]
            .as_str()
            .unwrap_or_default()
            .to_string();
        assert!(error.contains(says), "{path}: {error}");
    }
    let reply = server.request("POST", "/api/search?q=harbour");
    assert_eq!(reply.status, 405, "{}", reply.body);
    assert_eq!(
        reply.json()["error"],
        "only GET (and HEAD) requests are answered here"
    );
    // A query problem that lenient parsing skips is a warning, not an error.
    let reply = server.get("/api/search?q=%22harbour");
    assert_eq!(reply.status, 200);
    assert_eq!(reply.json()["total"], 4);
}

#[test]
fn every_answer_forbids_inline_script_and_the_page_is_built_in() {
    let env = served_corpus();
    let server = Server::start(&env);
    for path in [
        "/",
        "/app.js",
        "/style.css",
        "/api/search?q=harbour",
        "/nope",
    ] {
        let reply = server.get(path);
        let csp = reply.header("content-security-policy").unwrap_or_default();
        assert!(
            csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"),
            "{path}: {csp}"
        );
        assert_eq!(reply.header("x-content-type-options"), Some("nosniff"));
    }
    let page = server.get("/");
    assert_eq!(page.status, 200);
    assert_eq!(
        page.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    assert!(page
        .body
        .contains("<script type=\"module\" src=\"/app.js\"></script>"));
    assert!(!page.body.contains("http://") && !page.body.contains("https://"));
    // Article text reaches the page as JSON data, never as markup.
    let hostile = server.get("/api/search?q=night+market").json();
    assert_eq!(
        hostile["hits"][0]["title"],
        "<script>window.__pwned=1</script> Harbour night market"
    );
}

#[test]
fn a_server_started_before_the_index_answers_503_then_picks_up_commits() {
    let env = Env::new();
    let server = Server::start(&env);
    let reply = server.get("/api/search?q=harbour");
    assert_eq!(reply.status, 503, "{}", reply.body);
    let error = reply.json()["error"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert!(
        error.contains("no index at the server's index folder"),
        "{error}"
    );
    // Answers do not say where the server's files are, and it created nothing.
    assert!(
        !error.contains(&env.root().display().to_string()),
        "{error}"
    );
    assert!(!env.index_dir().exists());
    let health = server.get("/healthz");
    assert_eq!(health.status, 200);
    assert!(health.json()["index"]
        .as_str()
        .unwrap_or_default()
        .contains("no index at"));

    env.write(
        "one.txt",
        "Title: Harbour opens\nDate: 2021-01-01\n\nThe harbour opened.\n",
    );
    env.index();
    assert_eq!(server.get("/api/search?q=harbour").json()["total"], 1);

    // A later `clipdex index` run: the running server sees its commit.
    env.write(
        "two.txt",
        "Title: Harbour grows\nDate: 2021-02-01\n\nThe harbour grew.\n",
    );
    env.index();
    let reply = server.get("/api/search?q=harbour&sort=date");
    assert_eq!(
        titles_of(&reply.json(), "hits"),
        vec!["Harbour grows", "Harbour opens"]
    );
}

#[test]
fn serving_changes_nothing_in_the_index_folder() {
    let env = served_corpus();
    let listing = |env: &Env| {
        let mut files: Vec<(String, u64, Option<std::time::SystemTime>)> =
            std::fs::read_dir(env.index_dir())
                .expect("index folder")
                .filter_map(Result::ok)
                .map(|e| {
                    let meta = e.metadata().expect("metadata");
                    (
                        e.file_name().to_string_lossy().into_owned(),
                        meta.len(),
                        meta.modified().ok(),
                    )
                })
                .collect();
        files.sort();
        files
    };
    let before = listing(&env);
    let server = Server::start(&env);
    for path in [
        "/api/search?q=harbour",
        "/api/speakers",
        "/api/quotes?name=Ana+Petrova",
        "/api/stats",
        "/healthz",
    ] {
        assert_eq!(server.get(path).status, 200, "{path}");
    }
    let uid = server.get("/api/search?q=cranes").json()["hits"][0]["uid"]
        .as_str()
        .expect("uid")
        .to_ascii_uppercase();
    // Ids are read without regard to case.
    assert_eq!(server.get(&format!("/api/articles/{uid}")).status, 200);
    drop(server);
    assert_eq!(listing(&env), before);
}
