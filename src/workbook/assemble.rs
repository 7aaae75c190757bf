//! Turning the tables into a document: every cell read by its column's kind,
//! codes resolved across sheets (a member's 所在组织编码, a unit's 上级编码 …),
//! duplicates and cycles found, and every problem collected before giving up.

use super::cells;
use super::columns::{
    Sheet, BUILDINGS, CO_BUILDERS, GRIDS, GUIDE, HOUSEHOLDS, MEMBERS, SHEETS, UNITS,
};
use super::error::{quote, Location, Notice, Notices, Problem, Problems};
use super::table::{Cells, Source, Table};
use crate::document;
use crate::graph::Graph;
use crate::model::{
    Building, Category, CoBuilder, Document, Grid, Household, Id, Level, Member, OrgType, Unit,
};
use calamine::Data;
use std::collections::{HashMap, HashSet};

/// A document built from a workbook, with what the user should be told.
pub(crate) struct Assembled {
    /// The document, validated.
    pub document: Document,
    /// Ignored columns and sheets, skipped example rows, restored digits.
    pub notices: Notices,
}

/// Builds the document, or gives every problem found, in sheet, row and column order.
pub(crate) fn assemble(source: &Source, title: &str) -> Result<Assembled, Problems> {
    let mut problems = Problems::default();
    let mut notices = Notices::default();
    for raw in &source.sheets {
        if raw.name != GUIDE && !SHEETS.iter().any(|s| s.name == raw.name) {
            notices.push(Notice {
                location: sheet_location(&raw.shown),
                message: "不是模板中的工作表，已忽略 (ignored sheet)".into(),
            });
        }
    }
    let mut table = |sheet: &'static Sheet| {
        let raw = source.sheets.iter().find(|r| r.name == sheet.name);
        match raw {
            Some(raw) => Table::read(raw, sheet, source.date1904, &mut problems, &mut notices),
            None => {
                if sheet.required {
                    problems.push(Problem {
                        location: sheet_location(&format!("{}{}", sheet.name, source.suffix)),
                        message: format!(
                            "缺少工作表 (missing sheet)，应为 名为「{}」的工作表{}",
                            sheet.name,
                            if source.suffix.is_empty() {
                                String::new()
                            } else {
                                format!("（文件 {}{}）", sheet.name, source.suffix)
                            }
                        ),
                    });
                }
                None
            }
        }
    };
    let tables = [
        table(&UNITS),
        table(&GRIDS),
        table(&MEMBERS),
        table(&HOUSEHOLDS),
        table(&BUILDINGS),
        table(&CO_BUILDERS),
    ];
    if !problems.is_empty() {
        return Err(sorted(problems));
    }
    let [Some(units), Some(grids), Some(members), households, buildings, co_builders] = &tables
    else {
        return Err(problems);
    };
    let mut builder = Builder {
        document: Document::new(title),
        problems: Problems::default(),
        notices,
        units: HashMap::new(),
        grids: HashMap::new(),
    };
    builder.units(units);
    builder.grids(grids);
    if let Some(buildings) = buildings {
        builder.buildings(buildings);
    }
    builder.members(members);
    if let Some(households) = households {
        builder.households(households);
    }
    if let Some(co_builders) = co_builders {
        builder.co_builders(co_builders);
    }
    builder.finish()
}

fn sheet_location(shown: &str) -> Location {
    Location {
        sheet: shown.to_string(),
        row: None,
        column: None,
    }
}

/// Problems in workbook order: by sheet, row, then column.
fn sorted(mut problems: Problems) -> Problems {
    let rank = |p: &Problem| {
        let sheet = SHEETS
            .iter()
            .position(|s| p.location.sheet.starts_with(s.name))
            .unwrap_or(SHEETS.len());
        let column = p
            .location
            .column
            .as_ref()
            .map(|c| (c.letter.len(), c.letter.clone()));
        (sheet, p.location.row, column)
    };
    problems.list.sort_by_cached_key(rank);
    problems
}

/// A unit read from a row, remembered for resolving codes.
struct UnitEntry {
    id: Id,
    /// None when the 层级 cell was bad (already reported): references to the
    /// unit are then not judged by level, so one bad cell gives one problem.
    level: Option<Level>,
    org_type: OrgType,
    /// The row (position in the table), for reporting.
    row: usize,
    /// The parent's code as written.
    parent: Option<String>,
}

/// A grid read from a row.
struct GridEntry {
    id: Id,
    row: usize,
}

struct Builder {
    document: Document,
    problems: Problems,
    notices: Notices,
    units: HashMap<String, UnitEntry>,
    grids: HashMap<String, GridEntry>,
}

impl Builder {
    fn cells<'t, 'p>(problems: &'p mut Problems, table: &'t Table<'t>) -> Cells<'t, 'p> {
        Cells { table, problems }
    }

    /// Reads a phone cell, noting a restored leading zero.
    fn phone(&mut self, table: &Table, row: usize, name: &str) -> Option<String> {
        let phone = Self::cells(&mut self.problems, table).get(row, name, cells::phone)?;
        if phone.restored_zero {
            self.notices.push(Notice {
                location: table.location(Some(row), Some(name)),
                message: format!(
                    "{}是数字，开头的 0 已丢失，已补回为 {} (leading zero restored)",
                    quote(&phone.number[1..]),
                    phone.number
                ),
            });
        }
        Some(phone.number)
    }

    /// Reports a code found in no row of the sheet it refers to.
    fn unknown(&mut self, table: &Table, row: usize, name: &str, code: &str, sheet: &Sheet) {
        Self::cells(&mut self.problems, table).report(
            row,
            name,
            format!(
                "{}在「{}」表中不存在 (unknown code)，应为 {}表中已有的编码",
                quote(code),
                sheet.name,
                sheet.name
            ),
        );
    }

    fn units(&mut self, table: &Table) {
        let mut order = Vec::new();
        for &row in table.rows() {
            let mut c = Self::cells(&mut self.problems, table);
            let code = c.need(row, "编码", cells::code);
            let name = c.need(row, "名称", cells::text);
            let level = c.need(row, "层级", cells::level);
            let kind = c.get(row, "组织类型", cells::text);
            let parent = c.get(row, "上级编码", cells::code);
            let leader = c.get(row, "负责人", cells::text);
            let elected = c.get(row, "换届日期", |cell| {
                cells::date(cell, table.date1904)
            });
            let term_years = c.get(row, "任期", cells::term);
            let leader_phone = self.phone(table, row, "联系电话");
            let Some(code) = code else { continue };
            if let Some(first) = self.units.get(&code) {
                let message = duplicate(&code, table.row_number(first.row));
                Self::cells(&mut self.problems, table).report(row, "编码", message);
                continue;
            }
            let (org_type, kind_label) = org_type(level, kind);
            let id = self.document.allocate_id();
            self.document.units.insert(
                id,
                Unit {
                    id,
                    code: code.clone(),
                    name: name.unwrap_or_default(),
                    level: level.unwrap_or(Level::Street),
                    org_type,
                    kind_label,
                    parent: None,
                    leader,
                    leader_phone,
                    elected,
                    term_years,
                },
            );
            order.push(code.clone());
            self.units.insert(
                code,
                UnitEntry {
                    id,
                    level,
                    org_type,
                    row,
                    parent,
                },
            );
        }
        for code in &order {
            let entry = &self.units[code];
            let (id, row, level) = (entry.id, entry.row, entry.level);
            let parent = match (entry.parent.clone(), level) {
                (None, Some(level)) if level != Level::Street => {
                    Self::cells(&mut self.problems, table).report(
                        row,
                        "上级编码",
                        format!(
                            "上级编码为空 (missing parent)：{level}必须有上级，应为 上级组织的编码（只有街道可以没有上级）"
                        ),
                    );
                    None
                }
                (None, _) => None,
                (Some(parent), _) => match self.units.get(&parent) {
                    Some(p) => Some(p.id),
                    None => {
                        self.unknown(table, row, "上级编码", &parent, &UNITS);
                        None
                    }
                },
            };
            if let Some(unit) = self.document.units.get_mut(&id) {
                unit.parent = parent;
            }
        }
        self.cycles(table, &order);
    }

    /// Reports every unit whose chain of parents comes back to itself, each on
    /// its own 上级编码 cell: each cycle once, starting where the walk up from
    /// its first unit in row order enters it.
    fn cycles(&mut self, table: &Table, order: &[String]) {
        let by_id: HashMap<Id, (&str, usize)> = self
            .units
            .iter()
            .map(|(code, e)| (e.id, (code.as_str(), e.row)))
            .collect();
        let graph = Graph::of_units(self.document.units.values());
        let tree = graph.tree();
        let mut reported: HashSet<Id> = HashSet::new();
        let mut cycles: Vec<Vec<Id>> = Vec::new();
        for code in order {
            let cycle = tree.cycle(self.units[code].id);
            if cycle.first().is_some_and(|&id| reported.insert(id)) {
                reported.extend(cycle.iter().copied());
                cycles.push(cycle);
            }
        }
        let mut found = Vec::new();
        for cycle in &cycles {
            for k in 0..cycle.len() {
                let chain: Vec<&str> = cycle[k..]
                    .iter()
                    .chain(&cycle[..=k])
                    .map(|id| by_id.get(id).map_or("?", |(code, _)| *code))
                    .collect();
                if let Some(&(_, row)) = by_id.get(&cycle[k]) {
                    found.push((row, chain.join(" → ")));
                }
            }
        }
        for (row, chain) in found {
            Self::cells(&mut self.problems, table).report(
                row,
                "上级编码",
                format!(
                    "上级关系形成环 (cycle)：{chain}，应为 不形成环的上级编码（一个组织不能是自己的上级）"
                ),
            );
        }
    }

    fn grids(&mut self, table: &Table) {
        for &row in table.rows() {
            let mut c = Self::cells(&mut self.problems, table);
            let code = c.need(row, "网格编码", cells::code);
            let name = c.need(row, "网格名称", cells::text);
            let community = c.need(row, "所属社区编码", cells::code);
            let households = c.get(row, "户数", cells::count);
            let population = c.get(row, "人口", cells::count);
            let worker = c.get(row, "网格员", cells::text);
            let covering = c.items(row, "覆盖支部编码", cells::codes);
            let compounds = c.items(row, "小区", cells::list);
            let worker_phone = self.phone(table, row, "网格员电话");
            let community = community.and_then(|code| {
                let found = self.units.get(&code).map(|u| (u.id, u.level));
                match found {
                    Some((id, None | Some(Level::Community))) => Some(id),
                    Some((_, Some(level))) => {
                        Self::cells(&mut self.problems, table).report(
                            row,
                            "所属社区编码",
                            format!(
                                "{}是{level}，不是社区 (not a community)，应为 组织表中层级为社区的编码",
                                quote(&code)
                            ),
                        );
                        None
                    }
                    None => {
                        self.unknown(table, row, "所属社区编码", &code, &UNITS);
                        None
                    }
                }
            });
            let mut covered_by = Vec::new();
            for branch in covering {
                if let Some(id) = self.covering_branch(table, row, &branch, community) {
                    if !covered_by.contains(&id) {
                        covered_by.push(id);
                    }
                }
            }
            let Some(code) = code else { continue };
            if let Some(first) = self.grids.get(&code) {
                let message = duplicate(&code, table.row_number(first.row));
                Self::cells(&mut self.problems, table).report(row, "网格编码", message);
                continue;
            }
            let id = self.document.allocate_id();
            self.document.grids.insert(
                id,
                Grid {
                    id,
                    code: code.clone(),
                    name: name.unwrap_or_default(),
                    community: community.unwrap_or(id),
                    households,
                    population,
                    compounds,
                    worker,
                    worker_phone,
                    covered_by,
                },
            );
            self.grids.insert(code, GridEntry { id, row });
        }
    }

    /// A branch named in 覆盖支部编码: a grid branch of the grid's community, or
    /// the community itself when it is organized as one 党支部.
    fn covering_branch(
        &mut self,
        table: &Table,
        row: usize,
        code: &str,
        community: Option<Id>,
    ) -> Option<Id> {
        const NAME: &str = "覆盖支部编码";
        let Some(entry) = self.units.get(code) else {
            self.unknown(table, row, NAME, code, &UNITS);
            return None;
        };
        let Some(level) = entry.level else {
            return Some(entry.id);
        };
        let id = entry.id;
        let branch_like = level == Level::Branch
            || (level == Level::Community && entry.org_type == OrgType::Branch);
        let mut c = Self::cells(&mut self.problems, table);
        if !branch_like {
            let why = if level == Level::Community {
                "是社区，但组织类型不是「党支部」".to_string()
            } else {
                format!("是{level}")
            };
            c.report(
                row,
                NAME,
                format!(
                    "{}{why}，不能覆盖网格 (level mismatch)，应为 网格党支部的编码，或组织类型为「党支部」的社区自己的编码",
                    quote(code)
                ),
            );
            return None;
        }
        let home = if level == Level::Community {
            Some(id)
        } else {
            self.document.units.get(&id).and_then(|u| u.parent)
        };
        if community.is_some() && home != community {
            c.report(
                row,
                NAME,
                format!(
                    "{}不属于本网格所在的社区 (wrong community)，应为 本网格所属社区下的网格党支部编码",
                    quote(code)
                ),
            );
            return None;
        }
        Some(id)
    }

    fn buildings(&mut self, table: &Table) {
        let mut seen: HashMap<String, usize> = HashMap::new();
        for &row in table.rows() {
            let mut c = Self::cells(&mut self.problems, table);
            let code = c.need(row, "楼栋编码", cells::code);
            let name = c.need(row, "楼栋名称", cells::text);
            let grid = c.need(row, "所属网格编码", cells::code);
            let households = c.get(row, "户数", cells::count);
            let group = c.get(row, "党小组编码", cells::code);
            let grid = grid.and_then(|code| match self.grids.get(&code) {
                Some(g) => Some(g.id),
                None => {
                    self.unknown(table, row, "所属网格编码", &code, &GRIDS);
                    None
                }
            });
            let covered_by = group.and_then(|code| {
                self.unit_of_level(table, row, "党小组编码", &code, &[Level::Group])
            });
            let Some(code) = code else { continue };
            if let Some(&first) = seen.get(&code) {
                let message = duplicate(&code, table.row_number(first));
                Self::cells(&mut self.problems, table).report(row, "楼栋编码", message);
                continue;
            }
            seen.insert(code.clone(), row);
            let id = self.document.allocate_id();
            self.document.buildings.insert(
                id,
                Building {
                    id,
                    code,
                    name: name.unwrap_or_default(),
                    grid: grid.unwrap_or(id),
                    households,
                    covered_by,
                },
            );
        }
    }

    /// The unit with this code, which must be of one of these levels.
    fn unit_of_level(
        &mut self,
        table: &Table,
        row: usize,
        name: &str,
        code: &str,
        levels: &[Level],
    ) -> Option<Id> {
        let Some(entry) = self.units.get(code) else {
            self.unknown(table, row, name, code, &UNITS);
            return None;
        };
        let level = match entry.level {
            Some(level) if !levels.contains(&level) => level,
            _ => return Some(entry.id),
        };
        let wanted: Vec<&str> = levels.iter().map(|l| l.label()).collect();
        let message = format!(
            "{}是{level}，不是{} (level mismatch)，应为 组织表中层级为{}的编码",
            quote(code),
            wanted.join("或"),
            wanted.join("或")
        );
        Self::cells(&mut self.problems, table).report(row, name, message);
        None
    }

    fn members(&mut self, table: &Table) {
        for &row in table.rows() {
            let mut c = Self::cells(&mut self.problems, table);
            let date = |cell: &Data| cells::date(cell, table.date1904);
            let name = c.need(row, "姓名", cells::text);
            let gender = c.get(row, "性别", cells::gender);
            let ethnicity = c.get(row, "民族", cells::text);
            let birth = c.get(row, "出生日期", date);
            let id_number = c.get(row, "身份证号", cells::id_number);
            let education = c.get(row, "学历", cells::text);
            let joined = c.get(row, "入党日期", date);
            let full_since = c.get(row, "转正日期", date);
            let category = c.need(row, "人员类别", cells::category);
            let unit = c.need(row, "所在组织编码", cells::code);
            let positions = c.items(row, "职务", cells::list);
            let workplace = c.get(row, "工作单位", cells::text);
            let in_service = c.get(row, "在职报到", cells::yes_no);
            let mobile = c.get(row, "流动党员", cells::yes_no);
            let phone = self.phone(table, row, "联系电话");
            let unit = unit.and_then(|code| match self.units.get(&code) {
                Some(u) => Some(u.id),
                None => {
                    self.unknown(table, row, "所在组织编码", &code, &UNITS);
                    None
                }
            });
            let id = self.document.allocate_id();
            self.document.members.insert(
                id,
                Member {
                    id,
                    name: name.unwrap_or_default(),
                    gender,
                    ethnicity,
                    birth,
                    id_number,
                    education,
                    joined,
                    full_since,
                    category: category.unwrap_or(Category::Full),
                    unit: unit.unwrap_or(id),
                    positions,
                    phone,
                    workplace,
                    in_service: in_service.unwrap_or(false),
                    mobile: mobile.unwrap_or(false),
                },
            );
        }
    }

    fn households(&mut self, table: &Table) {
        for &row in table.rows() {
            let mut c = Self::cells(&mut self.problems, table);
            let central = c.need(row, "中心户编码", cells::code);
            let head = c.need(row, "户主姓名", cells::text);
            let address = c.get(row, "住址", cells::text);
            let people = c.get(row, "人口", cells::count);
            let phone = self.phone(table, row, "联系电话");
            let linked_by = central.and_then(|code| {
                self.unit_of_level(table, row, "中心户编码", &code, &[Level::Household])
            });
            let id = self.document.allocate_id();
            self.document.households.insert(
                id,
                Household {
                    id,
                    linked_by: linked_by.unwrap_or(id),
                    head: head.unwrap_or_default(),
                    address,
                    people,
                    phone,
                },
            );
        }
    }

    fn co_builders(&mut self, table: &Table) {
        for &row in table.rows() {
            let mut c = Self::cells(&mut self.problems, table);
            let name = c.need(row, "名称", cells::text);
            let kind = c.get(row, "类型", cells::text);
            let joins = c.need(row, "共建组织编码", cells::code);
            let joins = joins.and_then(|code| {
                self.unit_of_level(
                    table,
                    row,
                    "共建组织编码",
                    &code,
                    &[Level::Street, Level::Community],
                )
            });
            let id = self.document.allocate_id();
            self.document.co_builders.insert(
                id,
                CoBuilder {
                    id,
                    name: name.unwrap_or_default(),
                    kind,
                    joins: joins.unwrap_or(id),
                },
            );
        }
    }

    fn finish(self) -> Result<Assembled, Problems> {
        if !self.problems.is_empty() {
            return Err(sorted(self.problems));
        }
        // Everything validate refuses is reported above with its cell; this is
        // the last guard that a loaded document is always sound.
        if let Err(e) = document::validate(&self.document) {
            let mut problems = Problems::default();
            problems.push(Problem {
                location: sheet_location(UNITS.name),
                message: format!("文档不完整 (invalid document): {}", e.message),
            });
            return Err(problems);
        }
        Ok(Assembled {
            document: self.document,
            notices: self.notices,
        })
    }
}

fn duplicate(code: &str, first_row: u32) -> String {
    format!(
        "{}与第{first_row}行重复 (duplicate code)，应为 在本表中唯一的编码",
        quote(code)
    )
}

/// The organization type and the kind label of a unit from its 组织类型 cell:
/// a community's 党委 / 党总支 / 党支部 sets its type; any other wording is kept
/// as the label shown for the unit (楼栋党小组, 联合党支部 …).
fn org_type(level: Option<Level>, kind: Option<String>) -> (OrgType, Option<String>) {
    let Some(kind) = kind else {
        return (OrgType::Default, None);
    };
    let org_type = match level {
        Some(Level::Community) => OrgType::parse(&kind).unwrap_or_default(),
        _ => OrgType::Default,
    };
    let label = (org_type.label() != Some(kind.as_str())).then_some(kind);
    (org_type, label)
}
