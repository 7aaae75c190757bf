//! The grid and building forms: their fields kept as typed, each read again
//! after every change with the reason beside it, and what they read.

use crate::edit::{fields, GridDetails};
use crate::gui::inspector::form::{Form, Read};
use crate::model::Id;

/// A grid form's fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GridField {
    /// 网格编码
    Code,
    /// 网格名称
    Name,
    /// 户数
    Households,
    /// 人口
    Population,
    /// 网格员
    Worker,
    /// 网格员电话
    Phone,
    /// 小区, separated by 、 or commas
    Compounds,
}

impl GridField {
    /// The field's widget id, for tests and focus.
    pub fn id(self) -> &'static str {
        match self {
            GridField::Code => "grid-code",
            GridField::Name => "grid-name",
            GridField::Households => "grid-households",
            GridField::Population => "grid-population",
            GridField::Worker => "grid-worker",
            GridField::Phone => "grid-phone",
            GridField::Compounds => "grid-compounds",
        }
    }
}

pub(super) const GRID_FIELDS: [(GridField, &str); 7] = [
    (GridField::Code, "网格编码"),
    (GridField::Name, "网格名称"),
    (GridField::Households, "户数"),
    (GridField::Population, "人口"),
    (GridField::Worker, "网格员"),
    (GridField::Phone, "网格员电话"),
    (GridField::Compounds, "小区"),
];

/// A building form's fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BuildingField {
    /// 楼栋编码
    Code,
    /// 楼栋名称
    Name,
    /// 户数
    Households,
}

impl BuildingField {
    /// The field's widget id, for tests and focus.
    pub fn id(self) -> &'static str {
        match self {
            BuildingField::Code => "building-code",
            BuildingField::Name => "building-name",
            BuildingField::Households => "building-households",
        }
    }
}

pub(super) const BUILDING_FIELDS: [(BuildingField, &str); 3] = [
    (BuildingField::Code, "楼栋编码"),
    (BuildingField::Name, "楼栋名称"),
    (BuildingField::Households, "户数"),
];

/// The grid form: none for a new grid.
#[derive(Debug, Clone)]
pub(super) struct GridForm {
    pub(super) grid: Option<Id>,
    /// 新网格, or 编辑网格 and its name (the form sits above the list).
    pub(super) title: String,
    pub(super) form: Form<GridField>,
}

/// The building form: the grid it belongs to, and none for a new building.
#[derive(Debug, Clone)]
pub(super) struct BuildingForm {
    pub(super) grid: Id,
    pub(super) building: Option<Id>,
    pub(super) form: Form<BuildingField>,
}

/// Splits a list typed with 、, commas, semicolons or spaces.
pub(super) fn list(text: &str) -> Vec<String> {
    text.split(['、', ',', '，', ';', '；', ' '])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(String::from)
        .collect()
}

/// A grid's fields as the form reads them, or each field's reason.
pub(super) fn read_grid(form: &Form<GridField>) -> Read<(String, String, GridDetails), GridField> {
    let mut errors = fields::Reasons::default();
    let code = errors.take(
        GridField::Code,
        fields::required(form.text(GridField::Code), "网格编码").map(Some),
    );
    let name = errors.take(
        GridField::Name,
        fields::required(form.text(GridField::Name), "网格名称").map(Some),
    );
    let households = errors.take(
        GridField::Households,
        fields::count(form.text(GridField::Households)),
    );
    let population = errors.take(
        GridField::Population,
        fields::count(form.text(GridField::Population)),
    );
    let worker_phone = errors.take(GridField::Phone, fields::phone(form.text(GridField::Phone)));
    if !errors.0.is_empty() {
        return Err(errors.0);
    }
    Ok((
        code.unwrap_or_default(),
        name.unwrap_or_default(),
        GridDetails {
            households,
            population,
            compounds: list(form.text(GridField::Compounds)),
            worker: fields::optional(form.text(GridField::Worker)),
            worker_phone,
        },
    ))
}

/// A building's code, name and households as the form reads them, or each
/// field's reason.
pub(super) fn read_building(
    form: &Form<BuildingField>,
) -> Read<(String, String, Option<u32>), BuildingField> {
    let mut errors = fields::Reasons::default();
    let code = errors.take(
        BuildingField::Code,
        fields::required(form.text(BuildingField::Code), "楼栋编码").map(Some),
    );
    let name = errors.take(
        BuildingField::Name,
        fields::required(form.text(BuildingField::Name), "楼栋名称").map(Some),
    );
    let households = errors.take(
        BuildingField::Households,
        fields::count(form.text(BuildingField::Households)),
    );
    if !errors.0.is_empty() {
        return Err(errors.0);
    }
    Ok((
        code.unwrap_or_default(),
        name.unwrap_or_default(),
        households,
    ))
}
