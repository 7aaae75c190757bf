//! Turns plans into a document: ids, codes and names, grids with their buildings,
//! members with their positions, central households and the households they link.
//!
//! Codes follow one readable scheme: street `XY`, communities `XY01`, branches
//! `XY01-B1`, groups `XY01-B1-G1` (`XY02-G1` under a community that is its own
//! 党支部), central households `XY01-B1-G1-H1`, grids `XY01-W01`, buildings
//! `XY01-W01-L1`.

use super::names;
use super::people::{self, People};
use super::plan::{
    Body, CoBuilderPlan, CommunityPlan, GridPlan, GroupPlan, Layout, StreetPlan, Term,
};
use super::shares;
use crate::model::{
    Building, Category, CoBuilder, Document, Gender, Grid, Household, Id, Level, Unit,
};
use chrono::NaiveDate;
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::collections::BTreeMap;

/// The posts of a committee, in the order they are filled: a committee of three
/// is 书记, 组织委员 and 宣传委员.
const COMMITTEE_POSTS: [&str; 5] = ["书记", "组织委员", "宣传委员", "副书记", "纪检委员"];

/// The post of a secretary (书记).
const SECRETARY: &str = "书记";

/// The post of a group leader (组长).
const GROUP_LEADER: &str = "组长";

/// The post of a central household's head (户主).
const HOUSEHOLD_HEAD: &str = "中心户户主";

/// Households per building, roughly (Beiliang: 29,308 households in 345 buildings).
const HOUSEHOLDS_PER_BUILDING: u32 = 85;

/// Builds the document a plan describes. Every random draw comes from `seed`, and
/// dates are reckoned from `today`, so the same arguments give the same document.
pub(super) fn build(title: &str, streets: &[StreetPlan], today: NaiveDate, seed: u64) -> Document {
    let mut builder = Builder {
        doc: Document::new(title),
        rng: ChaCha8Rng::seed_from_u64(seed),
        people: People::new(today),
        addresses: BTreeMap::new(),
    };
    for street in streets {
        builder.street(street);
    }
    // Generating again gives the same document, identity included.
    builder.doc.structure = Some(crate::model::ids::derived_structure(&format!(
        "{title}\n{seed}"
    )));
    builder.doc
}

/// A grid as built: its id and its buildings' ids.
struct BuiltGrid {
    id: Id,
    buildings: Vec<Id>,
}

/// A community's grids and buildings as built, which its branches cover.
struct Grounds {
    /// The grids, in grid order.
    grids: Vec<BuiltGrid>,
    /// Every building of the community.
    buildings: Vec<Id>,
    /// Whether groups cover buildings (楼栋党小组).
    building_groups: bool,
}

/// The addresses of one building, handed out in order so that the households a
/// central household links are neighbours: 1单元101, 1单元102, 1单元201 …
struct Addresses {
    building: String,
    floors: u32,
    next: u32,
}

impl Addresses {
    fn next_address(&mut self) -> String {
        let slot = self.next;
        self.next += 1;
        let per_unit = self.floors * 2;
        let unit = slot / per_unit + 1;
        let floor = slot % per_unit / 2 + 1;
        let room = slot % 2 + 1;
        format!("{}{unit}单元{floor}{room:02}", self.building)
    }
}

/// The document being built, with the sources of its random details.
struct Builder {
    doc: Document,
    rng: ChaCha8Rng,
    people: People,
    /// The next free address of every building, by building id.
    addresses: BTreeMap<Id, Addresses>,
}

impl Builder {
    fn street(&mut self, plan: &StreetPlan) {
        self.people.enter_community();
        let id = self.add_unit(
            Level::Street,
            None,
            plan.code.clone(),
            format!("{}街道党工委", plan.place),
        );
        self.set_term(id, plan.term);
        self.staff(id, plan.staff, true);
        self.co_builders(id, &plan.co_builders);
        for (i, community) in plan.communities.iter().enumerate() {
            self.community(id, format!("{}{:02}", plan.code, i + 1), community);
        }
    }

    fn community(&mut self, street: Id, code: String, plan: &CommunityPlan) {
        self.people.enter_community();
        let short_name = format!("{}社区", plan.place);
        let type_name = plan.org_type.label().unwrap_or("党委");
        let id = self.add_unit(
            Level::Community,
            Some(street),
            code.clone(),
            format!("{short_name}{type_name}"),
        );
        self.unit_mut(id).org_type = plan.org_type;
        self.set_term(id, plan.term);
        let grids = self.grids(id, &code, &short_name, &plan.grids);
        let grounds = Grounds {
            buildings: grids.iter().flat_map(|g| g.buildings.clone()).collect(),
            grids,
            building_groups: plan.building_groups,
        };
        match &plan.layout {
            Layout::OwnBranch(body) => {
                self.branch(id, &code, body, plan.secretary, &grounds);
            }
            Layout::Branches { staff, branches } => {
                self.staff(id, *staff, plan.secretary);
                for (i, branch) in branches.iter().enumerate() {
                    let branch_code = format!("{code}-B{}", i + 1);
                    let branch_id = self.add_unit(
                        Level::Branch,
                        Some(id),
                        branch_code.clone(),
                        branch.name.clone(),
                    );
                    self.label_kind(branch_id, branch.kind_label);
                    self.set_term(branch_id, branch.term);
                    self.branch(
                        branch_id,
                        &branch_code,
                        &branch.body,
                        branch.secretary,
                        &grounds,
                    );
                }
            }
        }
        self.co_builders(id, &plan.co_builders);
    }

    /// The grids of a community, each with a few buildings named after its compounds.
    fn grids(
        &mut self,
        community: Id,
        code: &str,
        short_name: &str,
        plans: &[GridPlan],
    ) -> Vec<BuiltGrid> {
        let mut built = Vec::with_capacity(plans.len());
        for (i, plan) in plans.iter().enumerate() {
            let id = self.doc.allocate_id();
            let grid_code = format!("{code}-W{:02}", i + 1);
            let (worker, worker_phone) = if plan.worker {
                (Some(self.person_name()), Some(people::phone(&mut self.rng)))
            } else {
                (None, None)
            };
            self.doc.grids.insert(
                id,
                Grid {
                    id,
                    code: grid_code.clone(),
                    name: format!("{short_name}第{}网格", names::numeral(i + 1)),
                    community,
                    households: Some(plan.households),
                    population: Some(plan.population),
                    compounds: plan.compounds.clone(),
                    worker,
                    worker_phone,
                    covered_by: Vec::new(),
                },
            );
            let buildings = self.buildings(id, &grid_code, plan);
            built.push(BuiltGrid { id, buildings });
        }
        built
    }

    /// A grid's buildings: its households shared among them, numbered within each
    /// compound (迎宾小区1号楼, 迎宾小区2号楼 …).
    fn buildings(&mut self, grid: Id, grid_code: &str, plan: &GridPlan) -> Vec<Id> {
        let count = (plan.households / HOUSEHOLDS_PER_BUILDING).clamp(2, 8) as usize;
        let weights = shares::jittered(&mut self.rng, count, 0.3);
        let households = shares::split(plan.households as usize, &weights, 1);
        let compounds = plan.compounds.len().max(1);
        let mut numbers = vec![0; compounds];
        let mut ids = Vec::with_capacity(count);
        for (k, &homes) in households.iter().enumerate() {
            let compound = k * compounds / count;
            numbers[compound] += 1;
            let compound_name = plan.compounds.get(compound).map_or("", String::as_str);
            let name = format!("{}号楼", numbers[compound]);
            let units = self.rng.random_range(2..=4u32);
            let id = self.doc.allocate_id();
            self.doc.buildings.insert(
                id,
                Building {
                    id,
                    code: format!("{grid_code}-L{}", k + 1),
                    name: name.clone(),
                    grid,
                    households: Some(homes as u32),
                    covered_by: None,
                },
            );
            self.addresses.insert(
                id,
                Addresses {
                    building: format!("{compound_name}{name}"),
                    floors: (homes as u32).div_ceil(units * 2).max(1),
                    next: 0,
                },
            );
            ids.push(id);
        }
        ids
    }

    /// A branch's coverage, groups, members, posts and central households. `unit`
    /// is a grid branch, or a community organized as one 党支部.
    fn branch(&mut self, unit: Id, code: &str, body: &Body, secretary: bool, grounds: &Grounds) {
        for &g in &body.covers {
            if let Some(grid) = self.doc.grids.get_mut(&grounds.grids[g].id) {
                grid.covered_by.push(unit);
            }
        }
        let groups = self.groups(unit, code, &body.groups, grounds.building_groups);
        let branch_buildings: Vec<Id> = body
            .covers
            .iter()
            .flat_map(|&g| grounds.grids[g].buildings.iter().copied())
            .collect();
        let group_buildings = if grounds.building_groups {
            let group_ids: Vec<Id> = groups.iter().map(|(id, _)| *id).collect();
            self.cover_buildings(&branch_buildings, &group_ids)
        } else {
            vec![Vec::new(); groups.len()]
        };
        let committee = self.committee(unit, &groups, secretary);
        for (((id, full), plan), own) in groups.iter().zip(&body.groups).zip(&group_buildings) {
            // Households live in the group's own buildings, else anywhere the
            // branch covers, else anywhere in the community.
            let homes = [own.as_slice(), &branch_buildings, &grounds.buildings]
                .into_iter()
                .find(|p| !p.is_empty())
                .unwrap_or(&[]);
            self.lead_group(*id, full, plan, &committee, homes);
        }
    }

    /// A branch's groups with their members; returns each group with its full members.
    fn groups(
        &mut self,
        branch: Id,
        code: &str,
        plans: &[GroupPlan],
        building_groups: bool,
    ) -> Vec<(Id, Vec<Id>)> {
        let branch_name = self.doc.units[&branch].name.clone();
        let kind = if building_groups {
            "楼栋党小组"
        } else {
            "网格党小组"
        };
        let mut groups = Vec::with_capacity(plans.len());
        for (i, plan) in plans.iter().enumerate() {
            let id = self.add_unit(
                Level::Group,
                Some(branch),
                format!("{code}-G{}", i + 1),
                format!("{branch_name}第{}党小组", names::numeral(i + 1)),
            );
            self.label_kind(id, kind);
            let full = (0..plan.full)
                .map(|_| self.add_member(id, Category::Full))
                .collect();
            for _ in 0..plan.probationary {
                self.add_member(id, Category::Probationary);
            }
            groups.push((id, full));
        }
        groups
    }

    /// Appoints a group's 组长 and the heads of its central households from its
    /// full members outside the branch committee (from all of them if there are
    /// none), and adds the central households with homes in the given buildings.
    fn lead_group(
        &mut self,
        group: Id,
        full: &[Id],
        plan: &GroupPlan,
        committee: &[Id],
        homes: &[Id],
    ) {
        let mut candidates: Vec<Id> = full
            .iter()
            .copied()
            .filter(|m| !committee.contains(m))
            .collect();
        if candidates.is_empty() {
            candidates = full.to_vec();
        }
        if plan.leader {
            if let Some(&leader) = candidates.first() {
                self.give_post(leader, GROUP_LEADER);
                self.appoint(group, leader);
            }
        }
        let heads = if candidates.len() > 1 {
            &candidates[1..]
        } else {
            &candidates[..]
        };
        let code = self.doc.units[&group].code.clone();
        for (k, &links) in plan.links.iter().enumerate() {
            let head = (!heads.is_empty()).then(|| heads[k % heads.len()]);
            let building = (!homes.is_empty()).then(|| homes[k % homes.len()]);
            self.central_household(group, format!("{code}-H{}", k + 1), head, links, building);
        }
    }

    /// Shares the buildings of a branch's grids among its groups in runs, leaving
    /// alone those a group of another branch already covers. Returns each group's
    /// buildings.
    fn cover_buildings(&mut self, buildings: &[Id], groups: &[Id]) -> Vec<Vec<Id>> {
        let free: Vec<Id> = buildings
            .iter()
            .copied()
            .filter(|b| self.doc.buildings[b].covered_by.is_none())
            .collect();
        let mut covered = vec![Vec::new(); groups.len()];
        if groups.is_empty() {
            return covered;
        }
        for (k, &b) in free.iter().enumerate() {
            let g = k * groups.len() / free.len();
            if let Some(building) = self.doc.buildings.get_mut(&b) {
                building.covered_by = Some(groups[g]);
                covered[g].push(b);
            }
        }
        covered
    }

    /// Fills a branch committee from its full members, taking them from the groups
    /// in turn: a 书记 (unless vacant), and for 7+ full members two or four 委员 more.
    /// Returns the committee.
    fn committee(&mut self, unit: Id, groups: &[(Id, Vec<Id>)], secretary: bool) -> Vec<Id> {
        let longest = groups.iter().map(|(_, full)| full.len()).max().unwrap_or(0);
        let in_turn: Vec<Id> = (0..longest)
            .flat_map(|i| {
                groups
                    .iter()
                    .filter_map(move |(_, full)| full.get(i).copied())
            })
            .collect();
        let size = match in_turn.len() {
            0..7 => 1,
            7..15 => 3,
            _ => 5,
        };
        let posts = COMMITTEE_POSTS
            .into_iter()
            .filter(|&p| secretary || p != SECRETARY)
            .take(size);
        let mut committee = Vec::with_capacity(size);
        for (post, member) in posts.zip(in_turn) {
            self.give_post(member, post);
            if post == SECRETARY {
                self.appoint(unit, member);
            }
            committee.push(member);
        }
        committee
    }

    /// Members sitting in a street's or community's own committee; the first ones
    /// hold its posts, the 书记 first (unless vacant).
    fn staff(&mut self, unit: Id, count: usize, secretary: bool) {
        let posts = COMMITTEE_POSTS
            .into_iter()
            .filter(|&p| secretary || p != SECRETARY);
        let members: Vec<Id> = (0..count)
            .map(|_| self.add_member(unit, Category::Full))
            .collect();
        for (post, &member) in posts.zip(&members) {
            self.give_post(member, post);
            if post == SECRETARY {
                self.appoint(unit, member);
            }
        }
    }

    /// A central household headed by `head`, linking `links` neighbouring
    /// households in `building`.
    fn central_household(
        &mut self,
        group: Id,
        code: String,
        head: Option<Id>,
        links: u32,
        building: Option<Id>,
    ) {
        let head_name = head.map(|m| self.doc.members[&m].name.clone());
        let name = format!("{}党员中心户", head_name.as_deref().unwrap_or(""));
        let id = self.add_unit(Level::Household, Some(group), code, name);
        if let Some(head) = head {
            self.give_post(head, HOUSEHOLD_HEAD);
            self.appoint(id, head);
        }
        for _ in 0..links {
            let address = building
                .and_then(|b| self.addresses.get_mut(&b))
                .map(Addresses::next_address);
            let household = self.doc.allocate_id();
            let head = self.person_name();
            let people = *[1, 2, 2, 3, 3, 3, 4, 4, 5]
                .choose(&mut self.rng)
                .unwrap_or(&3);
            let phone = self
                .rng
                .random_bool(0.9)
                .then(|| people::phone(&mut self.rng));
            self.doc.households.insert(
                household,
                Household {
                    id: household,
                    linked_by: id,
                    head,
                    address,
                    people: Some(people),
                    phone,
                },
            );
        }
    }

    fn co_builders(&mut self, joins: Id, plans: &[CoBuilderPlan]) {
        for plan in plans {
            let id = self.doc.allocate_id();
            self.doc.co_builders.insert(
                id,
                CoBuilder {
                    id,
                    name: plan.name.clone(),
                    kind: Some(plan.kind.to_string()),
                    joins,
                },
            );
        }
    }

    fn add_unit(&mut self, level: Level, parent: Option<Id>, code: String, name: String) -> Id {
        let id = self.doc.allocate_id();
        self.doc
            .units
            .insert(id, Unit::new(id, code, name, level, parent));
        id
    }

    /// Records how the locality names the unit, unless that is its level's usual name.
    fn label_kind(&mut self, id: Id, kind: &str) {
        let unit = self.unit_mut(id);
        if kind != unit.level.full_name() {
            unit.kind_label = Some(kind.to_string());
        }
    }

    fn unit_mut(&mut self, id: Id) -> &mut Unit {
        self.doc
            .units
            .get_mut(&id)
            .expect("units are looked up right after being added")
    }

    fn set_term(&mut self, unit: Id, term: Term) {
        let unit = self.unit_mut(unit);
        unit.elected = Some(term.elected);
        unit.term_years = Some(term.years);
    }

    fn add_member(&mut self, unit: Id, category: Category) -> Id {
        let id = self.doc.allocate_id();
        let member = self.people.member(&mut self.rng, id, unit, category);
        self.doc.members.insert(id, member);
        id
    }

    fn give_post(&mut self, member: Id, post: &str) {
        if let Some(m) = self.doc.members.get_mut(&member) {
            if !m.positions.iter().any(|p| p == post) {
                m.positions.push(post.to_string());
            }
        }
    }

    /// Makes `member` the unit's leader (书记, 组长 or 户主).
    fn appoint(&mut self, unit: Id, member: Id) {
        let (name, phone) = {
            let m = &self.doc.members[&member];
            (m.name.clone(), m.phone.clone())
        };
        let unit = self.unit_mut(unit);
        unit.leader = Some(name);
        unit.leader_phone = phone;
    }

    /// A name for someone who is not a member (a grid worker, a household's head).
    fn person_name(&mut self) -> String {
        let gender = if self.rng.random_bool(0.5) {
            Gender::Male
        } else {
            Gender::Female
        };
        let ethnicity = names::ethnicity(&mut self.rng);
        names::person(&mut self.rng, gender, ethnicity)
    }
}
