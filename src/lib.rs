//! clipdex: a full-text search index for folders of news clippings.
//!
//! Data flows one way: walk ([`ingest`]) → parse ([`parse`]) → extract ([`speakers`]) →
//! index ([`index`], driven by [`pipeline`]) → search ([`search`]) → render ([`output`]).
//! The command line ([`cli`], [`config`], [`app`]) is the only part that knows clap; the
//! library takes its own settings ([`pipeline::IndexOptions`], [`search::Params`]).
//! ARCHITECTURE.md walks from a file on disk to a printed hit.

#![warn(missing_docs)]

pub mod app;
mod ascii;
pub mod cli;
pub mod config;
pub mod error;
pub mod export;
pub mod index;
pub mod ingest;
pub mod keys;
pub mod model;
pub mod output;
pub mod parse;
pub mod pipeline;
pub mod search;
pub mod serve;
pub mod shell;
pub mod speakers;
pub mod stories;
