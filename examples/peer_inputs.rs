//! The inputs of the peer benchmarks (`benches/peers/`), made from one
//! document: its member roster as a Typst document (the same rows, masked, as
//! `gridorg roster` prints, a table with a repeated header and a page footer in
//! the bundled font) and its chart's tree down to a depth as an ELK graph (a
//! node per box, as wide as the box's name, an edge per line).
//!
//! `cargo run --release --example peer_inputs -- district.ron OUT_DIR [DEPTH]`
//! writes `OUT_DIR/roster.typ` and `OUT_DIR/chart.json`.

use gridorg::graph::Graph;
use gridorg::mask::Privacy;
use gridorg::model::{Document, Id, Member};
use gridorg::pdf::roster::MEMBER_COLUMNS;
use rustc_hash::FxHashMap;
use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [file, out, rest @ ..] = args.as_slice() else {
        eprintln!("usage: peer_inputs DOCUMENT OUT_DIR [DEPTH]");
        std::process::exit(2);
    };
    let depth: usize = rest.first().map_or(4, |d| d.parse().expect("DEPTH"));
    let document = gridorg::document::load(Path::new(file)).expect("document");
    let out = Path::new(out);
    std::fs::create_dir_all(out).expect("OUT_DIR");
    std::fs::write(out.join("roster.typ"), roster(&document)).expect("roster.typ");
    std::fs::write(out.join("chart.json"), chart(&document, depth)).expect("chart.json");
}

/// A Typst string literal.
fn quoted(text: &str) -> String {
    let mut s = String::with_capacity(text.len() + 2);
    s.push('"');
    for c in text.chars() {
        match c {
            '"' => s.push_str("\\\""),
            '\\' => s.push_str("\\\\"),
            '\n' => s.push_str("\\n"),
            c => s.push(c),
        }
    }
    s.push('"');
    s
}

fn date(d: Option<chrono::NaiveDate>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

fn yes(b: bool) -> &'static str {
    if b {
        "是"
    } else {
        "否"
    }
}

/// The member roster as `gridorg roster` lays it out: A4 landscape, 7.5-pt
/// cells in the same 16 columns, each unit's heading a row across the table.
fn roster(document: &Document) -> String {
    let privacy = Privacy::unless(false);
    let graph = Graph::units(document);
    let mut by_unit: FxHashMap<Id, Vec<&Member>> = FxHashMap::default();
    for m in document.members.values() {
        by_unit.entry(m.unit).or_default().push(m);
    }
    let mut t = String::new();
    let widths: Vec<String> = MEMBER_COLUMNS
        .iter()
        .map(|(_, w)| format!("{w}pt"))
        .collect();
    let _ = write!(
        t,
        "#set page(paper: \"a4\", flipped: true, margin: (x: 12mm, top: 24mm, bottom: 20mm),\n\
         \x20 header: [{} 党员花名册 #h(1fr) 全部],\n\
         \x20 footer: context [#h(1fr) 第 #counter(page).display() 页 共 #counter(page).final().first() 页 #h(1fr)])\n\
         #set text(font: \"Noto Sans SC\", size: 7.5pt, lang: \"zh\")\n\
         #table(columns: ({}), inset: 3pt, stroke: 0.4pt + rgb(150, 150, 150),\n\
         \x20 table.header({}),\n",
        document.title,
        widths.join(", "),
        MEMBER_COLUMNS
            .iter()
            .map(|(title, _)| format!("[*{title}*]"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let mut number = 0;
    for id in graph.tree().in_order() {
        let (Some(unit), Some(members)) = (document.units.get(&id), by_unit.get(&id)) else {
            continue;
        };
        let full = members.iter().filter(|m| m.category.is_full()).count();
        let heading = format!(
            "{}（{}）　正式党员 {full} 名　预备党员 {} 名　合计 {} 名",
            unit.name,
            unit.code,
            members.len() - full,
            members.len()
        );
        let _ = writeln!(t, "  table.cell(colspan: 16, {}),", quoted(&heading));
        for m in members {
            number += 1;
            let cells = [
                number.to_string(),
                m.name.clone(),
                m.gender.map(|g| g.label().to_string()).unwrap_or_default(),
                m.ethnicity.clone().unwrap_or_default(),
                privacy.birth(m.birth),
                privacy.id_number(m.id_number.as_deref()),
                m.education.clone().unwrap_or_default(),
                date(m.joined),
                date(m.full_since),
                m.category.label().to_string(),
                unit.code.clone(),
                m.positions.join("、"),
                privacy.phone(m.phone.as_deref()),
                m.workplace.clone().unwrap_or_default(),
                yes(m.in_service).to_string(),
                yes(m.mobile).to_string(),
            ];
            t.push_str("  ");
            for c in &cells {
                t.push_str(&quoted(c));
                t.push_str(", ");
            }
            t.push('\n');
        }
    }
    t.push_str(")\n");
    t
}

/// The units down to `depth` levels (the tops counting as 1) as an ELK graph:
/// a node per unit, 11-pt text wide plus padding and three lines high, and
/// an edge from each to its parent.
fn chart(document: &Document, depth: usize) -> String {
    let graph = Graph::units(document);
    let tree = graph.tree();
    let mut nodes = Vec::new();
    let mut edges = Vec::new();
    for id in tree.in_order() {
        if tree.depth(id) >= depth {
            continue;
        }
        let Some(unit) = document.units.get(&id) else {
            continue;
        };
        let width = 11.0 * unit.name.chars().count().max(6) as f32 + 16.0;
        nodes.push(format!(
            "{{\"id\":\"{}\",\"width\":{width},\"height\":52,\"labels\":[{{\"text\":{}}}]}}",
            id.0,
            quoted(&unit.name)
        ));
        if let Some(parent) = unit.parent {
            edges.push(format!(
                "{{\"id\":\"e{}\",\"sources\":[\"{}\"],\"targets\":[\"{}\"]}}",
                id.0, parent.0, id.0
            ));
        }
    }
    format!(
        "{{\"id\":\"root\",\"children\":[{}],\"edges\":[{}]}}\n",
        nodes.join(","),
        edges.join(",")
    )
}
