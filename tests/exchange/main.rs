//! 数据包 between offices through the command line (interfaces.md,
//! "Exchange between offices"; issue 26 items 1, 3, 4, 5 and 6): street,
//! communities and a district as repositories made in the test, exchanging
//! with `gridorg send`, `receive` and `sync` — and a hostile sender's bundles.
//! Every test is named `exchange_…`.

mod common;
mod hierarchy;
mod history;
mod offer;
mod private;
mod receive;
mod refuse;
mod send;
mod sync;
