//! Copies of one story: grouped at index time, listed once by `search`, all by `copies`,
//! with story ids that stay put as files come, change and go.

use serde_json::Value;

use crate::common::Env;

const LEAD: &str = "The Kestvik harbour board voted on Tuesday to double mooring fees for visiting yachts from next April, saying the money would pay for dredging the silted western basin.";
const SECOND: &str = "Board chair Ilse Varga-Holm said the harbour had lost three berths to silt in two winters and could not wait for a grant from the regional fund that might never come.";
const THIRD: &str = "Fishing crews, who keep their boats in the eastern basin, will pay the old rate until the dredging is finished, under an amendment passed by five votes to two.";
const FOURTH: &str = "The yacht club called the rise a tax on visitors and said some owners had already booked moorings across the fjord in Brennoy for the coming summer season.";

const FOLLOW_UP: &str = "Dredgers began work in the western basin of Kestvik harbour on Monday, a week after the board voted to double mooring fees for visiting yachts.\n\nThe first barge of mud left for farms behind the dunes at dawn, and the contractor said the work would take eleven weeks if the weather held.";

/// The wire story as the first outlet ran it: header text, whole.
fn original() -> String {
    format!(
        "Title: Kestvik harbour board doubles mooring fees\nDate: 2026-03-03\nSource: Coastal Wire\n\n{LEAD}\n\n{SECOND}\n\n{THIRD}\n\n{FOURTH}\n"
    )
}

/// Another outlet's copy: new headline, a dateline, cut after two paragraphs, boilerplate.
fn cut_copy() -> String {
    format!(
        "Yachts to pay double in Kestvik\n\nAdvertisement\n\nKESTVIK, March 3 (Fjord Gazette) - {LEAD}\n\n{SECOND}\n\nShare this article\n"
    )
}

/// A feed whose second line is a copy a day later, a word changed.
fn feed() -> String {
    let copy = serde_json::json!({
        "headline": "Mooring fees to double",
        "published": "2026-03-04",
        "source": "Harbour Daily",
        "text": format!("{}\n\n{SECOND}\n\n{THIRD}", LEAD.replace("saying", "and said")),
    });
    let other = serde_json::json!({
        "headline": "Dredging starts in Kestvik",
        "published": "2026-03-10",
        "source": "Harbour Daily",
        "text": FOLLOW_UP,
    });
    format!("{other}\n{copy}\n")
}

fn corpus() -> Env {
    let env = Env::new();
    env.write("wire/fees.txt", original());
    env.write("gazette/yachts.txt", cut_copy());
    env.write("feeds/harbour.jsonl", feed());
    env.index();
    env
}

fn keys(value: &Value) -> Vec<String> {
    let mut keys: Vec<String> = value
        .as_object()
        .map(|o| o.keys().cloned().collect())
        .unwrap_or_default();
    keys.sort();
    keys
}

#[test]
fn search_lists_a_story_once_with_where_its_copies_ran() {
    let env = corpus();
    let (code, results) = env.search(&["mooring", "fees"]);
    assert_eq!(code, 0);
    assert_eq!(results["total"], 4, "articles");
    assert_eq!(results["stories"], 2);
    let hits = results["hits"].as_array().expect("hits");
    assert_eq!(hits.len(), 2, "one hit per story");
    let (story, single): (Vec<&Value>, Vec<&Value>) = hits
        .iter()
        .partition(|h| h["copies"].as_array().is_some_and(|c| !c.is_empty()));
    assert_eq!((story.len(), single.len()), (1, 1));
    assert!(single[0]["title"]
        .as_str()
        .is_some_and(|t| t.starts_with("Dredging")));
    let (hit, copies) = (story[0], story[0]["copies"].as_array().expect("copies"));
    assert_eq!(copies.len(), 2);
    assert_eq!(
        keys(&copies[0]),
        ["date", "part", "path", "source", "title", "uid"]
    );
    let mut paths: Vec<&str> = copies.iter().filter_map(|c| c["path"].as_str()).collect();
    paths.extend(hit["path"].as_str());
    paths.sort();
    let root = env.corpus().display().to_string();
    assert_eq!(
        paths,
        ["feeds/harbour.jsonl", "gazette/yachts.txt", "wire/fees.txt"]
            .map(|p| format!("{root}/{p}"))
    );
    let from_feed = copies
        .iter()
        .chain([hit])
        .find(|c| c["path"].as_str().is_some_and(|p| p.ends_with(".jsonl")))
        .expect("the feed's copy");
    if from_feed != hit {
        assert_eq!(from_feed["part"], 2);
        assert_eq!(from_feed["source"], "Harbour Daily");
        assert_eq!(from_feed["date"], "2026-03-04T00:00:00Z");
    }
    let uids: Vec<&Value> = copies
        .iter()
        .map(|c| &c["uid"])
        .chain([&hit["uid"]])
        .collect();
    assert!(
        uids.contains(&&hit["story"]),
        "a story is named by one of its articles"
    );

    let (_, every) = env.search(&["mooring", "fees", "--copies"]);
    assert_eq!(every["hits"].as_array().map(Vec::len), Some(4));
    assert_eq!(every["stories"], 2);

    let text = env
        .run(&["search", "mooring", "fees"])
        .expect_code(0)
        .stdout;
    assert!(text.contains("   also in 2 copies:\n     "), "{text}");
    assert!(
        text.contains("2 stories (4 articles), showing 1-2, best match first"),
        "{text}"
    );
}

#[test]
fn copies_prints_one_story_a_line_largest_first() {
    let env = corpus();
    let run = env.run(&["copies", "--json"]).expect_code(0);
    let lines: Vec<Value> = run
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect();
    assert_eq!(lines.len(), 1, "only the story that ran more than once");
    assert_eq!(keys(&lines[0]), ["articles", "story"]);
    let articles = lines[0]["articles"].as_array().expect("articles");
    let paths: Vec<&str> = articles.iter().filter_map(|a| a["path"].as_str()).collect();
    assert_eq!(paths.len(), 3);
    assert!(paths[0].ends_with("wire/fees.txt"), "{paths:?}");
    assert!(paths[1].ends_with("feeds/harbour.jsonl"), "{paths:?}");
    assert!(paths[2].ends_with("gazette/yachts.txt"), "{paths:?}");
    let uids: Vec<&Value> = articles.iter().map(|a| &a["uid"]).collect();
    assert!(uids.contains(&&lines[0]["story"]));
    assert_eq!(articles[1]["part"], 2, "the feed's second line");
    assert_eq!(articles[2]["part"], 1);

    let all = env
        .run(&["copies", "--all", "--json"])
        .expect_code(0)
        .stdout;
    let sizes: Vec<usize> = all
        .lines()
        .map(|l| {
            serde_json::from_str::<Value>(l).expect("JSON")["articles"]
                .as_array()
                .map_or(0, Vec::len)
        })
        .collect();
    assert_eq!(sizes, [3, 1]);

    let stats = env.run(&["stats", "--json"]).expect_code(0).json();
    assert_eq!(
        (stats["articles"].as_u64(), stats["stories"].as_u64()),
        (Some(4), Some(2))
    );
    let text = env.run(&["stats"]).expect_code(0).stdout;
    assert!(
        text.contains("stories:   2 (copies of one story count once)"),
        "{text}"
    );

    let none = env.run(&["copies", "dredgers"]).expect_code(1).stdout;
    assert_eq!(
        none,
        "0 stories that ran more than once (0 articles), 0 shown, largest first\n"
    );
}

/// The story id of the article whose id (path, `#N` for a feed's line) ends with `file`,
/// by `search --copies --json`.
fn story_of(env: &Env, file: &str) -> String {
    let (_, results) = env.search(&["--copies", "--limit", "50"]);
    results["hits"]
        .as_array()
        .and_then(|hits| {
            hits.iter()
                .find(|h| h["id"].as_str().is_some_and(|p| p.ends_with(file)))
        })
        .and_then(|h| h["story"].as_str())
        .unwrap_or_else(|| panic!("{file} not found"))
        .to_string()
}

#[test]
fn a_story_keeps_its_id_as_copies_come_change_and_go() {
    let env = Env::new();
    env.write("wire/fees.txt", original());
    env.index();
    let story = story_of(&env, "wire/fees.txt");

    env.write("gazette/yachts.txt", cut_copy());
    env.index();
    assert_eq!(
        story_of(&env, "gazette/yachts.txt"),
        story,
        "a new copy joins"
    );

    env.write("wire/fees.txt", original().replace("Tuesday", "Monday"));
    env.index();
    assert_eq!(
        story_of(&env, "wire/fees.txt"),
        story,
        "a changed file keeps its story"
    );

    std::fs::remove_file(env.corpus().join("wire/fees.txt")).expect("remove");
    env.index();
    assert_eq!(
        story_of(&env, "gazette/yachts.txt"),
        story,
        "the first copy gone"
    );
    env.write("feeds/harbour.jsonl", feed());
    env.index();
    let copy = story_of(&env, "feeds/harbour.jsonl#2");
    assert_eq!(copy, story, "found through the copy left");
    let follow_up = story_of(&env, "feeds/harbour.jsonl#1");
    assert_ne!(follow_up, story, "the follow-up is a story of its own");
}

#[test]
fn quotes_and_speakers_count_a_story_once_and_list_its_copies() {
    let env = corpus();
    let quotes = env
        .run(&["quotes", "Ilse Varga-Holm", "--json"])
        .expect_code(0)
        .json();
    assert_eq!(quotes["total"], 3, "articles quoting her");
    assert_eq!(quotes["stories"], 1);
    let listed = quotes["articles"].as_array().expect("articles");
    assert_eq!(listed.len(), 1, "the story once");
    assert_eq!(
        listed[0]["date"], "2026-03-03T00:00:00Z",
        "its earliest copy"
    );
    assert_eq!(listed[0]["copy_count"], 2);
    assert_eq!(listed[0]["copies"].as_array().map(Vec::len), Some(2));
    assert_eq!(
        quotes["timeline"],
        serde_json::json!([{"period": "2026-03", "articles": 1}])
    );

    let every = env
        .run(&["quotes", "Ilse Varga-Holm", "--copies", "--json"])
        .expect_code(0)
        .json();
    assert_eq!(every["articles"].as_array().map(Vec::len), Some(3));
    assert_eq!(
        every["timeline"][0]["articles"], 2,
        "the gazette's copy is undated"
    );
    let bars = env
        .run(&["quotes", "Varga-Holm", "--copies", "--timeline"])
        .expect_code(0)
        .stdout;
    assert!(
        bars.ends_with("Ilse Varga-Holm: 3 articles by month (1 undated)\n"),
        "{bars}"
    );

    let text = env.run(&["quotes", "Varga-Holm"]).expect_code(0).stdout;
    assert!(text.contains("   also in 2 copies:\n     "), "{text}");
    assert!(
        text.ends_with("Ilse Varga-Holm: 1 story (3 articles)\n"),
        "{text}"
    );

    let people = env.run(&["speakers", "--json"]).expect_code(0).json();
    let her = people["people"]
        .as_array()
        .and_then(|p| p.iter().find(|p| p["name"] == "Ilse Varga-Holm"))
        .expect("listed");
    assert_eq!((&her["stories"], &her["articles"]), (&1.into(), &3.into()));
    let text = env.run(&["speakers"]).expect_code(0).stdout;
    let line = text
        .lines()
        .find(|l| l.starts_with("Ilse Varga-Holm"))
        .expect("her line");
    assert!(
        line.ends_with("  1 story      3 articles  latest 2026-03-04"),
        "{line}"
    );
}

#[test]
fn the_api_lists_a_story_once_unless_copies_are_asked_for() {
    let env = corpus();
    let server = crate::common::server::Server::start(&env);
    let count = |path: &str, list: &str| {
        let reply = server.get(path);
        assert_eq!(reply.status, 200, "{path}: {}", reply.body);
        reply.json()[list].as_array().map(Vec::len)
    };
    assert_eq!(count("/api/search?q=mooring+fees", "hits"), Some(2));
    assert_eq!(
        count("/api/search?q=mooring+fees&copies=1", "hits"),
        Some(4)
    );
    assert_eq!(count("/api/quotes?name=Varga-Holm", "articles"), Some(1));
    assert_eq!(
        count("/api/quotes?name=Varga-Holm&copies=1", "articles"),
        Some(3)
    );
}

#[test]
fn pages_count_stories_however_many_copies_outrank_the_next_story() {
    let env = Env::new();
    // Six outlets' copies of one story, each indexed in its own run (its own segment),
    // all more relevant to "mooring" than the follow-up.
    for outlet in 1..=6 {
        env.write(
            &format!("outlet{outlet}/fees.txt"),
            format!("Title: Mooring fees double\nDate: 2026-03-0{outlet}\n\n{LEAD}\n\n{SECOND}\n\nMooring, mooring, mooring.\n"),
        );
        env.index();
    }
    env.write(
        "feeds/harbour.jsonl",
        format!("{}\n", serde_json::json!({"headline": "Dredging starts", "published": "2026-03-10", "text": FOLLOW_UP})),
    );
    env.index();
    let titles = |args: &[&str]| {
        let (code, results) = env.search(args);
        assert_eq!(code, 0);
        assert_eq!(
            (results["total"].as_u64(), results["stories"].as_u64()),
            (Some(7), Some(2))
        );
        crate::common::titles(&results)
    };
    assert_eq!(
        titles(&["mooring", "--limit", "1"]),
        ["Mooring fees double"]
    );
    assert_eq!(
        titles(&["mooring", "--limit", "1", "--offset", "1"]),
        ["Dredging starts"]
    );
    assert_eq!(
        titles(&["mooring", "--sort", "date"]),
        ["Dredging starts", "Mooring fees double"]
    );
    let (_, newest) = env.search(&["mooring", "--sort", "date"]);
    assert_eq!(
        newest["hits"][1]["date"], "2026-03-06T00:00:00Z",
        "the story's newest copy"
    );
    assert_eq!(newest["hits"][1]["copy_count"], 5);
    let text = env
        .run(&["search", "mooring", "--limit", "1"])
        .expect_code(0)
        .stdout;
    let listed: Vec<&str> = text
        .lines()
        .skip_while(|l| !l.contains("also in"))
        .collect();
    assert_eq!(listed[0], "   also in 5 copies:");
    assert!(listed[1].starts_with("     2026-03-0"), "{text}");
    assert_eq!(listed[4], "     and 2 more (`clipdex copies` lists them)");
}
