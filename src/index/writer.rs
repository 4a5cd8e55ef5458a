//! Adds, replaces and removes a file's articles, then commits with the manifest and labels.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rustc_hash::FxHashSet;
use tantivy::indexer::IndexWriterOptions;
use tantivy::{IndexWriter, TantivyError, Term};

use super::document::ArticleDoc;
use super::merges::BoundedMerges;
use super::{speaker_data, story_data};
use super::{to_tantivy, Catalog, FileRecord, Manifest};
use crate::error::IndexError;
use crate::ingest::SourceFile;
use crate::keys::{article_uid, tag_key};
use crate::model::Format;
use crate::parse::Entry;
use crate::speakers::{self, identity_key};
use crate::stories::{self, Grouper};

/// tantivy's smallest and largest buffer per indexing thread.
const THREAD_BYTES: (usize, usize) = (15_000_000, 4_000_000_000);

/// Indexing threads, as tantivy would choose them: one per core, at most 8, each with at
/// least tantivy's smallest buffer.
fn indexing_threads(heap_bytes: usize) -> usize {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    cores.min(8).min(heap_bytes / THREAD_BYTES.0).max(1)
}

/// What replacing a file did: how many articles it had before (if it was indexed).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Replaced {
    /// Articles recorded for the file before; `None` when it was not recorded.
    pub previous: Option<usize>,
    /// Articles indexed from it now.
    pub added: usize,
}

/// The one writer of an index folder (tantivy's lock): a run's changes, with the manifest
/// and labels that go with them, are visible to searches only at [`Writer::checkpoint`].
pub struct Writer {
    catalog: Catalog,
    writer: IndexWriter<ArticleDoc>,
    merges: BoundedMerges,
    heap_bytes: usize,
    manifest: Manifest,
    /// Whether the index may hold articles of files the manifest does not list (a run
    /// killed between a commit and the manifest write after it). Only then must a new
    /// file's path be deleted before its articles are added.
    unlisted: bool,
    /// The extractor version files are recorded with: the current one, or
    /// [`speakers::NOT_EXTRACTED`] when this run finds no speakers.
    extractor: u32,
    /// Stories so far, built from the index when the run first adds an article.
    grouper: Option<Grouper>,
}

/// The files a walk found, kept as 64-bit hashes of their keys: a million files take
/// about 16 MB here rather than a second copy of every path. Two paths with the same hash
/// (odds about 1 in 10^7 for a million files) would only keep a deleted file's articles.
#[derive(Debug, Default)]
pub struct Seen(HashSet<u64>);

impl Seen {
    /// Notes that the walk found the file with this key.
    pub fn insert(&mut self, key: &str) {
        self.0.insert(seen_hash(key));
    }

    /// Whether the walk found the file with this key (or one whose key has its hash).
    pub fn contains(&self, key: &str) -> bool {
        self.0.contains(&seen_hash(key))
    }
}

/// Whether a recorded file whose metadata reads as `looked` is gone. Only a file that is
/// not there is: one that cannot be looked at (a folder without permission, an I/O error,
/// a drive that stopped answering) keeps its articles.
fn gone(looked: std::io::Result<()>) -> bool {
    use std::io::ErrorKind::{NotADirectory, NotFound};
    looked.is_err_and(|e| matches!(e.kind(), NotFound | NotADirectory))
}

fn seen_hash(key: &str) -> u64 {
    let mut hasher = std::hash::DefaultHasher::new();
    std::hash::Hasher::write(&mut hasher, key.as_bytes());
    std::hash::Hasher::finish(&hasher)
}

/// The key under which a file is recorded: its path as text.
pub fn file_key(file: &SourceFile) -> String {
    file.path.to_string_lossy().into_owned()
}

impl Writer {
    /// `heap_bytes`: memory for tantivy's indexing buffers, shared by its threads.
    pub fn open(catalog: Catalog, heap_bytes: usize) -> Result<Writer, IndexError> {
        let threads = indexing_threads(heap_bytes);
        // One merge at a time: each maps its input segments, and two at once would add up.
        let options = IndexWriterOptions::builder()
            .num_worker_threads(threads)
            .memory_budget_per_thread((heap_bytes / threads).clamp(THREAD_BYTES.0, THREAD_BYTES.1))
            .num_merge_threads(1)
            .build();
        let writer = catalog
            .index
            .writer_with_options(options)
            .map_err(|source| match source {
                TantivyError::LockFailure(..) => IndexError::Locked {
                    path: catalog.path.clone(),
                },
                source => IndexError::tantivy(&catalog.path)(source),
            })?;
        let merges = BoundedMerges::new(catalog.path.clone());
        writer.set_merge_policy(Box::new(merges.clone()));
        let manifest = catalog.manifest();
        let listed: u64 = manifest.files.values().map(|r| r.articles as u64).sum();
        let unlisted = catalog.searcher()?.num_docs() != listed;
        Ok(Writer {
            catalog,
            writer,
            merges,
            heap_bytes,
            manifest,
            unlisted,
            extractor: speakers::EXTRACTOR_VERSION,
            grouper: None,
        })
    }

    /// Files are read without finding who is quoted: they are recorded so, and the next
    /// run that finds speakers reads them again. Files unchanged since a run that found
    /// speakers keep theirs.
    pub fn without_speakers(mut self) -> Writer {
        self.extractor = speakers::NOT_EXTRACTED;
        self
    }

    /// The folder of the index being written.
    pub fn index_path(&self) -> &Path {
        &self.catalog.path
    }

    /// The number of articles a file gave last time, if it has not changed since.
    pub fn unchanged(&self, file: &SourceFile) -> Option<usize> {
        self.manifest
            .files
            .get(&file_key(file))
            .filter(|r| {
                r.size == file.size
                    && r.mtime_ns == file.mtime_ns
                    && (self.extractor == speakers::NOT_EXTRACTED
                        || r.extractor == speakers::EXTRACTOR_VERSION)
            })
            .map(|r| r.articles)
    }

    /// The number of articles indexed from a file, changed or not.
    pub fn recorded(&self, file: &SourceFile) -> Option<usize> {
        self.manifest.files.get(&file_key(file)).map(|r| r.articles)
    }

    /// Replaces everything indexed from `file` with `entries`.
    pub fn replace(
        &mut self,
        file: &SourceFile,
        format: Format,
        entries: Vec<Entry>,
    ) -> Result<Replaced, IndexError> {
        let key = self.begin(file);
        let articles = entries.len();
        self.add(&key, format, entries)?;
        Ok(self.finish(key, file, articles))
    }

    /// Starts replacing what is indexed from `file`: its articles follow with [`Writer::add`],
    /// then [`Writer::finish`] records it. Returns the file's key.
    pub fn begin(&mut self, file: &SourceFile) -> String {
        let key = file_key(file);
        // Each delete is held until the commit and then run against every segment: skip
        // it for a file that cannot be in the index yet.
        if self.unlisted || self.manifest.files.contains_key(&key) {
            let f = &self.catalog.fields;
            self.writer.delete_term(Term::from_field_text(f.path, &key));
        }
        key
    }

    /// Adds articles of the file begun under `key`.
    pub fn add(
        &mut self,
        key: &str,
        format: Format,
        entries: Vec<Entry>,
    ) -> Result<(), IndexError> {
        let settings = stories::Settings::default();
        let signed = entries.into_iter().map(|entry| {
            let signature =
                stories::signature(&entry.article.title, &entry.article.body, &settings);
            (entry, signature)
        });
        self.add_signed(key, format, signed)
    }

    /// Adds articles of the file begun under `key`, each with its story signature (made
    /// by the caller, off this thread).
    pub fn add_signed(
        &mut self,
        key: &str,
        format: Format,
        entries: impl IntoIterator<Item = (Entry, stories::Signature)>,
    ) -> Result<(), IndexError> {
        let path: Arc<str> = Arc::from(key);
        for (entry, signature) in entries {
            let doc = self.document(&path, format, entry, signature)?;
            self.writer
                .add_document(doc)
                .map_err(IndexError::tantivy(&self.catalog.path))?;
        }
        Ok(())
    }

    /// Records the file begun under `key` with its number of articles.
    pub fn finish(&mut self, key: String, file: &SourceFile, articles: usize) -> Replaced {
        let record = FileRecord {
            size: file.size,
            mtime_ns: file.mtime_ns,
            articles,
            extractor: self.extractor,
        };
        let previous = self.manifest.files.insert(&key, record).map(|r| r.articles);
        Replaced {
            previous,
            added: articles,
        }
    }

    /// Gives up the file begun under `key` before it was finished: the articles added so
    /// far are deleted with whatever was indexed from it before, and it is no longer
    /// recorded, so the next run reads it as new.
    pub fn abandon(&mut self, key: &str) {
        self.writer
            .delete_term(Term::from_field_text(self.catalog.fields.path, key));
        self.manifest.files.remove(key);
    }

    /// Records `roots` among the folders the index is made from (see
    /// [`Manifest::roots`](super::Manifest::roots)).
    pub fn remember(&mut self, roots: &[PathBuf]) {
        for root in roots {
            let root = root.to_string_lossy().into_owned();
            if !self.manifest.roots.contains(&root) {
                self.manifest.roots.push(root);
            }
        }
    }

    /// Drops recorded files that are gone: under a walked root but not `seen`, or (with
    /// `everywhere`) elsewhere and not found on disk (a moved folder). Files under `unreadable` paths are kept: the
    /// walk could not look there. Returns the number of articles removed.
    pub fn remove_missing(
        &mut self,
        roots: &[PathBuf],
        seen: &Seen,
        unreadable: &[PathBuf],
        everywhere: bool,
    ) -> usize {
        // Sets, as a watch pass may walk ten thousand roots: a path is under one when one
        // of its few ancestors is in the set.
        let roots: FxHashSet<&Path> = roots.iter().map(PathBuf::as_path).collect();
        let unreadable: FxHashSet<&Path> = unreadable.iter().map(PathBuf::as_path).collect();
        let gone = self.manifest.files.remove_where(|key| {
            let path = Path::new(key);
            if path.ancestors().any(|a| unreadable.contains(a)) {
                false
            } else if path.ancestors().any(|a| roots.contains(a)) {
                !seen.contains(key)
            } else {
                everywhere && gone(std::fs::metadata(path).map(|_| ()))
            }
        });
        let mut removed = 0;
        for (key, record) in gone {
            self.writer
                .delete_term(Term::from_field_text(self.catalog.fields.path, &key));
            removed += record.articles;
        }
        removed
    }

    /// The stories the run adds to: those in the index at its last commit, read the first
    /// time they are needed (a run that adds nothing does not read them).
    fn grouper(&mut self) -> Result<&mut Grouper, IndexError> {
        if self.grouper.is_none() {
            let searcher = self.catalog.searcher()?;
            let fields = &self.catalog.fields;
            let grouper = story_data::grouper(&searcher, fields, stories::Settings::default())
                .map_err(IndexError::tantivy(&self.catalog.path))?;
            log::debug!("stories: {} read from the index", grouper.len());
            self.grouper = Some(grouper);
        }
        Ok(self.grouper.get_or_insert_with(Grouper::default))
    }

    fn document(
        &mut self,
        path: &Arc<str>,
        format: Format,
        entry: Entry,
        signature: stories::Signature,
    ) -> Result<ArticleDoc, IndexError> {
        let a = entry.article;
        let id = match entry.part {
            Some(part) => format!("{path}#{part}"),
            None => path.to_string(),
        };
        let uid = article_uid(&id);
        let (story, story_number) = self.grouper()?.assign(uid, &signature);
        // Each key once per article: facet counts are numbers of articles.
        let mut tag_keys: Vec<String> = Vec::new();
        for tag in &a.tags {
            let key = tag_key(tag);
            self.catalog.labels.note_tag(&key, tag);
            if !tag_keys.contains(&key) {
                tag_keys.push(key);
            }
        }
        let mut speaker_keys: Vec<String> = Vec::new();
        for speaker in &a.speakers {
            let key = identity_key(&speaker.name);
            self.catalog.labels.note_speaker(&key, &speaker.name);
            if !speaker_keys.contains(&key) {
                speaker_keys.push(key);
            }
        }
        Ok(ArticleDoc {
            fields: self.catalog.fields,
            uid,
            id,
            path: Arc::clone(path),
            format,
            date: a.date.map(to_tantivy),
            speaker_data: speaker_data::encode(&a.speakers),
            article: a,
            tag_keys,
            speaker_keys,
            story,
            story_number,
        })
    }

    /// Commits the changes so far, then records the manifest and labels beside them. A
    /// run killed at any moment leaves the index at its last checkpoint; files indexed
    /// after it are read again next time (and replaced by path, so never twice).
    pub fn checkpoint(&mut self) -> Result<(), IndexError> {
        let path = self.catalog.path.clone();
        self.writer.commit().map_err(IndexError::tantivy(&path))?;
        self.manifest.updated = Some(chrono::Utc::now());
        self.manifest.schema = super::schema::SCHEMA_VERSION;
        let io_err = IndexError::io(&path);
        self.manifest.save(&path).map_err(io_err)?;
        self.catalog.labels.save(&path).map_err(io_err)
    }

    /// The last checkpoint, then waits for segment merges to finish. The indexing buffers
    /// are free by then, so the closing merges may read up to their budget.
    pub fn commit(mut self) -> Result<Catalog, IndexError> {
        self.merges.closing(self.heap_bytes as u64);
        self.checkpoint()?;
        self.writer
            .wait_merging_threads()
            .map_err(IndexError::tantivy(&self.catalog.path))?;
        Ok(self.catalog)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Article;

    #[test]
    fn only_a_file_that_is_not_there_is_gone() {
        use std::io::{Error, ErrorKind};
        assert!(gone(Err(Error::from(ErrorKind::NotFound))));
        assert!(gone(Err(Error::from(ErrorKind::NotADirectory))));
        assert!(!gone(Ok(())));
        for kind in [
            ErrorKind::PermissionDenied,
            ErrorKind::TimedOut,
            ErrorKind::Other,
        ] {
            assert!(!gone(Err(Error::from(kind))), "{kind:?}");
        }
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("a.txt");
        std::fs::write(&file, "x").expect("write");
        assert!(!gone(std::fs::metadata(&file).map(|_| ())));
        // The file's folder replaced by a file: the article's file is gone.
        assert!(gone(std::fs::metadata(file.join("b.txt")).map(|_| ())));
        assert!(gone(
            std::fs::metadata(dir.path().join("c.txt")).map(|_| ())
        ));
    }

    fn entry(title: &str) -> Entry {
        Entry {
            part: None,
            article: Article {
                title: title.into(),
                ..Article::default()
            },
            notes: vec![],
        }
    }

    fn file(path: &str) -> SourceFile {
        SourceFile {
            path: PathBuf::from(path),
            size: 1,
            mtime_ns: 1,
        }
    }

    fn temp_dir() -> Result<tempfile::TempDir, IndexError> {
        tempfile::tempdir().map_err(IndexError::io(Path::new("tempdir")))
    }

    /// The body of [`varied_article`].
    const VARIED_BODY: &str = "Harbour fees rise. \"We had no choice,\" said Ilse Varga-Holm.";

    /// An article with a value in every field, a double-barrelled speaker with a quote,
    /// and one tag in two spellings.
    fn varied_article() -> Article {
        use crate::model::{Quote, Speaker};
        let body = VARIED_BODY;
        let quote = body.find("We").unwrap_or_default();
        Article {
            title: "Harbour fees rise".into(),
            date: chrono::DateTime::from_timestamp(1_700_000_000, 0),
            body: body.into(),
            speakers: vec![Speaker {
                name: "Ilse Varga-Holm".into(),
                aliases: vec!["Varga-Holm".into()],
                role: Some("harbour master".into()),
                quotes: vec![Quote {
                    text: String::new(),
                    start: quote,
                    end: quote + 17,
                }],
            }],
            // Two spellings of one tag: both stored, both found by the one key.
            tags: vec!["Port fees".into(), "port  FEES".into(), "Kestvik".into()],
            author: Some("Maren Dahl".into()),
            url: Some("https://example.org/fees".into()),
            source: Some("Kestvik Post".into()),
        }
    }

    /// A new index in `dir` holding [`varied_article`] as item 7 of a JSON Lines file.
    fn index_varied(dir: &Path) -> Result<Catalog, IndexError> {
        let mut writer = Writer::open(Catalog::open_or_create(dir)?, 64 << 20)?;
        let given = Entry {
            part: Some(7),
            article: varied_article(),
            notes: vec![],
        };
        writer.replace(&file("/clips/feed.jsonl"), Format::Jsonl, vec![given])?;
        writer.commit()?;
        Catalog::open(dir)
    }

    /// Every value of an article is found by its terms, as each field analyses them.
    #[test]
    fn every_field_of_an_article_is_found_by_its_terms() -> Result<(), IndexError> {
        use tantivy::collector::Count;
        use tantivy::query::TermQuery;
        use tantivy::schema::IndexRecordOption;

        let dir = temp_dir()?;
        let catalog = index_varied(dir.path())?;
        let searcher = catalog.searcher()?;
        let f = &catalog.fields;
        let found = |field, text: &str| -> Result<usize, IndexError> {
            let query =
                TermQuery::new(Term::from_field_text(field, text), IndexRecordOption::Basic);
            searcher
                .search(&query, &Count)
                .map_err(IndexError::tantivy(&catalog.path))
        };
        assert_eq!(found(f.body, "choic")?, 1, "stemmed body word");
        assert_eq!(found(f.title, "harbour")?, 1);
        assert_eq!(found(f.tags, "kestvik")?, 1);
        assert_eq!(found(f.tag_key, &tag_key("Port fees"))?, 1);
        assert_eq!(found(f.speakers, "varga")?, 1);
        assert_eq!(found(f.speaker_key, &identity_key("Ilse Varga-Holm"))?, 1);
        assert_eq!(found(f.author, "dahl")?, 1);
        assert_eq!(found(f.source, "post")?, 1);
        assert_eq!(found(f.path, "/clips/feed.jsonl")?, 1);
        assert_eq!(found(f.url, "https://example.org/fees")?, 1);

        Ok(())
    }

    /// Every value of an article is stored as given.
    #[test]
    fn every_field_of_an_article_is_stored_as_given() -> Result<(), IndexError> {
        use crate::search::stored::Stored;
        use tantivy::schema::TantivyDocument;

        let dir = temp_dir()?;
        let catalog = index_varied(dir.path())?;
        let searcher = catalog.searcher()?;
        let f = &catalog.fields;
        let article = varied_article();
        let body = VARIED_BODY;
        let doc: TantivyDocument = searcher
            .doc(tantivy::DocAddress::new(0, 0))
            .map_err(IndexError::tantivy(&catalog.path))?;
        let stored = Stored(doc);
        assert_eq!(stored.text(f.id), "/clips/feed.jsonl#7");
        assert_eq!(
            stored.number(f.uid),
            Some(article_uid("/clips/feed.jsonl#7"))
        );
        assert_eq!(stored.text(f.path), "/clips/feed.jsonl");
        assert_eq!(stored.text(f.format), Format::Jsonl.as_str());
        assert_eq!(stored.text(f.title), article.title);
        assert_eq!(stored.text(f.body), article.body);
        assert_eq!(stored.date(f.date), article.date);
        assert_eq!(stored.all(f.tags), article.tags);
        assert_eq!(
            stored.all(f.speakers),
            vec!["Ilse Varga-Holm", "Varga-Holm"]
        );
        let speakers = speaker_data::decode(&stored.text(f.speaker_data), body);
        assert_eq!(speakers.len(), 1);
        assert_eq!(speakers[0].role.as_deref(), Some("harbour master"));
        assert_eq!(speakers[0].quotes[0].text, "We had no choice,");
        assert_eq!(stored.first(f.author), article.author);
        assert_eq!(stored.first(f.source), article.source);
        assert_eq!(stored.first(f.url), article.url);
        Ok(())
    }

    #[test]
    fn files_under_unreadable_folders_are_kept() -> Result<(), IndexError> {
        let dir = temp_dir()?;
        let mut writer = Writer::open(Catalog::open_or_create(dir.path())?, 64 << 20)?;
        writer.replace(
            &file("/clips/locked/a.txt"),
            Format::Plain,
            vec![entry("a")],
        )?;
        writer.replace(
            &file("/clips/open/b.txt"),
            Format::Plain,
            vec![entry("b"), entry("c")],
        )?;
        writer.replace(&file("/moved/away/c.txt"), Format::Plain, vec![entry("d")])?;
        let roots = [PathBuf::from("/clips")];
        let locked = [PathBuf::from("/clips/locked")];
        let removed = writer.remove_missing(&roots, &Seen::default(), &locked, false);
        assert_eq!(removed, 2);
        assert_eq!(writer.recorded(&file("/clips/locked/a.txt")), Some(1));
        assert_eq!(writer.recorded(&file("/clips/open/b.txt")), None);
        assert_eq!(writer.recorded(&file("/moved/away/c.txt")), Some(1));
        let removed = writer.remove_missing(&roots, &Seen::default(), &locked, true);
        assert_eq!(removed, 1, "a file outside the roots, no longer on disk");
        Ok(())
    }
}
