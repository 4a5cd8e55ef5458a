//! Copies of one story: content signatures, and grouping articles into stories as they
//! are indexed. Pure: no files, no index; the index writer keeps a [`Grouper`] and
//! stores each article's story id and signature (`index::story_data`).

mod grouper;
mod postings;
mod signature;

pub use grouper::Grouper;
pub use signature::{signature, Anchor, Settings, Signature, EXACT_MOST};

#[cfg(test)]
mod tests;
