//! A font the user names (`--font`): of a collection the Simplified Chinese
//! face is taken, and a font that cannot print the digits and Latin letters
//! of codes, dates and phones is refused before anything is made.

use std::path::Path;
use std::process::Command;

const BUNDLED: &str = "assets/fonts/NotoSansSC-Regular.ttf";
/// A Latin font with no Chinese (fonts-urw-base35, which `.ci/run` installs).
const LATIN: &str = "/usr/share/fonts/opentype/urw-base35/NimbusSans-Regular.otf";
/// A Chinese font with no digits or Latin letters (fonts-droid-fallback).
const NO_LATIN: &str = "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf";

fn read(path: &str) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("{path}: {e} (installed by .ci/run)"))
}

fn u16_at(b: &[u8], at: usize) -> usize {
    usize::from(u16::from_be_bytes([b[at], b[at + 1]]))
}

fn u32_at(b: &[u8], at: usize) -> usize {
    u32::from_be_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]]) as usize
}

/// A font collection (`.ttc`) of `fonts`, in that order: each font's table
/// directory, then every table, the offsets made to count from the file's start.
fn collection(fonts: &[Vec<u8>]) -> Vec<u8> {
    let header = 12 + 4 * fonts.len();
    let directories: Vec<usize> = fonts.iter().map(|f| 12 + 16 * u16_at(f, 4)).collect();
    let mut out = Vec::new();
    out.extend_from_slice(b"ttcf");
    out.extend_from_slice(&0x0001_0000u32.to_be_bytes());
    out.extend_from_slice(&(fonts.len() as u32).to_be_bytes());
    let mut at = header;
    for d in &directories {
        out.extend_from_slice(&(at as u32).to_be_bytes());
        at += d;
    }
    let mut tables = Vec::new();
    for font in fonts {
        let count = u16_at(font, 4);
        out.extend_from_slice(&font[..12]);
        for t in 0..count {
            let record = 12 + 16 * t;
            let (offset, length) = (u32_at(font, record + 8), u32_at(font, record + 12));
            out.extend_from_slice(&font[record..record + 8]);
            out.extend_from_slice(&((at + tables.len()) as u32).to_be_bytes());
            out.extend_from_slice(&(length as u32).to_be_bytes());
            tables.extend_from_slice(&font[offset..offset + length]);
            while tables.len() % 4 != 0 {
                tables.push(0);
            }
        }
    }
    out.extend_from_slice(&tables);
    out
}

fn roster_with_font(font: &Path, output: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_gridorg"))
        .args(["roster", "sample-data/xiyuan.ron", "--font"])
        .arg(font)
        .arg("-o")
        .arg(output)
        .output()
        .unwrap()
}

#[test]
fn of_a_collection_the_chinese_face_prints_not_the_first() {
    let dir = tempfile::tempdir().unwrap();
    let ttc = dir.path().join("两种.ttc");
    std::fs::write(&ttc, collection(&[read(LATIN), read(BUNDLED)])).unwrap();
    let pdf = dir.path().join("roster.pdf");
    let out = roster_with_font(&ttc, &pdf);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let fonts = Command::new("pdffonts").arg(&pdf).output().unwrap();
    let fonts = String::from_utf8_lossy(&fonts.stdout);
    assert!(fonts.contains("NotoSans"), "{fonts}");
    assert!(!fonts.contains("Nimbus"), "{fonts}");
}

#[test]
fn a_chinese_font_without_digits_or_latin_letters_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("roster.pdf");
    let out = roster_with_font(Path::new(NO_LATIN), &pdf);
    assert_eq!(out.status.code(), Some(2));
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("missing digits or Latin letters"), "{said}");
    assert!(said.contains(NO_LATIN), "{said}");
    assert!(!pdf.exists());
}
