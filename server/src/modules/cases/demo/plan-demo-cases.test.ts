import { describe, expect, it } from 'vitest';
import { clockLight, firstDue } from '../case.clocks.ts';
import { demoPlanFixture } from '../testing/demo-plan-fixture.ts';
import { replayTimeline } from '../testing/replay-timeline.ts';
import {
  DEMO_CASES_PER_YEAR,
  DEMO_RIDER_CLUES,
  planDemoCases,
  SHOWCASE_CASES_PER_GRID,
  SHOWCASE_DAYS,
} from './plan-demo-cases.ts';

/**
 * The demo year's plan at full size (30,000 cases, pure): exactly 374 rider clues, about 75 % of the
 * fixed cases fixed in the grid, a small open share in every light, every case's timeline accepted
 * by the state machine, and the same plan from the same seed.
 */
describe('demo cases plan', () => {
  const input = demoPlanFixture({ size: DEMO_CASES_PER_YEAR, riderClues: DEMO_RIDER_CLUES });
  const cases = planDemoCases(input);

  it('has the year at Longkou scale with exactly 374 rider clues', () => {
    expect(cases).toHaveLength(30_000);
    expect(cases.filter((c) => c.channel === 'rider')).toHaveLength(374);
    expect(cases.filter((c) => c.channel === 'rider').every((c) => c.reporter?.accountId === 2)).toBe(true);
    const yearAgo = input.now.getTime() - 366 * 86_400_000;
    expect(cases.every((c) => c.reportedAt.getTime() > yearAgo && c.reportedAt < input.now)).toBe(true);
    expect(cases.every((c) => c.timeline.every((e) => e.at <= input.now))).toBe(true);
  });

  it('fixes about 75 % in the grid and rates mostly 满意', () => {
    const closed = cases.filter((c) => c.state.status === 'closed');
    const byGrid = closed.filter((c) => c.state.status === 'closed' && c.state.resolvedBy === 'grid');
    expect(byGrid.length / closed.length).toBeGreaterThan(0.72);
    expect(byGrid.length / closed.length).toBeLessThan(0.78);
    const rated = cases.filter((c) => c.rating !== null);
    expect(cases.filter((c) => c.rating === 'satisfied').length / rated.length).toBeGreaterThan(0.7);
    for (const status of ['rejected', 'merged'] as const) {
      expect(cases.filter((c) => c.state.status === status).length).toBeGreaterThan(300);
    }
  });

  it('leaves recent cases open, in green, yellow and red', () => {
    const open = cases.filter((c) => !['closed', 'rejected', 'merged'].includes(c.state.status));
    expect(open.length).toBeGreaterThan(100);
    expect(open.length).toBeLessThan(3_000);
    const lights = new Set(
      open.flatMap((c) => {
        const clock = firstDue(c.clocks);
        return clock ? [clockLight(input.calendar, clock, input.now).light] : [];
      }),
    );
    expect([...lights].sort()).toEqual(['green', 'red', 'yellow']);
    expect(new Set(open.map((c) => c.state.status)).size).toBeGreaterThanOrEqual(8);
    // Dispatched cases have their department tasks; closed ones were closed when their last move was.
    for (const c of cases) {
      if (c.state.status === 'dispatched' || c.state.status === 'acknowledged') {
        const current = c.tasks
          .filter((t) => t.closedAt === null)
          .map((t) => t.department)
          .sort();
        expect(current).toEqual(c.state.departments.map((d) => d.department).sort());
      }
      if (c.closedAt) expect(c.closedAt).toEqual(c.timeline.at(-1)?.at);
    }
  });

  it('moves every case only as the state machine allows', () => {
    for (const c of cases.slice(0, 5_000)) {
      const replayed = replayTimeline(
        c.timeline.map((e) => ({
          event: e.event,
          actor_role: e.role,
          department_code: e.departmentCode,
          from_status: e.from,
          to_status: e.to,
          note: e.note,
          photo_ids: [],
          effects: JSON.parse(JSON.stringify(e.effects)),
        })),
        c.state.ratingExpected,
      );
      expect(replayed, `case ${c.id}`).toEqual({ ok: true, state: c.state });
    }
  });

  it("gives the demo logins' grids recent cases, within the year's total", () => {
    const small = demoPlanFixture({ size: 2_000, riderClues: 25 });
    const showcaseGridIds = [small.units[0]?.gridId as number, small.units.at(-1)?.gridId as number];
    const plan = planDemoCases({ ...small, showcaseGridIds });
    expect(plan).toHaveLength(2_000);
    expect(plan.filter((c) => c.channel === 'rider')).toHaveLength(25);
    const since = small.now.getTime() - (SHOWCASE_DAYS + 1) * 86_400_000;
    const recentIn = (cases: typeof plan, gridId: number) =>
      cases.filter((c) => c.unit.gridId === gridId && c.reportedAt.getTime() >= since).length;
    const without = planDemoCases(small);
    for (const gridId of showcaseGridIds) {
      expect(recentIn(plan, gridId)).toBeGreaterThanOrEqual(SHOWCASE_CASES_PER_GRID);
      expect(recentIn(plan, gridId) - recentIn(without, gridId)).toBeGreaterThanOrEqual(
        SHOWCASE_CASES_PER_GRID - 3,
      );
    }
  });

  it('is the same plan from the same seed', () => {
    const again = planDemoCases(demoPlanFixture({ size: 500, riderClues: 6 }));
    const once = planDemoCases(demoPlanFixture({ size: 500, riderClues: 6 }));
    expect(JSON.stringify(again)).toBe(JSON.stringify(once));
  });
});
