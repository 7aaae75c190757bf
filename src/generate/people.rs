//! Party members' personal data: gender, ethnicity, birth date, a valid GB 11643 ID
//! number, education, the dates of joining and of becoming a full member, phone,
//! workplace and the in-service / mobile flags.

use super::names;
use crate::id_number::check_character;
use crate::model::{Category, Gender, Id, Member};
use chrono::{Datelike, Days, Months, NaiveDate};
use rand::seq::IndexedRandom;
use rand::Rng;
use std::collections::HashSet;

/// Administrative region codes (the first six digits of an ID number) with weights:
/// mostly 达拉特旗, where the seeds are, and its neighbours in Inner Mongolia.
const REGIONS: &[(u64, u32)] = &[
    (150621, 70), // 达拉特旗
    (150602, 8),  // 东胜区
    (150622, 4),  // 准格尔旗
    (150102, 4),  // 呼和浩特市新城区
    (150105, 4),  // 呼和浩特市赛罕区
    (150203, 4),  // 包头市昆都仑区
    (150202, 3),  // 包头市东河区
    (152501, 3),  // 二连浩特市
];

/// Workplaces of members still at work; the first ones are agencies and public
/// institutions whose members register with the community (在职党员报到).
const AGENCIES: &[&str] = &[
    "达拉特旗人民医院",
    "达拉特旗第一中学",
    "达拉特旗第二小学",
    "达拉特旗税务局",
    "达拉特旗公安局",
    "达拉特旗自然资源局",
    "国网达拉特旗供电公司",
    "达拉特旗农商银行",
    "西园街道办事处",
    "达拉特旗市场监督管理局",
];

/// Workplaces outside agencies.
const OTHER_WORK: &[&str] = &[
    "社区居委会",
    "个体经营",
    "灵活就业",
    "物业服务公司",
    "民营企业",
];

/// The workplace written for retired members.
const RETIRED: &str = "退休";

/// The workplace of members working away from home (流动党员).
const AWAY: &str = "外出务工";

/// How long before the reference date a full member joined at the latest: two years
/// of full standing, so every full member may be a secretary (secretary-standing).
const FULL_MEMBERS_JOINED_YEARS_AGO: u32 = 3;

/// Makes members with personal data that passes every member rule: names unique
/// within the current community, ID numbers unique in the document.
pub(super) struct People {
    /// The date ages and membership dates are reckoned from.
    today: NaiveDate,
    /// The first 17 digits of the ID numbers handed out so far (membership only:
    /// never iterated).
    issued: HashSet<u64>,
    /// Names used in the current community, so a leader's name names one member.
    names_in_community: HashSet<String>,
}

impl People {
    /// A source of members as of `today`.
    pub(super) fn new(today: NaiveDate) -> People {
        People {
            today,
            issued: HashSet::new(),
            names_in_community: HashSet::new(),
        }
    }

    /// Starts a new community: names may repeat from here on.
    pub(super) fn enter_community(&mut self) {
        self.names_in_community.clear();
    }

    /// A member of `unit`. Full members joined at least three years ago and became
    /// full a year after joining; probationary ones joined within the last year.
    pub(super) fn member(
        &mut self,
        rng: &mut impl Rng,
        id: Id,
        unit: Id,
        category: Category,
    ) -> Member {
        let age = match category {
            Category::Full => full_member_age(rng),
            Category::Probationary => rng.random_range(22..=45),
        };
        let birth = self.birth_date(rng, age);
        let gender = if rng.random_bool(0.58) {
            Gender::Male
        } else {
            Gender::Female
        };
        let ethnicity = names::ethnicity(rng);
        let name = self.unique_name(rng, gender, ethnicity);
        let joined = match category {
            Category::Full => self.full_member_joined(rng, birth),
            Category::Probationary => self.today - Days::new(rng.random_range(30..=300)),
        };
        let full_since = match category {
            Category::Full => joined.checked_add_months(Months::new(12)),
            Category::Probationary => None,
        };
        let workplace = workplace(rng, age);
        Member {
            id,
            name,
            gender: Some(gender),
            ethnicity: Some(ethnicity.to_string()),
            birth: Some(birth),
            id_number: Some(self.id_number(rng, birth, gender)),
            education: Some(education(rng, birth.year()).to_string()),
            joined: Some(joined),
            full_since,
            category,
            unit,
            positions: Vec::new(),
            phone: Some(phone(rng)),
            in_service: AGENCIES.contains(&workplace) && rng.random_bool(0.35),
            mobile: workplace == AWAY,
            workplace: Some(workplace.to_string()),
        }
    }

    fn birth_date(&self, rng: &mut impl Rng, age: u32) -> NaiveDate {
        let year_start = self
            .today
            .checked_sub_months(Months::new(12 * (age + 1)))
            .unwrap_or(self.today);
        year_start + Days::new(rng.random_range(1..365))
    }

    /// A joining date between the 18th birthday and three years ago, mostly young.
    fn full_member_joined(&self, rng: &mut impl Rng, birth: NaiveDate) -> NaiveDate {
        let earliest = birth + Months::new(12 * 18);
        let latest = self.today - Months::new(12 * FULL_MEMBERS_JOINED_YEARS_AGO);
        let span = (latest - earliest).num_days().clamp(0, 20 * 365) as u64;
        earliest + Days::new(rng.random_range(0..=span))
    }

    fn unique_name(&mut self, rng: &mut impl Rng, gender: Gender, ethnicity: &str) -> String {
        loop {
            let name = names::person(rng, gender, ethnicity);
            if self.names_in_community.insert(name.clone()) {
                return name;
            }
        }
    }

    /// An 18-character ID number: region, birth date, a sequence whose last digit
    /// is odd for men and even for women, and the GB 11643 check character.
    fn id_number(&mut self, rng: &mut impl Rng, birth: NaiveDate, gender: Gender) -> String {
        let date = u64::from(birth.year().unsigned_abs()) * 10_000
            + u64::from(birth.month()) * 100
            + u64::from(birth.day());
        let parity = match gender {
            Gender::Male => 1,
            Gender::Female => 0,
        };
        loop {
            let region = REGIONS
                .choose_weighted(rng, |r| r.1)
                .map_or(150621, |r| r.0);
            let sequence = rng.random_range(0..500u64) * 2 + parity;
            let first17 = (region * 100_000_000 + date) * 1_000 + sequence;
            if self.issued.insert(first17) {
                let digits = first17.to_string();
                return format!("{digits}{}", check_character(&digits));
            }
        }
    }
}

/// Replaces the check character of the member's ID number with a wrong one.
pub(super) fn spoil_id_number(member: &mut Member) {
    if let Some(number) = member.id_number.as_mut() {
        let right = check_character(&number[..17]);
        let wrong = if right == '0' { '1' } else { '0' };
        number.replace_range(17.., &wrong.to_string());
    }
}

/// Ages of full members: community members are often retired.
fn full_member_age(rng: &mut impl Rng) -> u32 {
    match rng.random_range(0..100) {
        0..25 => rng.random_range(24..40),
        25..65 => rng.random_range(40..60),
        _ => rng.random_range(60..86),
    }
}

/// Education (学历) by birth year: older members went to school for fewer years.
fn education(rng: &mut impl Rng, born: i32) -> &'static str {
    let choices: &[(&str, u32)] = match born {
        ..1960 => &[
            ("初中", 30),
            ("高中", 40),
            ("中专", 15),
            ("大专", 10),
            ("大学本科", 5),
        ],
        1960..1980 => &[
            ("高中", 25),
            ("中专", 15),
            ("大专", 30),
            ("大学本科", 25),
            ("研究生", 5),
        ],
        _ => &[("大专", 25), ("大学本科", 60), ("研究生", 15)],
    };
    choices
        .choose_weighted(rng, |c| c.1)
        .map_or("高中", |c| c.0)
}

/// Where a member of this age works.
fn workplace(rng: &mut impl Rng, age: u32) -> &'static str {
    if age >= 60 {
        RETIRED
    } else if rng.random_bool(0.03) {
        AWAY
    } else if rng.random_bool(0.6) {
        AGENCIES.choose(rng).copied().unwrap_or(AGENCIES[0])
    } else {
        OTHER_WORK.choose(rng).copied().unwrap_or(OTHER_WORK[0])
    }
}

/// A mobile phone number: 1, a digit 3–9, nine more digits.
pub(super) fn phone(rng: &mut impl Rng) -> String {
    format!(
        "1{}{:09}",
        rng.random_range(3..=9),
        rng.random_range(0..1_000_000_000u32)
    )
}
