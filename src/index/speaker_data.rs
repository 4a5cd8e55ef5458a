//! An article's speakers as the index stores them: name, other forms, role, and each
//! quote as its byte range in the body. A quote's words are read back from the stored
//! body rather than stored a second time (about a tenth of the stored text of a wire
//! corpus). Indexes written before this stored each quote's words as well; those read
//! as they are.

use serde::{Deserialize, Serialize};

use crate::model::{Quote, Speaker};
use crate::parse::collapse_whitespace;

#[derive(Serialize)]
struct Stored<'a> {
    name: &'a str,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    aliases: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    role: Option<&'a str>,
    /// `[start, end]` byte ranges in the body.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    quotes: Vec<[usize; 2]>,
}

#[derive(Deserialize)]
struct Loaded {
    name: String,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    role: Option<String>,
    #[serde(default)]
    quotes: Vec<LoadedQuote>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum LoadedQuote {
    Range(usize, usize),
    /// As indexes before schema 5 stored it, with its words.
    Written(Quote),
}

/// The stored form of `speakers`; `None` when there are none.
pub fn encode(speakers: &[Speaker]) -> Option<String> {
    if speakers.is_empty() {
        return None;
    }
    let stored: Vec<Stored> = speakers
        .iter()
        .map(|s| Stored {
            name: &s.name,
            aliases: &s.aliases,
            role: s.role.as_deref(),
            quotes: s.quotes.iter().map(|q| [q.start, q.end]).collect(),
        })
        .collect();
    serde_json::to_string(&stored).ok()
}

/// The speakers stored as `data` for an article whose stored body is `body`, each quote
/// with its words on one line. Unreadable data (or a range outside the body) yields
/// nothing rather than wrong words.
pub fn decode(data: &str, body: &str) -> Vec<Speaker> {
    let Ok(loaded) = serde_json::from_str::<Vec<Loaded>>(data) else {
        return Vec::new();
    };
    loaded
        .into_iter()
        .map(|s| Speaker {
            name: s.name,
            aliases: s.aliases,
            role: s.role,
            quotes: s
                .quotes
                .into_iter()
                .filter_map(|q| match q {
                    LoadedQuote::Range(start, end) => Some(Quote {
                        text: collapse_whitespace(body.get(start..end)?),
                        start,
                        end,
                    }),
                    LoadedQuote::Written(quote) => Some(quote),
                })
                .collect(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn speaker(name: &str, quotes: Vec<Quote>) -> Speaker {
        Speaker {
            name: name.to_string(),
            aliases: vec![format!("Dr {name}")],
            role: Some("port economist".to_string()),
            quotes,
        }
    }

    #[test]
    fn quotes_are_stored_as_ranges_and_read_back_from_the_body() {
        let body = "Fees will rise,\n  said Mira Holm. \"We  expect   more ships.\"";
        let quote = |start: usize, end: usize| Quote {
            text: collapse_whitespace(&body[start..end]),
            start,
            end,
        };
        let speakers = vec![speaker("Mira Holm", vec![quote(0, 14), quote(35, 59)])];
        let data = encode(&speakers).unwrap_or_default();
        assert_eq!(
            data,
            r#"[{"name":"Mira Holm","aliases":["Dr Mira Holm"],"role":"port economist","quotes":[[0,14],[35,59]]}]"#
        );
        let back = decode(&data, body);
        assert_eq!(back, speakers);
        assert_eq!(back[0].quotes[1].text, "We expect more ships.");
    }

    #[test]
    fn quotes_stored_with_their_words_read_as_they_are() {
        let data =
            r#"[{"name":"Mira Holm","quotes":[{"text":"Fees will rise","start":0,"end":14}]}]"#;
        let back = decode(data, "");
        assert_eq!(back.len(), 1);
        assert_eq!(back[0].quotes[0].text, "Fees will rise");
        assert_eq!(back[0].role, None);
    }

    #[test]
    fn ranges_outside_the_body_and_bad_data_yield_no_words() {
        let back = decode(
            r#"[{"name":"A B","quotes":[[5,90],[0,3]]}]"#,
            "Caf\u{e9} noir",
        );
        assert_eq!(back[0].quotes.len(), 1);
        assert_eq!(back[0].quotes[0].text, "Caf");
        // Byte 4 is inside "é": no words rather than a panic.
        assert!(
            decode(r#"[{"name":"A B","quotes":[[0,4]]}]"#, "Caf\u{e9}")[0]
                .quotes
                .is_empty()
        );
        assert!(decode("not json", "x").is_empty());
        assert_eq!(encode(&[]), None);
    }
}
