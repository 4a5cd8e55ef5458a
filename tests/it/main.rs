//! clipdex's integration tests, built as one binary (as ripgrep and fd do) so they link
//! once: a module per area, helpers in `common`.

mod bad_input;
mod browser;
mod cli;
mod common;
mod documents;
mod every;
mod export;
mod facets;
mod html;
mod properties;
mod quotes;
mod recovery;
mod sample_corpus;
mod serve;
mod shell;
mod stories;
mod tables;
mod warc;
mod watch;
