//! Printing to a printer through CUPS: the printers it knows and what each
//! offers ([`printers`]), a job's choices read and checked ([`request`]), the
//! PDF made as for a file ([`printout`]) and handed to `lp` from a private
//! spool file ([`spool`]), then followed until it is printed or says why not
//! ([`job`]). The scheduler is the one CUPS's tools use, or one named outright
//! ([`server::Cups`]); the command line tools submit and cancel, a few IPP
//! requests ([`ipp`]) ask what they cannot say. No iced: the window's print
//! dialog and the tests use the same calls.

pub mod error;
pub mod ipp;
pub mod job;
pub mod printers;
pub mod printout;
pub mod request;
pub mod server;
pub mod spool;
