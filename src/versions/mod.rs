//! Versions of one structure: whether two documents are versions of one
//! ([`related`]).

pub mod related;

pub use related::{related, Unrelated};
