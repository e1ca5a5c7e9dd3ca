import { CATALOGUE_DEPARTMENTS, CATALOGUE_MAJORS } from './catalogue.data.ts';

/**
 * The category catalogue (大类 → 小类) and the departments of the responsibility list, as shipped:
 * a generated snapshot (`web/scripts/write-case-catalogue.ts`) for the phone report page, which
 * must offer categories offline. No React, no antd. Staff pages read the live catalogue
 * (`hooks/useCategoryCatalogue.ts`, `GET /api/cases/categories`) with an administrator's edits.
 */

/** `[code, name, department code, urgent 1/0]`. */
export type CatalogueSub = readonly [code: string, name: string, department: string, urgent: 0 | 1];

export interface CatalogueMajor {
  code: string;
  name: string;
  kind: 'component' | 'event' | 'grid_work';
  subs: readonly CatalogueSub[];
}

export const KIND_LABELS: Record<CatalogueMajor['kind'], string> = {
  event: '事件',
  component: '部件',
  grid_work: '网格事项',
};

export const categoryMajors = (): readonly CatalogueMajor[] => CATALOGUE_MAJORS;

export interface CatalogueCategory {
  code: string;
  name: string;
  majorCode: string;
  majorName: string;
  department: string;
  urgent: boolean;
}

let byCode: Map<string, CatalogueCategory> | null = null;

export function findCategory(code: string): CatalogueCategory | undefined {
  if (!byCode) {
    byCode = new Map();
    for (const major of CATALOGUE_MAJORS) {
      for (const [subCode, name, department, urgent] of major.subs) {
        byCode.set(subCode, {
          code: subCode,
          name,
          majorCode: major.code,
          majorName: major.name,
          department,
          urgent: urgent === 1,
        });
      }
    }
  }
  return byCode.get(code);
}

export const departments = (): readonly (readonly [code: string, name: string])[] => CATALOGUE_DEPARTMENTS;

export const departmentName = (code: string): string =>
  CATALOGUE_DEPARTMENTS.find(([c]) => c === code)?.[1] ?? code;
