//! Reading two versions to compare, fast.
//!
//! A city document is ~100 MB, and reading two whole ones takes longer than a
//! change report may (a few times what GNU `diff` takes on the same files).
//! Files in the layout the writer gives them — one record a line — need not be
//! read whole: a line that is the same in both files is the same record, the
//! same in both. So the units and grids (every reference and every community
//! is found through them) are read whole, and of the buildings, members,
//! households and co-building units only the lines that differ; the two
//! partial documents then go through [`super::changes`] like whole ones, and
//! give the same changes. The lines both files share are read for their keys
//! (ids, codes, references: [`document::Unread`]), and each partial document
//! is validated with them as a whole load validates a file, so a duplicate id
//! or code in a shared line is refused, not compared. Where either file is not
//! in that layout, the partial text does not read or is not valid, both files
//! are read whole, which also gives every error its own file, line and column.

use crate::document::{self, DocumentError, Unread};
use crate::model::Document;
use rustc_hash::FxHashMap;
use std::path::Path;

/// Two versions read for comparing.
#[derive(Debug)]
pub struct Pair {
    /// OLD.
    pub old: Document,
    /// NEW.
    pub new: Document,
    /// Whether only the differing records (and every unit and grid) were
    /// read: enough for [`super::changes`], not for counts.
    pub partial: bool,
}

/// The lists read whole in a partial read: every reference and every
/// community is found through them.
const WHOLE: [&str; 2] = ["units", "grids"];
/// The lists of which only the differing lines are read.
pub(crate) const DIFFERING: [&str; 4] = ["buildings", "members", "households", "co_builders"];

/// Reads both files, partially where both are in the writer's layout and
/// `whole` is not asked for.
pub fn read_pair(old: &Path, new: &Path, whole: bool) -> Result<Pair, DocumentError> {
    let (a, b) = std::thread::scope(|scope| {
        let a = scope.spawn(|| read_bytes(old));
        let b = read_bytes(new);
        (a.join().unwrap_or_else(|_| Err(io_error(old, "thread"))), b)
    });
    let (a, b) = (a?, b?);
    let (old_name, new_name) = (old.display().to_string(), new.display().to_string());
    if !whole {
        if let Some((old, new)) = partial(&a, &b, &old_name, &new_name) {
            return Ok(Pair {
                old,
                new,
                partial: true,
            });
        }
    }
    let (old, new) = std::thread::scope(|scope| {
        let old = scope.spawn(|| document::from_bytes(&a, &old_name));
        let new = document::from_bytes(&b, &new_name);
        (old.join(), new)
    });
    let old = old.unwrap_or_else(|_| Err(io_error(Path::new(&old_name), "thread")))?;
    Ok(Pair {
        old,
        new: new?,
        partial: false,
    })
}

fn io_error(path: &Path, reason: &str) -> DocumentError {
    DocumentError::Io {
        path: path.display().to_string(),
        action: "读取",
        reason: reason.to_string(),
    }
}

fn read_bytes(path: &Path) -> Result<Vec<u8>, DocumentError> {
    crate::input::read(path).map_err(|e| io_error(path, &e.to_string()))
}

/// Both files read partially, or None where that is not possible or where
/// either is not valid as a whole (the whole read then says why and where).
fn partial(a: &[u8], b: &[u8], a_name: &str, b_name: &str) -> Option<(Document, Document)> {
    let (a, b) = (std::str::from_utf8(a).ok()?, std::str::from_utf8(b).ok()?);
    let (a, b) = (Layout::of(a)?, Layout::of(b)?);
    let mut keep_a: FxHashMap<&str, Vec<&str>> = FxHashMap::default();
    let mut keep_b: FxHashMap<&str, Vec<&str>> = FxHashMap::default();
    let mut same: Vec<(&str, Vec<&str>)> = Vec::with_capacity(DIFFERING.len());
    for name in DIFFERING {
        let lines = differing(a.list(name), b.list(name))?;
        keep_a.insert(name, lines.only_a);
        keep_b.insert(name, lines.only_b);
        same.push((name, lines.same));
    }
    let (text_a, text_b) = (a.partial_text(&keep_a), b.partial_text(&keep_b));
    let (old, new, unread) = std::thread::scope(|scope| {
        let old = scope.spawn(|| document::from_str(&text_a, a_name).ok());
        let unread =
            scope.spawn(|| Unread::read(same.iter().map(|(name, l)| (*name, l.as_slice()))));
        let new = document::from_str(&text_b, b_name).ok();
        (old.join().ok().flatten(), new, unread.join().ok().flatten())
    });
    let (old, new, unread) = (old?, new?, unread?);
    document::validate_with(&old, &unread).ok()?;
    document::validate_with(&new, &unread).ok()?;
    Some((old, new))
}

/// The most lines outside the record lists a file in the writer's layout
/// has: it writes about twenty (the header, the scalar fields, empty lists).
const TOP_LINES: usize = 64;

/// A file cut into its lists of record lines and the text around them.
pub(crate) struct Layout<'a> {
    pub(crate) pieces: Vec<Piece<'a>>,
}

pub(crate) enum Piece<'a> {
    /// Text kept as it is (the header, scalar fields, the closing parenthesis).
    Text(&'a str),
    /// A list written one record a line.
    List {
        name: &'a str,
        open: &'a str,
        items: Vec<&'a str>,
        close: &'a str,
    },
}

impl<'a> Layout<'a> {
    /// The writer's layout: top-level fields four spaces in, a list opening
    /// on its field's line, each record on a line of its own eight spaces in,
    /// the list closing four spaces in. None for anything else — among it a
    /// file of more than [`TOP_LINES`] lines outside lists, found out before
    /// it is cut into millions of pieces.
    pub(crate) fn of(text: &'a str) -> Option<Layout<'a>> {
        let mut pieces = Vec::new();
        let mut top = 0;
        let mut open: Option<(&str, &str, Vec<&str>)> = None;
        for line in text.split_inclusive('\n') {
            match &mut open {
                Some((_, _, items)) if line.starts_with("        (") => items.push(line),
                Some(_) if matches!(line.trim_end(), "    ]," | "    ]") => {
                    let (name, head, items) = open.take()?;
                    pieces.push(Piece::List {
                        name,
                        open: head,
                        items,
                        close: line,
                    });
                }
                Some(_) => return None,
                None => match list_name(line) {
                    Some(name) => open = Some((name, line, Vec::new())),
                    None => {
                        top += 1;
                        (top <= TOP_LINES).then_some(())?;
                        pieces.push(Piece::Text(line));
                    }
                },
            }
        }
        if open.is_some() {
            return None;
        }
        let named = |n: &str| {
            pieces
                .iter()
                .filter(|p| matches!(p, Piece::List { name, .. } if *name == n))
                .count()
        };
        // Each list at most once, and the units there: otherwise not ours.
        if named("units") != 1 || DIFFERING.iter().chain(&WHOLE).any(|n| named(n) > 1) {
            return None;
        }
        Some(Layout { pieces })
    }

    /// The record lines of a list (none where the list is empty or absent).
    pub(crate) fn list(&self, wanted: &str) -> &[&'a str] {
        self.pieces
            .iter()
            .find_map(|p| match p {
                Piece::List { name, items, .. } if *name == wanted => Some(items.as_slice()),
                _ => None,
            })
            .unwrap_or(&[])
    }

    /// The file with only `keep`'s lines in those lists, and no
    /// acknowledgements (they may name records left out).
    fn partial_text(&self, keep: &FxHashMap<&str, Vec<&str>>) -> String {
        let size = self
            .pieces
            .iter()
            .map(|p| match p {
                Piece::Text(t) => t.len(),
                Piece::List { name, items, .. } if WHOLE.contains(name) => {
                    items.iter().map(|l| l.len()).sum::<usize>() + 64
                }
                Piece::List { .. } => 64,
            })
            .sum::<usize>();
        let mut out =
            String::with_capacity(size + keep.values().flatten().map(|l| l.len()).sum::<usize>());
        for piece in &self.pieces {
            match piece {
                Piece::Text(t) => out.push_str(t),
                Piece::List { name, .. } if *name == "acknowledgements" => {
                    out.push_str("    acknowledgements: [],\n");
                }
                Piece::List {
                    name,
                    open,
                    items,
                    close,
                } => {
                    out.push_str(open);
                    let lines = keep.get(name).map_or(items.as_slice(), Vec::as_slice);
                    for line in lines {
                        out.push_str(line);
                    }
                    out.push_str(close);
                }
            }
        }
        out
    }
}

/// The field name of a line that opens a list (`    members: [`).
fn list_name(line: &str) -> Option<&str> {
    let rest = line.strip_prefix("    ")?;
    let (name, after) = rest.split_once(':')?;
    let plain = !name.is_empty() && name.bytes().all(|b| b.is_ascii_lowercase() || b == b'_');
    (plain && after.trim() == "[").then_some(name)
}

/// A list's record lines sorted by whether both files have them.
struct Differing<'a> {
    /// The lines of `a` not in `b`.
    only_a: Vec<&'a str>,
    /// The lines of `b` not in `a`.
    only_b: Vec<&'a str>,
    /// The lines both have.
    same: Vec<&'a str>,
}

/// The lines of `a` and of `b` that are not in the other: the records whose
/// line changed, on both sides, and those added or removed; and the lines
/// both have. None where a line between the common first and last lines has
/// no id or an id occurs twice there (the whole read then says where).
fn differing<'a>(a: &[&'a str], b: &[&'a str]) -> Option<Differing<'a>> {
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (head, a, b) = (&a[..prefix], &a[prefix..], &b[prefix..]);
    let suffix = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let tail = &a[a.len() - suffix..];
    let (a, b) = (&a[..a.len() - suffix], &b[..b.len() - suffix]);
    let mut by_id: FxHashMap<&str, (&str, bool)> = FxHashMap::default();
    by_id.reserve(a.len());
    for &line in a {
        if by_id.insert(id_token(line)?, (line, false)).is_some() {
            return None;
        }
    }
    let mut only_b = Vec::new();
    let mut same: Vec<&str> = head.iter().chain(tail).copied().collect();
    let mut seen_b: FxHashMap<&str, ()> = FxHashMap::default();
    for &line in b {
        let id = id_token(line)?;
        if seen_b.insert(id, ()).is_some() {
            return None;
        }
        match by_id.get_mut(id) {
            Some((old, alike)) if *old == line => {
                *alike = true;
                same.push(line);
            }
            _ => only_b.push(line),
        }
    }
    let only_a = a
        .iter()
        .copied()
        .filter(|line| id_token(line).is_some_and(|id| !by_id[id].1))
        .collect();
    Some(Differing {
        only_a,
        only_b,
        same,
    })
}

/// The text of a record line's id (`(id: 17, …` gives `17`), whatever form
/// the id is written in: a number, a string, a tuple.
pub(crate) fn id_token(line: &str) -> Option<&str> {
    let rest = line.trim_start().strip_prefix("(id:")?.trim_start();
    let bytes = rest.as_bytes();
    let (mut depth, mut quoted, mut escaped) = (0usize, false, false);
    for (i, &c) in bytes.iter().enumerate() {
        if quoted {
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => quoted = false,
                _ => {}
            }
            continue;
        }
        match c {
            b'"' => quoted = true,
            b'(' | b'[' => depth += 1,
            b')' | b']' if depth == 0 => return Some(&rest[..i]),
            b')' | b']' => depth -= 1,
            b',' if depth == 0 => return Some(&rest[..i]),
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_id_token_is_read_whatever_its_form() {
        assert_eq!(id_token("        (id: 17, code: \"A\"),\n"), Some("17"));
        assert_eq!(id_token("        (id: \"a,b\", x: 1),\n"), Some("\"a,b\""));
        assert_eq!(id_token("        (id: (3, 4), x: 1),\n"), Some("(3, 4)"));
        assert_eq!(id_token("        (code: \"A\"),\n"), None);
    }

    #[test]
    fn only_the_lines_that_differ_are_kept() {
        let a = [
            "(id: 1, x: 1)\n",
            "(id: 2, x: 1)\n",
            "(id: 3, x: 1)\n",
            "(id: 4, x: 1)\n",
        ];
        let b = [
            "(id: 1, x: 1)\n",
            "(id: 3, x: 2)\n",
            "(id: 4, x: 1)\n",
            "(id: 5, x: 1)\n",
        ];
        let lines = differing(&a, &b).unwrap();
        assert_eq!(lines.only_a, ["(id: 2, x: 1)\n", "(id: 3, x: 1)\n"]);
        assert_eq!(lines.only_b, ["(id: 3, x: 2)\n", "(id: 5, x: 1)\n"]);
        assert_eq!(lines.same, ["(id: 1, x: 1)\n", "(id: 4, x: 1)\n"]);
        let twice = ["(id: 1, x: 1)\n", "(id: 1, x: 2)\n"];
        assert!(differing(&twice, &b[1..2]).is_none());
    }
}
