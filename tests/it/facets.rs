//! Tag counts are exact whether a query matches few or most articles, across several
//! index segments, after an article was replaced, and with a tag repeated in one article.

use crate::common::*;

fn article(i: usize, tags: &str) -> String {
    let place = if i < 8 { "Harbour" } else { "Inland" };
    let frost = if i < 2 { " Frost came early." } else { "" };
    format!(
        "Title: Report {i}\nDate: 2021-03-{:02}\nTags: {tags}\n\n{place} report number {i}.{frost}\n",
        i + 1
    )
}

fn tags(i: usize) -> String {
    let mut tags = vec!["Shipping"];
    if i == 4 {
        tags.extend(["Ports", "ports", "PORTS"]);
    } else if i.is_multiple_of(2) {
        tags.push("Ports");
    }
    if i.is_multiple_of(3) {
        tags.push("Weather");
    }
    tags.join(", ")
}

fn tag_counts(env: &Env, query: &[&str]) -> Vec<(String, u64)> {
    let (code, results) = env.search(query);
    assert_eq!(code, 0, "{query:?}");
    facet(&results, "tags")
}

fn pairs(expected: &[(&str, u64)]) -> Vec<(String, u64)> {
    expected.iter().map(|(v, n)| (v.to_string(), *n)).collect()
}

#[test]
fn tag_counts_are_exact_for_rare_and_common_words() {
    let env = Env::new();
    for i in 0..10 {
        env.write(&format!("corpus/r{i}.txt"), article(i, &tags(i)));
    }
    // Small batches: several segments.
    env.run(&["index", "corpus", "--batch", "3"]).expect_code(0);
    // Replacing a file deletes its old article from its segment.
    env.write("corpus/r0.txt", article(0, "Shipping, Fog"));
    env.run(&["index", "corpus", "--batch", "3"]).expect_code(0);

    // 8 of 10 articles: counted from the column totals less the other 2.
    assert_eq!(
        tag_counts(&env, &["harbour"]),
        pairs(&[("Shipping", 8), ("Ports", 3), ("Weather", 2), ("Fog", 1)])
    );
    // 2 of 10: counted over the matches.
    assert_eq!(
        tag_counts(&env, &["frost"]),
        pairs(&[("Shipping", 2), ("Fog", 1)])
    );
    assert_eq!(
        tag_counts(&env, &[]),
        pairs(&[("Shipping", 10), ("Ports", 4), ("Weather", 3), ("Fog", 1)])
    );
    assert_eq!(
        tag_counts(&env, &["harbour", "--tag", "weather"]),
        pairs(&[("Shipping", 2), ("Weather", 2), ("Ports", 1)])
    );
}
