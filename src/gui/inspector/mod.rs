//! The property panel: the selected unit's fields, edited in place and applied
//! as one command (so one undo), with the reason beside the fields when the
//! edit is refused; its members below, a community's grids and buildings, a
//! 党员中心户's linked households, and the co-building units of a street or
//! community.
//!
//! Each of those is a sub-panel in a file of its own here ([`members`],
//! [`places`], [`links`], [`stray`] for a member whose unit is missing,
//! [`conflicts`] for a merge's conflicts), with the forms they share
//! (`form`) and where each finding is fixed ([`fixes`]). None takes anything
//! from this file: what they share is in `gui::widget`.

pub mod conflicts;
pub mod fixes;
mod form;
mod ids;
pub mod links;
pub mod members;
pub mod places;
pub mod stray;

use super::widget::choice::{chooser, Choice};
use super::widget::field;
use super::widget::reason::{about, fix_hint, RED};
use crate::edit::{
    fields, preview_delete, suggest_code, Command, EditError, ErrorKind, MemberFate,
};
use crate::graph::Tree;
use crate::model::{Document, Id, Level, OrgType, Unit};
use fixes::{Hint, Lead, Step};
use iced::advanced::widget;
use iced::widget::{
    button, checkbox, column, container, pick_list, row, scrollable, text, text_input, Column,
};
use iced::{Element, Length};
pub use ids::{CODE, ELECTED, LEADER, NAME, PHONE, TERM};
use links::co_builders::{self, CoBuilders};
use links::Links;
use members::Members;
use places::Places;
use stray::Stray;

/// The apply button's label.
pub const APPLY: &str = "应用修改";
/// The id of the panel's scrolling frame.
pub const PANEL: &str = "inspector-panel";
/// The id of the frame around the organization type's list.
pub const ORG_TYPE: &str = "inspector-org-type";
/// The id of the frame around the apply, add and delete buttons.
pub const ACTIONS: &str = "inspector-actions";
/// The id of the frame around the move list.
pub const MOVING: &str = "inspector-move";

/// The button that adds a street at the top of the tree.
pub const ADD_STREET: &str = "添加街道党工委";

/// The delete button's label.
pub const DELETE: &str = "删除…";
/// The confirmation that deletes a unit and moves its members up.
pub const DELETE_KEEP_MEMBERS: &str = "删除，党员转到上级";

/// The add button's label for a unit: 添加下级 and the next level's name.
pub fn add_label(unit: &Unit) -> String {
    match unit.level.child() {
        Some(level) => format!("添加{}", level.full_name()),
        None => "（最低层级）".to_string(),
    }
}

/// The panel's state: the fields as typed, read from the selected unit when
/// it was selected (the selection itself is the editor's, passed in).
#[derive(Default)]
pub struct Inspector {
    name: String,
    code: String,
    leader: String,
    phone: String,
    kind_label: String,
    elected: String,
    term: String,
    org_type: Option<Kind>,
    /// Why fields can't be read, read again after each change (not per frame).
    reasons: Vec<(&'static str, String)>,
    members: Members,
    /// A community's grids and buildings.
    places: Places,
    /// A 党员中心户's linked households.
    links: Links,
    /// A street's or community's co-building units.
    co_builders: CoBuilders,
    refusal: Option<String>,
    /// Asking to confirm a deletion: what it takes with it, worked out when
    /// the question was asked (not on every frame).
    confirming: Option<String>,
    /// The grids a branch-like unit may cover, found when it was shown.
    grids: Vec<GridRow>,
    /// The parent chosen for a move.
    move_to: Option<Parent>,
    /// The units it could move under, found when it was shown.
    targets: Vec<Parent>,
    /// How to fix the finding the user came from, shown at the top while
    /// the user is at its step.
    hint: Option<Hint>,
    /// A member whose unit is missing, shown instead of a unit.
    stray: Option<Stray>,
}

/// A unit that could take the selected one as a child, as the move list shows it.
pub type Parent = Choice;

/// The move button's label.
pub const MOVE: &str = "移到所选上级";

/// The label of a grid's cover checkbox: "名称  编码".
pub fn grid_label(grid: &crate::model::Grid) -> String {
    format!("{}  {}", grid.name, grid.code)
}

/// A grid of a branch's community as its cover list shows it.
#[derive(Debug, Clone)]
struct GridRow {
    id: Id,
    label: String,
    covered: bool,
    /// The other branches covering it, joined with 、.
    others: String,
    /// Covered by no branch at all.
    uncovered: bool,
}

/// The grids of a branch's community, in natural order, each with whether the
/// branch covers it and who else does.
fn grid_rows(document: &Document, branch: &Unit) -> Vec<GridRow> {
    if !branch.is_branch_like() {
        return Vec::new();
    }
    let community = match branch.level {
        crate::model::Level::Community => Some(branch.id),
        _ => branch.parent,
    };
    let mut grids: Vec<_> = document
        .grids
        .values()
        .filter(|g| Some(g.community) == community)
        .collect();
    grids.sort_by(|a, b| crate::order::by_code_then_name((&a.code, &a.name), (&b.code, &b.name)));
    grids
        .into_iter()
        .map(|grid| GridRow {
            id: grid.id,
            label: grid_label(grid),
            covered: grid.covered_by.contains(&branch.id),
            others: grid
                .covered_by
                .iter()
                .filter(|&&b| b != branch.id)
                .filter_map(|b| document.units.get(b))
                .map(|u| u.name.as_str())
                .collect::<Vec<_>>()
                .join("、"),
            uncovered: grid.covered_by.is_empty(),
        })
        .collect()
}

/// The cover list: a box per grid, and who else covers it.
fn grids(rows: &[GridRow]) -> Element<'_, Message> {
    let mut list = Column::new().spacing(3).push(text("覆盖的网格").size(14));
    for grid in rows {
        let id = grid.id;
        let mut line = row![checkbox(grid.covered)
            .label(grid.label.as_str())
            .on_toggle(move |on| Message::Cover(id, on))
            .text_size(13)]
        .spacing(8);
        if !grid.others.is_empty() {
            line = line.push(text(format!("另由 {} 覆盖", grid.others)).size(12));
        } else if grid.uncovered {
            line = line.push(text("未被覆盖").size(12).color(RED));
        }
        list = list.push(line);
    }
    list.into()
}

/// The units `unit` may move under: those whose level takes it, outside its
/// own subtree and other than its present parent, in tree order.
pub fn parents(document: &Document, tree: &Tree, unit: &Unit) -> Vec<Parent> {
    tree.in_order()
        .into_iter()
        .filter_map(|id| document.units.get(&id))
        .filter(|p| p.level.accepts(unit.level, p.org_type))
        .filter(|p| Some(p.id) != unit.parent && !tree.is_within(p.id, unit.id))
        .map(|p| Parent {
            id: p.id,
            label: format!("{}  {}", p.name, p.code),
        })
        .collect()
}

/// A community's organization type, as the pick list offers it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Kind(pub OrgType);

impl std::fmt::Display for Kind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0.label().unwrap_or("（按人数定）"))
    }
}

/// The unit fields, read from what is typed: each field's reason where it
/// can't be read.
struct Typed {
    unit: Unit,
    errors: Vec<(&'static str, String)>,
}

/// What the panel reacts to.
#[derive(Debug, Clone)]
pub enum Message {
    /// The name field changed.
    Name(String),
    /// The code field changed.
    Code(String),
    /// The leader field changed.
    Leader(String),
    /// The leader's phone field changed.
    Phone(String),
    /// The kind label (楼栋党小组 …) changed.
    KindLabel(String),
    /// The election date changed.
    Elected(String),
    /// The term changed.
    Term(String),
    /// A community's organization type was chosen.
    OrgType(Kind),
    /// The members table asked for something.
    Members(members::Message),
    /// The grids and buildings asked for something.
    Places(places::Message),
    /// The linked households asked for something.
    Links(links::Message),
    /// The co-building units asked for something.
    CoBuilders(co_builders::Message),
    /// Apply the fields.
    Apply,
    /// Add a child of the next level.
    AddChild,
    /// Add a street at the top of the tree.
    AddStreet,
    /// Ask to delete the unit.
    Delete,
    /// Delete it, its members going as said.
    ConfirmDelete(MemberFate),
    /// Keep it after all.
    CancelDelete,
    /// Cover (true) or stop covering (false) a grid.
    Cover(Id, bool),
    /// A new parent was chosen.
    MoveTarget(Parent),
    /// Move under the chosen parent.
    Move,
    /// The member whose unit is missing asked for something.
    Stray(stray::Message),
    /// Close the line saying how to fix a finding.
    CloseHint,
    /// Open the members sheet of the unit.
    OpenSheet,
}

/// The field a message opens a form on (添加党员 and the other 添加…, and
/// editing a member, whose form opens above the table): the window scrolls
/// it into view and gives it the keyboard, so typing can start at once.
pub fn opens(message: &Message) -> Option<&'static str> {
    match message {
        Message::Members(members::Message::Add | members::Message::Edit(_)) => Some(members::NAME),
        Message::Places(places::Message::AddGrid) => Some(places::GridField::Code.id()),
        Message::Places(places::Message::AddBuilding(_)) => Some(places::BuildingField::Code.id()),
        Message::Links(links::Message::Add) => Some(links::Field::Head.id()),
        Message::CoBuilders(co_builders::Message::Add) => Some(co_builders::Field::Name.id()),
        _ => None,
    }
}

/// What the panel asks of the window.
pub enum Event {
    /// Apply this command through the history.
    Edit(Command),
    /// Open the members sheet of this unit.
    Sheet(Id),
}

impl Inspector {
    /// Shows `unit`'s fields (or nothing).
    pub fn show(&mut self, document: &Document, tree: &Tree, unit: Option<Id>) {
        let found = unit.and_then(|id| document.units.get(&id));
        let places = std::mem::take(&mut self.places);
        *self = match found {
            Some(u) => Inspector {
                name: u.name.clone(),
                code: u.code.clone(),
                leader: u.leader.clone().unwrap_or_default(),
                phone: u.leader_phone.clone().unwrap_or_default(),
                kind_label: u.kind_label.clone().unwrap_or_default(),
                elected: u
                    .elected
                    .map(|d| d.format("%Y-%m-%d").to_string())
                    .unwrap_or_default(),
                term: u.term_years.map(|t| t.to_string()).unwrap_or_default(),
                org_type: (u.level == Level::Community).then_some(Kind(u.org_type)),
                reasons: Vec::new(),
                members: Members::show(document, u.id),
                places: places.show(document, tree, u.id),
                links: Links::show(document, tree, u.id),
                co_builders: CoBuilders::show(document, u.id),
                refusal: None,
                confirming: None,
                move_to: None,
                targets: parents(document, tree, u),
                grids: grid_rows(document, u),
                hint: None,
                stray: None,
            },
            None => Inspector::default(),
        };
        self.reread(document, unit);
    }

    /// Shows why `command` was refused: beside the field the refusal names,
    /// in the form that made the command, or else below the unit's fields.
    pub fn refuse(&mut self, command: &Command, refused: &EditError) {
        let field = match (command, refused.kind) {
            (Command::UpdateUnit(_), ErrorKind::Code) => Some(CODE),
            (Command::UpdateUnit(_), ErrorKind::Name) => Some(NAME),
            _ => None,
        };
        match field {
            Some(field) => self.reasons.push((field, refused.message.clone())),
            None if self.places.refuse(command, refused) => {}
            None => self.refusal = Some(refused.message.clone()),
        }
    }

    /// Handles a message.
    pub fn update(
        &mut self,
        document: &Document,
        tree: &Tree,
        selected: Option<Id>,
        message: Message,
    ) -> Option<Event> {
        // A form closed (or another opened in its place) ends the hint about it.
        let left = self.hint.as_ref().is_some_and(|hint| match &message {
            Message::Members(m) => hint.left_by_members(m),
            Message::Places(m) => hint.left_by_places(m),
            Message::Links(m) => hint.left_by_links(m),
            _ => false,
        });
        if left {
            self.hint = None;
        }
        match message {
            Message::Name(v) => self.name = v,
            Message::Code(v) => self.code = v,
            Message::Leader(v) => self.leader = v,
            Message::Phone(v) => self.phone = v,
            Message::KindLabel(v) => self.kind_label = v,
            Message::Elected(v) => self.elected = v,
            Message::Term(v) => self.term = v,
            Message::OrgType(kind) => self.org_type = Some(kind),
            Message::Members(m) => return self.members.update(document, tree, m).map(Event::Edit),
            Message::OpenSheet => return selected.map(Event::Sheet),
            Message::Places(m) => return self.places.update(document, m).map(Event::Edit),
            Message::Links(m) => return self.links.update(document, m).map(Event::Edit),
            Message::CoBuilders(m) => return self.co_builders.update(document, m).map(Event::Edit),
            Message::Stray(m) => return self.stray.as_mut()?.update(m).map(Event::Edit),
            Message::CloseHint => self.hint = None,
            Message::AddChild => {
                let parent = document.units.get(&selected?)?;
                let level = parent.level.child()?;
                return Some(Event::Edit(Command::AddUnit {
                    parent: Some(parent.id),
                    level,
                    code: suggest_code(document, Some(parent), level),
                    name: format!("新建{}", level.full_name()),
                }));
            }
            Message::AddStreet => {
                return Some(Event::Edit(Command::AddUnit {
                    parent: None,
                    level: Level::Street,
                    code: suggest_code(document, None, Level::Street),
                    name: format!("新建{}", Level::Street.full_name()),
                }));
            }
            Message::Delete => {
                self.confirming =
                    selected.map(|id| preview_delete(document, id).describe(MemberFate::ToParent));
            }
            Message::MoveTarget(parent) => self.move_to = Some(parent),
            Message::Cover(grid, on) => {
                let branch = selected?;
                return Some(Event::Edit(if on {
                    Command::Cover { branch, grid }
                } else {
                    Command::Uncover { branch, grid }
                }));
            }
            Message::Move => {
                return Some(Event::Edit(Command::MoveUnit {
                    unit: selected?,
                    new_parent: self.move_to.as_ref()?.id,
                }));
            }
            Message::CancelDelete => self.confirming = None,
            Message::ConfirmDelete(members) => {
                self.confirming = None;
                return Some(Event::Edit(Command::DeleteUnit {
                    unit: selected?,
                    members,
                }));
            }
            Message::Apply => {
                let unit = document.units.get(&selected?)?;
                let typed = self.typed(unit);
                return (typed.errors.is_empty() && typed.unit != *unit)
                    .then_some(Event::Edit(Command::UpdateUnit(typed.unit)));
            }
        }
        self.refusal = None;
        self.reread(document, selected);
        None
    }

    /// Whether a member whose unit is missing is shown (with nothing selected).
    pub fn has_stray(&self) -> bool {
        self.stray.is_some()
    }

    /// Goes to where a finding is fixed, the unit (if any) being shown:
    /// opens the form it needs and says how; the control to take the user
    /// to, and whether it takes the keyboard.
    pub fn lead(&mut self, document: &Document, tree: &Tree, lead: Lead) -> (widget::Id, bool) {
        let hint = Hint::of(&lead);
        let target = match lead.step {
            Step::Field(id) => (widget::Id::new(id), true),
            Step::OrgType => (widget::Id::new(ORG_TYPE), false),
            Step::AddChild => (widget::Id::new(ACTIONS), false),
            Step::Move => (widget::Id::new(MOVING), false),
            Step::Members => (widget::Id::new(members::TABLE), false),
            Step::AddMember => {
                self.members.update(document, tree, members::Message::Add);
                (widget::Id::new(members::NAME), true)
            }
            Step::Member(member, field) => {
                self.members
                    .update(document, tree, members::Message::Edit(member));
                (widget::Id::new(field.id()), true)
            }
            Step::Assign(member) => {
                self.members
                    .update(document, tree, members::Message::Edit(member));
                (widget::Id::new(members::ASSIGNING), false)
            }
            Step::Grid(grid, field) => {
                self.places
                    .update(document, places::Message::EditGrid(grid));
                (widget::Id::new(field.id()), true)
            }
            Step::Cover(grid) => {
                self.places.show_covering(grid);
                (widget::Id::new(places::COVER), false)
            }
            Step::Building(building) => {
                self.places.show_building(document, building);
                (places::building_row(building), false)
            }
            Step::AddLink => {
                self.links.update(document, links::Message::Add);
                (widget::Id::new(links::Field::Head.id()), true)
            }
            Step::Links(Some(household)) => (links::row_id(household), false),
            Step::Links(None) => (widget::Id::new(links::LIST), false),
            Step::Conflicts => (widget::Id::new(conflicts::PANEL), false),
            Step::Stray(member) => {
                self.stray = Stray::new(document, tree, member);
                (widget::Id::new(stray::UNITS), false)
            }
        };
        self.hint = Some(hint);
        target
    }

    /// Reads the fields again, keeping why any can't be read.
    fn reread(&mut self, document: &Document, selected: Option<Id>) {
        if let Some(unit) = selected.and_then(|id| document.units.get(&id)) {
            self.reasons = self.typed(unit).errors;
        }
    }

    /// The unit as the fields describe it.
    fn typed(&self, unit: &Unit) -> Typed {
        let mut errors = fields::Reasons::default();
        let name = errors.take(NAME, fields::required(&self.name, "名称").map(Some));
        let code = errors.take(CODE, fields::required(&self.code, "编码").map(Some));
        let leader_phone = errors.take(PHONE, fields::phone(&self.phone));
        let elected = errors.take(ELECTED, fields::date(&self.elected));
        let term_years = errors.take(TERM, fields::term(&self.term));
        let unit = Unit {
            name: name.unwrap_or_else(|| unit.name.clone()),
            code: code.unwrap_or_else(|| unit.code.clone()),
            leader: fields::optional(&self.leader),
            leader_phone,
            kind_label: fields::optional(&self.kind_label),
            elected,
            term_years,
            org_type: self.org_type.map_or(unit.org_type, |k| k.0),
            ..unit.clone()
        };
        Typed {
            unit,
            errors: errors.0,
        }
    }

    /// Draws the panel.
    pub fn view<'a>(
        &'a self,
        document: &'a Document,
        selected: Option<Id>,
    ) -> Element<'a, Message> {
        let Some(unit) = selected.and_then(|id| document.units.get(&id)) else {
            if let Some(stray) = &self.stray {
                let mut panel = column![self.hint_line(), stray.view().map(Message::Stray)];
                if let Some(reason) = &self.refusal {
                    panel = panel.push(text(reason).size(13).color(RED));
                }
                return panel.spacing(10).into();
            }
            return column![
                text("在大纲、组织图或问题列表中选择一个组织").size(14),
                button(text(ADD_STREET).size(14)).on_press(Message::AddStreet),
            ]
            .spacing(10)
            .into();
        };
        let field =
            |label: &'a str, value: &'a str, id: &'static str, on: fn(String) -> Message| {
                let input = text_input(label, value)
                    .id(id)
                    .on_input(on)
                    .on_submit(Message::Apply)
                    .padding(4)
                    .size(13);
                field::field(label, input, &about(&self.reasons, id), &[])
            };
        let title = unit.level.leader_title();
        let fields = column![
            field("名称", &self.name, NAME, Message::Name),
            field("编码", &self.code, CODE, Message::Code),
            field(title, &self.leader, LEADER, Message::Leader),
            field("电话", &self.phone, PHONE, Message::Phone),
            field(
                "类型标注",
                &self.kind_label,
                "inspector-kind",
                Message::KindLabel
            ),
            field("换届日期", &self.elected, ELECTED, Message::Elected),
            field("任期（年）", &self.term, TERM, Message::Term),
        ]
        .spacing(4);
        let mut panel = column![
            text(format!("{}（{}）", unit.name, unit.kind_name())).size(18),
            field::form(fields),
        ]
        .spacing(8);
        if let Some(kind) = self.org_type {
            let kinds = [
                Kind(OrgType::Default),
                Kind(OrgType::Committee),
                Kind(OrgType::GeneralBranch),
                Kind(OrgType::Branch),
            ];
            panel = panel.push(
                row![
                    text("组织类型").size(14).width(Length::Fixed(72.0)),
                    container(pick_list(kinds, Some(kind), Message::OrgType).text_size(13))
                        .id(ORG_TYPE),
                ]
                .spacing(6)
                .align_y(iced::Alignment::Center),
            );
        }
        let readable = self.reasons.is_empty();
        panel = panel.push(
            container(
                row![
                    button(text(APPLY).size(14)).on_press_maybe(readable.then_some(Message::Apply)),
                    button(text(add_label(unit)).size(14))
                        .on_press_maybe(unit.level.child().map(|_| Message::AddChild)),
                    button(text(DELETE).size(14))
                        .on_press(Message::Delete)
                        .style(button::danger),
                ]
                .spacing(8),
            )
            .id(ACTIONS),
        );
        // Its members, and those below it, as a sheet taking a paste from Excel.
        panel = panel.push(button(text(super::sheet::OPEN).size(14)).on_press(Message::OpenSheet));
        // The question under the button that asked it, where the user looks.
        if let Some(preview) = &self.confirming {
            panel = panel.push(
                column![
                    text(format!("删除「{}」？", unit.name)).size(15),
                    text(preview.as_str()).size(13),
                    row![
                        button(text(DELETE_KEEP_MEMBERS).size(13))
                            .on_press(Message::ConfirmDelete(MemberFate::ToParent))
                            .style(button::danger),
                        button(text("连同党员一并删除").size(13))
                            .on_press(Message::ConfirmDelete(MemberFate::Delete))
                            .style(button::danger),
                        button(text("取消").size(13)).on_press(Message::CancelDelete),
                    ]
                    .spacing(6),
                ]
                .spacing(6),
            );
        }
        if unit.is_branch_like() {
            panel = panel.push(grids(&self.grids));
        }
        if !self.targets.is_empty() {
            panel = panel.push(
                container(chooser(
                    &self.targets,
                    self.move_to.clone(),
                    Message::MoveTarget,
                    "移到其他上级…",
                    MOVE,
                    Message::Move,
                ))
                .id(MOVING),
            );
        }
        if let Some(reason) = &self.refusal {
            panel = panel.push(text(reason).size(13).color(RED));
        }
        // A community's grids before its members: the structure first.
        panel = panel.push(self.places.view().map(Message::Places));
        panel = panel.push(self.links.view().map(Message::Links));
        panel = panel.push(self.co_builders.view().map(Message::CoBuilders));
        panel = panel.push(self.members.view(document).map(Message::Members));
        // One scroll for the whole panel: a branch's grid list can be long.
        // How to fix stays in sight above the panel as it scrolls to the control.
        column![
            self.hint_line(),
            scrollable(panel.padding(iced::Padding::ZERO.right(12)))
                .id(PANEL)
                .height(Length::Fill)
        ]
        .spacing(6)
        .into()
    }

    /// How to fix the finding the user came from, in a box they can close.
    fn hint_line(&self) -> Element<'_, Message> {
        let Some(hint) = &self.hint else {
            return column![].into();
        };
        container(fix_hint(hint.text(), Message::CloseHint))
            .padding(6)
            .width(Length::Fill)
            .style(container::bordered_box)
            .into()
    }
}
