//! Versions of one structure kept by many offices: whether two documents are
//! versions of one ([`related`]), what changed between them ([`diff`]), and
//! the three-way merge of two of them ([`merge()`]; of three files, read
//! quickly: [`merge_read`]).

pub mod diff;
pub mod label;
pub mod merge;
pub mod merge_read;
pub mod related;

pub use merge::{merge, Merged};
pub use related::{related, Unrelated};
