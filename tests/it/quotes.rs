//! `clipdex quotes` and `clipdex speakers` on a small invented corpus, through the binary.

use crate::common::*;
use serde_json::Value;

fn header(title: &str, date: &str, tags: &str, body: &str) -> String {
    format!("Title: {title}\nDate: {date}\nTags: {tags}\n\n{body}\n")
}

/// Seven articles: one person under two spellings and by surname alone, three Ivanovs, a
/// tag-only name.
fn corpus() -> Env {
    let env = Env::new();
    env.write(
        "a1.txt",
        header(
            "Transit talks to resume",
            "2024-01-10",
            "gas, transit",
            "Andrei Sokolenko, head of the Northern Policy Forum, said the gas transit talks \
             would resume in March.\n\n\"Both sides need the winter revenue,\" Sokolenko said.",
        ),
    );
    env.write(
        "a2.txt",
        header(
            "Pipeline full as prices slide",
            "2024-03-05",
            "gas, prices",
            "\"The pipeline is full and the price will fall,\" said Andrey Sokolenko, a former \
             energy minister.",
        ),
    );
    env.write(
        "a3.txt",
        header(
            "Terminal stays shut",
            "2024-03-20",
            "ports",
            "Mr Sokolenko was not available for comment. Olga Ivanova said the terminal would \
             stay shut until the ice cleared.",
        ),
    );
    env.write(
        "a4.txt",
        header(
            "Ships wait outside the port",
            "2024-05-02",
            "ports",
            "Pavel Ivanov, the port director, said ships would wait at anchor for a week.",
        ),
    );
    env.write(
        "a5.txt",
        header(
            "Strike over at the yards",
            "2024-06-11",
            "strikes",
            "Sergei Ivanov told reporters that the strike at the yards was over.",
        ),
    );
    env.write(
        "a6.txt",
        header(
            "Transit fees rise again",
            "2024-07-01",
            "gas, Andrei Sokolenko",
            "Transit fees rose again in June. Analysts said demand was weak.",
        ),
    );
    env.write(
        "a7.txt",
        header(
            "Transit talks stall",
            "2024-08-01",
            "gas, transit",
            "Mr Sokolenko said the transit talks had stalled over the summer.",
        ),
    );
    env.index();
    env
}

fn quotes_json(env: &Env, args: &[&str]) -> (i32, Value) {
    let mut all = vec!["quotes", "--json"];
    all.extend_from_slice(args);
    let run = env.run(&all);
    (run.code, run.json())
}

fn field(values: &Value, key: &str) -> Vec<String> {
    values
        .as_array()
        .map(|a| {
            a.iter()
                .map(|v| v[key].as_str().unwrap_or("-").to_string())
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn quotes_lists_every_article_quoting_a_person_newest_first() {
    let env = corpus();
    let (code, q) = quotes_json(&env, &["Andrei Sokolenko"]);
    assert_eq!(code, 0);
    assert_eq!(q["total"], 3);
    assert_eq!(q["people"][0]["latest"], "2024-08-01T00:00:00Z");
    assert_eq!(
        field(&q["articles"], "title"),
        vec![
            "Transit talks stall",
            "Pipeline full as prices slide",
            "Transit talks to resume"
        ]
    );
    assert_eq!(
        field(&q["articles"], "name"),
        vec!["Sokolenko", "Andrey Sokolenko", "Andrei Sokolenko"]
    );
    assert_eq!(
        field(&q["articles"], "role"),
        vec![
            "-",
            "former energy minister",
            "head of the Northern Policy Forum"
        ]
    );
    let words: Vec<Vec<String>> = q["articles"]
        .as_array()
        .map(|a| a.iter().map(|art| field(&art["quotes"], "text")).collect())
        .unwrap_or_default();
    assert_eq!(
        words,
        vec![
            vec!["the transit talks had stalled over the summer".to_string()],
            vec!["The pipeline is full and the price will fall,".to_string()],
            vec![
                "the gas transit talks would resume in March".to_string(),
                "Both sides need the winter revenue,".to_string()
            ]
        ]
    );
}

#[test]
fn a_spelling_variant_or_the_surname_finds_the_same_person() {
    let env = corpus();
    for name in ["andrey sokolenko", "SOKOLENKO", "Dr Andrei Sokolenko"] {
        let (code, q) = quotes_json(&env, &[name]);
        assert_eq!((code, q["total"].as_u64()), (0, Some(3)), "{name}");
    }
}

#[test]
fn a_surname_shared_by_several_people_asks_which_unless_all() {
    let env = corpus();
    let run = env.run(&["quotes", "Ivanov"]).expect_code(2);
    assert!(
        run.stderr.contains("\"Ivanov\" fits 2 people"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("Pavel Ivanov  (1 story)"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("Sergei Ivanov  (1 story)"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("Ivanova"), "{}", run.stderr);

    let (code, q) = quotes_json(&env, &["Ivanov", "--all"]);
    assert_eq!(code, 0);
    assert_eq!(
        field(&q["articles"], "name"),
        vec!["Sergei Ivanov", "Pavel Ivanov"]
    );
    let (_, q) = quotes_json(&env, &["Ivanova"]);
    assert_eq!(field(&q["articles"], "name"), vec!["Olga Ivanova"]);
    // Each person's count and latest article are theirs over the whole index, whatever
    // the query narrows the articles to.
    let (_, q) = quotes_json(&env, &["Ivanov", "--all", "strike"]);
    assert_eq!(q["total"], 1);
    let people: Vec<(String, String, u64)> = q["people"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|p| {
                    (
                        p["name"].as_str().unwrap_or("-").to_string(),
                        p["latest"].as_str().unwrap_or("-").to_string(),
                        p["articles"].as_u64().unwrap_or(0),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(
        people,
        vec![
            (
                "Pavel Ivanov".to_string(),
                "2024-05-02T00:00:00Z".to_string(),
                1
            ),
            (
                "Sergei Ivanov".to_string(),
                "2024-06-11T00:00:00Z".to_string(),
                1
            )
        ]
    );
    let (code, q) = quotes_json(&env, &["Ivanov"]);
    assert_eq!(code, 2);
    assert_eq!(q["ambiguous"][0]["latest"], "2024-05-02T00:00:00Z");
}

#[test]
fn the_speaker_filter_finds_a_person_by_surname_as_quotes_does() {
    let env = corpus();
    // Pavel Ivanov is named in full only; his surname alone is shared with Sergei.
    let (code, results) = env.search(&["--speaker", "pavel ivanov"]);
    assert_eq!((code, results["total"].as_u64()), (0, Some(1)));
    let (code, results) = env.search(&["--speaker", "Ivanova"]);
    assert_eq!((code, results["total"].as_u64()), (0, Some(1)));
    assert_eq!(results["warnings"], serde_json::json!([]));
    let (code, results) = env.search(&["--speaker", "Ivanov"]);
    assert_eq!((code, results["total"].as_u64()), (0, Some(2)));
    assert_eq!(
        results["warnings"],
        serde_json::json!([
            "\"Ivanov\" fits 2 people (Pavel Ivanov, Sergei Ivanov); articles quoting any of them are shown; give a full name for one"
        ])
    );
    let (code, results) = env.search(&["--speaker", "Nobody Atall"]);
    assert_eq!((code, results["total"].as_u64()), (1, Some(0)));
    assert_eq!(
        results["warnings"],
        serde_json::json!([
            "nobody called \"Nobody Atall\" is quoted in the index; `clipdex speakers` lists who is"
        ])
    );
    // An empty value filters nothing.
    let (_, results) = env.search(&["--speaker", "", "--tag", " "]);
    assert_eq!(results["total"], 7);
}

#[test]
fn a_query_narrows_the_articles_and_is_highlighted_in_the_quotes() {
    let env = corpus();
    let run = env
        .run(&["quotes", "Sokolenko", "pipelines"])
        .expect_code(0);
    assert!(
        run.stdout
            .contains("   > The **pipeline** is full and the price will fall,"),
        "{}",
        run.stdout
    );
    assert!(run
        .stdout
        .contains("quoted: Andrey Sokolenko, former energy minister"));
    assert!(
        run.stdout.ends_with("Andrei Sokolenko: 1 story\n"),
        "{}",
        run.stdout
    );
    let dates = ["--since", "2024-02-01", "--until", "2024-07-31"];
    let (code, q) = quotes_json(&env, &[&["Sokolenko"], &dates[..]].concat());
    assert_eq!((code, q["total"].as_u64()), (0, Some(1)));
    let (code, q) = quotes_json(&env, &["Sokolenko", "harbour"]);
    assert_eq!((code, q["total"].as_u64()), (1, Some(0)));
}

#[test]
fn the_timeline_shows_articles_per_month_with_empty_months() {
    let env = corpus();
    let run = env
        .run(&["quotes", "Sokolenko", "--timeline", "--color", "never"])
        .expect_code(0);
    let bar = "█".repeat(40);
    assert_eq!(
        run.stdout,
        format!(
            "2024-01  {bar} 1\n2024-02   0\n2024-03  {bar} 1\n2024-04   0\n2024-05   0\n\
             2024-06   0\n2024-07   0\n2024-08  {bar} 1\nAndrei Sokolenko: 3 stories by month\n"
        )
    );
}

#[test]
fn unknown_people_are_said_so() {
    let env = corpus();
    let run = env.run(&["quotes", "Nobody Atall"]).expect_code(1);
    assert!(
        run.stderr
            .contains("nobody called \"Nobody Atall\" is quoted"),
        "{}",
        run.stderr
    );
    // Scripts get the shape of a search that found nothing.
    let (code, q) = quotes_json(&env, &["Nobody Atall", "gas"]);
    assert_eq!(code, 1);
    assert_eq!(
        q,
        serde_json::json!({
            "people": [], "query": "gas", "total": 0, "stories": 0, "copies": false,
            "articles": [], "timeline": [],
            "warnings": ["nobody called \"Nobody Atall\" is quoted in the index; `clipdex speakers` lists who is"]
        })
    );
    let run = env.run(&["quotes", " "]).expect_code(2);
    assert!(
        run.stderr
            .contains("give the name of the person whose quotes you want"),
        "{}",
        run.stderr
    );
}

#[test]
fn speakers_counts_people_most_quoted_first_and_tag_names_are_not_speakers() {
    let env = corpus();
    let run = env.run(&["speakers", "--json"]).expect_code(0);
    let people = run.json();
    assert_eq!(people["total"], 7);
    let list = &people["people"];
    // The surname-only article counts for the one Sokolenko the index knows in full.
    assert_eq!(list[0]["name"], "Andrei Sokolenko");
    assert_eq!(list[0]["articles"], 3);
    assert_eq!(list[0]["latest"], "2024-08-01T00:00:00Z");
    let mut names = field(list, "name");
    names.sort();
    assert_eq!(
        names,
        vec![
            "Andrei Sokolenko",
            "Olga Ivanova",
            "Pavel Ivanov",
            "Sergei Ivanov"
        ]
    );
    let run = env
        .run(&["speakers", "--json", "--tag", "ports"])
        .expect_code(0);
    let mut names = field(&run.json()["people"], "name");
    names.sort();
    assert_eq!(names, vec!["Olga Ivanova", "Pavel Ivanov"]);
    let run = env.run(&["speakers", "strike"]).expect_code(0);
    assert_eq!(
        run.stdout,
        "Sergei Ivanov      1 story       1 article  latest 2024-06-11\n1 person quoted in 1 matching article, most-quoted first\n"
    );
}

#[test]
fn search_filter_and_facet_count_each_person_once() {
    let env = corpus();
    let (_, results) = env.search(&["--speaker", "Andrey Sokolenko"]);
    assert_eq!(results["total"], 3);
    // The surname alone also finds the articles that give the full name, and back.
    let (_, results) = env.search(&["--speaker", "sokolenko"]);
    assert_eq!(results["total"], 3);
    let (_, results) = env.search(&["gas"]);
    assert_eq!(
        facet(&results, "speakers"),
        vec![("Andrei Sokolenko".to_string(), 3)]
    );
}

#[test]
fn extract_shows_name_aliases_role_and_quotes() {
    let env = corpus();
    let run = env.run(&["extract", "corpus/a1.txt"]).expect_code(0);
    let record = run.json();
    let speaker = &record["speakers"][0];
    assert_eq!(speaker["name"], "Andrei Sokolenko");
    assert_eq!(speaker["aliases"], serde_json::json!(["Sokolenko"]));
    assert_eq!(speaker["role"], "head of the Northern Policy Forum");
    assert_eq!(
        speaker["quotes"][1]["text"],
        "Both sides need the winter revenue,"
    );
    assert_eq!(record["speakers"].as_array().map(Vec::len), Some(1));
}

#[test]
fn no_speakers_skips_extraction() {
    let env = Env::new();
    env.write(
        "a.txt",
        header(
            "Talks",
            "2024-01-10",
            "gas",
            "Andrei Sokolenko said the talks would resume.",
        ),
    );
    env.run(&["index", "corpus", "--no-speakers"])
        .expect_code(0);
    let run = env.run(&["speakers"]).expect_code(1);
    assert!(
        run.stdout
            .starts_with("0 people quoted in 1 matching article"),
        "{}",
        run.stdout
    );
    // Another run without speakers leaves the file alone; the next run with them reads
    // it again and finds who is quoted.
    let run = env
        .run(&["index", "corpus", "--no-speakers", "--json"])
        .expect_code(0);
    assert_eq!(run.json()["files_unchanged"], 1);
    let run = env.run(&["index", "corpus", "--json"]).expect_code(0);
    assert_eq!(run.json()["files_read"], 1);
    assert_eq!(run.json()["articles"]["updated"], 1);
    let run = env.run(&["speakers"]).expect_code(0);
    assert!(run.stdout.starts_with("Andrei Sokolenko"), "{}", run.stdout);
    // Files whose speakers were found keep them through a run without.
    let run = env
        .run(&["index", "corpus", "--no-speakers", "--json"])
        .expect_code(0);
    assert_eq!(run.json()["files_unchanged"], 1);
    let run = env.run(&["index", "corpus", "--json"]).expect_code(0);
    assert_eq!(run.json()["files_unchanged"], 1);
    env.run(&["speakers"]).expect_code(0);
}

#[test]
fn a_full_name_is_not_confused_with_a_surname_said_alone() {
    let env = corpus();
    // Two Ivanovs are known, so this bare "Ivanov" stands for neither.
    env.write(
        "a9.txt",
        header(
            "Yard talks resume",
            "2024-08-01",
            "strikes",
            "Talks resumed at the yards on Monday. Ivanov said a deal was close.",
        ),
    );
    env.index();
    let (code, q) = quotes_json(&env, &["Pavel Ivanov"]);
    assert_eq!(code, 0, "{q}");
    assert_eq!(field(&q["articles"], "name"), vec!["Pavel Ivanov"]);
}

/// 64 people quoted twice each by their full names, and one quoted once by full name and
/// three times by surname alone: more speaker keys than any short list shows.
fn crowded_corpus() -> Env {
    let env = Env::new();
    let firsts = [
        "Anna", "Peter", "Maria", "David", "Elena", "Thomas", "Laura", "Martin",
    ];
    let heads = ["Kol", "Var", "Mend", "Tor", "Bal", "Sor", "Lin", "Hart"];
    let tails = ["bek", "ovic", "sen", "ani", "ero", "dahl", "ley", "ford"];
    for (i, head) in heads.iter().enumerate() {
        for (j, tail) in tails.iter().enumerate() {
            let name = format!("{} {head}{tail}", firsts[(i + j) % firsts.len()]);
            for copy in 0..2 {
                env.write(
                    &format!("p{i}{j}-{copy}.txt"),
                    header(
                        "Harvest news",
                        "2024-02-01",
                        "farming",
                        &format!(
                            "\"The harvest will be late this year,\" said {name}, a farmer \
                             in the valley."
                        ),
                    ),
                );
            }
        }
    }
    env.write(
        "b0.txt",
        header(
            "Mill to reopen",
            "2024-01-15",
            "mills",
            "\"The mill reopens in spring,\" said Tomas Brennick, the mill's owner.",
        ),
    );
    for (k, date) in ["2024-03-01", "2024-04-01", "2024-05-09"]
        .iter()
        .enumerate()
    {
        env.write(
            &format!("b{}.txt", k + 1),
            header(
                "Mill news",
                date,
                "mills",
                "\"We are hiring again,\" Mr Brennick said on Monday.",
            ),
        );
    }
    env.run(&["index", "corpus"]).expect_code(0);
    env
}

#[test]
fn speakers_counts_a_person_under_every_key_whatever_the_limit() {
    let env = crowded_corpus();
    let run = env
        .run(&["speakers", "--limit", "1", "--json"])
        .expect_code(0);
    let people = &run.json()["people"];
    assert_eq!(people[0]["name"], "Tomas Brennick");
    assert_eq!(people[0]["articles"], 4);
    assert_eq!(people[0]["latest"], "2024-05-09T00:00:00Z");
    assert_eq!(run.json()["quoted"], 65);
    let run = env.run(&["speakers", "--limit", "2"]).expect_code(0);
    assert!(
        run.stdout
            .ends_with("2 of 65 people quoted in 132 matching articles, most-quoted first\n"),
        "{}",
        run.stdout
    );
    let run = env.run(&["stats", "--json"]).expect_code(0);
    assert_eq!(run.json()["speakers"], 65);
    let (_, results) = env.search(&["mill"]);
    assert_eq!(
        facet(&results, "speakers"),
        vec![("Tomas Brennick".to_string(), 4)]
    );
}
