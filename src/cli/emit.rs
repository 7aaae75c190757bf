//! What the commands write: their output to standard output and notices to
//! standard error, control characters a value brought in shown escaped.

/// Writes command output to standard output, any control character a value
/// brought in shown escaped (its lines and tabs are the text's own). A reader
/// that went away (a closed pipe such as `| head`) is not an error of ours, so
/// write failures are ignored rather than panicking as `print!` would.
pub(super) fn emit(text: &str) {
    write_out(&crate::controls::escape_lines(text));
}

/// Writes serialized JSON to standard output, with the control characters a
/// JSON writer leaves raw escaped the JSON way.
pub(super) fn emit_json(json: &str) {
    write_out(&crate::controls::escape_json(json));
}

fn write_out(text: &str) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes()).and_then(|()| out.flush());
}

/// Writes a notice to standard error, escaped as [`emit`] does.
pub(super) fn notice(text: &str) {
    eprintln!(
        "gridorg: 提示 (notice): {}",
        crate::controls::escape_lines(text)
    );
}
