//! The refusal, before any work is done, of an output file a command may not write.

use std::path::Path;

/// Refuses an output (`-o`) that may not be written (see [`crate::output`]):
/// said before any work is done, exit status 2.
pub(super) fn guard_output(
    output: &Path,
    kind: crate::output::Kind,
    inputs: &[&Path],
    force: bool,
) -> Result<(), String> {
    crate::output::check(output, kind, inputs, force).map_err(|e| e.to_string())
}
