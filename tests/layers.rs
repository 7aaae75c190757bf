//! The code's own layout, read from the source: no file imports another around a
//! circle, a module imports only modules at or below its layer, only the window
//! touches iced, and the model does no I/O.
//!
//! An import is any `use crate::…`, `use super::…`, `use self::…`, a `use child::…`
//! of a module the file declares (`mod child;`), `pub use` re-exports included,
//! and an inline path `crate::a::b` / `super::x` / `self::x` in code. Comments,
//! string literals, `pub(in …)` visibilities and `#[cfg(test)] mod …` blocks are
//! not imports. Each import is taken to the file that defines the longest
//! module prefix of its path.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The layers, lowest first: a module may import modules of its own layer or of
/// a layer below, never above. Every top-level module of `src/` stands in one.
const LAYERS: &[(&[&str], &str)] = &[
    (
        &["caught", "controls", "font", "format", "mask", "order", "parse", "text"],
        "values and text, knowing no records: masking, natural order, parsing, trimming, control characters, the font bytes, the format's version",
    ),
    (&["model"], "the records of a document: data with no I/O"),
    (
        &["id_number", "label", "field_name"],
        "what one record's fields say: an ID number's checks, the code and name a report gives a record, a field's Chinese word",
    ),
    (&["generate"], "documents made from seeds: records only"),
    (
        &["graph"],
        "the index derived from a document's records, built once per revision",
    ),
    (
        &["input", "output"],
        "bytes read and written safely, knowing no records: what sits above may touch files",
    ),
    (&["check"], "the rules over a document, and the rules file they read"),
    (
        &["layout", "report", "stats"],
        "figures and geometry from a document: statistics tables, the chart's boxes",
    ),
    (
        &["document"],
        "the file format: versions, migrations, validation, atomic saves",
    ),
    (
        &["store"],
        "what the installation keeps in its data folder: the id counter",
    ),
    (
        &["workbook"],
        "the Excel and CSV import and export, through the document",
    ),
    (
        &["edit"],
        "commands and their history: the one way a document changes",
    ),
    (&["journal"], "the recovery log of the edits"),
    (
        &["sheet"],
        "the members sheet: cells read by the template's rules, a paste turned into one edit",
    ),
    (
        &["versions"],
        "versions of one structure: diff, merge, git history",
    ),
    (
        &["pdf"],
        "printouts of charts, rosters, reports and changes",
    ),
    (
        &["printer"],
        "printing to a printer through CUPS: the printouts above, handed to lp and followed",
    ),
    (&["gui"], "the window: one face over everything below"),
    (
        &["cli"],
        "the command line: the program's entry, which opens the window when asked",
    ),
];

/// Words that may not appear in the code under `src/model`: files, the
/// environment, processes and the C library belong above it.
const MODEL_FORBIDS: &[&str] = &[
    "std::fs",
    "std::io",
    "std::env",
    "std::process",
    "std::net",
    "libc",
    "File",
    "OpenOptions",
    "Path",
];

#[test]
fn no_file_imports_another_around_a_circle() {
    let graph = Graph::of_crate();
    let circles = graph.circles();
    let mut shown = String::new();
    for circle in &circles {
        shown += &format!("{} files:\n", circle.len());
        for (from, to) in graph.arrows_within(circle) {
            shown += &format!("   {} -> {}\n", from.display(), to.display());
        }
    }
    assert!(
        circles.is_empty(),
        "files import each other around {} circle(s); move what they share into a file of its own:\n{shown}",
        circles.len()
    );
}

#[test]
fn modules_import_only_their_own_layer_or_lower() {
    let graph = Graph::of_crate();
    let layer_of = layer_table();
    let modules: BTreeSet<String> = graph.files.keys().filter_map(|f| top_module(f)).collect();
    let missing: Vec<&String> = modules
        .iter()
        .filter(|m| !layer_of.contains_key(m.as_str()))
        .collect();
    assert!(
        missing.is_empty(),
        "modules with no layer: {missing:?}; add each to LAYERS with a line of why"
    );
    let stale: Vec<&&str> = layer_of.keys().filter(|m| !modules.contains(**m)).collect();
    assert!(
        stale.is_empty(),
        "LAYERS names modules src/ no longer has: {stale:?}; remove them"
    );
    let mut upward = Vec::new();
    for (from, tos) in &graph.edges {
        for to in tos {
            let (Some(a), Some(b)) = (top_module(from), top_module(to)) else {
                continue;
            };
            if layer_of[a.as_str()] < layer_of[b.as_str()] {
                upward.push(format!(
                    "   {} ({a}, layer {}) -> {} ({b}, layer {})",
                    from.display(),
                    layer_of[a.as_str()],
                    to.display(),
                    layer_of[b.as_str()]
                ));
            }
        }
    }
    assert!(
        upward.is_empty(),
        "imports pointing up the layers:\n{}",
        upward.join("\n")
    );
}

#[test]
fn only_the_window_touches_iced() {
    let graph = Graph::of_crate();
    let found: Vec<String> = graph
        .files
        .iter()
        .filter(|(file, _)| top_module(file).as_deref() != Some("gui"))
        .filter(|(_, code)| words(code).any(|w| w.starts_with("iced")))
        .map(|(file, _)| file.display().to_string())
        .collect();
    assert!(found.is_empty(), "iced outside src/gui: {found:?}");
}

#[test]
fn the_model_does_no_io() {
    let graph = Graph::of_crate();
    let mut found = Vec::new();
    for (file, code) in &graph.files {
        if top_module(file).as_deref() != Some("model") {
            continue;
        }
        let flat: String = code.split_whitespace().collect::<Vec<_>>().join(" ");
        for word in MODEL_FORBIDS {
            let hit = if word.contains("::") {
                flat.contains(word)
            } else {
                words(code).any(|w| w == *word)
            };
            if hit {
                found.push(format!("{}: {word}", file.display()));
            }
        }
    }
    assert!(graph
        .files
        .keys()
        .any(|f| top_module(f).as_deref() == Some("model")));
    assert!(found.is_empty(), "I/O in the model: {found:?}");
}

#[test]
fn the_crate_is_read_whole() {
    let graph = Graph::of_crate();
    let arrows: usize = graph.edges.values().map(BTreeSet::len).sum();
    assert!(graph.files.len() > 100, "{} files", graph.files.len());
    assert!(arrows > 300, "only {arrows} imports found");
    let journal = Path::new("src/journal.rs");
    assert!(
        graph.edges[journal].contains(Path::new("src/edit/mod.rs")),
        "{:?}",
        graph.edges[journal]
    );
}

// The parser, on small pieces of code.

fn imports_of(file: &str, code: &str) -> Vec<String> {
    imports(&module_path(Path::new(file)), &strip(code))
        .into_iter()
        .map(|p| p.join("::"))
        .collect()
}

#[test]
fn brace_trees_self_globs_and_renames_are_expanded() {
    let code =
        "use crate::a::{b::{C, D as E}, f, self};\npub use super::g::*;\nuse std::x::{crate_like};";
    assert_eq!(
        imports_of("src/m/n.rs", code),
        ["a::b::C", "a::b::D", "a::f", "a", "m::g"]
    );
}

#[test]
fn super_super_and_self_count_from_the_file_s_module() {
    let code = "use super::super::Change;\nfn f() { self::g::h(); super::Ids::new(); }";
    assert_eq!(
        imports_of("src/edit/plan/unit.rs", code),
        [
            "edit::Change",
            "edit::plan::unit::g::h",
            "edit::plan::Ids::new"
        ]
    );
    assert_eq!(
        imports_of("src/edit/plan/mod.rs", "use super::change::Record;"),
        ["edit::change::Record"]
    );
}

#[test]
fn a_declared_child_is_imported_by_use_but_another_crate_is_not() {
    let code = "mod count;\npub mod table;\npub use count::{Counts, TOTAL};\nuse table::Column;\nuse chrono::NaiveDate;";
    assert_eq!(
        imports_of("src/report/mod.rs", code),
        [
            "report::count::Counts",
            "report::count::TOTAL",
            "report::table::Column"
        ]
    );
}

#[test]
fn inline_paths_count_but_comments_strings_visibility_and_tests_do_not() {
    let code = r##"
        //! See [`crate::doc`].
        /* crate::block /* nested crate::x */ */
        pub(in crate::edit) fn f() -> crate::model::Id {
            let s = "crate::string";
            let r = r#"crate::raw"#;
            let c = '"';
            let l: &'static str = "";
            crate::output::check(s, r, c, l)
        }
        #[cfg(test)]
        mod tests {
            use crate::hidden;
        }
        fn g() { crate::after::tests(); }
        #[cfg(test)]
        pub(crate) mod fixtures {
            use crate::also_hidden;
        }
    "##;
    assert_eq!(
        imports_of("src/x.rs", code),
        ["model::Id", "output::check", "after::tests"]
    );
}

#[test]
fn a_circle_is_found_and_a_chain_is_not() {
    let files = |pairs: &[(&str, &str)]| {
        let mut graph = Graph::default();
        for (from, to) in pairs {
            graph
                .edges
                .entry(PathBuf::from(from))
                .or_default()
                .insert(PathBuf::from(to));
            graph.edges.entry(PathBuf::from(to)).or_default();
        }
        graph
    };
    let chain = files(&[("a", "b"), ("b", "c")]);
    assert!(chain.circles().is_empty());
    let circle = files(&[("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")]);
    let found = circle.circles();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].len(), 3);
    assert_eq!(circle.arrows_within(&found[0]).len(), 3);
}

// The reading of the crate.

/// Every file of `src/` (but the binary's root), its code with comments,
/// literals and test modules blanked, and the files each imports.
#[derive(Default)]
struct Graph {
    files: BTreeMap<PathBuf, String>,
    edges: BTreeMap<PathBuf, BTreeSet<PathBuf>>,
}

impl Graph {
    fn of_crate() -> Graph {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut sources = Vec::new();
        collect(&root.join("src"), &mut sources);
        let mut graph = Graph::default();
        for path in sources {
            let file = path.strip_prefix(root).unwrap().to_path_buf();
            if file == Path::new("src/main.rs") {
                continue;
            }
            let code = strip(&std::fs::read_to_string(&path).unwrap());
            graph.files.insert(file, code);
        }
        let by_module: BTreeMap<Vec<String>, PathBuf> = graph
            .files
            .keys()
            .map(|f| (module_path(f), f.clone()))
            .collect();
        for (file, code) in &graph.files {
            let mut targets = BTreeSet::new();
            for path in imports(&module_path(file), code) {
                let target = (1..=path.len())
                    .rev()
                    .find_map(|n| by_module.get(&path[..n]));
                if let Some(target) = target.filter(|t| *t != file) {
                    targets.insert(target.clone());
                }
            }
            graph.edges.insert(file.clone(), targets);
        }
        graph
    }

    /// The files that import each other around a circle: the strongly connected
    /// groups of more than one file (Tarjan).
    fn circles(&self) -> Vec<Vec<PathBuf>> {
        struct Walk<'g> {
            edges: &'g BTreeMap<PathBuf, BTreeSet<PathBuf>>,
            index: BTreeMap<&'g Path, (usize, usize)>,
            stack: Vec<&'g Path>,
            on_stack: BTreeSet<&'g Path>,
            found: Vec<Vec<PathBuf>>,
        }
        impl<'g> Walk<'g> {
            fn visit(&mut self, v: &'g Path) {
                let n = self.index.len();
                self.index.insert(v, (n, n));
                self.stack.push(v);
                self.on_stack.insert(v);
                for w in self.edges.get(v).into_iter().flatten() {
                    let w = w.as_path();
                    if !self.index.contains_key(w) {
                        self.visit(w);
                        let low = self.index[w].1.min(self.index[v].1);
                        self.index.get_mut(v).unwrap().1 = low;
                    } else if self.on_stack.contains(w) {
                        let low = self.index[w].0.min(self.index[v].1);
                        self.index.get_mut(v).unwrap().1 = low;
                    }
                }
                if self.index[v].0 == self.index[v].1 {
                    let mut group = Vec::new();
                    while let Some(w) = self.stack.pop() {
                        self.on_stack.remove(w);
                        group.push(w.to_path_buf());
                        if w == v {
                            break;
                        }
                    }
                    if group.len() > 1 {
                        group.sort();
                        self.found.push(group);
                    }
                }
            }
        }
        let mut walk = Walk {
            edges: &self.edges,
            index: BTreeMap::new(),
            stack: Vec::new(),
            on_stack: BTreeSet::new(),
            found: Vec::new(),
        };
        for v in self.edges.keys() {
            if !walk.index.contains_key(v.as_path()) {
                walk.visit(v);
            }
        }
        walk.found
    }

    /// The imports between files of one circle.
    fn arrows_within<'g>(&'g self, circle: &[PathBuf]) -> Vec<(&'g Path, &'g Path)> {
        let mut arrows = Vec::new();
        for (from, tos) in &self.edges {
            if circle.contains(from) {
                for to in tos.iter().filter(|t| circle.contains(t)) {
                    arrows.push((from.as_path(), to.as_path()));
                }
            }
        }
        arrows
    }
}

fn collect(folder: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(folder).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            collect(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The module a file defines: `src/edit/plan/unit.rs` → `edit::plan::unit`,
/// `src/edit/mod.rs` → `edit`, `src/lib.rs` → the crate (empty).
fn module_path(file: &Path) -> Vec<String> {
    let inner = file.strip_prefix("src").unwrap_or(file).with_extension("");
    let mut path: Vec<String> = inner
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if matches!(
        path.last().map(String::as_str),
        Some("mod" | "lib" | "main")
    ) {
        path.pop();
    }
    path
}

/// The top-level module a file belongs to; None for the crate root.
fn top_module(file: &Path) -> Option<String> {
    module_path(file).into_iter().next()
}

/// The crate-relative module paths `code` (already [`strip`]ped), in the file
/// of module `module`, imports: its `use` trees, then its inline paths.
fn imports(module: &[String], code: &str) -> Vec<Vec<String>> {
    let children: BTreeSet<&str> = declared_children(code);
    let mut paths = Vec::new();
    let mut rest = String::with_capacity(code.len());
    let mut at = 0;
    for (start, end) in use_statements(code) {
        rest += &code[at..start];
        rest.push(';');
        for tree in expand(&code[start + 3..end]) {
            paths.push((tree, true));
        }
        at = (end + 1).min(code.len());
    }
    rest += &code[at..];
    let rest = blank_visibilities(&rest);
    let used: Vec<Vec<String>> = paths
        .iter()
        .filter_map(|(segments, _)| absolute(module, &children, segments.clone(), true))
        .collect();
    for path in inline_paths(&rest) {
        paths.push((path, false));
    }
    let mut found: Vec<Vec<String>> = paths
        .into_iter()
        .filter_map(|(segments, by_use)| absolute(module, &children, segments, by_use))
        .collect();
    // An inline path through a name a `use` brought in (`plan::unit::add`
    // after `use super::plan`) or through a declared child (`current::write`)
    // reaches that module's file too.
    for path in inline_paths(&rest) {
        let first = &path[0];
        if let Some(base) = used.iter().find(|u| u.last() == Some(first)) {
            found.push(base.iter().chain(&path[1..]).cloned().collect());
        } else if children.contains(first.as_str()) {
            found.push(module.iter().chain(&path).cloned().collect());
        }
    }
    found
}

/// A path as segments from the crate root; None for another crate's.
fn absolute(
    module: &[String],
    children: &BTreeSet<&str>,
    mut segments: Vec<String>,
    by_use: bool,
) -> Option<Vec<String>> {
    if segments.last().is_some_and(|s| s == "self" || s == "*") {
        segments.pop();
    }
    let first = segments.first()?.clone();
    let mut path: Vec<String> = match first.as_str() {
        "crate" => Vec::new(),
        "self" => module.to_vec(),
        "super" => {
            let mut base = module.to_vec();
            base.pop();
            while segments.get(1).is_some_and(|s| s == "super") {
                segments.remove(0);
                base.pop();
            }
            base
        }
        name if by_use && children.contains(name) => {
            let mut base = module.to_vec();
            base.push(name.to_string());
            base
        }
        _ => return None,
    };
    path.extend(segments.into_iter().skip(1));
    Some(path)
}

/// The `mod name;` declarations of a file (modules in files of their own).
fn declared_children(code: &str) -> BTreeSet<&str> {
    code.split(';')
        .filter_map(|statement| {
            let words: Vec<&str> = statement.split_whitespace().collect();
            match words.as_slice() {
                [.., "mod", name] if is_ident(name) => Some(*name),
                _ => None,
            }
        })
        .collect()
}

/// Where each `use` statement's `use` starts and its `;` is.
fn use_statements(code: &str) -> Vec<(usize, usize)> {
    let bytes = code.as_bytes();
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(i) = code[from..].find("use").map(|i| i + from) {
        let before = i.checked_sub(1).map(|j| bytes[j]);
        let after = bytes.get(i + 3).copied();
        let starts = before.is_none_or(|b| !is_ident_byte(b) && b != b':');
        let ends = after.is_some_and(|b| b.is_ascii_whitespace());
        if starts && ends {
            let end = code[i..].find(';').map_or(code.len(), |e| i + e);
            found.push((i, end));
            from = end.min(code.len());
        } else {
            from = i + 3;
        }
    }
    found
}

/// A use tree as its paths: `a::{b::{C, D}, e}` → `a::b::C`, `a::b::D`, `a::e`
/// (each path's segments; `x as y` is `x`).
fn expand(tree: &str) -> Vec<Vec<String>> {
    let tree: String = tree.split_whitespace().collect::<Vec<_>>().join(" ");
    let tree = tree.trim();
    let Some(open) = tree.find('{') else {
        let path = tree.split(" as ").next().unwrap_or("").replace(' ', "");
        let segments: Vec<String> = path
            .split("::")
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect();
        return if segments.is_empty() {
            Vec::new()
        } else {
            vec![segments]
        };
    };
    let prefix = tree[..open].trim().trim_end_matches("::");
    let body = &tree[open + 1..tree.rfind('}').unwrap_or(tree.len())];
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0, 0);
    for (i, c) in body.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&body[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&body[start..]);
    let head: Vec<String> = prefix
        .split("::")
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect();
    parts
        .into_iter()
        .filter(|p| !p.trim().is_empty())
        .flat_map(expand)
        .map(|tail| head.iter().cloned().chain(tail).collect())
        .collect()
}

/// Paths of two segments or more in code (`crate::a::b`, `plan::unit::add`, `std::fs`).
fn inline_paths(code: &str) -> Vec<Vec<String>> {
    let bytes = code.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let word_start = is_ident_byte(bytes[i])
            && (i == 0 || (!is_ident_byte(bytes[i - 1]) && bytes[i - 1] != b':'));
        if !word_start {
            i += 1;
            continue;
        }
        let mut segments = Vec::new();
        let mut j = i;
        loop {
            let end = j + code[j..].bytes().take_while(|&b| is_ident_byte(b)).count();
            segments.push(code[j..end].to_string());
            j = end;
            let next = code[j..].trim_start();
            let skipped = code[j..].len() - next.len();
            match next.strip_prefix("::") {
                Some(after)
                    if after
                        .trim_start()
                        .starts_with(|c: char| c == '_' || c.is_ascii_alphabetic()) =>
                {
                    j += skipped + 2 + (after.len() - after.trim_start().len());
                }
                _ => break,
            }
        }
        if segments.len() > 1 {
            found.push(segments);
        }
        i = j.max(i + 1);
    }
    found
}

/// Blanks `pub(in path)`: a visibility names an enclosing module, it imports nothing.
fn blank_visibilities(code: &str) -> String {
    let mut out = code.to_string();
    let mut from = 0;
    while let Some(i) = out[from..].find("pub(in ").map(|i| i + from) {
        let end = out[i..].find(')').map_or(out.len(), |e| i + e);
        out.replace_range(i..end, &" ".repeat(end - i));
        from = end;
    }
    out
}

/// The code with comments, string and char literals blanked (newlines kept),
/// and `#[cfg(test)] mod … { … }` blocks left out.
fn strip(source: &str) -> String {
    let chars: Vec<char> = source.chars().collect();
    let mut out = String::with_capacity(source.len());
    let blank = |out: &mut String, c: char| out.push(if c == '\n' { '\n' } else { ' ' });
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        let prev_ident = i > 0 && (chars[i - 1].is_alphanumeric() || chars[i - 1] == '_');
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                    depth += 1;
                    i += 2;
                } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    blank(&mut out, chars[i]);
                    i += 1;
                }
            }
            out.push(' ');
        } else if c == 'r'
            && !prev_ident
            && matches!(next, Some('#' | '"'))
            && raw_start(&chars, i + 1).is_some()
        {
            let hashes = raw_start(&chars, i + 1).unwrap_or(0);
            i += 2 + hashes;
            out.push('"');
            while i < chars.len() {
                let closes =
                    chars[i] == '"' && (1..=hashes).all(|k| chars.get(i + k) == Some(&'#'));
                if closes {
                    i += 1 + hashes;
                    break;
                }
                blank(&mut out, chars[i]);
                i += 1;
            }
            out.push('"');
        } else if c == '"' {
            out.push('"');
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                let skip = if chars[i] == '\\' { 2 } else { 1 };
                for k in 0..skip {
                    if let Some(&c) = chars.get(i + k) {
                        blank(&mut out, c);
                    }
                }
                i += skip;
            }
            out.push('"');
            i += 1;
        } else if c == '\'' && next == Some('\\') {
            let close = (i + 3..chars.len())
                .find(|&k| chars[k] == '\'')
                .unwrap_or(chars.len());
            out.push_str("' '");
            i = close + 1;
        } else if c == '\'' && chars.get(i + 2) == Some(&'\'') {
            out.push_str("' '");
            i += 3;
        } else {
            out.push(c);
            i += 1;
        }
    }
    without_test_modules(&out)
}

/// After an `r`: the number of `#` before the opening quote of a raw string.
fn raw_start(chars: &[char], from: usize) -> Option<usize> {
    let hashes = chars[from..].iter().take_while(|&&c| c == '#').count();
    (chars.get(from + hashes) == Some(&'"')).then_some(hashes)
}

/// The code without `#[cfg(test)] [pub] mod name { … }` blocks.
fn without_test_modules(code: &str) -> String {
    let mut out = String::with_capacity(code.len());
    let mut rest = code;
    while let Some(at) = rest.find("#[cfg(test)]") {
        let after = &rest[at + "#[cfg(test)]".len()..];
        // A visibility (`pub`, `pub(crate)`) may stand before `mod`.
        let words: Vec<&str> = after
            .split_whitespace()
            .skip_while(|w| w.starts_with("pub"))
            .take(3)
            .collect();
        let is_module = matches!(words.as_slice(), ["mod", _, "{", ..])
            || matches!(words.as_slice(), ["mod", name, ..] if name.ends_with('{'));
        if !is_module {
            out += &rest[..at + 1];
            rest = &rest[at + 1..];
            continue;
        }
        out += &rest[..at];
        let open = at + rest[at..].find('{').unwrap_or(rest.len() - at);
        let mut depth = 0;
        let mut close = rest.len();
        for (k, c) in rest[open..].char_indices() {
            match c {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        close = open + k + 1;
                        break;
                    }
                }
                _ => {}
            }
        }
        rest = &rest[close.min(rest.len())..];
    }
    out + rest
}

fn words(code: &str) -> impl Iterator<Item = &str> {
    code.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
}

fn is_ident(word: &str) -> bool {
    word.starts_with(|c: char| c == '_' || c.is_ascii_alphabetic())
        && word.bytes().all(is_ident_byte)
}

fn is_ident_byte(b: u8) -> bool {
    b == b'_' || b.is_ascii_alphanumeric()
}

fn layer_table() -> BTreeMap<&'static str, usize> {
    LAYERS
        .iter()
        .enumerate()
        .flat_map(|(layer, (modules, _why))| modules.iter().map(move |m| (*m, layer)))
        .collect()
}
