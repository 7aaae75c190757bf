//! git as the exchange runs it.
