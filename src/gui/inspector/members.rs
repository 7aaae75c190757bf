//! A unit's members as a table, with a form to add or edit one (each field
//! checked as typed, its reasons and warnings under it), removal after a
//! confirmation, and assignment to another unit of the same community.

use crate::edit::{fields, rules, Command};
use crate::graph::Tree;
use crate::gui::widget::choice::{chooser, Choice};
use crate::gui::widget::cut::cut;
use crate::gui::widget::field::{field, form as frame};
use crate::gui::widget::reason::about;
use crate::model::{Category, Document, Gender, Id, Level, Member};
use iced::widget::{button, checkbox, column, container, pick_list, row, text, text_input, Column};
use iced::{Element, Length};

/// The add button's label.
pub const ADD: &str = "添加党员";
/// The form's save button.
pub const SAVE: &str = "保存党员";
/// The confirmation of a removal.
pub const CONFIRM_REMOVE: &str = "确认移除";
/// The assign button.
pub const ASSIGN: &str = "编入所选组织";
/// Ids of the form's fields.
pub const NAME: &str = "member-name";
/// The ID number field.
pub const ID_NUMBER: &str = "member-id-number";
/// The phone field.
pub const PHONE: &str = "member-phone";
/// The date-joined field.
pub const JOINED: &str = "member-joined";
/// The birth-date field.
pub const BIRTH: &str = "member-birth";
/// The id of the frame around the gender list.
pub const GENDER: &str = "member-gender";
/// The id of the frame around the table.
pub const TABLE: &str = "members-table";
/// The id of the frame around the list that puts a member in another unit.
pub const ASSIGNING: &str = "member-assign";

/// A member's row shows at most this many members; the roster prints them all.
const ROWS: usize = 300;

/// The form's fields: the text fields, and 性别 (chosen from a list).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// 姓名
    Name,
    /// 性别, chosen from a list
    Gender,
    /// 民族
    Ethnicity,
    /// 出生日期
    Birth,
    /// 身份证号
    IdNumber,
    /// 学历
    Education,
    /// 入党日期
    Joined,
    /// 转正日期
    FullSince,
    /// 职务, separated by 、 or commas
    Positions,
    /// 联系电话
    Phone,
    /// 工作单位
    Workplace,
}

impl Field {
    /// The field's widget id, for tests and focus.
    pub fn id(self) -> &'static str {
        match self {
            Field::Name => NAME,
            Field::Gender => GENDER,
            Field::Ethnicity => "member-ethnicity",
            Field::Birth => BIRTH,
            Field::IdNumber => ID_NUMBER,
            Field::Education => "member-education",
            Field::Joined => JOINED,
            Field::FullSince => "member-full-since",
            Field::Positions => "member-positions",
            Field::Phone => PHONE,
            Field::Workplace => "member-workplace",
        }
    }
}

/// A unit members may be assigned to, as the list shows it.
pub type Target = Choice;

/// What the table reacts to.
#[derive(Debug, Clone)]
pub enum Message {
    /// Open the form on a new member.
    Add,
    /// Open the form on a member.
    Edit(Id),
    /// A text field changed.
    Typed(Field, String),
    /// 性别 chosen.
    Gender(Option<GenderChoice>),
    /// 预备党员 ticked.
    Probationary(bool),
    /// 在职党员报到 ticked.
    InService(bool),
    /// 流动党员 ticked.
    Mobile(bool),
    /// Save the form.
    Save,
    /// Close the form.
    Cancel,
    /// Ask to remove a member.
    Remove(Id),
    /// Remove it.
    ConfirmRemove,
    /// Keep it.
    CancelRemove,
    /// A unit to assign the member to was chosen.
    Target(Target),
    /// Assign the member in the form to the chosen unit.
    Assign,
}

/// 性别 as the pick list offers it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GenderChoice(pub Gender);

impl std::fmt::Display for GenderChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0.label())
    }
}

/// The form as typed.
#[derive(Debug, Clone, Default)]
struct Form {
    /// None for a new member.
    member: Option<Id>,
    texts: Vec<(Field, String)>,
    gender: Option<Gender>,
    probationary: bool,
    in_service: bool,
    mobile: bool,
    target: Option<Target>,
    /// Why fields can't be read, read again after each change (not per frame).
    reasons: Vec<(Field, String)>,
    /// What is wrong but may be saved (an ID number's check, a birth date or
    /// gender that differs from it), read with the reasons and shown with
    /// them: a field that can't be read doesn't hide another's warning.
    warnings: Vec<(Field, String)>,
}

const FIELDS: [(Field, &str); 10] = [
    (Field::Name, "姓名"),
    (Field::Ethnicity, "民族"),
    (Field::Birth, "出生日期"),
    (Field::IdNumber, "身份证号"),
    (Field::Education, "学历"),
    (Field::Joined, "入党日期"),
    (Field::FullSince, "转正日期"),
    (Field::Positions, "职务"),
    (Field::Phone, "联系电话"),
    (Field::Workplace, "工作单位"),
];

fn date_text(d: Option<chrono::NaiveDate>) -> String {
    d.map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_default()
}

impl Form {
    fn of(member: &Member) -> Form {
        let value = |field| match field {
            Field::Name => member.name.clone(),
            // Chosen from a list (`gender`), not typed: no text of its own.
            Field::Gender => String::new(),
            Field::Ethnicity => member.ethnicity.clone().unwrap_or_default(),
            Field::Birth => date_text(member.birth),
            Field::IdNumber => member.id_number.clone().unwrap_or_default(),
            Field::Education => member.education.clone().unwrap_or_default(),
            Field::Joined => date_text(member.joined),
            Field::FullSince => date_text(member.full_since),
            Field::Positions => member.positions.join("、"),
            Field::Phone => member.phone.clone().unwrap_or_default(),
            Field::Workplace => member.workplace.clone().unwrap_or_default(),
        };
        Form {
            member: Some(member.id),
            texts: FIELDS.iter().map(|&(f, _)| (f, value(f))).collect(),
            gender: member.gender,
            probationary: member.category == Category::Probationary,
            in_service: member.in_service,
            mobile: member.mobile,
            target: None,
            reasons: Vec::new(),
            warnings: Vec::new(),
        }
    }

    fn blank() -> Form {
        Form {
            texts: FIELDS.iter().map(|&(f, _)| (f, String::new())).collect(),
            ..Form::default()
        }
    }

    /// Reads the fields again, keeping why any can't be read, and what is
    /// wrong but may stand (warnings) in the fields that do read.
    fn reread(&mut self) {
        let (member, reasons) = self.read_what_reads(Id(0), Id(0));
        self.reasons = reasons;
        let today = chrono::Local::now().date_naive();
        self.warnings = rules::warnings(&member, today)
            .into_iter()
            .map(|(f, why)| (form_field(f), format!("{}{why}", f.label())))
            .collect();
    }

    fn text(&self, field: Field) -> &str {
        self.texts
            .iter()
            .find(|(f, _)| *f == field)
            .map_or("", |(_, t)| t.as_str())
    }

    /// The member the form describes, or each field's reason for refusing it.
    fn read(&self, unit: Id, id: Id) -> Result<Member, Vec<(Field, String)>> {
        match self.read_what_reads(unit, id) {
            (member, reasons) if reasons.is_empty() => Ok(member),
            (_, reasons) => Err(reasons),
        }
    }

    /// The member as far as the fields read (a field that can't be read left
    /// empty), and each field's reason for refusing it.
    fn read_what_reads(&self, unit: Id, id: Id) -> (Member, Vec<(Field, String)>) {
        let mut errors = fields::Reasons::default();
        let name = errors.take(
            Field::Name,
            fields::required(self.text(Field::Name), "姓名").map(Some),
        );
        let birth = errors.take(Field::Birth, fields::date(self.text(Field::Birth)));
        let id_number = errors.take(
            Field::IdNumber,
            fields::id_number(self.text(Field::IdNumber)),
        );
        let joined = errors.take(Field::Joined, fields::date(self.text(Field::Joined)));
        let full_since = errors.take(Field::FullSince, fields::date(self.text(Field::FullSince)));
        let phone = errors.take(Field::Phone, fields::phone(self.text(Field::Phone)));
        let optional = |field| fields::optional(self.text(field));
        let member = Member {
            id,
            name: name.unwrap_or_default(),
            gender: self.gender,
            ethnicity: optional(Field::Ethnicity),
            birth,
            id_number,
            education: optional(Field::Education),
            joined,
            full_since,
            category: if self.probationary {
                Category::Probationary
            } else {
                Category::Full
            },
            unit,
            positions: self
                .text(Field::Positions)
                .split(['、', ',', '，', ';', '；', ' '])
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .map(String::from)
                .collect(),
            phone,
            workplace: optional(Field::Workplace),
            in_service: self.in_service,
            mobile: self.mobile,
        };
        // The rules compare fields: only once each reads on its own.
        if errors.0.is_empty() {
            errors.0 = rules::refusals(&member)
                .into_iter()
                .map(|(f, why)| (form_field(f), why))
                .collect();
        }
        (member, errors.0)
    }
}

/// Where the form shows what the core's member rules say of a field.
fn form_field(field: rules::Field) -> Field {
    match field {
        rules::Field::Name => Field::Name,
        rules::Field::Gender => Field::Gender,
        rules::Field::Birth => Field::Birth,
        rules::Field::IdNumber => Field::IdNumber,
        rules::Field::Joined => Field::Joined,
        rules::Field::FullSince => Field::FullSince,
        rules::Field::Phone => Field::Phone,
    }
}

/// The table's state: the unit's members, found when it was shown.
#[derive(Debug, Clone, Default)]
pub struct Members {
    unit: Option<Id>,
    rows: Vec<Id>,
    form: Option<Form>,
    removing: Option<Id>,
    targets: Vec<Target>,
}

/// The units of `unit`'s community (the community and everything below it)
/// that members may be organized in, other than `unit`.
pub fn targets(document: &Document, tree: &Tree, unit: Id) -> Vec<Target> {
    let community = std::iter::once(unit)
        .chain(tree.ancestors(unit))
        .find(|id| {
            document
                .units
                .get(id)
                .is_some_and(|u| u.level <= Level::Community)
        });
    let Some(community) = community else {
        return Vec::new();
    };
    tree.subtree(community)
        .into_iter()
        .filter(|&id| id != unit)
        .filter_map(|id| document.units.get(&id))
        .map(|u| Target {
            id: u.id,
            label: format!("{}  {}", u.name, u.code),
        })
        .collect()
}

impl Members {
    /// The members of `unit`, in name order.
    pub fn show(document: &Document, unit: Id) -> Members {
        let mut rows: Vec<&Member> = document
            .members
            .values()
            .filter(|m| m.unit == unit)
            .collect();
        rows.sort_by(|a, b| a.name.cmp(&b.name));
        Members {
            unit: Some(unit),
            rows: rows.iter().map(|m| m.id).collect(),
            form: None,
            removing: None,
            targets: Vec::new(),
        }
    }

    /// Handles a message; saving, removing and assigning give a command.
    pub fn update(
        &mut self,
        document: &Document,
        tree: &Tree,
        message: Message,
    ) -> Option<Command> {
        match message {
            Message::Add => self.form = Some(Form::blank()),
            Message::Edit(id) => {
                self.form = document.members.get(&id).map(Form::of);
                self.targets = self
                    .unit
                    .map_or_else(Vec::new, |u| targets(document, tree, u));
            }
            Message::Typed(field, value) => {
                if let Some((_, text)) = self
                    .form
                    .as_mut()?
                    .texts
                    .iter_mut()
                    .find(|(f, _)| *f == field)
                {
                    *text = value;
                }
            }
            Message::Gender(g) => self.form.as_mut()?.gender = g.map(|g| g.0),
            Message::Probationary(on) => self.form.as_mut()?.probationary = on,
            Message::InService(on) => self.form.as_mut()?.in_service = on,
            Message::Mobile(on) => self.form.as_mut()?.mobile = on,
            Message::Cancel => self.form = None,
            Message::Save => {
                let form = self.form.as_ref()?;
                let unit = self.unit?;
                let member = form.read(unit, form.member.unwrap_or(unit)).ok()?;
                let command = match form.member {
                    None => Command::AddMember(member),
                    Some(id) => {
                        let old = document.members.get(&id)?;
                        if *old == member {
                            self.form = None;
                            return None;
                        }
                        Command::UpdateMember(member)
                    }
                };
                return Some(command);
            }
            Message::Remove(id) => self.removing = Some(id),
            Message::CancelRemove => self.removing = None,
            Message::ConfirmRemove => return self.removing.take().map(Command::DeleteMember),
            Message::Target(target) => self.form.as_mut()?.target = Some(target),
            Message::Assign => {
                let form = self.form.as_ref()?;
                return Some(Command::AssignMember {
                    member: form.member?,
                    unit: form.target.as_ref()?.id,
                });
            }
        }
        if let Some(form) = &mut self.form {
            form.reread();
        }
        None
    }

    /// Draws the table, and the form when open.
    pub fn view<'a>(&'a self, document: &'a Document) -> Element<'a, Message> {
        // Cut with … (whole on hover) where the panel is narrow; the buttons
        // keep their words on one line.
        let cell = |t: String, width: Length| -> Element<'a, Message> {
            cut(t).size(13).width(width).into()
        };
        let (name, gender, positions, phone) = (
            Length::Fixed(78.0),
            Length::Fixed(26.0),
            Length::Fill,
            Length::Fixed(78.0),
        );
        let header = row![
            cell("姓名".into(), name),
            cell("性别".into(), gender),
            cell("职务".into(), positions),
            cell("电话".into(), phone),
            text("").width(Length::Fixed(76.0)),
        ]
        .spacing(4);
        let mut table = Column::new().spacing(2).push(
            row![
                text(format!("本组织直属党员 {} 名", self.rows.len())).size(15),
                button(text(ADD).size(13)).on_press(Message::Add),
            ]
            .spacing(12)
            .align_y(iced::Alignment::Center),
        );
        if let Some(form) = &self.form {
            table = table.push(self.form_view(form));
        }
        if !self.rows.is_empty() {
            table = table.push(header);
        }
        for m in self
            .rows
            .iter()
            .take(ROWS)
            .filter_map(|id| document.members.get(id))
        {
            table = table.push(
                row![
                    cell(
                        match m.category {
                            Category::Probationary => format!("{}（预备）", m.name),
                            Category::Full => m.name.clone(),
                        },
                        name
                    ),
                    cell(m.gender.map_or("", Gender::label).into(), gender),
                    cell(m.positions.join("、"), positions),
                    cell(
                        m.phone
                            .as_deref()
                            .map(crate::mask::phone)
                            .unwrap_or_default(),
                        phone
                    ),
                    button(text("编辑").size(12).wrapping(text::Wrapping::None))
                        .on_press(Message::Edit(m.id))
                        .padding([1, 6]),
                    button(text("移除").size(12).wrapping(text::Wrapping::None))
                        .on_press(Message::Remove(m.id))
                        .padding([1, 6])
                        .style(button::danger),
                ]
                .spacing(4)
                .align_y(iced::Alignment::Center),
            );
            // The question under the row it is about, where the user looks.
            if self.removing == Some(m.id) {
                table = table.push(
                    row![
                        text(format!("移除党员「{}」？", m.name)).size(13),
                        button(text(CONFIRM_REMOVE).size(12))
                            .on_press(Message::ConfirmRemove)
                            .style(button::danger),
                        button(text("取消").size(12)).on_press(Message::CancelRemove),
                    ]
                    .spacing(6)
                    .align_y(iced::Alignment::Center),
                );
            }
        }
        if self.rows.len() > ROWS {
            table = table.push(
                text(format!(
                    "另有 {} 名未列出（打印花名册可见全部）",
                    self.rows.len() - ROWS
                ))
                .size(12),
            );
        }
        container(table).id(TABLE).into()
    }

    fn form_view<'a>(&'a self, form: &'a Form) -> Element<'a, Message> {
        let errors = &form.reasons;
        let title = if form.member.is_some() {
            "编辑党员"
        } else {
            "新党员"
        };
        let mut list = Column::new().spacing(4).push(text(title).size(15));
        for &(f, label) in &FIELDS {
            let input = text_input(label, form.text(f))
                .id(f.id())
                .on_input(move |v| Message::Typed(f, v))
                .on_submit(Message::Save)
                .padding(4)
                .size(13);
            list = list.push(field(
                label,
                input,
                &about(errors, f),
                &about(&form.warnings, f),
            ));
            // 性别 beside 姓名, as on the roster: its warning under it.
            if f == Field::Name {
                list = list.push(field(
                    "性别",
                    gender_row(form),
                    &about(errors, Field::Gender),
                    &about(&form.warnings, Field::Gender),
                ));
            }
        }
        list = list.push(
            row![
                checkbox(form.in_service)
                    .label("在职党员报到")
                    .on_toggle(Message::InService)
                    .text_size(13),
                checkbox(form.mobile)
                    .label("流动党员")
                    .on_toggle(Message::Mobile)
                    .text_size(13),
            ]
            .spacing(12),
        );
        list = list.push(
            row![
                button(text(SAVE).size(13))
                    .on_press_maybe(errors.is_empty().then_some(Message::Save)),
                button(text("取消").size(13)).on_press(Message::Cancel),
            ]
            .spacing(8),
        );
        if form.member.is_some() && !self.targets.is_empty() {
            list = list.push(
                container(chooser(
                    &self.targets,
                    form.target.clone(),
                    Message::Target,
                    "编入本社区其他组织…",
                    ASSIGN,
                    Message::Assign,
                ))
                .id(ASSIGNING),
            );
        }
        frame(column![list].padding(6))
    }
}

/// 性别 from a list, and 预备党员.
fn gender_row(form: &Form) -> Element<'_, Message> {
    let genders = [GenderChoice(Gender::Male), GenderChoice(Gender::Female)];
    row![
        container(
            pick_list(genders, form.gender.map(GenderChoice), |g| Message::Gender(
                Some(g)
            ))
            .placeholder("未填")
            .text_size(13)
        )
        .id(GENDER),
        checkbox(form.probationary)
            .label("预备党员")
            .on_toggle(Message::Probationary)
            .text_size(13),
    ]
    .spacing(8)
    .align_y(iced::Alignment::Center)
    .into()
}
