//! The docs in `docs/` say what the program does: every rule the checks know
//! has its section in docs/rules.md, with its default severity, and that page
//! names no rule the program does not know.

use gridorg::check::Rule;
use std::collections::BTreeMap;

/// The rule sections of docs/rules.md: each `### `rule-id` — …` heading with
/// the severity its "Default:" line gives.
fn documented_rules() -> Vec<(String, Option<String>)> {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/rules.md"))
        .expect("docs/rules.md is there");
    let mut rules: Vec<(String, Option<String>)> = Vec::new();
    for line in text.lines() {
        if let Some(heading) = line.strip_prefix("### `") {
            let id = heading.split('`').next().unwrap_or_default();
            rules.push((id.to_string(), None));
        } else if let (Some(default), Some(last)) =
            (line.strip_prefix("Default: `"), rules.last_mut())
        {
            if last.1.is_none() {
                last.1 = default.split('`').next().map(str::to_string);
            }
        }
    }
    rules
}

#[test]
fn every_rule_has_its_section_in_docs_rules_md_and_no_other_is_there() {
    let documented = documented_rules();
    let known: Vec<&str> = Rule::ALL.iter().map(|r| r.id()).collect();
    let ids: Vec<&str> = documented.iter().map(|(id, _)| id.as_str()).collect();
    for id in &known {
        assert!(ids.contains(id), "docs/rules.md has no section for {id}");
    }
    for id in &ids {
        assert!(
            Rule::from_id(id).is_some(),
            "docs/rules.md describes {id}, a rule the program does not know"
        );
    }
    let mut seen = BTreeMap::new();
    for id in &ids {
        *seen.entry(id).or_insert(0) += 1;
    }
    assert!(
        seen.values().all(|&n| n == 1),
        "a rule described twice: {seen:?}"
    );
}

#[test]
fn docs_rules_md_gives_each_rule_its_default_severity() {
    for (id, severity) in documented_rules() {
        let Some(rule) = Rule::from_id(&id) else {
            continue;
        };
        assert_eq!(
            severity.as_deref(),
            Some(rule.default_severity().keyword()),
            "the Default: line of {id} in docs/rules.md"
        );
    }
}

/// The user's guide, docs/使用说明.md.
fn guide() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/使用说明.md"))
        .expect("docs/使用说明.md is there")
}

/// The guide's images: (alt text, path relative to docs/).
fn guide_images(text: &str) -> Vec<(String, String)> {
    text.split("![")
        .skip(1)
        .filter_map(|after| {
            let (alt, rest) = after.split_once("](")?;
            let (path, _) = rest.split_once(')')?;
            Some((alt.to_string(), path.to_string()))
        })
        .collect()
}

#[test]
fn the_guide_s_screenshots_are_in_the_repository_small_and_described_and_none_is_left_over() {
    let docs = concat!(env!("CARGO_MANIFEST_DIR"), "/docs");
    let images = guide_images(&guide());
    assert!(images.len() >= 5, "at least five screenshots: {images:?}");
    for (alt, path) in &images {
        assert!(
            alt.chars().count() >= 8,
            "{path}: a Chinese description as its alt text, not {alt:?}"
        );
        let bytes = std::fs::read(format!("{docs}/{path}"))
            .unwrap_or_else(|e| panic!("docs/{path}, which the guide shows: {e}"));
        assert!(bytes.starts_with(b"\x89PNG"), "docs/{path} is a PNG");
        assert!(bytes.len() < 260_000, "docs/{path}: {} bytes", bytes.len());
    }
    for entry in std::fs::read_dir(format!("{docs}/guide")).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        if name.ends_with(".png") {
            let path = format!("guide/{name}");
            assert!(
                images.iter().any(|(_, p)| *p == path),
                "docs/{path} is in no chapter of the guide"
            );
        }
    }
}

/// Every string literal in the program's sources under src/.
fn literals() -> Vec<String> {
    fn walk(dir: &std::path::Path, into: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, into);
            } else if path.extension().is_some_and(|e| e == "rs") {
                into.extend(string_literals(&std::fs::read_to_string(&path).unwrap()));
            }
        }
    }
    let mut all = Vec::new();
    walk(
        std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/src")),
        &mut all,
    );
    all
}

/// The string literals of Rust source, escapes read, comments and
/// character literals skipped.
fn string_literals(source: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut chars = source.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '/' if chars.peek() == Some(&'/') => {
                chars.by_ref().find(|&c| c == '\n');
            }
            '\'' => {
                let mut ahead = chars.clone();
                match (ahead.next(), ahead.next()) {
                    (Some('\\'), _) => {
                        chars.next();
                        chars.next();
                        chars.by_ref().find(|&c| c == '\'');
                    }
                    (Some(_), Some('\'')) => {
                        chars.next();
                        chars.next();
                    }
                    // A lifetime.
                    _ => {}
                }
            }
            '"' => {
                let mut literal = String::new();
                while let Some(c) = chars.next() {
                    match c {
                        '\\' => literal.extend(chars.next()),
                        '"' => break,
                        c => literal.push(c),
                    }
                }
                found.push(literal);
            }
            _ => {}
        }
    }
    found
}

/// Whether `words` is what the format string `literal` writes with some
/// values in its `{…}` places (a literal without places: the words alone).
fn written_by(literal: &str, words: &str) -> bool {
    let pieces: Vec<&str> = literal
        .split('{')
        .enumerate()
        .map(|(i, piece)| match i {
            0 => piece,
            _ => piece.split_once('}').map_or(piece, |(_, rest)| rest),
        })
        .collect();
    if pieces.len() == 1 {
        return literal == words;
    }
    let mut rest = match words.strip_prefix(pieces[0]) {
        Some(rest) => rest,
        None => return false,
    };
    for (i, piece) in pieces.iter().enumerate().skip(1) {
        let last = i == pieces.len() - 1;
        match (last, rest.find(piece)) {
            (true, _) => return rest.ends_with(piece) && rest.len() > piece.len(),
            (false, Some(at)) if at > 0 || piece.is_empty() => rest = &rest[at + piece.len()..],
            _ => return false,
        }
    }
    true
}

#[test]
fn every_label_the_guide_quotes_is_written_so_by_the_program() {
    let literals = literals();
    let text = guide();
    let quotes: Vec<&str> = text
        .split('「')
        .skip(1)
        .filter_map(|after| after.split_once('」').map(|(quote, _)| quote))
        .collect();
    assert!(quotes.len() >= 30, "the guide names what the user clicks");
    for quote in quotes {
        // 「菜单 → 项目」: each side a label (tests/gui/guide.rs opens the menu).
        for label in quote.split(" → ") {
            assert!(
                literals.iter().any(|l| written_by(l, label)),
                "the guide quotes 「{label}」, which the program never shows"
            );
        }
    }
}

#[test]
fn a_format_string_writes_words_only_with_its_fixed_parts_in_order() {
    assert!(written_by("添加{}", "添加网格党支部"));
    assert!(written_by("{TERM_DAYS} 天内任期届满", "90 天内任期届满"));
    assert!(written_by("保存", "保存"));
    assert!(!written_by("保存", "保存并关闭"));
    assert!(!written_by("添加{}", "添加"));
    assert!(!written_by("合并冲突 {} 处", "合并冲突"));
    let source = "// \"注释\"\nlet a = '\"'; let b: &'static str = \"关闭\"; f(\"x\\\"y\");";
    assert_eq!(string_literals(source), ["关闭", "x\"y"]);
}
