//! A community's grids (网格) and their buildings (楼栋): a list in natural
//! order, forms to add or edit one (each field read as typed, the reason
//! beside it), deletion after a question that says what goes with it, and the
//! group (党小组) covering each building chosen from a list, and the branches
//! covering each grid ticked in a list of the community's branches.

mod forms;

use super::form::{self, Form, Layout};
use crate::edit::{Command, EditError, ErrorKind};
use crate::graph::Tree;
use crate::gui::widget::choice::Choice;
use crate::gui::widget::cut::cut;
use crate::gui::widget::reason::RED;
use crate::model::{Building, Document, Grid, Id, Level};
use crate::order::by_code_then_name;
use forms::{read_building, read_grid, BuildingForm, GridForm, BUILDING_FIELDS, GRID_FIELDS};
pub use forms::{BuildingField, GridField};
use iced::widget::{button, checkbox, column, container, pick_list, row, text, Column};
use iced::{Element, Length};

/// The button that opens the form on a new grid.
pub const ADD_GRID: &str = "添加网格";
/// The grid form's save button.
pub const SAVE_GRID: &str = "保存网格";
/// The button that opens the form on a new building of a grid.
pub const ADD_BUILDING: &str = "添加楼栋";
/// The building form's save button.
pub const SAVE_BUILDING: &str = "保存楼栋";
/// The confirmation of a deletion.
pub const CONFIRM_DELETE: &str = "确认删除";
/// The group list's entry for no group.
pub const NO_GROUP: &str = "（无党小组覆盖）";
/// A grid's button that shows the branches that may cover it.
pub const COVERING: &str = "覆盖…";
/// The id of the frame around a grid's covering choices.
pub const COVER: &str = "grid-cover";

/// The label of a branch's box in a grid's covering choices: "编码 名称".
pub fn cover_label(branch: &crate::model::Unit) -> String {
    format!("{} {}", branch.code, branch.name)
}

/// The id of the frame around the group list of a building's row.
pub fn building_group(id: Id) -> iced::widget::Id {
    iced::widget::Id::from(format!("building-group-{}", id.0))
}

/// The id of the frame around a building's row.
pub fn building_row(id: Id) -> iced::widget::Id {
    iced::widget::Id::from(format!("building-{}", id.0))
}

/// A group a building may be covered by, as the list offers it ("名称  编码");
/// `id` None leaves the building uncovered (labelled [`NO_GROUP`]).
pub type Group = Choice<Option<Id>>;

/// What the panel reacts to.
#[derive(Debug, Clone)]
pub enum Message {
    /// Open the form on a new grid.
    AddGrid,
    /// Open the form on a grid.
    EditGrid(Id),
    /// A grid field changed.
    GridTyped(GridField, String),
    /// Save the grid form.
    SaveGrid,
    /// Ask to delete a grid.
    DeleteGrid(Id),
    /// Show or hide a grid's buildings.
    Expand(Id),
    /// Open the form on a new building of a grid.
    AddBuilding(Id),
    /// Open the form on a building.
    EditBuilding(Id),
    /// A building field changed.
    BuildingTyped(BuildingField, String),
    /// Save the building form.
    SaveBuilding,
    /// Ask to delete a building.
    DeleteBuilding(Id),
    /// Delete what was asked about.
    ConfirmDelete,
    /// Close the form or the question.
    Cancel,
    /// A group was chosen to cover a building.
    Cover(Id, Group),
    /// Show or hide the branches that may cover a grid.
    Covering(Id),
    /// A branch is to cover a grid (true) or no longer (false).
    CoverGrid {
        /// The grid.
        grid: Id,
        /// The branch.
        branch: Id,
        /// Whether it covers the grid.
        on: bool,
    },
}

/// A deletion asked about: the record, and the question with what goes with
/// it, worked out when asked.
#[derive(Debug, Clone)]
struct Deleting {
    /// The grid or building asked about: the question shows under its row.
    record: Id,
    command: Command,
    question: String,
}

/// A grid as the list shows it.
#[derive(Debug, Clone)]
struct GridRow {
    id: Id,
    /// "名称  编码".
    label: String,
    /// 户数, 人口, 网格员 and phone, 小区.
    details: String,
    /// The covering branches joined with 、, or None when uncovered.
    covers: Option<String>,
    /// The covering branches.
    covered_by: Vec<Id>,
    buildings: Vec<BuildingRow>,
}

/// A building as its grid's list shows it.
#[derive(Debug, Clone)]
struct BuildingRow {
    id: Id,
    /// "名称  编码".
    label: String,
    /// "12 户", or None when not known.
    households: Option<String>,
    group: Group,
}

/// The panel's state: the selected community's grids and groups, found when
/// it was shown.
#[derive(Debug, Clone, Default)]
pub struct Places {
    community: Option<Id>,
    rows: Vec<GridRow>,
    groups: Vec<Group>,
    /// The branch-like units that may cover the grids, each with its label.
    branches: Vec<(Id, String)>,
    /// The grid whose covering choices are shown.
    covering: Option<Id>,
    /// The grids whose buildings are shown (kept while the community stays
    /// selected, so an edit doesn't fold them).
    expanded: Vec<Id>,
    grid_form: Option<GridForm>,
    building_form: Option<BuildingForm>,
    deleting: Option<Deleting>,
}

fn count_text(n: Option<u32>) -> String {
    n.map(|n| n.to_string()).unwrap_or_default()
}

fn unit_label(document: &Document, id: Id) -> Option<String> {
    document
        .units
        .get(&id)
        .map(|u| format!("{}  {}", u.name, u.code))
}

fn grid_details(grid: &Grid) -> String {
    let mut parts = Vec::new();
    if let Some(n) = grid.households {
        parts.push(format!("{n} 户"));
    }
    if let Some(n) = grid.population {
        parts.push(format!("{n} 人"));
    }
    match (&grid.worker, &grid.worker_phone) {
        (Some(w), Some(p)) => parts.push(format!("网格员 {w} {}", crate::mask::phone(p))),
        (Some(w), None) => parts.push(format!("网格员 {w}")),
        (None, _) => parts.push("无网格员".into()),
    }
    if !grid.compounds.is_empty() {
        parts.push(format!("小区 {}", grid.compounds.join("、")));
    }
    parts.join(" · ")
}

impl Places {
    /// The grids of `unit` when it is a community (nothing otherwise), keeping
    /// which grids were expanded if it was shown before.
    pub fn show(self, document: &Document, tree: &Tree, unit: Id) -> Places {
        let is_community = document
            .units
            .get(&unit)
            .is_some_and(|u| u.level == Level::Community);
        if !is_community {
            return Places::default();
        }
        let mut grids: Vec<&Grid> = document
            .grids
            .values()
            .filter(|g| g.community == unit)
            .collect();
        grids.sort_by(|a, b| by_code_then_name((&a.code, &a.name), (&b.code, &b.name)));
        let no_group = Group {
            id: None,
            label: NO_GROUP.into(),
        };
        let group = |id: Option<Id>| {
            id.and_then(|id| {
                unit_label(document, id).map(|label| Group {
                    id: Some(id),
                    label,
                })
            })
            .unwrap_or_else(|| no_group.clone())
        };
        let rows = grids
            .into_iter()
            .map(|g| {
                let mut buildings: Vec<&Building> = document
                    .buildings
                    .values()
                    .filter(|b| b.grid == g.id)
                    .collect();
                buildings.sort_by(|a, b| by_code_then_name((&a.code, &a.name), (&b.code, &b.name)));
                let covers: Vec<String> = g
                    .covered_by
                    .iter()
                    .filter_map(|b| document.units.get(b))
                    .map(|u| u.name.clone())
                    .collect();
                GridRow {
                    id: g.id,
                    label: format!("{}  {}", g.name, g.code),
                    details: grid_details(g),
                    covers: (!covers.is_empty()).then(|| covers.join("、")),
                    covered_by: g.covered_by.clone(),
                    buildings: buildings
                        .into_iter()
                        .map(|b| BuildingRow {
                            id: b.id,
                            label: format!("{}  {}", b.name, b.code),
                            households: b.households.map(|n| format!("{n} 户")),
                            group: group(b.covered_by),
                        })
                        .collect(),
                }
            })
            .collect();
        let groups = std::iter::once(no_group.clone())
            .chain(
                tree.subtree(unit)
                    .into_iter()
                    .filter(|id| {
                        document
                            .units
                            .get(id)
                            .is_some_and(|u| u.level == Level::Group)
                    })
                    .map(|id| group(Some(id))),
            )
            .collect();
        let branches = tree
            .subtree(unit)
            .into_iter()
            .filter_map(|id| document.units.get(&id))
            .filter(|u| u.is_branch_like())
            .map(|u| (u.id, cover_label(u)))
            .collect();
        let (expanded, covering) = if self.community == Some(unit) {
            (self.expanded, self.covering)
        } else {
            (Vec::new(), None)
        };
        Places {
            community: Some(unit),
            rows,
            groups,
            branches,
            covering,
            expanded,
            grid_form: None,
            building_form: None,
            deleting: None,
        }
    }

    /// Shows the branches that may cover `grid` (for a fix).
    pub fn show_covering(&mut self, grid: Id) {
        self.covering = Some(grid);
    }

    /// Shows the buildings of the grid `building` is in (for a fix).
    pub fn show_building(&mut self, document: &Document, building: Id) {
        if let Some(b) = document.buildings.get(&building) {
            if !self.expanded.contains(&b.grid) {
                self.expanded.push(b.grid);
            }
        }
    }

    /// Handles a message; saving, deleting and choosing a group give a command.
    pub fn update(&mut self, document: &Document, message: Message) -> Option<Command> {
        match message {
            Message::AddGrid => {
                self.grid_form = Some(GridForm {
                    grid: None,
                    title: "新网格".into(),
                    form: Form::new(
                        GRID_FIELDS
                            .iter()
                            .map(|&(f, _)| (f, String::new()))
                            .collect(),
                    ),
                });
            }
            Message::EditGrid(id) => {
                let g = document.grids.get(&id)?;
                let value = |field| match field {
                    GridField::Code => g.code.clone(),
                    GridField::Name => g.name.clone(),
                    GridField::Households => count_text(g.households),
                    GridField::Population => count_text(g.population),
                    GridField::Worker => g.worker.clone().unwrap_or_default(),
                    GridField::Phone => g.worker_phone.clone().unwrap_or_default(),
                    GridField::Compounds => g.compounds.join("、"),
                };
                self.grid_form = Some(GridForm {
                    grid: Some(id),
                    title: format!("编辑网格「{}」", g.name),
                    form: Form::new(GRID_FIELDS.iter().map(|&(f, _)| (f, value(f))).collect()),
                });
            }
            Message::GridTyped(field, value) => {
                self.grid_form.as_mut()?.form.set(field, value);
            }
            Message::SaveGrid => return self.save_grid(document),
            Message::DeleteGrid(id) => {
                let g = document.grids.get(&id)?;
                let buildings = document.buildings.values().filter(|b| b.grid == id).count();
                let goes = if buildings == 0 {
                    "它没有楼栋".to_string()
                } else {
                    format!("连同 {buildings} 个楼栋")
                };
                self.deleting = Some(Deleting {
                    record: id,
                    command: Command::DeleteGrid(id),
                    question: format!("删除网格「{}」？{goes}", g.name),
                });
            }
            Message::Expand(id) => {
                if let Some(at) = self.expanded.iter().position(|&g| g == id) {
                    self.expanded.remove(at);
                } else {
                    self.expanded.push(id);
                }
            }
            Message::AddBuilding(grid) => {
                self.building_form = Some(BuildingForm {
                    grid,
                    building: None,
                    form: Form::new(
                        BUILDING_FIELDS
                            .iter()
                            .map(|&(f, _)| (f, String::new()))
                            .collect(),
                    ),
                });
            }
            Message::EditBuilding(id) => {
                let b = document.buildings.get(&id)?;
                let value = |field| match field {
                    BuildingField::Code => b.code.clone(),
                    BuildingField::Name => b.name.clone(),
                    BuildingField::Households => count_text(b.households),
                };
                self.building_form = Some(BuildingForm {
                    grid: b.grid,
                    building: Some(id),
                    form: Form::new(
                        BUILDING_FIELDS
                            .iter()
                            .map(|&(f, _)| (f, value(f)))
                            .collect(),
                    ),
                });
            }
            Message::BuildingTyped(field, value) => {
                self.building_form.as_mut()?.form.set(field, value);
            }
            Message::SaveBuilding => return self.save_building(document),
            Message::DeleteBuilding(id) => {
                let b = document.buildings.get(&id)?;
                let goes = match b.covered_by.and_then(|g| document.units.get(&g)) {
                    Some(group) => format!("「{}」对它的覆盖一并取消", group.name),
                    None => "它没有党小组覆盖".to_string(),
                };
                self.deleting = Some(Deleting {
                    record: id,
                    command: Command::DeleteBuilding(id),
                    question: format!("删除楼栋「{}」？{goes}", b.name),
                });
            }
            Message::ConfirmDelete => return self.deleting.take().map(|d| d.command),
            Message::Cancel => {
                self.grid_form = None;
                self.building_form = None;
                self.deleting = None;
            }
            Message::Covering(grid) => {
                self.covering = (self.covering != Some(grid)).then_some(grid);
            }
            Message::CoverGrid { grid, branch, on } => {
                return Some(if on {
                    Command::Cover { branch, grid }
                } else {
                    Command::Uncover { branch, grid }
                });
            }
            Message::Cover(building, group) => {
                let old = document.buildings.get(&building)?.covered_by;
                return match group.id {
                    Some(g) if old != Some(g) => {
                        Some(Command::CoverBuilding { group: g, building })
                    }
                    None if old.is_some() => Some(Command::UncoverBuilding(building)),
                    _ => None,
                };
            }
        }
        if let Some(f) = &mut self.grid_form {
            f.form.reasons = read_grid(&f.form).err().unwrap_or_default();
        }
        if let Some(f) = &mut self.building_form {
            f.form.reasons = read_building(&f.form).err().unwrap_or_default();
        }
        None
    }

    /// Shows why the grid or building form's `command` was refused beside
    /// the field the refusal names; whether it did.
    pub fn refuse(&mut self, command: &Command, refused: &EditError) -> bool {
        match command {
            Command::AddGrid { .. } | Command::UpdateGrid(_) => beside(
                self.grid_form.as_mut().map(|f| &mut f.form),
                refused,
                [GridField::Code, GridField::Name],
            ),
            Command::AddBuilding { .. } | Command::UpdateBuilding(_) => beside(
                self.building_form.as_mut().map(|f| &mut f.form),
                refused,
                [BuildingField::Code, BuildingField::Name],
            ),
            _ => false,
        }
    }

    fn save_grid(&mut self, document: &Document) -> Option<Command> {
        let form = self.grid_form.as_ref()?;
        let (code, name, details) = read_grid(&form.form).ok()?;
        let Some(id) = form.grid else {
            return Some(Command::AddGrid {
                community: self.community?,
                code,
                name,
                details,
            });
        };
        let old = document.grids.get(&id)?;
        let new = Grid {
            code,
            name,
            households: details.households,
            population: details.population,
            compounds: details.compounds,
            worker: details.worker,
            worker_phone: details.worker_phone,
            ..old.clone()
        };
        if new == *old {
            self.grid_form = None;
            return None;
        }
        Some(Command::UpdateGrid(new))
    }

    fn save_building(&mut self, document: &Document) -> Option<Command> {
        let form = self.building_form.as_ref()?;
        let (code, name, households) = read_building(&form.form).ok()?;
        let Some(id) = form.building else {
            return Some(Command::AddBuilding {
                grid: form.grid,
                code,
                name,
                households,
            });
        };
        let old = document.buildings.get(&id)?;
        let new = Building {
            code,
            name,
            households,
            ..old.clone()
        };
        if new == *old {
            self.building_form = None;
            return None;
        }
        Some(Command::UpdateBuilding(new))
    }

    /// Draws the list, the open form and the question.
    pub fn view(&self) -> Element<'_, Message> {
        if self.community.is_none() {
            return Column::new().into();
        }
        let mut list = Column::new().spacing(4).push(
            row![
                text(format!("本社区网格 {} 个", self.rows.len())).size(15),
                button(text(ADD_GRID).size(13)).on_press(Message::AddGrid),
            ]
            .spacing(12)
            .align_y(iced::Alignment::Center),
        );
        // Above the list, as the members table does: in reach without scrolling.
        if let Some(form) = &self.grid_form {
            list = list.push(grid_form(form));
        }
        for grid in &self.rows {
            list = list.push(self.grid_row(grid));
        }
        list.into()
    }

    fn grid_row<'a>(&'a self, grid: &'a GridRow) -> Element<'a, Message> {
        let small = |label: &'a str, message: Message| {
            button(text(label).size(12))
                .on_press(message)
                .padding([1, 6])
        };
        let expanded = self.expanded.contains(&grid.id);
        let fold = if expanded { "▾" } else { "▸" };
        let mut block = column![row![
            button(text(format!("{fold} {}", grid.label)).size(13))
                .on_press(Message::Expand(grid.id))
                .style(button::text)
                .padding([1, 2])
                .width(Length::Fill),
            small(COVERING, Message::Covering(grid.id)),
            small("编辑", Message::EditGrid(grid.id)),
            small("删除", Message::DeleteGrid(grid.id)).style(button::danger),
        ]
        .spacing(4)
        .align_y(iced::Alignment::Center)]
        .spacing(2);
        // The figures, then who covers the grid on a line of its own: side by
        // side they squeezed each other into a column of single characters.
        let mut facts = column![text(grid.details.as_str()).size(12)].spacing(2);
        facts = match &grid.covers {
            Some(covers) => facts.push(text(format!("覆盖：{covers}")).size(12)),
            None => facts.push(text("未被支部覆盖").size(12).color(RED)),
        };
        block = block.push(facts);
        if let Some(question) = self.question(grid.id) {
            block = block.push(question);
        }
        if self.covering == Some(grid.id) {
            block = block.push(self.cover_choices(grid));
        }
        if expanded {
            block = block.push(self.buildings(grid));
        }
        block.into()
    }

    /// The question asked about deleting `record`, shown under its row.
    fn question(&self, record: Id) -> Option<Element<'_, Message>> {
        let deleting = self.deleting.as_ref().filter(|d| d.record == record)?;
        Some(form::question(
            &deleting.question,
            (CONFIRM_DELETE, Message::ConfirmDelete),
            Message::Cancel,
        ))
    }

    /// A box per branch of the community: ticked where it covers the grid.
    fn cover_choices<'a>(&'a self, grid: &'a GridRow) -> Element<'a, Message> {
        let mut choices = Column::new()
            .spacing(2)
            .push(text("覆盖本网格的支部").size(12));
        for (branch, label) in &self.branches {
            let (grid, branch) = (grid.id, *branch);
            let on = self.rows_covered(grid, branch);
            choices = choices.push(
                checkbox(on)
                    .label(label.as_str())
                    .on_toggle(move |on| Message::CoverGrid { grid, branch, on })
                    .text_size(12),
            );
        }
        if self.branches.is_empty() {
            choices = choices.push(text("本社区还没有网格党支部").size(12).color(RED));
        }
        container(choices)
            .id(COVER)
            .padding(iced::Padding::ZERO.left(16))
            .into()
    }

    fn rows_covered(&self, grid: Id, branch: Id) -> bool {
        self.rows
            .iter()
            .any(|r| r.id == grid && r.covered_by.contains(&branch))
    }

    fn buildings<'a>(&'a self, grid: &'a GridRow) -> Element<'a, Message> {
        let form_here = |building: Option<Id>| {
            self.building_form
                .as_ref()
                .filter(|f| f.grid == grid.id && f.building == building)
        };
        let mut list = Column::new().spacing(2).push(
            row![
                text(format!("楼栋 {} 个", grid.buildings.len())).size(13),
                button(text(ADD_BUILDING).size(12))
                    .on_press(Message::AddBuilding(grid.id))
                    .padding([1, 6]),
            ]
            .spacing(8)
            .align_y(iced::Alignment::Center),
        );
        if let Some(form) = form_here(None) {
            list = list.push(building_form(form));
        }
        for b in &grid.buildings {
            let id = b.id;
            // Two lines, so a narrow panel cuts the name instead of drawing
            // it (and 户数) under the group list: the building with its
            // buttons, then the group covering it on a line of its own.
            let mut head = row![cut(b.label.as_str()).size(12)]
                .spacing(4)
                .align_y(iced::Alignment::Center);
            if let Some(households) = &b.households {
                head = head.push(text(households.as_str()).size(12));
            }
            head = head
                .push(
                    button(text("编辑").size(12))
                        .on_press(Message::EditBuilding(id))
                        .padding([1, 6]),
                )
                .push(
                    button(text("删除").size(12))
                        .on_press(Message::DeleteBuilding(id))
                        .padding([1, 6])
                        .style(button::danger),
                );
            list = list.push(
                container(
                    column![
                        head,
                        row![
                            text("党小组").size(12),
                            container(
                                pick_list(
                                    self.groups.as_slice(),
                                    Some(b.group.clone()),
                                    move |g| Message::Cover(id, g)
                                )
                                .text_size(12)
                                .width(Length::Fill)
                            )
                            .id(building_group(id)),
                        ]
                        .spacing(4)
                        .align_y(iced::Alignment::Center),
                    ]
                    .spacing(2),
                )
                .id(building_row(id)),
            );
            if let Some(question) = self.question(id) {
                list = list.push(question);
            }
            if let Some(form) = form_here(Some(id)) {
                list = list.push(building_form(form));
            }
        }
        list.padding(iced::Padding::ZERO.left(16)).into()
    }
}

/// The grid form, in the panel.
fn grid_form(form: &GridForm) -> Element<'_, Message> {
    form::view(
        &form.title,
        &form.form,
        Layout {
            labels: &GRID_FIELDS,
            id: GridField::id,
            typed: Message::GridTyped,
            save: (SAVE_GRID, Message::SaveGrid),
            cancel: Message::Cancel,
        },
    )
}

/// The building form, in the panel.
fn building_form(form: &BuildingForm) -> Element<'_, Message> {
    let title = if form.building.is_some() {
        "编辑楼栋"
    } else {
        "新楼栋"
    };
    form::view(
        title,
        &form.form,
        Layout {
            labels: &BUILDING_FIELDS,
            id: BuildingField::id,
            typed: Message::BuildingTyped,
            save: (SAVE_BUILDING, Message::SaveBuilding),
            cancel: Message::Cancel,
        },
    )
}

/// Puts a refusal of the code or the name under that field (`[code, name]`)
/// of `form`; whether it did.
fn beside<F: Copy>(form: Option<&mut Form<F>>, refused: &EditError, [code, name]: [F; 2]) -> bool {
    let field = match refused.kind {
        ErrorKind::Code => code,
        ErrorKind::Name => name,
        _ => return false,
    };
    let Some(form) = form else {
        return false;
    };
    form.reasons.push((field, refused.message.clone()));
    true
}
