//! The current file format (version 3): the model's records, one per line.
//!
//! Version 3 adds to version 2 the structure's identity (`structure`), ids with
//! an installation's origin (larger numbers, see [`crate::model::ids`]) and the
//! conflicts a merge left (`conflicts`). A version-2 file is read by the same
//! schema (the new fields are optional) and keeps its ids.

use super::error::DocumentError;
use super::syntax::{line_of_record, syntax_error};
use crate::format::CURRENT_VERSION;
use crate::model::{
    Acknowledgement, Building, CoBuilder, Conflict, Document, Grid, Household, Id, Member, Unit,
};
use serde::{Deserialize, Serialize, Serializer};
use std::collections::BTreeMap;

/// The file's top level as read. Field order is the order written.
#[derive(Deserialize)]
#[cfg_attr(test, derive(Debug, PartialEq))]
struct File {
    #[serde(rename = "version")]
    _version: u32,
    title: String,
    #[serde(default)]
    structure: Option<String>,
    next_id: u32,
    units: Vec<Unit>,
    #[serde(default)]
    grids: Vec<Grid>,
    #[serde(default)]
    buildings: Vec<Building>,
    #[serde(default)]
    members: Vec<Member>,
    #[serde(default)]
    households: Vec<Household>,
    #[serde(default)]
    co_builders: Vec<CoBuilder>,
    #[serde(default)]
    acknowledgements: Vec<Acknowledgement>,
    #[serde(default)]
    conflicts: Vec<Conflict>,
}

/// The file's top level as written, borrowing the document's maps.
#[derive(Serialize)]
struct FileRef<'a> {
    version: u32,
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    structure: Option<&'a str>,
    next_id: u32,
    units: Records<'a, Unit>,
    grids: Records<'a, Grid>,
    buildings: Records<'a, Building>,
    members: Records<'a, Member>,
    households: Records<'a, Household>,
    co_builders: Records<'a, CoBuilder>,
    acknowledgements: &'a [Acknowledgement],
    #[serde(skip_serializing_if = "<[Conflict]>::is_empty")]
    conflicts: &'a [Conflict],
}

/// A map's records written as a list in id order.
struct Records<'a, T>(&'a BTreeMap<Id, T>);

impl<T: Serialize> Serialize for Records<'_, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.values())
    }
}

/// Records that carry their own id.
trait Keyed {
    fn key(&self) -> Id;
}

macro_rules! keyed {
    ($($t:ty),*) => {$(impl Keyed for $t { fn key(&self) -> Id { self.id } })*};
}
keyed!(Unit, Grid, Building, Member, Household, CoBuilder);

pub(super) fn parse(text: &str, origin: &str) -> Result<Document, DocumentError> {
    let (file, households) = match read_in_two(text) {
        Some(read) => read,
        None => {
            let mut file: File = match super::fast::from_str(text) {
                Ok(file) => file,
                Err(_) => super::syntax::ron_options()
                    .from_str(text)
                    .map_err(|e| syntax_error(e, origin))?,
            };
            let households = index(std::mem::take(&mut file.households));
            (file, households)
        }
    };
    let duplicate = |id: Id| DocumentError::Invalid {
        path: origin.to_string(),
        line: line_of_record(text, id.0),
        message: format!("内部编号 {id} 重复 (duplicate id)：每条记录的 id 必须唯一"),
    };
    Ok(Document {
        title: file.title,
        structure: file.structure,
        next_id: file.next_id,
        units: index(file.units).map_err(duplicate)?,
        grids: index(file.grids).map_err(duplicate)?,
        buildings: index(file.buildings).map_err(duplicate)?,
        members: index(file.members).map_err(duplicate)?,
        households: households.map_err(duplicate)?,
        co_builders: index(file.co_builders).map_err(duplicate)?,
        acknowledgements: file.acknowledgements,
        conflicts: file.conflicts,
        ids: Default::default(),
    })
}

/// Households are half of a large document. When the text has the layout the
/// writer gives it, they are read on a second thread while this one reads the
/// rest. `None` when that is not possible; the caller then reads it all at once.
fn read_in_two(text: &str) -> Option<(File, Indexed<Household>)> {
    const KEY: &str = "\n    households: ";
    let start = memchr::memmem::find(text.as_bytes(), KEY.as_bytes())? + KEY.len();
    let end = start + memchr::memmem::find(&text.as_bytes()[start..], b"\n    ]")? + 6;
    let list = text.get(start..end)?;
    std::thread::scope(|scope| {
        let households = scope.spawn(|| super::fast::from_str::<Vec<Household>>(list).map(index));
        let file = super::fast::from_str_around::<File>(text, start..end);
        Some((file.ok()?, households.join().ok()?.ok()?))
    })
}

/// Records by id, or the first id that occurs twice.
type Indexed<T> = Result<BTreeMap<Id, T>, Id>;

/// Indexes records by id, or names the first id that occurs twice. The writer
/// writes records in id order, so the usual case is a bulk build.
fn index<T: Keyed>(records: Vec<T>) -> Indexed<T> {
    if records.windows(2).all(|w| w[0].key() < w[1].key()) {
        return Ok(records.into_iter().map(|r| (r.key(), r)).collect());
    }
    let mut map = BTreeMap::new();
    for record in records {
        let key = record.key();
        if map.insert(key, record).is_some() {
            return Err(key);
        }
    }
    Ok(map)
}

pub(super) fn write(document: &Document) -> String {
    let file = FileRef {
        version: CURRENT_VERSION,
        title: &document.title,
        structure: document.structure.as_deref(),
        next_id: document.next_id,
        units: Records(&document.units),
        grids: Records(&document.grids),
        buildings: Records(&document.buildings),
        members: Records(&document.members),
        households: Records(&document.households),
        co_builders: Records(&document.co_builders),
        acknowledgements: &document.acknowledgements,
        conflicts: &document.conflicts,
    };
    super::write::to_string(&file, super::syntax::HEADER).expect(
        "the model has only strings, numbers, dates, enums and lists, which the writer writes",
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Category, Member};

    fn both_readers(text: &str) -> (File, File) {
        let fast = super::super::fast::from_str::<File>(text).expect("the fast reader reads it");
        let slow = super::super::syntax::ron_options()
            .from_str::<File>(text)
            .unwrap();
        (fast, slow)
    }

    #[test]
    fn the_fast_reader_agrees_with_ron_on_what_the_writer_writes() {
        let mut document = crate::generate::sample();
        let id = document.allocate_id();
        let unit = *document.units.keys().next().unwrap();
        let odd = Member {
            category: Category::Probationary,
            positions: vec!["书记".into(), "".into()],
            workplace: Some("".into()),
            in_service: true,
            ..Member::new(id, "带\"引号\"和\\反斜杠\n换行\t的名字", unit)
        };
        document.members.insert(odd.id, odd);
        let text = write(&document);
        let (fast, slow) = both_readers(&text);
        assert_eq!(fast, slow);
        let (_, households) = read_in_two(&text).expect("households are read on their own");
        assert_eq!(households.unwrap(), document.households);
        assert_eq!(parse(&text, "t").unwrap(), document);
    }

    #[test]
    fn the_fast_reader_gives_up_on_what_it_does_not_know() {
        let text = write(&crate::generate::sample());
        for broken in [
            text.replacen("level: Street", "level: Street(1)", 1),
            text.replacen("units: [", "units: [\n /* block comment */", 1),
            text.replacen("title: \"", "title: \"\\u{41}", 1),
            text[..text.len() / 2].to_string(),
        ] {
            assert!(super::super::fast::from_str::<File>(&broken).is_err());
        }
    }
}
