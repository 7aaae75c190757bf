//! Someone waiting on a long printout: told how many pages are made of how
//! many, and able to stop it between pages.

use super::error::PdfError;
use std::sync::atomic::{AtomicBool, Ordering};

/// How a printout reports its pages and learns it is to stop.
#[derive(Clone, Copy)]
pub struct Watch<'a> {
    /// Set to stop the printout: it then ends with [`PdfError::Cancelled`].
    pub cancel: &'a AtomicBool,
    /// Told the pages made so far and the pages in all.
    pub pages: &'a (dyn Fn(usize, usize) + Sync),
}

static NEVER: AtomicBool = AtomicBool::new(false);

impl Watch<'static> {
    /// Nobody watching: the command line's printouts.
    pub fn none() -> Watch<'static> {
        Watch {
            cancel: &NEVER,
            pages: &|_, _| {},
        }
    }
}

impl Watch<'_> {
    /// Stops here if asked to.
    pub fn go_on(&self) -> Result<(), PdfError> {
        if self.cancel.load(Ordering::Relaxed) {
            Err(PdfError::Cancelled)
        } else {
            Ok(())
        }
    }
}
