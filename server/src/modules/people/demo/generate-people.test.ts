import { describe, expect, it } from 'vitest';
import { findIdNumberProblem } from '../../../platform/personal-data.ts';
import { generateDemoPeople, type PeopleDemoAnchors, type PeopleTerritory } from './generate-people.ts';

/** A territory the size of Longkou's (454 grids), with ids only; one community's households filled. */
function longkouSizedTerritory(): PeopleTerritory {
  let next = 1;
  const subdistricts = Array.from({ length: 5 }, () => ({ id: next++ }));
  const communities = Array.from({ length: 39 }, (_, i) => ({ id: next++, name: `社区${i + 1}` }));
  const grids = Array.from({ length: 454 }, (_, i) => ({
    id: next++,
    communityId: (communities[i % 39] as { id: number }).id,
    name: `第${i + 1}网格`,
    units: 3 + (i % 4),
  }));
  const buildings = grids.flatMap((grid) =>
    Array.from({ length: 12 }, (_, b) => ({
      id: next++,
      gridId: grid.id,
      communityId: grid.communityId,
      name: `${b + 1}号楼`,
    })),
  );
  const fullCommunity = communities[0]?.id;
  const households = buildings
    .filter((b, i) => b.communityId === fullCommunity || i % 97 === 0)
    .flatMap((building) =>
      Array.from({ length: 24 }, () => ({
        id: next++,
        buildingId: building.id,
        full: building.communityId === fullCommunity,
      })),
    );
  return {
    subdistricts,
    communities,
    grids,
    buildings,
    departments: [{ id: 9001 }, { id: 9002 }],
    households,
  };
}

describe('the people of the Longkou demo', () => {
  const territory = longkouSizedTerritory();
  const firstGrids = territory.grids.filter((g) => g.communityId === territory.communities[0]?.id);
  const anchors: PeopleDemoAnchors = {
    subdistrictId: territory.subdistricts[0]?.id as number,
    communityId: territory.communities[0]?.id as number,
    gridIds: [firstGrids[0]?.id as number, firstGrids[1]?.id as number],
    buildingId: territory.buildings.find((b) => b.gridId === firstGrids[0]?.id)?.id as number,
  };
  const people = generateDemoPeople(territory, anchors, 370681);
  const count = (kind: string) => people.staff.filter((s) => s.kind === kind).length;

  it('has the article’s numbers of staff, every grid with a community worker', () => {
    expect(count('community_worker')).toBe(800);
    expect(count('steward')).toBe(350);
    expect(count('part_time_worker')).toBe(159);
    expect(count('grid_leader')).toBe(59);
    expect(count('property_staff') + count('building_head') + count('volunteer')).toBe(300);
    expect(count('community_secretary')).toBe(39);
    expect(count('department_staff')).toBe(2);
    const posted = new Set(
      people.staff.filter((s) => s.kind === 'community_worker').map((s) => s.post.placeId),
    );
    for (const grid of territory.grids) expect(posted.has(grid.id)).toBe(true);
    expect(people.staff.find((s) => s.kind === 'steward')?.post.buildingId).toBe(anchors.buildingId);
  });

  it('has 592 building party groups, a branch per grid, and anchor households each linked to 5–10 others', () => {
    expect(people.party.groups).toHaveLength(592);
    expect(new Set(people.party.groups.map((g) => g.buildingId)).size).toBe(592);
    expect(people.party.branches).toHaveLength(454);
    expect(people.party.anchors.length).toBeGreaterThan(20);
    const linked = new Set<number>();
    for (const anchor of people.party.anchors) {
      expect(anchor.linked.length).toBeGreaterThanOrEqual(5);
      expect(anchor.linked.length).toBeLessThanOrEqual(10);
      const member = people.residents[anchor.member];
      expect(member?.householdId).toBe(anchor.householdId);
      expect(member?.partyMember).toBe(true);
      for (const household of [anchor.householdId, ...anchor.linked]) {
        expect(linked.has(household)).toBe(false);
        linked.add(household);
      }
    }
  });

  it('gives full households 1–4 residents and sampled ones 2, with valid Longkou ID numbers and mobiles, none twice', () => {
    const perHousehold = new Map<number, number>();
    for (const r of people.residents)
      perHousehold.set(r.householdId, (perHousehold.get(r.householdId) ?? 0) + 1);
    for (const household of territory.households) {
      const n = perHousehold.get(household.id) ?? 0;
      if (household.full) expect(n).toBeGreaterThanOrEqual(1);
      if (household.full) expect(n).toBeLessThanOrEqual(4);
      else expect(n).toBe(2);
    }
    const ids = people.residents.map((r) => r.idNumber);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) {
      expect(id.startsWith('370681')).toBe(true);
      expect(findIdNumberProblem(id, new Date('2025-01-01T00:00:00Z'))).toBeNull();
    }
    const phones = [
      ...people.residents.flatMap((r) => (r.phone ? [r.phone] : [])),
      ...people.staff.map((s) => s.phone),
    ];
    expect(new Set(phones).size).toBe(phones.length);
    for (const phone of phones) expect(phone).toMatch(/^1[3-9]\d{9}$/);
    expect(people.residents.filter((r) => r.tags.includes('elderly')).length).toBeGreaterThan(0);
  });

  it('is the same for the same seed', () => {
    expect(generateDemoPeople(territory, anchors, 370681)).toEqual(people);
    expect(generateDemoPeople(territory, anchors, 1).staff[0]?.name).toBeDefined();
    expect(generateDemoPeople(territory, anchors, 1).residents).not.toEqual(people.residents);
  });
});
