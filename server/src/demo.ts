import { refreshPlannerStatistics } from './db/planner-statistics.ts';
import type { Db } from './modules/access/access.repository.ts';
import { seedDemoAccounts } from './modules/access/index.ts';
import { isAccountabilityEmpty, seedDemoAccountability } from './modules/accountability/index.ts';
import {
  isCasesDemoEmpty,
  seedCaseCategories,
  seedCaseDepartments,
  seedDemoCases,
} from './modules/cases/index.ts';
import { isDeliberationEmpty, seedDemoDeliberation } from './modules/deliberation/index.ts';
import { seedDemoOpen311Key } from './modules/open311/index.ts';
import {
  findPeopleDemoAnchors,
  isPeopleEmpty,
  linkDemoAccountsToPeople,
  seedDemoPeople,
} from './modules/people/index.ts';
import { isPerformanceEmpty, seedDemoPerformance } from './modules/performance/index.ts';
import { isServicesEmpty, seedDemoServices } from './modules/services/index.ts';
import { findDemoAnchors, isTerritoryEmpty, seedLongkouDemo } from './modules/territory/index.ts';
import type { Actor } from './platform/audit.ts';
import type { PersonalDataCipher } from './platform/personal-data.ts';

/**
 * The Longkou demo, module by module: the territory on an empty database, the demo accounts (one
 * per role) where there are none yet, the people (staff, residents, party structure), and each
 * demo login's person, a year of cases, and the services (幸福365). Each part is skipped when already there.
 */
export async function seedDemo(
  db: Db,
  options: {
    now: Date;
    /** Demo logins too (demo mode only, never in production). */
    withAccounts: boolean;
    /** Encrypts the demo residents' phone and ID numbers. */
    personalData: PersonalDataCipher;
    /** The cases module's photo directory: recent demo cases get photos there. */
    photosDir?: string;
    actor?: Actor;
    onProgress?: (p: { step: string; done: number; total: number }) => void;
  },
): Promise<void> {
  if (await isTerritoryEmpty(db)) {
    await seedLongkouDemo(db, {
      ...(options.actor ? { actor: options.actor } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    });
  }
  const anchors = await findDemoAnchors(db);
  if (!anchors) return;
  const { jurisdictionId } = anchors;
  const actor = options.actor ? { actor: options.actor } : {};
  if (options.withAccounts) {
    await seedDemoAccounts(db, anchors, options.now);
    // After the demo's own departments: the others the responsibility list names (JTJ, RSJ …).
    await seedCaseDepartments(db, jurisdictionId);
    // Open311: the api_key `demo-open311-key` (demo mode only, hence never in production).
    await seedDemoOpen311Key(db, { jurisdictionId, now: options.now });
  }
  // Cases: the category catalogue (案件分类, 权责清单).
  await seedCaseCategories(db, jurisdictionId);
  if (await isPeopleEmpty(db, jurisdictionId)) {
    options.onProgress?.({ step: 'people', done: 0, total: 1 });
    await seedDemoPeople(db, {
      jurisdictionId,
      anchors,
      cipher: options.personalData,
      now: options.now,
      ...actor,
    });
  }
  if (options.withAccounts) {
    await linkDemoAccountsToPeople(db, {
      jurisdictionId,
      anchors,
      cipher: options.personalData,
      now: options.now,
      ...actor,
    });
  }
  // Cases: a year of them up to now (after the categories, accounts and people: who acts where).
  if (await isCasesDemoEmpty(db, jurisdictionId)) {
    options.onProgress?.({ step: 'cases', done: 0, total: 1 });
    await seedDemoCases(db, {
      jurisdictionId,
      now: options.now,
      ...(options.photosDir ? { photosDir: options.photosDir } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    });
  }
  // The grid council: a few matters at different steps in the anchors' grids.
  if (await isDeliberationEmpty(db, jurisdictionId)) {
    options.onProgress?.({ step: 'deliberation', done: 0, total: 1 });
    await seedDemoDeliberation(db, { jurisdictionId, gridIds: anchors.gridIds, now: options.now, ...actor });
  }
  // The battle map (挂图作战): 41 tasks over 37 lead units, reports, a meeting, last month’s bulletin
  // and last quarter’s flags published.
  if (await isAccountabilityEmpty(db, jurisdictionId)) {
    options.onProgress?.({ step: 'accountability', done: 0, total: 1 });
    await seedDemoAccountability(db, { jurisdictionId, now: options.now });
  }
  // Performance (履职考评): 89 projects, 527 pledges, the liaison visits (211 problems solved),
  // last half year's reports and the assessment templates.
  if (await isPerformanceEmpty(db, jurisdictionId)) {
    options.onProgress?.({ step: 'performance', done: 0, total: 1 });
    await seedDemoPerformance(db, { jurisdictionId, now: options.now });
  }
  // Services (幸福365): the catalogue, centres and stations, a week of appointments, requests.
  if (await isServicesEmpty(db, jurisdictionId)) {
    options.onProgress?.({ step: 'services', done: 0, total: 1 });
    const peopleAnchors = await findPeopleDemoAnchors(db);
    await seedDemoServices(db, {
      jurisdictionId,
      now: options.now,
      ownResidentId: peopleAnchors?.residentId ?? null,
    });
  }
  // After a bulk load, the planner's statistics (a data directory seeded here starts with them).
  await refreshPlannerStatistics(db);
}
