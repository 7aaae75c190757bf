//! Versions of one structure kept by many offices: whether two documents are
//! versions of one ([`related`]), and what changed between them ([`diff`]).

pub mod diff;
pub mod related;

pub use related::{related, Unrelated};
