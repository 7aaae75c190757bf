//! What the editor shows while it compares the open document with another
//! version of it (与…比较): how each unit's box is marked, the units OLD had
//! and the document no longer has as ghosts where they were, and the change
//! list grouped by community, each line with the unit a click goes to.
//!
//! Built on [`super::diff`] (the same changes `gridorg diff` reports) and
//! [`super::related`]; it knows nothing of the window.

use super::diff::{self, text, Change, How, Record, Summary};
use super::related::{related, Unrelated};
use crate::graph::Graph;
use crate::mask::Privacy;
use crate::model::{Document, Id, Unit};
use rustc_hash::FxHashMap;
use std::collections::BTreeMap;

/// How a unit's box is marked. Where several apply, the greatest wins
/// (a moved unit whose leader also changed shows as moved).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Mark {
    /// A field of the unit changed, or a member, grid, building, household
    /// or co-building unit hanging off it was added, removed, moved or changed.
    Changed,
    /// Under a new parent.
    Moved,
    /// In OLD only: drawn as a ghost.
    Removed,
    /// In the document only.
    Added,
}

/// One line of the change list.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The line as `gridorg diff` words it, personal numbers masked as asked.
    pub text: String,
    /// How the record changed.
    pub how: How,
    /// The unit a click goes to: the record's own, or the unit it hangs off
    /// (a member's unit, a grid's community …); None when that is nowhere.
    pub unit: Option<Id>,
    /// Whether `unit` is a ghost (a removed unit): it is shown, not selected.
    pub ghost: bool,
}

/// The lines of one community (or a street's own records), by topic.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    /// The community or street, as the report heads it.
    pub heading: String,
    /// Each topic's label (新增组织, 党员转入 …) and its lines.
    pub topics: Vec<(&'static str, Vec<Entry>)>,
}

/// A comparison of OLD with the document, as the editor shows it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Comparison {
    /// How many records were added, removed, moved, fields changed.
    pub summary: Summary,
    /// The mark of every unit (ghosts included) that has one.
    pub marks: FxHashMap<Id, Mark>,
    /// OLD's units the document no longer has, as OLD had them. Each keeps
    /// its parent: that unit is either still in the document or a ghost too,
    /// so the layout places every ghost where it was.
    pub ghosts: BTreeMap<Id, Unit>,
    /// The change list, grouped by community in code order.
    pub sections: Vec<Section>,
}

/// Compares `old` with `current`, personal numbers in the list shown as
/// `privacy` says; refuses documents that are not versions of one structure.
pub fn compare(
    old: &Document,
    current: &Document,
    privacy: Privacy,
) -> Result<Comparison, Unrelated> {
    related(old, current)?;
    let changes = diff::changes(old, current);
    let ghosts: BTreeMap<Id, Unit> = changes
        .list
        .iter()
        .filter(|c| c.record == Record::Unit && c.how == How::Removed)
        .filter_map(|c| old.units.get(&c.id).map(|u| (c.id, u.clone())))
        .collect();
    let mut marks: FxHashMap<Id, Mark> = FxHashMap::default();
    let mut mark = |id: Id, how: Mark| {
        let m = marks.entry(id).or_insert(how);
        *m = (*m).max(how);
    };
    for c in &changes.list {
        match (c.record, c.how) {
            (Record::Unit, How::Added) => mark(c.id, Mark::Added),
            (Record::Unit, How::Removed) => mark(c.id, Mark::Removed),
            (Record::Unit, How::Moved) => mark(c.id, Mark::Moved),
            (Record::Unit, How::Changed) => mark(c.id, Mark::Changed),
            (record, how) => {
                let before = (how != How::Added).then(|| owner(old, record, c.id));
                let after = (how != How::Removed).then(|| owner(current, record, c.id));
                for unit in [before, after].into_iter().flatten().flatten() {
                    if current.units.contains_key(&unit) {
                        mark(unit, Mark::Changed);
                    }
                }
            }
        }
    }
    let sections = text::grouped(text::lines(&changes, privacy))
        .into_iter()
        .map(|(place, topics)| Section {
            heading: text::place_heading(place.as_ref()),
            topics: topics
                .into_iter()
                .map(|(topic, lines)| {
                    let entries = lines
                        .into_iter()
                        .map(|line| {
                            let unit = target(&line, old, current);
                            Entry {
                                ghost: unit.is_some_and(|u| ghosts.contains_key(&u)),
                                text: line.text,
                                how: line.change.how,
                                unit,
                            }
                        })
                        .collect();
                    (topic.label(), entries)
                })
                .collect(),
        })
        .collect();
    Ok(Comparison {
        summary: changes.summary(),
        marks,
        ghosts,
        sections,
    })
}

impl Comparison {
    /// A unit's mark, if it has one.
    pub fn mark_of(&self, id: Id) -> Option<Mark> {
        self.marks.get(&id).copied()
    }

    /// Whether `id` is a ghost: a unit of OLD the document no longer has.
    pub fn is_ghost(&self, id: Id) -> bool {
        self.ghosts.contains_key(&id)
    }

    /// Whether nothing changed.
    pub fn is_empty(&self) -> bool {
        self.summary == Summary::default()
    }

    /// How many lines the change list has.
    pub fn lines(&self) -> usize {
        self.sections
            .iter()
            .flat_map(|s| &s.topics)
            .map(|(_, entries)| entries.len())
            .sum()
    }

    /// The units the canvas lays out while comparing, as a graph whose tree
    /// holds `current`'s units and the ghosts, each ghost under its parent of
    /// OLD.
    pub fn tree(&self, current: &Document) -> Graph {
        let ghosts = self.ghosts.values();
        Graph::of_units(
            current
                .units
                .values()
                .chain(ghosts.filter(|g| !current.units.contains_key(&g.id))),
        )
    }

    /// A unit the canvas draws: `current`'s, else a ghost.
    pub fn unit<'a>(&'a self, current: &'a Document, id: Id) -> Option<&'a Unit> {
        current.units.get(&id).or_else(|| self.ghosts.get(&id))
    }
}

/// The unit a line goes to: for a record moved from one community to
/// another, the line under the old community goes to the old unit.
fn target(line: &text::Line, old: &Document, current: &Document) -> Option<Id> {
    let c: &Change = &line.change;
    let leaving = c.how == How::Moved
        && c.place_old != c.place_new
        && line.place.as_ref().map(|p| p.id) == c.place_old.as_ref().map(|p| p.id);
    let document = if c.how == How::Removed || leaving {
        old
    } else {
        current
    };
    owner(document, c.record, c.id)
}

/// The unit a record hangs off in `document`: a unit itself, a member's
/// unit, a household's 中心户, a co-building unit's joined unit, a grid's
/// community, a building's grid's community.
fn owner(document: &Document, record: Record, id: Id) -> Option<Id> {
    match record {
        Record::Unit => document.units.contains_key(&id).then_some(id),
        Record::Member => document.members.get(&id).map(|m| m.unit),
        Record::Household => document.households.get(&id).map(|h| h.linked_by),
        Record::CoBuilder => document.co_builders.get(&id).map(|c| c.joins),
        Record::Grid => document.grids.get(&id).map(|g| g.community),
        Record::Building => document
            .buildings
            .get(&id)
            .and_then(|b| document.grids.get(&b.grid))
            .map(|g| g.community),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::{Command, History, MemberFate};
    use crate::model::{Level, Member};

    fn sample() -> Document {
        crate::document::from_str(crate::SAMPLE, "sample-data/xiyuan.ron").unwrap()
    }

    fn id(document: &Document, code: &str) -> Id {
        document.unit_by_code(code).unwrap().id
    }

    /// Applies `command` through the history, as the editor does.
    fn apply(document: &mut Document, command: Command) -> Option<Id> {
        History::new().apply(document, &command).unwrap().created
    }

    fn entries(c: &Comparison) -> Vec<&Entry> {
        c.sections
            .iter()
            .flat_map(|s| &s.topics)
            .flat_map(|(_, e)| e)
            .collect()
    }

    #[test]
    fn added_removed_moved_and_changed_units_are_marked_and_ghosts_keep_their_place() {
        let old = sample();
        let mut new = old.clone();
        let (xy01, xy02) = (id(&old, "XY01"), id(&old, "XY02"));
        let gone = id(&old, "XY02-G3");
        let moved = id(&old, "XY01-B2");
        let renamed = id(&old, "XY03");
        let added = apply(
            &mut new,
            Command::AddUnit {
                parent: Some(id(&old, "XY01-B1")),
                level: Level::Group,
                code: "XY01-B1-G9".into(),
                name: "新建党小组".into(),
            },
        )
        .expect("a group is made");
        apply(
            &mut new,
            Command::DeleteUnit {
                unit: gone,
                members: MemberFate::Delete,
            },
        );
        apply(
            &mut new,
            Command::MoveUnit {
                unit: moved,
                new_parent: xy02,
            },
        );
        let mut name = new.units[&renamed].clone();
        name.name.push_str("（新）");
        apply(&mut new, Command::UpdateUnit(name));

        let c = compare(&old, &new, Privacy::Masked).unwrap();
        assert_eq!(c.mark_of(added), Some(Mark::Added));
        assert_eq!(c.mark_of(gone), Some(Mark::Removed));
        assert_eq!(c.mark_of(moved), Some(Mark::Moved));
        assert_eq!(c.mark_of(renamed), Some(Mark::Changed));
        assert_eq!(c.mark_of(xy01), None, "untouched");
        assert!(c.is_ghost(gone) && !c.is_ghost(added));
        assert_eq!(c.summary.added, 1);
        assert!(c.summary.removed >= 1 && c.summary.moved == 1);

        // The ghost sits where it was, under XY02, in what the canvas lays out.
        let graph = c.tree(&new);
        let tree = graph.tree();
        assert!(tree.children(Some(xy02)).contains(&gone));
        assert!(tree.children(Some(xy02)).contains(&moved));
        assert_eq!(tree.in_order().len(), new.units.len() + c.ghosts.len());
        assert_eq!(c.unit(&new, gone).unwrap().code, "XY02-G3");
        assert_eq!(c.unit(&new, renamed), new.units.get(&renamed));
    }

    #[test]
    fn a_removed_subtree_hangs_under_its_ghost_and_members_go_with_it() {
        let old = sample();
        let mut new = old.clone();
        let branch = id(&old, "XY01-B1");
        let groups: Vec<Id> = old
            .units
            .values()
            .filter(|u| u.parent == Some(branch))
            .map(|u| u.id)
            .collect();
        assert!(!groups.is_empty());
        apply(
            &mut new,
            Command::DeleteUnit {
                unit: branch,
                members: MemberFate::Delete,
            },
        );
        let c = compare(&old, &new, Privacy::Masked).unwrap();
        for g in &groups {
            assert!(c.is_ghost(*g));
            assert_eq!(c.ghosts[g].parent, Some(branch), "under the ghost");
        }
        assert_eq!(c.ghosts[&branch].parent, Some(id(&old, "XY01")));
        // A removed member's line goes to its unit's ghost, shown not selected.
        let member = old
            .members
            .values()
            .find(|m| groups.contains(&m.unit) || m.unit == branch)
            .expect("a member under the branch");
        let line = entries(&c)
            .into_iter()
            .find(|e| e.how == How::Removed && e.text.contains(&member.name))
            .expect("the member's line");
        assert_eq!(line.unit, Some(member.unit));
        assert!(line.ghost);
    }

    #[test]
    fn a_member_change_marks_its_unit_and_its_line_selects_it_masked() {
        let old = sample();
        let mut new = old.clone();
        let group = id(&old, "XY02-G1");
        let mut member = Member::new(Id(0), "测试新党员", group);
        member.phone = Some("13912345678".into());
        apply(&mut new, Command::AddMember(member));
        let existing = new
            .members
            .values()
            .find(|m| m.unit == id(&old, "XY03"))
            .or_else(|| new.members.values().find(|m| m.unit != group))
            .unwrap()
            .clone();
        let mut phoned = existing.clone();
        phoned.phone = Some("13812345678".into());
        apply(&mut new, Command::UpdateMember(phoned));
        let c = compare(&old, &new, Privacy::Masked).unwrap();
        assert_eq!(c.mark_of(group), Some(Mark::Changed));
        assert_eq!(c.mark_of(existing.unit), Some(Mark::Changed));
        let added = entries(&c)
            .into_iter()
            .find(|e| e.text.contains("测试新党员"))
            .expect("the added member's line");
        assert_eq!((added.unit, added.ghost), (Some(group), false));
        let phone = entries(&c)
            .into_iter()
            .find(|e| e.text.contains("联系电话"))
            .expect("the phone's line");
        assert!(phone.text.contains("138****5678"), "{}", phone.text);
        assert!(!phone.text.contains("13812345678"), "masked");
        assert_eq!(phone.unit, Some(existing.unit));
        // The list is grouped under community headings.
        assert!(c.sections.iter().all(|s| !s.heading.is_empty()));
        assert_eq!(c.lines(), entries(&c).len());
    }

    #[test]
    fn a_member_moved_to_another_community_is_listed_in_both_going_to_each_unit() {
        let old = sample();
        let mut new = old.clone();
        let (from, to) = (id(&old, "XY02-G1"), id(&old, "XY03"));
        let member = old.members.values().find(|m| m.unit == from).unwrap().id;
        apply(&mut new, Command::AssignMember { member, unit: to });
        let c = compare(&old, &new, Privacy::Masked).unwrap();
        assert_eq!(c.mark_of(from), Some(Mark::Changed));
        assert_eq!(c.mark_of(to), Some(Mark::Changed));
        let sections: Vec<(&str, &Entry)> = c
            .sections
            .iter()
            .flat_map(|s| s.topics.iter().map(move |t| (s, t)))
            .flat_map(|(s, (_, e))| e.iter().map(move |e| (s.heading.as_str(), e)))
            .collect();
        let out = sections
            .iter()
            .find(|(h, _)| h.starts_with("XY02 "))
            .unwrap();
        let into = sections
            .iter()
            .find(|(h, _)| h.starts_with("XY03 "))
            .unwrap();
        assert_eq!((out.1.unit, into.1.unit), (Some(from), Some(to)));
        assert_eq!(out.1.text, into.1.text);
    }

    #[test]
    fn the_same_document_has_no_changes_and_another_structure_is_refused() {
        let old = sample();
        let c = compare(&old, &old, Privacy::Masked).unwrap();
        assert!(c.is_empty() && c.marks.is_empty() && c.sections.is_empty());
        let other = crate::generate::generate(crate::generate::Preset::Street, 7);
        let refused = compare(&other, &old, Privacy::Masked).unwrap_err();
        assert!(refused.to_string().contains("unrelated documents"));
    }
}
