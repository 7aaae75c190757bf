//! Files of version 2, as gridorg wrote them before ids had an origin: no
//! structure identity, and every record added took the document's `next_id`,
//! so two copies of one file add their records under the same ids.
#![allow(dead_code)]

use gridorg::document;
use gridorg::model::{Document, Household, Id, Level, Member, Unit};
use std::path::Path;

/// The version-2 sample kept in tests/data.
pub fn sample() -> Document {
    document::load(Path::new("tests/data/v2-sample.ron")).unwrap()
}

/// A document written as version 2 wrote it.
pub fn text(doc: &Document) -> String {
    assert_eq!(doc.structure, None, "version 2 had no identity");
    let text = document::to_string(doc);
    assert!(text.contains("\n    version: 3,\n"));
    text.replacen("\n    version: 3,\n", "\n    version: 2,\n", 1)
}

/// What each copy added in [`added_under_one_id`].
pub struct Added {
    /// The id both copies' first record took.
    pub id: Id,
    /// The 中心户 ours' 联系户 is linked to.
    pub central: Id,
    /// The building theirs' new group covers, whose 户数 ours changed.
    pub building: Id,
}

/// Ours adds a 联系户 and a member, theirs a 党小组 with a member in it and a
/// building it covers, each record from the copy's own `next_id`: the two
/// copies' first records share one id (and so do their members), and theirs
/// refers to its group by that id. Ours also changes the building theirs
/// lets the group cover, so that one record holds a change of each side.
pub fn added_under_one_id(base: &Document) -> (Document, Document, Added) {
    let of_level = |level| {
        base.units
            .values()
            .find(|u| u.level == level)
            .map(|u| u.id)
            .unwrap()
    };
    let (branch, central) = (of_level(Level::Branch), of_level(Level::Household));
    let building = *base.buildings.keys().next().unwrap();

    let mut ours = base.clone();
    let id = ours.allocate_id();
    ours.households.insert(
        id,
        Household {
            id,
            linked_by: central,
            head: "我方联系户".into(),
            address: Some("1-1-101".into()),
            people: Some(3),
            phone: None,
        },
    );
    let member = ours.allocate_id();
    ours.members
        .insert(member, Member::new(member, "我方新党员", branch));
    ours.buildings.get_mut(&building).unwrap().households = Some(99);

    let mut theirs = base.clone();
    let group = theirs.allocate_id();
    assert_eq!(group, id, "the copies collide");
    let unit = Unit::new(
        group,
        "OLD-G".into(),
        "对方新党小组".into(),
        Level::Group,
        Some(branch),
    );
    theirs.units.insert(group, unit);
    let member = theirs.allocate_id();
    theirs
        .members
        .insert(member, Member::new(member, "对方新党员", group));
    theirs.buildings.get_mut(&building).unwrap().covered_by = Some(group);
    (
        ours,
        theirs,
        Added {
            id,
            central,
            building,
        },
    )
}

/// Both copies' records are in the merge, theirs' under new ids and what
/// theirs referred to them by following; ours' change is there too.
pub fn assert_both_kept(merged: &Document, added: &Added) {
    let household = &merged.households[&added.id];
    assert_eq!(household.head, "我方联系户", "ours keeps the id");
    assert_eq!(household.linked_by, added.central);
    let ours_member = merged
        .members
        .values()
        .find(|m| m.name == "我方新党员")
        .expect("ours' member is kept");
    assert_eq!(ours_member.id, Id(added.id.0 + 1));
    let group = merged.unit_by_code("OLD-G").expect("theirs' group is kept");
    assert_ne!(group.id, added.id, "theirs' group is renumbered");
    let member = merged
        .members
        .values()
        .find(|m| m.name == "对方新党员")
        .expect("theirs' member is kept");
    assert_ne!(member.id, ours_member.id);
    assert_eq!(member.unit, group.id, "in theirs' group, renumbered");
    let building = &merged.buildings[&added.building];
    assert_eq!(building.covered_by, Some(group.id), "theirs' cover follows");
    assert_eq!(building.households, Some(99), "ours' change is kept");
    assert!(merged.conflicts.is_empty(), "{:?}", merged.conflicts);
}

/// `text` (a merge's file) with the ids its merge gave renumbered records
/// (`from`: old, new) written as another merge of the same files gave them
/// (`to`), so that two merges, whose fresh ids differ, compare byte for byte.
pub fn renumbered_as(text: &str, from: &[(Id, Id)], to: &[(Id, Id)]) -> String {
    let olds = |pairs: &[(Id, Id)]| pairs.iter().map(|p| p.0).collect::<Vec<_>>();
    assert_eq!(olds(from), olds(to), "the same records renumbered");
    let map: std::collections::HashMap<String, String> = from
        .iter()
        .zip(to)
        .map(|(f, t)| (f.1 .0.to_string(), t.1 .0.to_string()))
        .collect();
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find(|c: char| c.is_ascii_digit()) {
        out.push_str(&rest[..start]);
        let digits = &rest[start..];
        let end = digits
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(digits.len());
        let number = &digits[..end];
        out.push_str(map.get(number).map_or(number, String::as_str));
        rest = &digits[end..];
    }
    out.push_str(rest);
    out
}
