import type { CaseStep } from './case.lifecycle.ts';
import { type TimeLimit, timeLimitProblem } from './case.time-limits.ts';
import {
  type AltCode,
  CASE_DEPARTMENTS,
  type CaseDepartment,
  type CategoryKind,
  DEFAULT_STEP_LIMITS,
  LIMIT_SOURCES,
  type LimitSource,
  MAJOR_CATEGORIES,
  type MajorCategoryData,
  type StepLimits,
  SUBCATEGORIES,
  type SubcategoryData,
} from './data/categories.ts';

/** A subcategory with everything it inherits filled in: what intake, routing and timers use. */
export interface Category {
  code: string;
  name: string;
  major: { code: string; name: string };
  kind: CategoryKind;
  /** The department that answers the case when it is escalated. */
  department: string;
  /** Urgent categories run on natural hours (紧急工作时). */
  urgent: boolean;
  limits: StepLimits;
  limitSources: Record<CaseStep, LimitSource>;
  duplicateRadiusM: number;
  altCodes: AltCode[];
  notes: string[];
}

export interface CatalogueData {
  majors: readonly MajorCategoryData[];
  subcategories: readonly SubcategoryData[];
  departments: readonly CaseDepartment[];
}

export const SEED_CATALOGUE: CatalogueData = {
  majors: MAJOR_CATEGORIES,
  subcategories: SUBCATEGORIES,
  departments: CASE_DEPARTMENTS,
};

const STEPS: readonly CaseStep[] = [
  'accept',
  'grid_handle',
  'community_response',
  'subdistrict_response',
  'acknowledge',
  'department_handle',
  'verify',
  'rate',
];
const MAX_DUPLICATE_RADIUS_M = 1000;

/** Fills in a subcategory from its class and the step defaults. */
export function resolveCategory(major: MajorCategoryData, sub: SubcategoryData): Category {
  const urgent = sub.urgent ?? major.urgent;
  const defaults = DEFAULT_STEP_LIMITS[urgent ? 'urgent' : 'normal'];
  const handle = { limit: sub.handle ?? major.handle, source: sub.handleSource ?? major.handleSource };
  const steps: Record<CaseStep, { limit: TimeLimit; source: LimitSource }> = {
    ...defaults,
    grid_handle: handle,
    department_handle: handle,
    ...sub.limits,
  };
  const limits = {} as StepLimits;
  const limitSources = {} as Record<CaseStep, LimitSource>;
  for (const step of STEPS) {
    limits[step] = steps[step].limit;
    limitSources[step] = steps[step].source;
  }
  return {
    code: sub.code,
    name: sub.name,
    major: { code: major.code, name: major.name },
    kind: major.kind,
    department: sub.department ?? major.department,
    urgent,
    limits,
    limitSources,
    duplicateRadiusM: sub.duplicateRadiusM ?? major.duplicateRadiusM,
    altCodes: sub.altCodes ?? [],
    notes: [major.note, sub.note].filter((note): note is string => note !== undefined),
  };
}

/**
 * Everything inconsistent in a catalogue (empty when it is sound): codes unique and nested under
 * their class, every parent and department known, every limit positive and of a known unit and
 * grain, urgent categories handled in urgent hours and normal ones not, radii positive.
 */
export function catalogueProblems(data: CatalogueData): string[] {
  const problems: string[] = [];
  const departments = new Set<string>();
  for (const department of data.departments) {
    if (departments.has(department.code)) problems.push(`department ${department.code} is listed twice`);
    departments.add(department.code);
  }
  const majors = new Map<string, MajorCategoryData>();
  for (const major of data.majors) {
    if (majors.has(major.code)) problems.push(`class ${major.code} is listed twice`);
    majors.set(major.code, major);
  }
  const codes = new Set<string>(majors.keys());
  const used = new Set<string>();
  for (const sub of data.subcategories) {
    const where = `${sub.code} ${sub.name}`;
    if (codes.has(sub.code)) problems.push(`${where}: code is used twice`);
    codes.add(sub.code);
    const major = majors.get(sub.parent);
    if (!major) {
      problems.push(`${where}: class ${sub.parent} does not exist`);
      continue;
    }
    used.add(major.code);
    if (!sub.code.startsWith(major.code) || sub.code.length <= major.code.length) {
      problems.push(`${where}: code does not extend its class code ${major.code}`);
    }
    if (sub.name.trim() === '') problems.push(`${where}: name is blank`);
    problems.push(...categoryProblems(resolveCategory(major, sub), departments).map((p) => `${where}: ${p}`));
  }
  for (const major of data.majors) {
    if (!used.has(major.code)) problems.push(`class ${major.code} ${major.name} has no subcategory`);
  }
  return problems;
}

function categoryProblems(category: Category, departments: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  if (!departments.has(category.department)) problems.push(`department ${category.department} is unknown`);
  for (const step of STEPS) {
    const problem = timeLimitProblem(category.limits[step]);
    if (problem) problems.push(`${step}: ${problem}`);
    if (!(category.limitSources[step] in LIMIT_SOURCES)) problems.push(`${step}: unknown source`);
  }
  const handleUnit = category.limits.grid_handle.unit;
  if (category.urgent !== (handleUnit === 'urgent_hour')) {
    problems.push(`${category.urgent ? 'urgent' : 'normal'} but handled in ${handleUnit}`);
  }
  const radius = category.duplicateRadiusM;
  if (!Number.isInteger(radius) || radius <= 0 || radius > MAX_DUPLICATE_RADIUS_M) {
    problems.push(
      `duplicate radius ${radius} m is not a whole number of metres in 1…${MAX_DUPLICATE_RADIUS_M}`,
    );
  }
  return problems;
}

export interface CategoryCatalogue {
  majors: readonly MajorCategoryData[];
  categories: readonly Category[];
  departments: readonly CaseDepartment[];
  find(code: string): Category | undefined;
}

/** Validates and resolves a catalogue; throws listing every problem when it is not sound. */
export function buildCategoryCatalogue(data: CatalogueData = SEED_CATALOGUE): CategoryCatalogue {
  const problems = catalogueProblems(data);
  if (problems.length > 0) throw new RangeError(`invalid category catalogue:\n${problems.join('\n')}`);
  const majors = new Map(data.majors.map((major) => [major.code, major]));
  const categories = data.subcategories.flatMap((sub) => {
    const major = majors.get(sub.parent);
    return major ? [resolveCategory(major, sub)] : [];
  });
  const byCode = new Map(categories.map((category) => [category.code, category]));
  return {
    majors: data.majors,
    categories,
    departments: data.departments,
    find: (code) => byCode.get(code),
  };
}
