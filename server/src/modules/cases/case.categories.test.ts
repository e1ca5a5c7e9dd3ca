import { describe, expect, it } from 'vitest';
// Test-only import past the access module's index.ts: it does not export DEMO_DEPARTMENTS, and this
// test must fail when the demo seed and the responsibility list drift apart.
import { DEMO_DEPARTMENTS } from '../access/index.ts';
import {
  buildCategoryCatalogue,
  type CatalogueData,
  catalogueProblems,
  SEED_CATALOGUE,
} from './case.categories.ts';
import type { MajorCategoryData, SubcategoryData } from './data/categories.ts';

const catalogue = buildCategoryCatalogue();

describe('the seed catalogue', () => {
  it('is internally consistent', () => {
    expect(catalogueProblems(SEED_CATALOGUE)).toEqual([]);
  });

  it('has the classes of REFERENCE.md §1.2 and §1.5', () => {
    const names = (kind: string) => catalogue.majors.filter((m) => m.kind === kind).map((m) => m.name);
    expect(names('component')).toEqual(['公共设施', '道路交通', '市容环境', '园林绿化', '房屋土地']);
    expect(names('event')).toEqual(['市容环境', '宣传广告', '施工管理', '突发事件', '街面秩序']);
    expect(names('grid_work')).toEqual(
      expect.arrayContaining(['矛盾纠纷', '安全隐患', '治安', '违法违章', '民生服务（代办）']),
    );
    expect(catalogue.categories.length).toBeGreaterThan(120);
  });

  it('has unique codes, each under an existing class, every limit positive in a valid unit', () => {
    const codes = catalogue.categories.map((c) => c.code);
    expect(new Set(codes).size).toBe(codes.length);
    const majors = new Set(catalogue.majors.map((m) => m.code));
    for (const category of catalogue.categories) {
      expect(majors.has(category.major.code), category.code).toBe(true);
      for (const limit of Object.values(category.limits)) {
        expect(limit.amount, category.code).toBeGreaterThan(0);
        expect(['urgent_hour', 'work_hour', 'work_day', 'natural_day']).toContain(limit.unit);
      }
      expect(category.duplicateRadiusM).toBeGreaterThan(0);
    }
  });

  it('runs urgent categories on natural hours and the others on working time', () => {
    for (const category of catalogue.categories) {
      const units = [
        category.limits.accept.unit,
        category.limits.grid_handle.unit,
        category.limits.acknowledge.unit,
      ];
      const natural = units.every((unit) => unit === 'urgent_hour');
      const working = units.every((unit) => unit === 'work_hour' || unit === 'work_day');
      expect(category.urgent ? natural : working, category.code).toBe(true);
    }
  });

  it('names departments the demo seeds, or lists them as still to seed', () => {
    const seeded = new Set(DEMO_DEPARTMENTS.map((d) => d.code));
    for (const department of catalogue.departments) {
      expect(seeded.has(department.code), department.code).toBe(department.inDemoSeed);
    }
    const used = new Set(catalogue.categories.map((c) => c.department));
    expect([...used].filter((code) => !catalogue.departments.some((d) => d.code === code))).toEqual([]);
  });

  it.each([
    ['200102', '暴露垃圾', 'ZHZF', false, { amount: 1, unit: 'work_day' }, 'jiyuan'],
    ['200104', '道路保洁（道路不洁）', 'ZHZF', false, { amount: 5, unit: 'work_hour' }, 'jiyuan'],
    ['200101', '新增建筑（违法搭建）', 'ZHZF', false, { amount: 15, unit: 'work_day' }, 'jiyuan'],
    ['100102', '污水井盖', 'ZJJ', true, { amount: 6, unit: 'urgent_hour' }, 'guangzhou'],
    ['100118', '路灯', 'ZJJ', false, { amount: 1, unit: 'work_day' }, 'taiyuan'],
    ['200402', '自来水管破裂', 'SWJ', true, { amount: 4, unit: 'urgent_hour' }, 'project'],
    ['200409', '病虫害', 'ZJJ', false, { amount: 5, unit: 'work_day' }, 'project'],
    ['W0103', '劳资纠纷', 'RSJ', false, { amount: 3, unit: 'work_day' }, 'project'],
  ])('%s %s → %s, urgent %s, handled within %o (%s)', (code, name, department, urgent, handle, source) => {
    expect(catalogue.find(code)).toMatchObject({
      name,
      department,
      urgent,
      limits: { grid_handle: handle, department_handle: handle },
      limitSources: { grid_handle: source },
    });
  });

  it('takes the other steps from the defaults, and a subcategory’s own override', () => {
    expect(catalogue.find('200102')?.limits).toMatchObject({
      accept: { amount: 1, unit: 'work_hour' },
      acknowledge: { amount: 1, unit: 'work_hour' },
      verify: { amount: 1, unit: 'work_hour' },
      rate: { amount: 3, unit: 'natural_day' },
    });
    expect(catalogue.find('200411')?.limits.accept).toEqual({ amount: 10 / 60, unit: 'urgent_hour' });
    expect(catalogue.find('200510')).toMatchObject({
      limits: {
        acknowledge: { amount: 1, unit: 'urgent_hour' },
        grid_handle: { amount: 2, unit: 'urgent_hour' },
      },
      limitSources: { acknowledge: 'taiyuan' },
    });
  });

  it('keeps the other sources’ codes where they disagree', () => {
    expect(catalogue.majors.find((m) => m.code === '2005')?.altCodes).toEqual([
      { code: '05', scheme: 'svan-2013' },
      { code: '04', scheme: 'codebase-39295482900' },
    ]);
    expect(catalogue.find('200507')?.altCodes.map((a) => a.code)).toEqual(['06036', '01-36']);
  });
});

describe('catalogueProblems', () => {
  const major: MajorCategoryData = {
    code: '2001',
    name: '市容环境',
    kind: 'event',
    scheme: 'beijing-chaoyang-2013',
    department: 'ZHZF',
    urgent: false,
    handle: { amount: 2, unit: 'work_day' },
    handleSource: 'project',
    duplicateRadiusM: 50,
  };
  const sub: SubcategoryData = { code: '200102', parent: '2001', name: '暴露垃圾' };
  const base: CatalogueData = {
    majors: [major],
    subcategories: [sub],
    departments: [{ code: 'ZHZF', name: '市综合行政执法局', inDemoSeed: true }],
  };
  const withSub = (changes: Partial<SubcategoryData>): CatalogueData => ({
    ...base,
    subcategories: [{ ...sub, ...changes }],
  });

  it('finds nothing wrong with a sound catalogue', () => {
    expect(catalogueProblems(base)).toEqual([]);
  });

  it.each<[string, CatalogueData, RegExp]>([
    ['a code used twice', { ...base, subcategories: [sub, sub] }, /code is used twice/],
    ['a class listed twice', { ...base, majors: [major, major] }, /class 2001 is listed twice/],
    ['a missing parent', withSub({ parent: '2009', code: '200901' }), /class 2009 does not exist/],
    ['a code outside its class', withSub({ code: '300102' }), /does not extend its class/],
    ['a zero limit', withSub({ handle: { amount: 0, unit: 'work_day' } }), /not positive/],
    ['half a working day', withSub({ handle: { amount: 1.5, unit: 'work_day' } }), /not a whole number/],
    ['a limit in seconds', withSub({ handle: { amount: 1 / 7, unit: 'work_hour' } }), /not whole minutes/],
    [
      'an unknown unit',
      withSub({ handle: { amount: 1, unit: 'fortnight' } as unknown as SubcategoryData['handle'] }),
      /unknown unit fortnight/,
    ],
    ['urgent on working time', withSub({ urgent: true }), /urgent but handled in work_day/],
    [
      'normal on natural hours',
      withSub({ handle: { amount: 4, unit: 'urgent_hour' } }),
      /normal but handled/,
    ],
    ['an unknown department', withSub({ department: 'XXX' }), /department XXX is unknown/],
    ['a zero radius', withSub({ duplicateRadiusM: 0 }), /duplicate radius 0 m/],
    ['a class without subcategories', { ...base, subcategories: [] }, /has no subcategory/],
    [
      'a department listed twice',
      { ...base, departments: [...base.departments, ...base.departments] },
      /department ZHZF is listed twice/,
    ],
  ])('reports %s', (_what, data, problem) => {
    expect(catalogueProblems(data).join('\n')).toMatch(problem);
  });

  it('refuses to build an unsound catalogue', () => {
    expect(() => buildCategoryCatalogue(withSub({ department: 'XXX' }))).toThrow(/department XXX is unknown/);
  });
});
