//! Synthetic documents at the scales of docs/cli.md, "generate": counts from the seeds (Hohhot's
//! 31 streets, 378 communities, 4,691 grids …), shapes drawn at random, and a
//! realistic share of gaps for the check to find. Streets are coded J01, J02 …,
//! and everything under them follows the sample's scheme (J0103-B2-G1-H1 …).

use super::build::build;
use super::names::{self, NamePool};
use super::people;
use super::plan::{
    Body, BranchPlan, CoBuilderPlan, CommunityPlan, GridPlan, GroupPlan, Layout, StreetPlan, Term,
};
use super::scale::Preset;
use super::shares::{jittered, split};
use super::today::TODAY;
use crate::model::{Category, Document, OrgType};
use chrono::{Days, Months, NaiveDate};
use rand::seq::{IndexedRandom, SliceRandom};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// How much of everything a preset holds.
struct Scale {
    /// How the title names the scale.
    label: &'static str,
    streets: usize,
    communities: usize,
    /// Grid branches (a community organized as one 党支部 is not counted).
    branches: usize,
    groups: usize,
    central_households: usize,
    members: usize,
}

fn scale(preset: Preset) -> Scale {
    match preset {
        Preset::Street => Scale {
            label: "街道规模",
            streets: 1,
            communities: 8,
            branches: 110,
            groups: 500,
            central_households: 1_125,
            members: 3_000,
        },
        Preset::District => Scale {
            label: "区县规模",
            streets: 8,
            communities: 60,
            branches: 900,
            groups: 4_000,
            central_households: 9_000,
            members: 25_000,
        },
        Preset::City => Scale {
            label: "城市规模",
            streets: 31,
            communities: 378,
            branches: 4_691,
            groups: 20_000,
            central_households: 45_000,
            members: 120_000,
        },
    }
}

/// The share of communities small enough for a 党支部 (under 50 members).
const TINY_COMMUNITIES: f64 = 0.04;
/// The share of communities of a 党总支's size (50–99 members).
const SMALL_COMMUNITIES: f64 = 0.08;

/// Members of a street's own committee.
const STREET_STAFF: usize = 6;
/// Members of a 党委's or 党总支's own committee.
const COMMUNITY_STAFF: usize = 5;

// The shares of gaps: each is the chance that one record has it.
/// A grid no branch covers (grid-uncovered).
const UNCOVERED_GRID: f64 = 0.03;
/// A branch that also covers the next branch's first grid (grid-multi-covered).
const OVERLAPPING_BRANCH: f64 = 0.01;
/// A grid without a grid worker (grid-no-worker).
const GRID_WITHOUT_WORKER: f64 = 0.02;
/// A community or branch without a 书记 (leader-vacant).
const VACANT_SECRETARY: f64 = 0.01;
/// A group without a 组长 (leader-vacant).
const VACANT_GROUP_LEADER: f64 = 0.02;
/// A community or branch whose term has ended (term-expired).
const EXPIRED_TERM: f64 = 0.04;
/// A community or branch whose term ends within 90 days (term-expiring).
const EXPIRING_TERM: f64 = 0.02;
/// A branch of two full and two probationary members (branch-too-few-members).
const SMALL_BRANCH: f64 = 0.02;
/// A community whose type does not fit its size (community-type-mismatch).
const TYPE_MISMATCH: f64 = 0.03;
/// A group without central households (group-without-households).
const GROUP_WITHOUT_HOUSEHOLDS: f64 = 0.01;
/// A central household linking nobody (household-no-links).
const HOUSEHOLD_WITHOUT_LINKS: f64 = 0.01;
/// A central household linking 16–18 households (household-too-many-links).
const HOUSEHOLD_WITH_TOO_MANY_LINKS: f64 = 0.01;
/// A member who is probationary (预备党员).
const PROBATIONARY: f64 = 0.03;
/// A probationary member past the year of probation (probation-overdue).
const PROBATION_OVERDUE: f64 = 0.15;
/// A member with a wrong check character in the ID number (id-number-invalid).
const INVALID_ID_NUMBER: f64 = 0.002;
/// A community whose groups cover buildings (楼栋党小组).
const BUILDING_GROUPS: f64 = 0.4;

/// Co-building units: the ending of the name and the kind.
const CO_BUILDER_KINDS: &[(&str, &str)] = &[
    ("社区卫生服务站", "事业单位"),
    ("派出所", "机关"),
    ("小学", "事业单位"),
    ("中学", "事业单位"),
    ("幼儿园", "事业单位"),
    ("供电所", "企业"),
    ("物业服务有限公司", "企业"),
    ("市场监管所", "机关"),
    ("税务所", "机关"),
    ("邮政支局", "企业"),
    ("农商银行支行", "企业"),
    ("志愿者协会", "社会组织"),
    ("社会工作服务中心", "社会组织"),
    ("老年协会", "社会组织"),
    ("商会", "社会组织"),
    ("消防救援站", "机关"),
    ("司法所", "机关"),
    ("养老服务中心", "社会组织"),
];

/// A synthetic document of the preset's scale; the same seed gives the same document.
pub(super) fn generate(preset: Preset, seed: u64) -> Document {
    let scale = scale(preset);
    let mut planner = Planner::new(seed);
    let streets = planner.streets(&scale);
    let mut rng = planner.rng;
    let title = format!("合成党建网格（{}，种子 {seed}）", scale.label);
    let mut doc = build(&title, &streets, TODAY, rng.random());
    spoil_members(&mut doc, &mut rng);
    doc
}

/// Makes some probationary members overdue and gives a few ID numbers a wrong
/// check character.
fn spoil_members(doc: &mut Document, rng: &mut impl Rng) {
    for member in doc.members.values_mut() {
        match member.category {
            Category::Probationary if rng.random_bool(PROBATION_OVERDUE) => {
                member.joined = Some(TODAY - Days::new(rng.random_range(400..700)));
            }
            Category::Full if member.positions.is_empty() && rng.random_bool(INVALID_ID_NUMBER) => {
                people::spoil_id_number(member);
            }
            _ => {}
        }
    }
}

/// Draws the plans of streets and communities.
struct Planner {
    rng: ChaCha8Rng,
    places: NamePool,
    compounds: NamePool,
}

/// A community's size before it is planned in full.
struct Sketch {
    place: String,
    /// Members outside its own committee (all of them for a 党支部, which has
    /// no committee of its own).
    members: usize,
    /// Its type by size, before any mismatch.
    org_type: OrgType,
    /// Grid branches (0 for a community that is its own 党支部).
    branches: usize,
}

impl Planner {
    fn new(seed: u64) -> Self {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let places = NamePool::places(&mut rng);
        let compounds = NamePool::compounds(&mut rng);
        Planner {
            rng,
            places,
            compounds,
        }
    }

    fn streets(&mut self, scale: &Scale) -> Vec<StreetPlan> {
        let sketches = self.sketches(scale);
        let bodies = self.bodies(scale, &sketches);
        let weights = jittered(&mut self.rng, scale.streets, 0.3);
        let per_street = split(scale.communities, &weights, 1);
        let mut sketches = sketches.into_iter().zip(bodies);
        let mut streets = Vec::with_capacity(scale.streets);
        for (i, count) in per_street.into_iter().enumerate() {
            let place = self.places.next_name();
            let communities = sketches
                .by_ref()
                .take(count)
                .map(|(sketch, bodies)| self.community(sketch, bodies))
                .collect();
            streets.push(StreetPlan {
                code: format!("J{:02}", i + 1),
                co_builders: self.co_builders(&place, 4..=8),
                place,
                staff: STREET_STAFF,
                term: Term {
                    elected: self.day_between(date(2022, 3, 1), date(2022, 12, 31)),
                    years: 5,
                },
                communities,
            });
        }
        streets
    }

    /// Community sizes: a few tiny (a 党支部 of 25–45 members, its own only branch),
    /// some small (a 党总支 of 55–95), at least one of each; the rest share the
    /// remaining members unevenly. Grid branches are shared by size.
    fn sketches(&mut self, scale: &Scale) -> Vec<Sketch> {
        let share = |fraction: f64| ((scale.communities as f64 * fraction).round() as usize).max(1);
        let tiny = share(TINY_COMMUNITIES);
        let small = share(SMALL_COMMUNITIES);
        let mut types: Vec<OrgType> = (0..scale.communities)
            .map(|i| match i {
                _ if i < tiny => OrgType::Branch,
                _ if i < tiny + small => OrgType::GeneralBranch,
                _ => OrgType::Committee,
            })
            .collect();
        types.shuffle(&mut self.rng);
        // Members outside the committees of a 党委 or 党总支: a 党支部 has no
        // committee of its own, its staff sit in its groups.
        let mut members: Vec<usize> = types
            .iter()
            .map(|t| match t {
                OrgType::Branch => self.rng.random_range(25..=45),
                OrgType::GeneralBranch => self.rng.random_range(50..=90),
                _ => 0,
            })
            .collect();
        let staff = STREET_STAFF * scale.streets + COMMUNITY_STAFF * (scale.communities - tiny);
        let left = scale
            .members
            .saturating_sub(staff + members.iter().sum::<usize>());
        let weights: Vec<f64> = types
            .iter()
            .map(|&t| match t {
                OrgType::Committee => self.rng.random_range(0.6..1.5),
                _ => 0.0,
            })
            .collect();
        for (m, share) in members.iter_mut().zip(split(left, &weights, 0)) {
            *m += share;
        }
        let weights: Vec<f64> = types
            .iter()
            .zip(&members)
            .map(|(&t, &m)| if t == OrgType::Branch { 0.0 } else { m as f64 })
            .collect();
        let extra = split(
            scale
                .branches
                .saturating_sub(2 * (scale.communities - tiny)),
            &weights,
            0,
        );
        types
            .into_iter()
            .zip(members)
            .zip(extra)
            .map(|((org_type, members), extra)| Sketch {
                place: self.places.next_name(),
                members,
                org_type,
                branches: if org_type == OrgType::Branch {
                    0
                } else {
                    2 + extra
                },
            })
            .collect()
    }

    /// The bodies of every community (one per grid branch, or its own one), with
    /// members per branch and then groups and central households shared across
    /// the whole document in proportion to members.
    fn bodies(&mut self, scale: &Scale, sketches: &[Sketch]) -> Vec<Vec<BodySketch>> {
        let members: Vec<Vec<usize>> = sketches
            .iter()
            .map(|s| {
                let weights = jittered(&mut self.rng, s.branches.max(1), 0.35);
                split(s.members, &weights, 3)
            })
            .collect();
        let weights: Vec<f64> = members.iter().flatten().map(|&m| m as f64).collect();
        let mut groups = split(scale.groups, &weights, 1).into_iter();
        let mut bodies: Vec<Vec<BodySketch>> = members
            .iter()
            .map(|community| {
                community
                    .iter()
                    .zip(groups.by_ref())
                    .map(|(&members, groups)| {
                        let weights = jittered(&mut self.rng, groups, 0.4);
                        BodySketch {
                            members: split(members, &weights, 1),
                            central_households: Vec::new(),
                        }
                    })
                    .collect()
            })
            .collect();
        let weights: Vec<f64> = bodies
            .iter()
            .flatten()
            .flat_map(|b| b.members.iter().map(|&m| m as f64))
            .collect();
        let mut central = split(scale.central_households, &weights, 1).into_iter();
        for body in bodies.iter_mut().flatten() {
            body.central_households = central.by_ref().take(body.members.len()).collect();
        }
        bodies
    }

    fn community(&mut self, sketch: Sketch, bodies: Vec<BodySketch>) -> CommunityPlan {
        let grid_count = if sketch.org_type == OrgType::Branch {
            self.rng.random_range(3..=5)
        } else {
            // Most branches cover one grid; a few cover two.
            sketch.branches + [0, 0, 0, 0, 1].choose(&mut self.rng).copied().unwrap_or(0)
        };
        let grids = (0..grid_count).map(|_| self.grid()).collect();
        let coverage = self.coverage(grid_count, bodies.len());
        let mut bodies = bodies.into_iter().zip(coverage).map(|(b, covers)| Body {
            covers,
            groups: self.groups(&b),
        });
        let layout = if sketch.org_type == OrgType::Branch {
            Layout::OwnBranch(bodies.next().unwrap_or(Body {
                covers: Vec::new(),
                groups: Vec::new(),
            }))
        } else {
            let branches = bodies.collect::<Vec<_>>();
            Layout::Branches {
                staff: COMMUNITY_STAFF,
                branches: branches
                    .into_iter()
                    .enumerate()
                    .map(|(i, body)| self.branch(&sketch.place, i, body))
                    .collect(),
            }
        };
        CommunityPlan {
            co_builders: self.co_builders(&sketch.place, 3..=12),
            org_type: self.mismatched(sketch.org_type),
            place: sketch.place,
            secretary: !self.rng.random_bool(VACANT_SECRETARY),
            term: self.term(date(2026, 4, 1), date(2026, 9, 30), 5),
            grids,
            building_groups: self.rng.random_bool(BUILDING_GROUPS),
            layout,
        }
    }

    /// Which grids each body covers: runs of neighbouring grids, with a few grids
    /// left out and a few covered by the next body as well.
    fn coverage(&mut self, grids: usize, bodies: usize) -> Vec<Vec<usize>> {
        let runs = split(grids, &vec![1.0; bodies], 1);
        let mut covers = Vec::with_capacity(bodies);
        let mut next = 0;
        for run in runs {
            covers.push((next..next + run).collect::<Vec<_>>());
            next += run;
        }
        for i in 0..covers.len() {
            covers[i].retain(|_| !self.rng.random_bool(UNCOVERED_GRID));
            if i + 1 < covers.len() && self.rng.random_bool(OVERLAPPING_BRANCH) {
                if let Some(&neighbour) = covers[i + 1].first() {
                    covers[i].push(neighbour);
                }
            }
        }
        covers
    }

    fn grid(&mut self) -> GridPlan {
        let noise: f64 = (0..3).map(|_| self.rng.random::<f64>()).sum::<f64>() - 1.5;
        let households = (400.0 + noise * 110.0).round() as u32;
        let population = (f64::from(households) * self.rng.random_range(2.3..2.7)).round() as u32;
        let compounds = match self.rng.random_range(0..10) {
            0..6 => 1,
            6..9 => 2,
            _ => 3,
        };
        GridPlan {
            households,
            population,
            compounds: (0..compounds).map(|_| self.compounds.next_name()).collect(),
            worker: !self.rng.random_bool(GRID_WITHOUT_WORKER),
        }
    }

    fn branch(&mut self, place: &str, index: usize, mut body: Body) -> BranchPlan {
        if self.rng.random_bool(SMALL_BRANCH) {
            body.groups.truncate(1);
            if let Some(group) = body.groups.first_mut() {
                group.full = 2;
                group.probationary = 2;
            }
        }
        BranchPlan {
            name: format!("{place}社区第{}网格党支部", names::numeral(index + 1)),
            kind_label: "网格党支部",
            secretary: !self.rng.random_bool(VACANT_SECRETARY),
            term: if self.rng.random_bool(0.1) {
                self.term(date(2024, 3, 1), date(2026, 9, 30), 3)
            } else {
                self.term(date(2023, 1, 1), date(2026, 9, 30), 5)
            },
            body,
        }
    }

    fn groups(&mut self, body: &BodySketch) -> Vec<GroupPlan> {
        body.members
            .iter()
            .zip(&body.central_households)
            .map(|(&members, &central)| {
                let probationary = (0..members)
                    .filter(|_| self.rng.random_bool(PROBATIONARY))
                    .count()
                    .min(members.saturating_sub(1));
                let central = if self.rng.random_bool(GROUP_WITHOUT_HOUSEHOLDS) {
                    0
                } else {
                    central
                };
                GroupPlan {
                    full: members - probationary,
                    probationary,
                    leader: !self.rng.random_bool(VACANT_GROUP_LEADER),
                    links: (0..central).map(|_| self.links()).collect(),
                }
            })
            .collect()
    }

    /// Households one central household links: 6–10, a few none or too many.
    fn links(&mut self) -> u32 {
        if self.rng.random_bool(HOUSEHOLD_WITHOUT_LINKS) {
            0
        } else if self.rng.random_bool(HOUSEHOLD_WITH_TOO_MANY_LINKS) {
            self.rng.random_range(16..=18)
        } else {
            self.rng.random_range(6..=10)
        }
    }

    /// An election between the two dates, or, for a few units, one whose term
    /// ended half a year to two years ago or ends within the next 90 days.
    fn term(&mut self, from: NaiveDate, to: NaiveDate, years: u8) -> Term {
        let term = Months::new(12 * u32::from(years));
        let roll: f64 = self.rng.random();
        let elected = if roll < EXPIRED_TERM {
            self.day_between(TODAY - Days::new(700) - term, TODAY - Days::new(150) - term)
        } else if roll < EXPIRED_TERM + EXPIRING_TERM {
            self.day_between(TODAY + Days::new(10) - term, TODAY + Days::new(80) - term)
        } else {
            self.day_between(from, to)
        };
        Term { elected, years }
    }

    /// The type by size, or for a few communities the neighbouring one.
    fn mismatched(&mut self, fitting: OrgType) -> OrgType {
        if !self.rng.random_bool(TYPE_MISMATCH) {
            return fitting;
        }
        match fitting {
            OrgType::Committee => OrgType::GeneralBranch,
            OrgType::GeneralBranch => OrgType::Committee,
            other => other,
        }
    }

    fn co_builders(
        &mut self,
        place: &str,
        count: std::ops::RangeInclusive<usize>,
    ) -> Vec<CoBuilderPlan> {
        let count = self.rng.random_range(count);
        CO_BUILDER_KINDS
            .choose_multiple(&mut self.rng, count)
            .map(|&(ending, kind)| CoBuilderPlan {
                name: format!("{place}{ending}"),
                kind,
            })
            .collect()
    }

    fn day_between(&mut self, from: NaiveDate, to: NaiveDate) -> NaiveDate {
        let days = (to - from).num_days().max(0) as u64;
        from + Days::new(self.rng.random_range(0..=days))
    }
}

/// A body's members per group and central households per group, before the
/// groups are planned in full.
struct BodySketch {
    members: Vec<usize>,
    central_households: Vec<usize>,
}

const fn date(year: i32, month: u32, day: u32) -> NaiveDate {
    match NaiveDate::from_ymd_opt(year, month, day) {
        Some(d) => d,
        None => panic!("the presets' dates are valid"),
    }
}
