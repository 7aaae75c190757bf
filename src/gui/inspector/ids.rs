//! The ids of the unit's own fields in the property panel, for focus, for
//! the fixes that lead to them, and for tests.

/// The name field's id.
pub const NAME: &str = "inspector-name";
/// The code field's id.
pub const CODE: &str = "inspector-code";
/// The leader field's id.
pub const LEADER: &str = "inspector-leader";
/// The leader's phone field's id.
pub const PHONE: &str = "inspector-phone";
/// The election date field's id.
pub const ELECTED: &str = "inspector-elected";
/// The term field's id.
pub const TERM: &str = "inspector-term";
