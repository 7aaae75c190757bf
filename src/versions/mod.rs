//! Versions of one structure: whether two documents are versions of one
//! ([`related`]), and the three-way merge of two of them ([`merge()`]).

pub mod label;
pub mod merge;
pub mod related;

pub use merge::{merge, Merged};
pub use related::{related, Unrelated};
