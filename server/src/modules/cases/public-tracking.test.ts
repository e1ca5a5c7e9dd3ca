import { describe, expect, it } from 'vitest';
import { buildCategoryCatalogue, catalogueProblems, SEED_CATALOGUE } from './case.categories.ts';
import type { CategoryRow } from './case.repository.ts';
import { catalogueOfRows } from './manage-categories.service.ts';
import { normaliseTrackingCode, presentPublicCase } from './public-tracking.service.ts';

describe('tracking codes as typed', () => {
  it('ignores case, spaces and dashes and reads I, L as 1 and O as 0 (Crockford)', () => {
    expect(normaliseTrackingCode('abcd-efgh 12')).toBe('ABCDEFGH12');
    expect(normaliseTrackingCode('I0LO')).toBe('1010');
  });
});

describe('the public timeline', () => {
  it('names offices, the reporter as 上报人, and never a person', () => {
    const at = new Date('2026-12-02T01:00:00Z');
    const tracked = presentPublicCase(
      {
        id: 7,
        jurisdiction_id: 1,
        tracking_code: 'ABCDEFGH12',
        status: 'dispatched',
        reporter_account_id: 42,
        reported_at: at,
        updated_at: at,
        closed_at: null,
        category_name: '占道经营',
        category_major_name: '街面秩序',
        grid_name: '第1网格',
        community_name: '润新社区',
      },
      [
        {
          at,
          event: 'report',
          actor_account_id: 42,
          actor_role: 'resident',
          from_status: null,
          to_status: 'reported',
        },
        {
          at,
          event: 'accept',
          actor_account_id: 5,
          actor_role: 'grid_worker',
          from_status: 'reported',
          to_status: 'accepted',
        },
        {
          at,
          event: 'escalate',
          actor_account_id: null,
          actor_role: 'system',
          from_status: 'accepted',
          to_status: 'escalated_community',
        },
        {
          at,
          event: 'dispatch',
          actor_account_id: 9,
          actor_role: 'community_staff',
          from_status: 'escalated_community',
          to_status: 'dispatched',
        },
      ],
    );
    expect(tracked.statusGroup).toBe('handling');
    expect(tracked.timeline.map((entry) => `${entry.actor}:${entry.eventLabel}:${entry.toLabel}`)).toEqual([
      '上报人:上报:上报',
      '网格员:受理:受理',
      '系统:上报:上报社区',
      '社区:派遣:派遣至部门',
    ]);
  });
});

describe('the stored catalogue as the catalogue’s data', () => {
  it('has no problems for the seeded catalogue, and finds one an edit makes', () => {
    const categories = buildCategoryCatalogue().categories;
    const rows: CategoryRow[] = categories.map((c) => ({
      jurisdiction_id: 1,
      code: c.code,
      name: c.name,
      major_code: c.major.code,
      major_name: c.major.name,
      kind: c.kind,
      department_code: c.department,
      urgent: c.urgent,
      limits: c.limits,
      duplicate_radius_m: c.duplicateRadiusM,
      active: true,
    }));
    const departments = SEED_CATALOGUE.departments.map(({ code, name }) => ({ code, name }));
    expect(catalogueProblems(catalogueOfRows(rows, departments))).toEqual([]);
    const [first, ...rest] = rows;
    if (!first) throw new Error('empty catalogue');
    const broken = { ...first, duplicate_radius_m: 5000 };
    expect(catalogueProblems(catalogueOfRows([broken, ...rest], departments))).toEqual([
      `${first.code} ${first.name}: duplicate radius 5000 m is not a whole number of metres in 1…1000`,
    ]);
  });
});
