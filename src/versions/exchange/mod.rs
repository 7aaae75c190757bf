//! 数据包: versions exchanged between offices (interfaces.md, "Exchange
//! between offices"). A 数据包 is a git bundle of the branch that holds a
//! document. [`send`] writes one (putting the document under version
//! control first when it is not: [`start_versions`]); [`offer`] says what
//! one brings without changing anything and keeps it unpacked, its merge
//! worked out, for [`Offer::accept`]; [`receive`] merges it through the
//! merge driver and commits when clean, or leaves the merge [`pending`] until
//! the window settles it ([`finish`]) or puts everything back ([`abandon`]);
//! [`sync`] does the same with a shared repository and pushes.
//!
//! git runs as a program with the office as its identity for that run alone
//! ([`run`]); a bundle is unpacked into a quarantine inside the repository and
//! looked at there before anything of the repository changes.

mod commit;
mod create;
mod error;
mod incoming;
mod merging;
mod offer;
mod outcome;
mod premerge;
mod quarantine;
mod receive;
mod run;
mod send;
mod settle;
mod state;
mod sync;
mod tree;

pub use error::ExchangeError;
pub use incoming::Incoming;
pub use offer::{offer, Offer};
pub use outcome::{Outcome, Received};
pub use receive::receive;
pub use send::{bundle_name, send, start_versions, Sent, Started};
pub use settle::{abandon, finish, pending, Pending};
pub use sync::{remote, sync, Synced};
