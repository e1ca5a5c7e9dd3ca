import type { PeopleSummary, StaffKind } from '#contracts';
import type { Principal } from '../../platform/access.ts';
import { countPartyUnits } from './party.repository.ts';
import type { Db } from './people.table.ts';
import { countResidentsAndHouseholds } from './resident.repository.ts';
import { countStaffByKind } from './staff.repository.ts';

/** The people in the viewer's scope, counted: never more than its lists would show. */
export async function getPeopleSummary(db: Db, options: { principal: Principal }): Promise<PeopleSummary> {
  const viewer = options.principal;
  const [staff, dwellers, party] = await Promise.all([
    countStaffByKind(db, viewer),
    countResidentsAndHouseholds(db, viewer),
    countPartyUnits(db, viewer),
  ]);
  const count = (...kinds: StaffKind[]) => kinds.reduce((sum, kind) => sum + (staff.get(kind) ?? 0), 0);
  return {
    communityWorkers: count('community_worker'),
    gridAssistants: count('property_staff', 'building_head', 'volunteer'),
    partTimeWorkers: count('part_time_worker'),
    stewards: count('steward'),
    gridLeaders: count('grid_leader'),
    buildingPartyGroups: party.buildingPartyGroups,
    anchorHouseholds: party.anchorHouseholds,
    residents: dwellers.residents,
    households: dwellers.households,
  };
}
