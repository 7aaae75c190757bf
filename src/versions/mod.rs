//! Versions of one structure kept by many offices: whether two documents are
//! versions of one ([`related`]), what changed between them ([`diff`]), and
//! the three-way merge of two of them ([`merge()`]; of three files, read
//! quickly: [`merge_read`]), what the editor shows while it compares the
//! document with another version ([`compare`]), and a document's history in
//! git ([`git`]), 数据包 exchanged between offices ([`exchange`]), and a repository made ready
//! for documents ([`setup`]).

pub mod compare;
pub mod diff;
pub mod exchange;
pub mod git;
pub mod merge;
pub mod merge_read;
pub mod related;
pub mod setup;

pub use merge::{merge, Merged};
pub use related::{related, Unrelated};
