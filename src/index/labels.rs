//! Display forms for the folded keys that facets count (`nato` -> `NATO`).

use std::collections::BTreeMap;
use std::io;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::manifest::write_json_atomic;

const FILE_NAME: &str = "clipdex-labels.json";

/// Display forms by key, saved beside the index at each commit. Keys are only ever added:
/// those of removed articles stay.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Labels {
    /// Tag key -> the first form of the tag seen.
    pub tags: BTreeMap<String, String>,
    /// Speaker identity key -> the longest name seen under it.
    pub speakers: BTreeMap<String, String>,
}

impl Labels {
    /// Reads the labels of the index in `index_dir`; missing or unreadable ones are empty
    /// (facets then show keys).
    pub fn load(index_dir: &Path) -> Labels {
        std::fs::read(index_dir.join(FILE_NAME))
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default()
    }

    /// Writes the labels into `index_dir`, atomically (temp file, then rename).
    pub fn save(&self, index_dir: &Path) -> io::Result<()> {
        write_json_atomic(&index_dir.join(FILE_NAME), self)
    }

    /// Keeps the first form seen for a tag.
    pub fn note_tag(&mut self, key: &str, display: &str) {
        // Looked up before anything is copied: most tags are seen many times.
        if !self.tags.contains_key(key) {
            self.tags.insert(key.to_string(), display.to_string());
        }
    }

    /// Keeps the fullest form seen for a speaker.
    pub fn note_speaker(&mut self, key: &str, display: &str) {
        match self.speakers.get_mut(key) {
            Some(kept) if display.len() > kept.len() => *kept = display.to_string(),
            Some(_) => {}
            None => {
                self.speakers.insert(key.to_string(), display.to_string());
            }
        }
    }

    /// The display form of a tag key; the key itself when none was noted.
    pub fn tag(&self, key: &str) -> String {
        self.tags
            .get(key)
            .cloned()
            .unwrap_or_else(|| key.to_string())
    }

    /// Surname-only speaker keys mapped to the one full-name key with that surname, for
    /// the surnames that exactly one full name carries.
    pub fn surname_keys(&self) -> BTreeMap<String, String> {
        let mut full: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for key in self.speakers.keys() {
            if let Some((_, surname)) = key.rsplit_once(' ') {
                full.entry(surname).or_default().push(key);
            }
        }
        self.speakers
            .keys()
            .filter(|key| !key.contains(' '))
            .filter_map(|bare| match full.get(bare.as_str())?.as_slice() {
                [one] => Some((bare.clone(), one.to_string())),
                _ => None,
            })
            .collect()
    }

    /// The display name for a speaker key; the key itself when none was noted.
    pub fn speaker(&self, key: &str) -> String {
        self.speakers
            .get(key)
            .cloned()
            .unwrap_or_else(|| key.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_tag_form_and_longest_speaker_form_win() {
        let mut labels = Labels::default();
        labels.note_tag("nato", "NATO");
        labels.note_tag("nato", "Nato");
        labels.note_speaker("marta kowalczyk", "Kowalczyk");
        labels.note_speaker("marta kowalczyk", "Marta Kowalczyk");
        assert_eq!(labels.tag("nato"), "NATO");
        assert_eq!(labels.speaker("marta kowalczyk"), "Marta Kowalczyk");
        assert_eq!(labels.tag("unknown key"), "unknown key");
    }
}
