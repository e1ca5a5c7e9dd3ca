import type { ResidentTag, StaffKind } from '#contracts';
import { type Random, randomInt, randomStream } from '../../territory/demo/random.ts';
import { defaultPostingTitle } from '../postings.ts';
import {
  type Gender,
  IdNumberAllocator,
  randomBirthDate,
  randomMobile,
  randomName,
  randomSurname,
} from './identities.ts';

/**
 * The people of the Longkou demo, generated from the territory (pure, deterministic): the
 * article's numbers of staff (scaled to the number of grids, so a test territory gets a few),
 * residents of the given households, and the party structure over them. Rows refer to each
 * other by index; the seed turns indexes into ids.
 */

/** The article's figures for all of Longkou (454 grids). */
export const LONGKOU_FIGURES = {
  grids: 454,
  communityWorkers: 800,
  gridLeaders: 59,
  stewards: 350,
  partTimeWorkers: 159,
  gridAssistants: 300,
  buildingPartyGroups: 592,
  cityLeaders: 6,
} as const;

/** Birth dates are drawn relative to this year, and never after it, so the ID numbers stay valid. */
const REFERENCE_YEAR = 2024;

export interface PeopleTerritory {
  subdistricts: { id: number }[];
  communities: { id: number; name: string }[];
  grids: { id: number; communityId: number; name: string; units: number }[];
  buildings: { id: number; gridId: number; communityId: number; name: string }[];
  departments: { id: number }[];
  /** Households to fill, in code order; `full` ones get 1–4 residents, the others 2. */
  households: { id: number; buildingId: number; full: boolean }[];
}

/** Where the demo logins sit: each gets a staff member there (see link-demo-accounts.ts). */
export interface PeopleDemoAnchors {
  subdistrictId: number;
  communityId: number;
  gridIds: [number, number];
  buildingId: number;
}

export interface DemoStaffMember {
  name: string;
  kind: StaffKind;
  phone: string;
  partyMember: boolean;
  post: {
    placeId: number | null;
    buildingId: number | null;
    departmentId: number | null;
    title: string;
    startsOn: string;
  };
}

export interface DemoResident {
  householdId: number;
  name: string;
  gender: Gender;
  birthYear: number;
  phone: string | null;
  idNumber: string;
  tags: ResidentTag[];
  partyMember: boolean;
}

export interface DemoParty {
  /** 网格党支部: secretary is an index into the staff. */
  branches: { gridId: number; name: string; secretary: number | null }[];
  /** 楼栋党小组: leader is an index into the residents. */
  groups: { buildingId: number; name: string; leader: number | null; memberCount: number }[];
  /** 党员中心户: member is an index into the residents; linked are household ids. */
  anchors: { householdId: number; member: number; linked: number[] }[];
}

export interface DemoPeople {
  staff: DemoStaffMember[];
  residents: DemoResident[];
  party: DemoParty;
}

export function generateDemoPeople(
  territory: PeopleTerritory,
  anchors: PeopleDemoAnchors,
  seed: number,
): DemoPeople {
  const phones = new Set<string>();
  const staff = generateStaff(territory, anchors, randomStream(seed, 'people:staff'), phones);
  const residents = generateResidents(territory.households, randomStream(seed, 'people:residents'), phones);
  const party = generateParty(territory, staff, residents, randomStream(seed, 'people:party'));
  return { staff, residents, party };
}

// ---- staff (队伍) ----------------------------------------------------------------------------------

function generateStaff(
  territory: PeopleTerritory,
  anchors: PeopleDemoAnchors,
  random: Random,
  phones: Set<string>,
): DemoStaffMember[] {
  const scale = territory.grids.length / LONGKOU_FIGURES.grids;
  const scaled = (n: number) => Math.max(1, Math.round(n * scale));
  const staff: DemoStaffMember[] = [];
  const add = (kind: StaffKind, where: Partial<DemoStaffMember['post']>, partyShare: number) => {
    const gender: Gender = random() < 0.55 ? 'female' : 'male';
    staff.push({
      name: randomName(random, gender),
      kind,
      phone: randomMobile(random, phones),
      partyMember: random() < partyShare,
      post: {
        placeId: where.placeId ?? null,
        buildingId: where.buildingId ?? null,
        departmentId: where.departmentId ?? null,
        title: defaultPostingTitle(kind),
        startsOn: randomDay(random),
      },
    });
  };
  const { grids, communities, buildings } = territory;

  // 社区工作者: every grid one (定岗网格), the larger grids a second, ~800 in all.
  for (const grid of grids) add('community_worker', { placeId: grid.id }, 0.6);
  const largestFirst = [...grids].sort((a, b) => b.units - a.units);
  const extraWorkers = Math.max(0, scaled(LONGKOU_FIGURES.communityWorkers) - grids.length);
  for (let i = 0; i < extraWorkers; i++) {
    add('community_worker', { placeId: (largestFirst[i % largestFirst.length] as { id: number }).id }, 0.6);
  }
  // 网格/楼栋带头人
  for (const grid of sample(random, grids, scaled(LONGKOU_FIGURES.gridLeaders))) {
    add('grid_leader', { placeId: grid.id }, 0.8);
  }
  // 善治红管家, attached to buildings (the demo steward's building first).
  const stewardBuildings = [
    anchors.buildingId,
    ...sample(
      random,
      buildings.filter((b) => b.id !== anchors.buildingId),
      scaled(LONGKOU_FIGURES.stewards) - 1,
    ).map((b) => b.id),
  ];
  for (const buildingId of stewardBuildings) add('steward', { buildingId }, 0.5);
  // 兼职网格员: riders and couriers registered at communities (报到).
  for (let i = 0; i < scaled(LONGKOU_FIGURES.partTimeWorkers); i++) {
    const placeId = i === 0 ? anchors.communityId : pick(random, communities).id;
    add('part_time_worker', { placeId }, 0.2);
  }
  // 网格助理员: property staff, building heads and volunteers (a building head in the demo grid first).
  const assistantKinds: StaffKind[] = ['property_staff', 'building_head', 'volunteer'];
  for (let i = 0; i < scaled(LONGKOU_FIGURES.gridAssistants); i++) {
    const kind = i === 0 ? 'building_head' : weighted(random, assistantKinds, [0.4, 0.37, 0.23]);
    add(kind, { placeId: i === 0 ? anchors.gridIds[0] : pick(random, grids).id }, 0.3);
  }
  for (const community of communities) {
    add('community_secretary', { placeId: community.id }, 1);
    add('community_staff', { placeId: community.id }, 0.5);
    add('community_staff', { placeId: community.id }, 0.5);
  }
  for (const subdistrict of territory.subdistricts) {
    add('subdistrict_staff', { placeId: subdistrict.id }, 0.7);
    add('subdistrict_staff', { placeId: subdistrict.id }, 0.7);
  }
  for (const department of territory.departments)
    add('department_staff', { departmentId: department.id }, 0.6);
  for (let i = 0; i < scaled(LONGKOU_FIGURES.cityLeaders); i++) add('city_leader', {}, 1);
  return staff;
}

// ---- residents (居民) ------------------------------------------------------------------------------

function generateResidents(
  households: PeopleTerritory['households'],
  random: Random,
  phones: Set<string>,
): DemoResident[] {
  const ids = new IdNumberAllocator();
  const residents: DemoResident[] = [];
  for (const household of households) {
    const size = household.full ? weighted(random, [1, 2, 3, 4], [0.22, 0.36, 0.26, 0.16]) : 2;
    const surname = randomSurname(random);
    const headGender: Gender = random() < 0.6 ? 'male' : 'female';
    const headAge = Math.round(24 + 64 * random() ** 1.1);
    const members: { gender: Gender; age: number; surname: string }[] = [
      { gender: headGender, age: headAge, surname },
      ...Array.from({ length: size - 1 }, (_, i) =>
        i === 0
          ? {
              gender: headGender === 'male' ? ('female' as const) : ('male' as const),
              age: Math.max(20, headAge + randomInt(random, -4, 4)),
              surname: randomSurname(random),
            }
          : {
              gender: random() < 0.5 ? ('male' as const) : ('female' as const),
              age: Math.max(0, headAge - randomInt(random, 22, 36)),
              surname,
            },
      ),
    ];
    for (const member of members) {
      residents.push(
        makeResident(random, ids, phones, { householdId: household.id, alone: size === 1, ...member }),
      );
    }
  }
  return residents;
}

function makeResident(
  random: Random,
  ids: IdNumberAllocator,
  phones: Set<string>,
  person: { householdId: number; gender: Gender; age: number; surname: string; alone: boolean },
): DemoResident {
  const birthYear = REFERENCE_YEAR - person.age;
  const tags: ResidentTag[] = [];
  if (person.age >= 60) tags.push('elderly');
  if (person.alone && person.age >= 65) tags.push('elderly_alone');
  if (random() < 0.02) tags.push('disabled');
  if (random() < 0.03) tags.push('low_income');
  if (person.gender === 'male' && person.age >= 40 && random() < 0.04) tags.push('veteran');
  if (person.age < 16 && random() < 0.05) tags.push('child_left_behind');
  if (person.age >= 18 && random() < 0.05) tags.push('floating');
  if (person.age >= 80 || (tags.includes('disabled') && person.alone)) tags.push('key_care');
  return {
    householdId: person.householdId,
    name: randomName(random, person.gender, person.surname),
    gender: person.gender,
    birthYear,
    phone: person.age >= 14 && random() < 0.97 ? randomMobile(random, phones) : null,
    idNumber: ids.next(randomBirthDate(random, birthYear), person.gender),
    tags,
    partyMember: person.age >= 20 && random() < 0.08,
  };
}

// ---- party structure (党建) ------------------------------------------------------------------------

function generateParty(
  territory: PeopleTerritory,
  staff: DemoStaffMember[],
  residents: DemoResident[],
  random: Random,
): DemoParty {
  const communityName = new Map(territory.communities.map((c) => [c.id, c.name]));
  const firstWorker = new Map<number, number>();
  staff.forEach((member, index) => {
    const gridId = member.post.placeId;
    if (member.kind === 'community_worker' && gridId !== null && !firstWorker.has(gridId)) {
      firstWorker.set(gridId, index);
    }
  });
  const branches = territory.grids.map((grid) => ({
    gridId: grid.id,
    name: `${communityName.get(grid.communityId) ?? ''}${grid.name}党支部`,
    secretary: firstWorker.get(grid.id) ?? null,
  }));

  // 党员中心户: in each building, households in order, cut into blocks of 1 + 5–10; about half
  // of the blocks are an anchor household (its first) looking after the rest (党员联四邻).
  const residentsOf = new Map<number, number[]>();
  residents.forEach((resident, index) => {
    const list = residentsOf.get(resident.householdId) ?? [];
    list.push(index);
    residentsOf.set(resident.householdId, list);
  });
  const householdsOf = groupBy(territory.households, (h) => h.buildingId);
  const anchors: DemoParty['anchors'] = [];
  for (const households of householdsOf.values()) {
    for (let start = 0; start < households.length; ) {
      const linkedCount = randomInt(random, 5, 10);
      const block = households.slice(start, start + 1 + linkedCount);
      start += block.length;
      const [anchor, ...linked] = block;
      const member = anchor ? residentsOf.get(anchor.id)?.[0] : undefined;
      if (!anchor || member === undefined || linked.length < 5 || random() < 0.5) continue;
      (residents[member] as DemoResident).partyMember = true;
      anchors.push({ householdId: anchor.id, member, linked: linked.map((h) => h.id) });
    }
  }

  // 楼栋党小组: every building of the fully recorded community, then others at random, 592 in all.
  const partyMembersOf = new Map<number, number[]>();
  const buildingOfHousehold = new Map(territory.households.map((h) => [h.id, h.buildingId]));
  residents.forEach((resident, index) => {
    const buildingId = buildingOfHousehold.get(resident.householdId);
    if (!resident.partyMember || buildingId === undefined) return;
    partyMembersOf.set(buildingId, [...(partyMembersOf.get(buildingId) ?? []), index]);
  });
  const scale = territory.grids.length / LONGKOU_FIGURES.grids;
  const groupCount = Math.max(1, Math.round(LONGKOU_FIGURES.buildingPartyGroups * scale));
  const fullBuildings = new Set(territory.households.filter((h) => h.full).map((h) => h.buildingId));
  const first = territory.buildings.filter((b) => fullBuildings.has(b.id));
  const rest = territory.buildings.filter((b) => !fullBuildings.has(b.id));
  const groupBuildings = [...first, ...sample(random, rest, groupCount - first.length)].slice(0, groupCount);
  const groups = groupBuildings.map((building) => {
    const members = partyMembersOf.get(building.id) ?? [];
    return {
      buildingId: building.id,
      name: `${building.name}党小组`,
      leader: members[0] ?? null,
      memberCount: Math.max(members.length, randomInt(random, 3, 12)),
    };
  });
  return { branches, groups, anchors };
}

// ---- helpers --------------------------------------------------------------------------------------

function pick<T>(random: Random, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)] as T;
}

function weighted<T>(random: Random, values: readonly T[], weights: readonly number[]): T {
  let r = random() * weights.reduce((a, b) => a + b, 0);
  for (let i = 0; i < values.length; i++) {
    r -= weights[i] as number;
    if (r < 0) return values[i] as T;
  }
  return values[values.length - 1] as T;
}

/** `count` distinct items, in a random order (partial Fisher–Yates). */
function sample<T>(random: Random, list: readonly T[], count: number): T[] {
  const copy = [...list];
  const n = Math.min(count, copy.length);
  for (let i = 0; i < n; i++) {
    const j = i + Math.floor(random() * (copy.length - i));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy.slice(0, n);
}

function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/** A day between March 2018 and the end of 2025, as YYYY-MM-DD. */
function randomDay(random: Random): string {
  const from = Date.UTC(2018, 2, 1);
  const to = Date.UTC(2025, 11, 31);
  return new Date(from + Math.floor(random() * ((to - from) / 86_400_000)) * 86_400_000)
    .toISOString()
    .slice(0, 10);
}
