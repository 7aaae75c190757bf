//! Reading printouts back, as a user's viewer would: poppler's pdftotext,
//! pdfinfo and pdffonts (apt-get install poppler-utils). Each test binary uses
//! the part it needs.
#![allow(dead_code)]

pub mod watch;

use std::path::Path;
use std::process::Command;

/// Runs a poppler tool and returns its standard output.
pub fn poppler(tool: &str, args: &[&str]) -> String {
    let out = Command::new(tool)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{tool} runs (apt-get install poppler-utils): {e}"));
    assert!(
        out.status.success(),
        "{tool} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("poppler writes UTF-8")
}

/// The number of pages of a PDF file.
pub fn pages_of(pdf: &Path) -> usize {
    poppler("pdfinfo", &[pdf.to_str().unwrap()])
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("pdfinfo gives a page count")
}

/// The text of pages `first..=last` (all when `None`) in content order,
/// without white space, so that wrapped names join up.
pub fn text_of(pdf: &Path, pages: Option<(usize, usize)>) -> String {
    let range = pages.map(|(f, l)| [f.to_string(), l.to_string()]);
    let mut args = vec!["-raw"];
    if let Some([f, l]) = &range {
        args.extend(["-f", f, "-l", l]);
    }
    args.extend([pdf.to_str().unwrap(), "-"]);
    poppler("pdftotext", &args)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}
