//! Who is quoted in an article, and the identity key that makes one person one speaker
//! across articles. Pure: no tantivy, no I/O.
//!
//! Today the speakers come from the data where a format names them (JSON `speakers`,
//! a `Speakers:` header); [`extract`] is the seam where the quote extractor plugs in.

use crate::keys::fold;
use crate::model::{Article, Speaker};

/// Titles dropped from the front of a name before it becomes a key.
const HONORIFICS: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "miss",
    "mx",
    "dr",
    "prof",
    "professor",
    "sir",
    "dame",
    "lord",
    "lady",
    "president",
    "minister",
    "senator",
    "rev",
    "gen",
    "general",
    "col",
    "capt",
];

/// The key under which a person is counted and filtered: folded, honorifics removed.
pub fn identity_key(name: &str) -> String {
    let folded = fold(name);
    let mut words: Vec<&str> = folded.split(' ').collect();
    while words.len() > 1 && HONORIFICS.contains(&words[0]) {
        words.remove(0);
    }
    words.join(" ")
}

/// A name as displayed: honorifics dropped from the front, spacing collapsed.
pub fn display_name(name: &str) -> String {
    let mut words: Vec<&str> = name.split_whitespace().collect();
    while words.len() > 1 && HONORIFICS.contains(&fold(words[0]).as_str()) {
        words.remove(0);
    }
    words.join(" ")
}

/// The people quoted in `article`, one entry per identity key, each under its fullest name.
pub fn extract(article: &Article) -> Vec<Speaker> {
    let mut speakers: Vec<(String, Speaker)> = Vec::new();
    for given in &article.speakers {
        let key = identity_key(&given.name);
        if key.is_empty() {
            continue;
        }
        let name = display_name(&given.name);
        let index = match speakers.iter().position(|(k, _)| *k == key) {
            Some(index) => index,
            None => {
                let fresh = Speaker {
                    name: name.clone(),
                    aliases: Vec::new(),
                    ..given.clone()
                };
                speakers.push((key, fresh));
                speakers.len() - 1
            }
        };
        let speaker = &mut speakers[index].1;
        if name.len() > speaker.name.len() {
            let shorter = std::mem::replace(&mut speaker.name, name);
            speaker.aliases.push(shorter);
        }
        for form in given.aliases.iter().chain([&given.name]) {
            if *form != speaker.name && !speaker.aliases.contains(form) {
                speaker.aliases.push(form.clone());
            }
        }
    }
    speakers.into_iter().map(|(_, s)| s).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_fold_case_accents_and_honorifics() {
        assert_eq!(identity_key("Dr Marta Kowalczyk"), "marta kowalczyk");
        assert_eq!(identity_key("TOMÁS Echeverría"), "tomas echeverria");
        assert_eq!(identity_key("Prof. Helen Oduya"), "helen oduya");
        assert_ne!(identity_key("Olga Ivanova"), identity_key("Olga Ivanov"));
    }

    #[test]
    fn data_speakers_are_merged_by_key_keeping_the_fullest_name() {
        let article = Article {
            speakers: vec![
                Speaker::named("Marta Kowalczyk"),
                Speaker::named("Dr Marta Kowalczyk"),
                Speaker::named("Lars Brekke"),
            ],
            ..Article::default()
        };
        let speakers = extract(&article);
        let names: Vec<_> = speakers.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, vec!["Marta Kowalczyk", "Lars Brekke"]);
        assert_eq!(speakers[0].aliases, vec!["Dr Marta Kowalczyk"]);
        assert!(speakers[1].aliases.is_empty());
    }
}
