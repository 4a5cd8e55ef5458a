//! `--format csv|tsv` on `search`, `quotes` and `speakers`: a header row, one row per hit,
//! quote or person, quoted as RFC 4180 says.

use crate::common::Env;

fn corpus() -> Env {
    let env = Env::new();
    env.write(
        "corpus/a.txt",
        "Title: Ports, tolls and \"fees\" rise\nDate: 2024-03-05\nTags: ports, energy\n\n\
         \"The pipeline is full, and the price will fall,\" said Andrey Sokolenko, a former \
         energy minister.\n\nHarbour traffic fell.\n",
    );
    env.write(
        "corpus/b.txt",
        "Title: Gas talks\nDate: 2024-04-01\n\nThe pipeline talks went on, said Marta Kowalczyk.\n",
    );
    env.index();
    env
}

/// The rows of a table, header first, read back by the csv crate.
fn rows(text: &str, delimiter: u8) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.expect("a record").iter().map(str::to_string).collect())
        .collect()
}

#[test]
fn search_gives_a_row_per_hit_with_quoted_fields() {
    let env = corpus();
    let out = env
        .run(&["search", "pipeline", "--format", "csv"])
        .expect_code(0)
        .stdout;
    assert!(
        out.starts_with("rank,score,uid,story,copies,date,title,path,tags,speakers,snippet\n"),
        "{out}"
    );
    assert!(
        out.contains(",\"Ports, tolls and \"\"fees\"\" rise\","),
        "{out}"
    );
    let table = rows(&out, b',');
    assert_eq!(table.len(), 3);
    let a = &table[2];
    assert_eq!(a[0], "2");
    assert_eq!(a[4], "0", "no copies");
    assert_eq!(a[5], "2024-03-05T00:00:00Z");
    assert_eq!(a[6], "Ports, tolls and \"fees\" rise");
    assert!(a[7].ends_with("corpus/a.txt"));
    assert_eq!(
        (a[8].as_str(), a[9].as_str()),
        ("ports; energy", "Andrey Sokolenko")
    );
    assert_eq!(
        a[10],
        "\"The pipeline is full, and the price will fall,\" said Andrey Sokolenko, a former energy minister. Harbour traffic fell."
    );
    assert_eq!(table[1][6], "Gas talks");
}

#[test]
fn quotes_give_a_row_per_quote_and_speakers_a_row_per_person() {
    let env = corpus();
    let out = env
        .run(&["quotes", "Sokolenko", "--format", "tsv"])
        .expect_code(0)
        .stdout;
    let table = rows(&out, b'\t');
    assert_eq!(
        table[0],
        ["uid", "story", "date", "title", "path", "name", "role", "quote"]
    );
    assert_eq!(table.len(), 2);
    assert_eq!(
        table[1][2..4],
        ["2024-03-05T00:00:00Z", "Ports, tolls and \"fees\" rise"]
    );
    assert_eq!(
        table[1][5..],
        [
            "Andrey Sokolenko",
            "former energy minister",
            "The pipeline is full, and the price will fall,"
        ]
    );

    let out = env
        .run(&["speakers", "--format", "csv"])
        .expect_code(0)
        .stdout;
    assert_eq!(
        out,
        "name,key,stories,articles,latest\n\
         Andrey Sokolenko,andrei sokolenko,1,1,2024-03-05T00:00:00Z\n\
         Marta Kowalczyk,marta kovalczik,1,1,2024-04-01T00:00:00Z\n"
    );

    let nobody = env
        .run(&["quotes", "Nobody Atall", "--format", "csv"])
        .expect_code(1);
    assert_eq!(nobody.stdout, "uid,story,date,title,path,name,role,quote\n");
    assert!(nobody.stderr.contains("nobody called \"Nobody Atall\""));
    let both = env
        .run(&["search", "gas", "--format", "csv", "--json"])
        .expect_code(2);
    assert!(
        both.stderr.contains("cannot be used with"),
        "{}",
        both.stderr
    );
}

#[test]
fn the_api_offers_the_same_tables_as_files() {
    let env = corpus();
    let server = crate::common::server::Server::start(&env);
    for (path, args, file) in [
        (
            "/api/search?q=pipeline&format=csv",
            &["search", "pipeline"][..],
            "clipdex-search.csv",
        ),
        (
            "/api/quotes?name=Sokolenko&format=csv",
            &["quotes", "Sokolenko"][..],
            "clipdex-quotes.csv",
        ),
        (
            "/api/speakers?format=csv",
            &["speakers"][..],
            "clipdex-speakers.csv",
        ),
    ] {
        let reply = server.get(path);
        assert_eq!(reply.status, 200, "{path}: {}", reply.body);
        assert_eq!(
            reply.header("content-type"),
            Some("text/csv; charset=utf-8")
        );
        let disposition = format!("attachment; filename=\"{file}\"");
        assert_eq!(
            reply.header("content-disposition"),
            Some(disposition.as_str())
        );
        let cli = env
            .run(&[args, &["--format", "csv"]].concat())
            .expect_code(0)
            .stdout;
        assert_eq!(reply.body, cli, "{path}");
    }
    let refused = server.get("/api/search?q=pipeline&format=xml");
    assert_eq!(refused.status, 400);
    assert!(
        refused.body.contains("format must be json or csv"),
        "{}",
        refused.body
    );
}
