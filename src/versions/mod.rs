//! Versions of one structure kept by many offices: what changed between two
//! of them ([`diff`]).

pub mod diff;
