//! An article object's fields, found by their aliases in one pass over its keys.
//!
//! A JSON Lines line is read straight into [`Fields`]: fields no alias names are skipped
//! without being built, and each key is compared with the alias table once, instead of
//! a map being built and then searched once per alias. The field picked for an alias is
//! the one a `serde_json::Map` lookup would give: a key given twice keeps its last value,
//! and among keys that differ only in case the first in byte order that is not null.

use std::borrow::Cow;
use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

/// Every alias of every article field, each field's aliases in the order they are tried.
pub const ALIASES: &[&str] = &[
    // title
    "title",
    "headline",
    "name",
    // date
    "date",
    "published",
    "published_at",
    "publishedat",
    "datepublished",
    "pubdate",
    "created_at",
    // body
    "body",
    "text",
    "content",
    "article",
    "description",
    // tags
    "tags",
    "keywords",
    "topics",
    "categories",
    "subjects",
    // speakers
    "speakers",
    // author
    "author",
    "byline",
    "authors",
    // url
    "url",
    "link",
    // source
    "source",
    "publisher",
    "site",
];

/// The aliases of one article field: a range of [`ALIASES`].
pub type Aliases = std::ops::Range<usize>;
/// The title's aliases: `title`, `headline`, `name`.
pub const TITLE: Aliases = 0..3;
/// The date's aliases: `date`, `published`, `published_at`, ... `created_at`.
pub const DATE: Aliases = 3..10;
/// The body's aliases: `body`, `text`, `content`, `article`, `description`.
pub const BODY: Aliases = 10..15;
/// The tags' aliases: `tags`, `keywords`, `topics`, `categories`, `subjects`.
pub const TAGS: Aliases = 15..20;
/// The speakers' one name: `speakers`.
pub const SPEAKERS: Aliases = 20..21;
/// The author's aliases: `author`, `byline`, `authors`.
pub const AUTHOR: Aliases = 21..24;
/// The URL's aliases: `url`, `link`.
pub const URL: Aliases = 24..26;
/// The source's aliases: `source`, `publisher`, `site`.
pub const SOURCE: Aliases = 26..29;

/// The longest alias, in bytes: longer keys are no alias.
const LONGEST: usize = 16;

/// The place in [`ALIASES`] of the alias `key` spells, in any case.
fn alias_of(key: &str) -> Option<usize> {
    let bytes = key.as_bytes();
    if bytes.len() > LONGEST {
        return None;
    }
    let mut lower = [0u8; LONGEST];
    let lower = &mut lower[..bytes.len()];
    lower.copy_from_slice(bytes);
    lower.make_ascii_lowercase();
    ALIASES.iter().position(|alias| alias.as_bytes() == lower)
}

/// A field an alias names: the key as written and its value.
#[derive(Debug)]
struct Found<'a> {
    alias: usize,
    key: Cow<'a, str>,
    value: Value,
}

/// The fields of one article object that some alias names.
#[derive(Debug, Default)]
pub struct Fields<'a> {
    found: Vec<Found<'a>>,
}

impl<'a> Fields<'a> {
    /// The named fields of an object already parsed (a `.json` file's items).
    pub fn of_map(object: Map<String, Value>) -> Self {
        let found = object
            .into_iter()
            .filter_map(|(key, value)| {
                let alias = alias_of(&key)?;
                Some(Found {
                    alias,
                    key: Cow::Owned(key),
                    value,
                })
            })
            .collect();
        Fields { found }
    }

    /// Where the value of the first of `aliases` the object has (not null) is.
    fn at(&self, aliases: Aliases) -> Option<usize> {
        aliases.into_iter().find_map(|alias| {
            let mut best: Option<usize> = None;
            for (i, found) in self.found.iter().enumerate() {
                let replaced = || self.found[i + 1..].iter().any(|f| f.key == found.key);
                if found.alias != alias || found.value.is_null() || replaced() {
                    continue;
                }
                if best.is_none_or(|b| found.key < self.found[b].key) {
                    best = Some(i);
                }
            }
            best
        })
    }

    /// The value of the first of `aliases` the object has, not null.
    pub fn get(&self, aliases: Aliases) -> Option<&Value> {
        self.at(aliases).map(|i| &self.found[i].value)
    }

    /// The same value as [`Fields::get`], taken out of the object.
    pub fn take(&mut self, aliases: Aliases) -> Option<Value> {
        let i = self.at(aliases)?;
        Some(std::mem::take(&mut self.found[i].value))
    }
}

/// One JSON value read as an article object: its named fields, or `None` when it is not
/// an object at all.
pub struct Object<'a>(pub Option<Fields<'a>>);

impl<'de> serde::Deserialize<'de> for Object<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ObjectVisitor)
    }
}

struct ObjectVisitor;

/// Anything but an object is read through and given as `None`.
macro_rules! not_an_object {
    ($($name:ident: $ty:ty),*) => {
        $(fn $name<E>(self, _: $ty) -> Result<Self::Value, E> {
            Ok(Object(None))
        })*
    };
}

impl<'de> Visitor<'de> for ObjectVisitor {
    type Value = Object<'de>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }

    not_an_object!(visit_bool: bool, visit_i64: i64, visit_u64: u64, visit_f64: f64, visit_str: &str);

    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(Object(None))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Object(None))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut found = Vec::new();
        while let Some(key) = map.next_key_seed(KeySeed)? {
            match key {
                Some((alias, key)) => found.push(Found {
                    alias,
                    key,
                    value: map.next_value()?,
                }),
                None => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(Object(Some(Fields { found })))
    }
}

/// A key, kept (with its alias) only when it is an alias.
struct KeySeed;

impl<'de> DeserializeSeed<'de> for KeySeed {
    type Value = Option<(usize, Cow<'de, str>)>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for KeySeed {
    type Value = Option<(usize, Cow<'de, str>)>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a field name")
    }

    fn visit_borrowed_str<E>(self, key: &'de str) -> Result<Self::Value, E> {
        Ok(alias_of(key).map(|alias| (alias, Cow::Borrowed(key))))
    }

    fn visit_str<E>(self, key: &str) -> Result<Self::Value, E> {
        Ok(alias_of(key).map(|alias| (alias, Cow::Owned(key.to_string()))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(text: &str) -> Fields<'_> {
        match serde_json::from_str::<Object>(text) {
            Ok(Object(Some(fields))) => fields,
            _ => panic!("an object: {text}"),
        }
    }

    fn map(text: &str) -> Fields<'static> {
        match serde_json::from_str::<Value>(text) {
            Ok(Value::Object(object)) => Fields::of_map(object),
            _ => panic!("an object: {text}"),
        }
    }

    #[test]
    fn every_field_has_its_aliases_in_the_table() {
        let fields = [TITLE, DATE, BODY, TAGS, SPEAKERS, AUTHOR, URL, SOURCE];
        let covered: usize = fields.iter().map(|f| f.len()).sum();
        assert_eq!(covered, ALIASES.len());
        assert!(fields.windows(2).all(|w| w[0].end == w[1].start));
        assert!(ALIASES.iter().all(|a| a.len() <= LONGEST));
        assert_eq!(alias_of("HeadLine"), Some(1));
        assert_eq!(alias_of("id"), None);
    }

    #[test]
    fn a_field_is_picked_as_a_map_lookup_picks_it() {
        let cases = [
            // The first alias wins over a later one, wherever it stands.
            (r#"{"headline": "B", "title": "A"}"#, Some("A")),
            // A null field counts as missing.
            (r#"{"title": null, "headline": "B"}"#, Some("B")),
            // Keys that differ in case: the first in byte order, unless it is null.
            (r#"{"title": "a", "Title": "A"}"#, Some("A")),
            (r#"{"title": "a", "Title": null}"#, Some("a")),
            // A key given twice keeps its last value, a null one too.
            (r#"{"title": "A", "title": "B"}"#, Some("B")),
            (r#"{"title": "A", "title": null, "name": "C"}"#, Some("C")),
            (r#"{"id": 1, "wordcount": [1, {"title": "x"}]}"#, None),
        ];
        for (text, want) in cases {
            for fields in [line(text), map(text)] {
                assert_eq!(fields.get(TITLE).and_then(Value::as_str), want, "{text}");
            }
        }
    }

    #[test]
    fn values_that_are_not_objects_are_read_through() {
        for text in ["7", "\"x\"", "[1, [2], {\"a\": 3}]", "null", "true", "-1.5"] {
            let parsed: Result<Object, _> = serde_json::from_str(text);
            assert!(matches!(parsed, Ok(Object(None))), "{text}");
        }
        let escaped = line(r#"{"t\u0069tle": "A"}"#);
        assert_eq!(escaped.get(TITLE).and_then(Value::as_str), Some("A"));
    }
}
