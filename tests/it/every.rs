//! Every match at once (`--all`, `--limit 0`): search hits, a person's quotes and the
//! people quoted, past the page sizes, in the order a page gives them.

use std::collections::HashSet;

use serde_json::Value;

use crate::common::Env;

const FIRST: [&str; 8] = [
    "Anneli", "Bruno", "Clara", "David", "Elena", "Fabian", "Greta", "Hans",
];
const LAST: [&str; 4] = ["Vasquez-Lind", "Oyelaran", "Thorsby", "Maddox"];
const GOODS: [&str; 8] = [
    "timber", "copper", "grain", "salt", "wool", "coffee", "tin", "cement",
];
const PLACES: [&str; 4] = ["Nordvik", "Eastbridge", "Kellmouth", "Port Arven"];

/// 32 reports on the harbour, each quoting Marta Kowalczyk and someone of its own, dated
/// one a day through January 2024; and a reprint of the first under a new headline.
fn harbour() -> Env {
    let env = Env::new();
    for i in 0..32 {
        let (good, place) = (GOODS[i % 8], PLACES[i / 8]);
        let person = format!("{} {}", FIRST[i % 8], LAST[i / 8]);
        let body = format!(
            "The harbour at {place} took {n} ships of {good} this week, the port office \
             said on the {day}th, and the {good} traders of {place} expect more.\n\n\
             \"We have never moved so much {good} through {place},\" said {person}, who \
             runs the {good} quay.\n\n\"The harbour needs a second crane for {good},\" \
             said Marta Kowalczyk, the port's engineer, at a meeting in {place}.\n",
            n = 10 + i * 7,
            day = i + 1,
        );
        let date = format!("2024-01-{:02}", i % 31 + 1);
        env.write(
            &format!("r{i:02}.txt"),
            format!("Title: Harbour report {i}\nDate: {date}\n\n{body}"),
        );
        if i == 0 {
            env.write(
                "reprint.txt",
                format!("Title: More {good} for {place}\nDate: {date}\n\n{body}"),
            );
        }
    }
    env.index();
    env
}

fn hits(results: &Value) -> &Vec<Value> {
    results["hits"].as_array().expect("hits")
}

fn uids(results: &Value) -> Vec<&str> {
    hits(results)
        .iter()
        .map(|h| h["uid"].as_str().expect("uid"))
        .collect()
}

#[test]
fn search_all_lists_every_story_in_the_order_of_the_pages() {
    let env = harbour();
    let (code, all) = env.search(&["harbour", "--all"]);
    assert_eq!(code, 0);
    assert_eq!(
        (all["total"].as_u64(), all["stories"].as_u64()),
        (Some(33), Some(32))
    );
    let ranks: Vec<u64> = hits(&all)
        .iter()
        .filter_map(|h| h["rank"].as_u64())
        .collect();
    assert_eq!(ranks, (1..=32).collect::<Vec<u64>>());
    // The reprint is listed under its story, not as a hit of its own.
    let reprinted: Vec<&Value> = hits(&all)
        .iter()
        .filter(|h| h["copy_count"].as_u64() == Some(1))
        .collect();
    assert_eq!(reprinted.len(), 1);
    // The same hits, in the same order, as the pages of ten.
    let mut paged: Vec<String> = Vec::new();
    for offset in ["0", "10", "20", "30"] {
        let (_, page) = env.search(&["harbour", "--offset", offset]);
        paged.extend(uids(&page).iter().map(|u| u.to_string()));
    }
    assert_eq!(uids(&all), paged);
    let (_, zero) = env.search(&["harbour", "--limit", "0"]);
    assert_eq!(zero, all);
    // The rest of the object is what a page prints.
    let (_, page) = env.search(&["harbour"]);
    assert_eq!(
        (&all["facets"], &all["total"]),
        (&page["facets"], &page["total"])
    );
}

#[test]
fn search_all_with_copies_lists_every_article_newest_first() {
    let env = harbour();
    let (_, all) = env.search(&["--all", "--copies", "--sort", "date"]);
    assert_eq!(hits(&all).len(), 33);
    let dates: Vec<&str> = hits(&all)
        .iter()
        .map(|h| h["date"].as_str().expect("dated"))
        .collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "{dates:?}");
    let distinct: HashSet<&str> = uids(&all).into_iter().collect();
    assert_eq!(distinct.len(), 33);

    let csv = env
        .run(&["search", "--all", "--copies", "--format", "csv"])
        .expect_code(0)
        .stdout;
    assert_eq!(csv.lines().count(), 34, "a header and 33 rows");
    let text = env
        .run(&["search", "harbour", "--all"])
        .expect_code(0)
        .stdout;
    assert!(
        text.contains("32 stories (33 articles), showing 1-32, best match first"),
        "{text}"
    );
}

#[test]
fn all_and_a_limit_together_are_refused() {
    let env = harbour();
    let run = env
        .run(&["search", "harbour", "--all", "--limit", "5"])
        .expect_code(2);
    assert!(run.stderr.contains("cannot be used with"), "{}", run.stderr);
}

#[test]
fn quotes_with_limit_zero_list_every_story_quoting_the_person() {
    let env = harbour();
    let page = env
        .run(&["quotes", "Kowalczyk", "--json"])
        .expect_code(0)
        .json();
    assert_eq!(page["articles"].as_array().map(Vec::len), Some(20));
    let all = env
        .run(&["quotes", "Kowalczyk", "--limit", "0", "--json"])
        .expect_code(0)
        .json();
    assert_eq!(
        (all["total"].as_u64(), all["stories"].as_u64()),
        (Some(33), Some(32))
    );
    let articles = all["articles"].as_array().expect("articles");
    assert_eq!(articles.len(), 32);
    assert_eq!(
        articles[..20],
        page["articles"].as_array().expect("page")[..]
    );
    assert_eq!(all["timeline"], page["timeline"]);

    let text = env
        .run(&["quotes", "Kowalczyk", "--limit", "0"])
        .expect_code(0)
        .stdout;
    assert!(
        text.ends_with("Marta Kowalczyk: 32 stories (33 articles)\n"),
        "{text}"
    );
    let table = env
        .run(&["quotes", "Kowalczyk", "--limit", "0", "--format", "csv"])
        .expect_code(0)
        .stdout;
    assert_eq!(table.lines().count(), 33, "a header and a row per story");
}

#[test]
fn speakers_all_lists_everyone_quoted() {
    let env = harbour();
    let page = env.run(&["speakers", "--json"]).expect_code(0).json();
    assert_eq!(page["people"].as_array().map(Vec::len), Some(30));
    assert_eq!(page["quoted"].as_u64(), Some(33));
    let all = env
        .run(&["speakers", "--all", "--json"])
        .expect_code(0)
        .json();
    let people = all["people"].as_array().expect("people");
    assert_eq!(people.len(), 33);
    assert_eq!(people[0]["name"], "Marta Kowalczyk");
    assert_eq!(
        (
            people[0]["stories"].as_u64(),
            people[0]["articles"].as_u64()
        ),
        (Some(32), Some(33))
    );
    assert_eq!(people[..30], page["people"].as_array().expect("page")[..]);
    let zero = env
        .run(&["speakers", "--limit", "0", "--json"])
        .expect_code(0)
        .json();
    assert_eq!(zero, all);
}
