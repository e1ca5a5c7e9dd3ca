import { CALENDAR_YEARS } from '../../../platform/working-calendar.data.ts';
import { createWorkingCalendar } from '../../../platform/working-calendar.ts';
import { buildCategoryCatalogue } from '../case.categories.ts';
import type { DemoActors, DemoCategory, DemoUnit, PlanInput } from '../demo/plan-demo-cases.ts';

/** A synthetic county for planning demo cases without a database: 3 subdistricts, 12 communities, 48 grids. */
export function demoPlanFixture(options: {
  size: number;
  riderClues: number;
  now?: Date;
  seed?: number;
}): PlanInput {
  const units: DemoUnit[] = [];
  let id = 1000;
  for (let s = 0; s < 3; s++) {
    const subdistrictId = ++id;
    for (let c = 0; c < 4; c++) {
      const communityId = ++id;
      for (let g = 0; g < 4; g++) {
        const gridId = ++id;
        for (let u = 0; u < 3; u++) {
          const unitId = ++id;
          units.push({
            unitId,
            gridId,
            communityId,
            subdistrictId,
            gridName: `第${g + 1}网格`,
            communityName: `社区${s}${c}`,
            points: [[120.4 + unitId * 1e-4, 37.6]],
            weight: 1 + (unitId % 3),
          });
        }
      }
    }
  }
  const categories: DemoCategory[] = buildCategoryCatalogue().categories.map((c) => ({
    code: c.code,
    name: c.name,
    majorCode: c.major.code,
    department: c.department,
    urgent: c.urgent,
    limits: c.limits,
  }));
  const actors: DemoActors = {
    hotline: { accountId: 1, name: '管理员' },
    riders: [{ accountId: 2, name: '骑手' }],
    gridWorker: (unit) => ({ accountId: null, name: `网格员（${unit.gridName}）` }),
    communityStaff: (unit) => ({ accountId: null, name: `${unit.communityName}工作人员` }),
    subdistrictStaff: () => ({ accountId: null, name: '街道工作人员' }),
    departmentStaff: (code) => ({ accountId: null, name: `${code}工作人员` }),
  };
  return {
    now: options.now ?? new Date('2026-11-27T06:00:00Z'),
    seed: options.seed ?? 370681,
    size: options.size,
    riderClues: options.riderClues,
    ids: Array.from({ length: options.size }, (_, i) => i + 1),
    calendar: createWorkingCalendar(CALENDAR_YEARS),
    units,
    categories,
    actors,
  };
}
