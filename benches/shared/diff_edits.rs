//! The edits that make NEW from OLD for the diff benchmark (benches/diff.rs)
//! and for timing the command against GNU diff (examples/diff_versions.rs).

use gridorg::model::{Document, Id, Level, Member, Unit};

/// A few dozen edits of the kinds an office makes between two exchanges.
pub fn edited(mut d: Document) -> Document {
    let nth = |ids: Vec<Id>, parts: usize| -> Vec<Id> {
        (0..parts)
            .map(|k| ids[k * (ids.len() - 1) / (parts - 1)])
            .collect()
    };
    let units = nth(d.units.keys().copied().collect(), 9);
    for (k, id) in units.iter().enumerate() {
        let u = d.units.get_mut(id).unwrap();
        match k % 3 {
            0 => u.name.push_str("（更名）"),
            1 => u.leader = Some("新书记".into()),
            _ => u.elected = chrono::NaiveDate::from_ymd_opt(2026, 11, 1),
        }
    }
    for id in nth(d.members.keys().copied().collect(), 12) {
        d.members.get_mut(&id).unwrap().phone = Some("13900000000".into());
    }
    let households = nth(d.households.keys().copied().collect(), 12);
    for id in &households[..6] {
        d.households.remove(id);
    }
    for id in &households[6..] {
        d.households.get_mut(id).unwrap().people = Some(9);
    }
    for id in nth(d.grids.keys().copied().collect(), 5) {
        d.grids.get_mut(&id).unwrap().households = Some(450);
    }
    let group = d
        .units
        .values()
        .find(|u| u.level == Level::Group)
        .unwrap()
        .id;
    let branch = d
        .units
        .values()
        .filter(|u| u.level == Level::Branch)
        .nth(3)
        .unwrap()
        .id;
    d.units.get_mut(&group).unwrap().parent = Some(branch);
    let id = d.allocate_id();
    d.units.insert(
        id,
        Unit::new(
            id,
            "NEW-G1".into(),
            "新党小组".into(),
            Level::Group,
            Some(branch),
        ),
    );
    let id = d.allocate_id();
    d.members.insert(id, Member::new(id, "新党员", group));
    d
}
