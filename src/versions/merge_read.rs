//! Reading three versions to merge, fast (a city document is ~100 MB; three
//! of them merged in well under 3 s).
//!
//! As for a change report ([`super::diff::read`]): in files in the writer's
//! layout — one record a line — a record whose line is the same in all three
//! files is one record that neither side changed, and the merge takes it as
//! it is. So the units and grids (every reference leads to them) are read
//! whole, and of the buildings, members, households and co-building units
//! only the records whose lines are not the same in all three; the three
//! partial versions are merged like whole ones, and the unchanged lines go
//! into the merged file as they are, in id order.
//!
//! The result is the whole merge's: the merge decides each id from that
//! id's three versions alone, and what it then makes whole again never turns
//! on an unchanged record — a record present and alike in all three refers
//! only to units and grids present in all three, which the merge keeps, and
//! its code clashes with nothing, as each side's codes are unique. Only the
//! acknowledgements ask whether their record is still there; they are told
//! about the unchanged ones. The quick read is taken for documents of
//! versions 2 and 3 (version 2 is written one record a line as 3 is) that
//! are versions of one structure — by their identity, or, where a file has
//! none, by the records they name alike, the unchanged ones counted in —
//! records in id order; anything else (version 1, another layout, an empty
//! base, a partial text that does not read, unrelated files) is read whole,
//! which also gives every error its file, line and column.
//!
//! What a merge would write is validated as a load validates it, before a
//! byte is written: a merge that would not load is refused
//! ([`MergeError::Invalid`]). Read whole, the merged document is validated;
//! read quickly, the merged records are (every unit and grid, and the records
//! not the same in all three), and the unchanged ones' ids must be apart from
//! theirs — which is the whole file's validation, as an unchanged record
//! refers only to units and grids the merge keeps and its code is unique on
//! each side. A stand-in code the merge made up for a building (where two
//! were given one code and ours has no other for it) could still be an
//! unchanged building's; such a merge (rare) is read whole.

use super::diff::read::{id_token, Layout, Piece, DIFFERING};
use super::merge::{merge, merge_around, Merged};
use super::related::{related, related_besides};
use crate::document::{self, DocumentError, CURRENT_VERSION};
use crate::model::{Document, Id, RecordKind};
use std::path::Path;

/// Why three files were not merged.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum MergeError {
    /// An input does not read, is a workbook, or the documents are not
    /// versions of one structure: the message names the file.
    #[error("{0}")]
    Input(String),
    /// What the merge made would not load (what is wrong, as a load says it).
    #[error("合并结果不是有效的文档 (invalid merge result)：{0}")]
    Invalid(String),
}

/// Three files merged.
#[derive(Debug)]
pub struct MergedFiles {
    /// The merge. Where `partial`, its document holds every unit and grid
    /// but, of the other records, only those not the same in all three files:
    /// enough for the report of the merge and its conflicts, not for counts.
    pub merged: Merged,
    /// The merged document as written, every record in it.
    pub text: String,
    /// Whether only the records not the same in all three were read.
    pub partial: bool,
}

/// Reads BASE, OURS and THEIRS (at once, on threads of their own) and merges
/// them; quickly where all three allow it and `whole` is not asked for.
/// Refuses workbooks (they have no ids) and documents of different
/// structures, saying which file and why. An empty file is an empty
/// structure: git's base when both branches added the document.
pub fn merge_files(paths: [&Path; 3], whole: bool) -> Result<MergedFiles, MergeError> {
    let read = std::thread::scope(|scope| {
        let others = [paths[1], paths[2]].map(|p| scope.spawn(move || read(p)));
        let first = read(paths[0]);
        let [o, t] = others.map(|h| h.join().unwrap_or_else(|_| Err("thread".into())));
        [first, o, t]
    });
    let [b, o, t] = read.map(|side| side.map_err(MergeError::Input));
    let bytes = [b?, o?, t?];
    if !whole {
        if let Some(quick) = quick(&bytes) {
            let (merged, text) = quick?;
            return Ok(MergedFiles {
                merged,
                text,
                partial: true,
            });
        }
    }
    let sides = std::thread::scope(|scope| {
        let others = [1, 2].map(|i| {
            let (path, bytes) = (paths[i], &bytes[i]);
            scope.spawn(move || parse(path, bytes))
        });
        let first = parse(paths[0], &bytes[0]);
        let [o, t] = others.map(|h| h.join().unwrap_or_else(|_| Err("thread".into())));
        [first, o, t]
    });
    let [b, o, t] = sides.map(|side| side.map_err(MergeError::Input));
    let (b, o, t) = (b?, o?, t?);
    for (path, side) in [(paths[1], &o), (paths[2], &t)] {
        related(&b, side).map_err(|why| {
            MergeError::Input(format!(
                "{} 与 {}: {why}",
                paths[0].display(),
                path.display()
            ))
        })?;
    }
    let merged = merge(&b, &o, &t);
    document::validate(&merged.document).map_err(|e| MergeError::Invalid(e.message))?;
    let text = document::to_string(&merged.document);
    Ok(MergedFiles {
        merged,
        text,
        partial: false,
    })
}

/// One side's bytes: a document's, never a workbook's.
fn read(path: &Path) -> Result<Vec<u8>, String> {
    let workbook = |path: &Path| {
        format!(
            "{}: 是工作簿，不是文档 (workbook: no ids)：工作簿没有内部编号，不能合并；请先用 gridorg import 导入，再以导入的文档为基础编辑",
            path.display()
        )
    };
    if path.is_dir() {
        return Err(workbook(path));
    }
    let bytes = crate::input::read(path).map_err(|e| {
        DocumentError::Io {
            path: path.display().to_string(),
            action: "读取",
            reason: e.to_string(),
        }
        .to_string()
    })?;
    if bytes.starts_with(b"PK\x03\x04") {
        return Err(workbook(path));
    }
    Ok(bytes)
}

/// One side read whole; an empty file is an empty structure.
fn parse(path: &Path, bytes: &[u8]) -> Result<Document, String> {
    if bytes.is_empty() {
        return Ok(Document {
            next_id: 1,
            ..Document::default()
        });
    }
    document::from_bytes(bytes, &path.display().to_string()).map_err(|e| e.to_string())
}

/// A list's record lines by id, or None where a line has no numeric id,
/// does not end as the writer ends it, or the ids are not in rising order.
type Numbered<'a> = Vec<(u64, &'a str)>;

/// The quick merge: the merge and the merged file's text (or why it would
/// not load), or None where it cannot be taken.
fn quick(bytes: &[Vec<u8>; 3]) -> Option<Result<(Merged, String), MergeError>> {
    let mut texts = Vec::with_capacity(3);
    for side in bytes {
        let text = std::str::from_utf8(side).ok()?;
        // Version 2 is read by the current schema, ids as they are, and
        // written one record a line as version 3 is.
        matches!(document::version_of(text), Some(2 | CURRENT_VERSION)).then_some(())?;
        texts.push(text);
    }
    let layouts: Vec<Layout> = texts.iter().map(|t| Layout::of(t)).collect::<Option<_>>()?;
    let mut keep: [Vec<(&str, Vec<&str>)>; 3] = Default::default();
    let mut unchanged: Vec<(&str, Numbered)> = Vec::new();
    for name in DIFFERING {
        let lists: Vec<Numbered> = layouts
            .iter()
            .map(|l| numbered(l.list(name)))
            .collect::<Option<_>>()?;
        let (kept, same) = walk([&lists[0], &lists[1], &lists[2]]);
        for (side, lines) in keep.iter_mut().zip(kept) {
            side.push((name, lines));
        }
        unchanged.push((name, same));
    }
    let partial: Vec<String> = layouts
        .iter()
        .zip(&keep)
        .map(|(layout, keep)| partial_text(layout, keep))
        .collect();
    let sides = std::thread::scope(|scope| {
        let others = [1, 2].map(|i| {
            let text = &partial[i];
            scope.spawn(move || document::from_str(text, "").ok())
        });
        let first = document::from_str(&partial[0], "").ok();
        let [o, t] = others.map(|h| h.join().ok().flatten());
        [first, o, t]
    });
    let [b, o, t] = sides;
    let (b, o, t) = (b?, o?, t?);
    // Each file valid as a whole, with the lines all three share; else the
    // whole read says why and where.
    let mut unread = document::Unread::default();
    for (name, lines) in &unchanged {
        for (_, line) in lines {
            unread.add(name, line)?;
        }
    }
    for side in [&b, &o, &t] {
        document::validate_with(side, &unread).ok()?;
    }
    // Versions of one structure, as the whole documents would be found: by
    // identity, or (version 2) by the records both name alike, the left-out
    // ones among them. Where not, the whole read says which file.
    let left_out = unchanged.iter().map(|(_, lines)| lines.len()).sum();
    for side in [&o, &t] {
        related_besides(&b, side, left_out).ok()?;
    }
    let kept = |id: crate::model::Id| {
        unchanged
            .iter()
            .any(|(_, lines)| lines.binary_search_by_key(&id.0, |l| l.0).is_ok())
    };
    let merged = merge_around(&b, &o, &t, &kept);
    let code = |d: &Document, id| d.buildings.get(&id).map(|b| b.code.clone());
    let stand_in = |c: &crate::model::Conflict| {
        c.record == RecordKind::Building
            && c.field == "code"
            && code(&merged.document, c.id) != code(&o, c.id)
    };
    if merged.conflicts.iter().any(stand_in) {
        return None;
    }
    let text = splice(&document::to_string(&merged.document), &unchanged)?;
    Some(validate_quick(&merged.document, &unchanged).map(|()| (merged, text)))
}

/// Validates what the quick merge writes (see the module doc): the merged
/// records as a document, and the unchanged records' ids apart from theirs.
fn validate_quick(merged: &Document, unchanged: &[(&str, Numbered)]) -> Result<(), MergeError> {
    document::validate(merged).map_err(|e| MergeError::Invalid(e.message))?;
    let shared = unchanged
        .iter()
        .flat_map(|(_, lines)| lines)
        .map(|&(id, _)| Id(id))
        .find(|&id| merged.kind_of(id).is_some());
    match shared {
        Some(id) => Err(MergeError::Invalid(format!(
            "内部编号 {id} 被两条记录使用 (duplicate id)"
        ))),
        None => Ok(()),
    }
}

/// The record lines of a list with their ids (see [`Numbered`]).
fn numbered<'a>(lines: &[&'a str]) -> Option<Numbered<'a>> {
    let mut out: Numbered = Vec::with_capacity(lines.len());
    for &line in lines {
        let id: u64 = id_token(line)?.parse().ok()?;
        if !line.ends_with("),\n") || out.last().is_some_and(|l| l.0 >= id) {
            return None;
        }
        out.push((id, line));
    }
    Some(out)
}

/// Walks one list of the three sides in id order: the lines each side keeps
/// (every version of a record not the same in all three), and the records
/// the same in all three.
fn walk<'a>(sides: [&Numbered<'a>; 3]) -> ([Vec<&'a str>; 3], Numbered<'a>) {
    let mut at = [0usize; 3];
    let mut kept: [Vec<&str>; 3] = Default::default();
    let mut same = Vec::with_capacity(sides[0].len());
    loop {
        let heads = [0, 1, 2].map(|s| sides[s].get(at[s]).copied());
        let Some(id) = heads.iter().flatten().map(|l| l.0).min() else {
            break;
        };
        let lines = heads.map(|h| h.filter(|l| l.0 == id).map(|l| l.1));
        for (s, line) in lines.iter().enumerate() {
            at[s] += usize::from(line.is_some());
        }
        match lines {
            [Some(b), Some(o), Some(t)] if b == o && o == t => same.push((id, b)),
            _ => {
                for (side, line) in kept.iter_mut().zip(lines) {
                    side.extend(line);
                }
            }
        }
    }
    (kept, same)
}

/// The file with only `keep`'s lines in those lists.
fn partial_text(layout: &Layout, keep: &[(&str, Vec<&str>)]) -> String {
    let mut out = String::new();
    for piece in &layout.pieces {
        match piece {
            Piece::Text(t) => out.push_str(t),
            Piece::List {
                name,
                open,
                items,
                close,
            } => {
                out.push_str(open);
                let lines = keep
                    .iter()
                    .find(|k| k.0 == *name)
                    .map_or(items.as_slice(), |k| k.1.as_slice());
                lines.iter().for_each(|l| out.push_str(l));
                out.push_str(close);
            }
        }
    }
    out
}

/// The merged partial document's text with the unchanged lines put back
/// into their lists in id order; None where an id would occur twice or a
/// list is not where it should be.
fn splice(text: &str, unchanged: &[(&str, Numbered)]) -> Option<String> {
    let layout = Layout::of(text)?;
    let extra: usize = unchanged.iter().flat_map(|u| &u.1).map(|l| l.1.len()).sum();
    let mut out = String::with_capacity(text.len() + extra + 256);
    let mut placed = 0;
    for piece in &layout.pieces {
        match piece {
            Piece::Text(t) => match empty_list(t).and_then(|n| unchanged.iter().find(|u| u.0 == n))
            {
                Some((name, lines)) if !lines.is_empty() => {
                    out.push_str(&format!("    {name}: [\n"));
                    lines.iter().for_each(|l| out.push_str(l.1));
                    out.push_str("    ],\n");
                    placed += 1;
                }
                _ => out.push_str(t),
            },
            Piece::List {
                name,
                open,
                items,
                close,
            } => {
                out.push_str(open);
                match unchanged.iter().find(|u| u.0 == *name) {
                    Some((_, lines)) => {
                        interleave(&mut out, &numbered(items)?, lines)?;
                        placed += usize::from(!lines.is_empty());
                    }
                    None => items.iter().for_each(|l| out.push_str(l)),
                }
                out.push_str(close);
            }
        }
    }
    let wanted = unchanged.iter().filter(|u| !u.1.is_empty()).count();
    (placed == wanted).then_some(out)
}

/// The name of a list written empty (`    members: [],`).
fn empty_list(line: &str) -> Option<&str> {
    line.strip_prefix("    ")?.strip_suffix(": [],\n")
}

/// Two lists of record lines in rising id order written as one; None where
/// an id is in both.
fn interleave(out: &mut String, a: &Numbered, b: &Numbered) -> Option<()> {
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        let take_a = match (a.get(i), b.get(j)) {
            (Some(x), Some(y)) if x.0 == y.0 => return None,
            (Some(x), Some(y)) => x.0 < y.0,
            (x, _) => x.is_some(),
        };
        if take_a {
            out.push_str(a[i].1);
            i += 1;
        } else {
            out.push_str(b[j].1);
            j += 1;
        }
    }
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_is_left_out_only_when_all_three_lines_are_alike() {
        let side = |lines: &[(u64, &'static str)]| lines.to_vec();
        let b = side(&[(1, "a"), (2, "b"), (3, "c"), (5, "e")]);
        let o = side(&[(1, "a"), (2, "B"), (3, "c"), (4, "d")]);
        let t = side(&[(1, "a"), (2, "b"), (5, "e")]);
        let (kept, same) = walk([&b, &o, &t]);
        assert_eq!(same, [(1, "a")]);
        assert_eq!(kept[0], ["b", "c", "e"]);
        assert_eq!(kept[1], ["B", "c", "d"]);
        assert_eq!(kept[2], ["b", "e"]);
    }

    #[test]
    fn lines_out_of_order_or_without_a_number_are_not_taken() {
        let line = |id: &str| format!("        (id: {id}, name: \"x\"),\n");
        let (one, two, word) = (line("1"), line("2"), line("\"a\""));
        assert!(numbered(&[&one, &two]).is_some());
        assert!(numbered(&[&two, &one]).is_none());
        assert!(numbered(&[&one, &one]).is_none());
        assert!(numbered(&[&word]).is_none());
        assert!(numbered(&["        (id: 1, name: \"x\")\n"]).is_none());
    }
}
