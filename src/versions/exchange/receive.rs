//! Receiving: a 数据包 merged into the document (made from it when the
//! document does not exist yet).

use super::error::ExchangeError;
use super::outcome::Received;
use std::path::Path;

/// Receives the 数据包 at `bundle` into the document at `doc` (made from it
/// when absent), committing by `office`.
pub fn receive(doc: &Path, bundle: &Path, office: &str) -> Result<Received, ExchangeError> {
    if std::fs::symlink_metadata(doc).is_err() {
        return super::create::create(doc, super::create::Source::Bundle(bundle), office);
    }
    super::offer::offer(doc, bundle)?.accept(office)
}
