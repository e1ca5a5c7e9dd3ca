/** The people module's public surface (队伍与居民): other modules import only from here. */
import './people.policy.ts';

export { findPeopleDemoAnchors, linkDemoAccountsToPeople } from './demo/link-demo-accounts.ts';
export { isPeopleEmpty, seedDemoPeople } from './demo/seed-people.ts';
export { peopleErrors } from './people.errors.ts';
export { PeopleModule } from './people.module.ts';
export { peopleRoutes } from './people.routes.ts';
export type { PeopleTables } from './people.table.ts';
export {
  countStewardsOfBuilding,
  findResidentRef,
  findResidentRefOfAccount,
  findResidentRefs,
  findStaffPostOfAccount,
  findStewardPosts,
  type ResidentRef,
  type StaffPost,
} from './people-refs.repository.ts';
export { findHouseholdOfAccount } from './resident.repository.ts';
