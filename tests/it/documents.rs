//! Clippings that arrive as documents: a news database's text export split into its
//! articles, and forwarded e-mails.

use serde_json::Value;

use crate::common::Env;

const PORTS: [&str; 4] = ["Kestvik", "Nordvik", "Port Arven", "Eastbridge"];

/// A database export of 12 articles in the older plain-text layout, after a request
/// page that is not an article.
fn export_of_twelve() -> String {
    let mut text = String::from(
        "\n\nDownload Request: Selected Items: 1-12\nTime Of Request: Monday, May 6, 2024\n\n\
         Terms: harbour and fees\n\nSource: Regional papers\n\n\n",
    );
    for i in 1..=12 {
        let port = PORTS[i % 4];
        text.push_str(&format!(
            "                               {i} of 12 DOCUMENTS\n\n\n\
             \x20                               The {port} Courier\n\n\
             \x20                           April {i}, 2024 Monday\n\n\
             Fees rise again at {port} harbour,\nreport {i} of the spring\n\n\
             BYLINE: By Lena Aaltonen\n\nSECTION: NEWS; Pg. {i}\n\nLENGTH: 60 words\n\n\
             The harbour board of {port} raised its fees by {i} per cent on Monday, and\n\
             the ferry companies said fares for non-\nresidents would rise in May.\n\n\
             \"The quay needs repairs,\" said Harald Lindqvist, the harbour master.\n\n\
             LOAD-DATE: April {i}, 2024\n\nLANGUAGE: ENGLISH\n\nPUBLICATION-TYPE: Newspaper\n\n\n\
             \x20                   Copyright 2024 The {port} Courier\n\
             \x20                          All Rights Reserved\n\n",
        ));
    }
    text
}

fn extracted(env: &Env, file: &str) -> Vec<Value> {
    env.run(&["extract", &format!("corpus/{file}")])
        .expect_code(0)
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect()
}

#[test]
fn a_text_export_of_twelve_articles_is_twelve_articles() {
    let env = Env::new();
    env.write("lexis-export.txt", export_of_twelve());
    let articles = extracted(&env, "lexis-export.txt");
    assert_eq!(articles.len(), 12);
    for (i, a) in articles.iter().enumerate() {
        let n = i + 1;
        let port = PORTS[n % 4];
        assert_eq!(a["format"], "export");
        assert_eq!(a["part"], n);
        assert_eq!(
            a["title"],
            format!("Fees rise again at {port} harbour, report {n} of the spring")
        );
        assert_eq!(a["source"], format!("The {port} Courier"));
        assert_eq!(a["author"], "Lena Aaltonen");
        assert_eq!(a["date"], format!("2024-04-{n:02}T00:00:00Z"));
        assert_eq!(
            a["body"],
            format!(
                "The harbour board of {port} raised its fees by {n} per cent on Monday, and the \
                 ferry companies said fares for non-residents would rise in May.\n\n\"The quay \
                 needs repairs,\" said Harald Lindqvist, the harbour master."
            )
        );
        assert_eq!(a["speakers"][0]["name"], "Harald Lindqvist");
    }

    let report = env.index();
    assert_eq!(report["articles"]["indexed"], 12);
    let (_, found) = env.search(&["fees", "--copies", "--limit", "20"]);
    assert_eq!(found["total"], 12, "the request page is not an article");
    let (_, ids) = env.search(&["report 7"]);
    assert!(
        ids["hits"][0]["id"]
            .as_str()
            .is_some_and(|id| id.ends_with("lexis-export.txt#7")),
        "{ids}"
    );
}
