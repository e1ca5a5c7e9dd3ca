import type { CaseCategory, CaseCategoryCatalogue, CaseCategoryCreate, CaseCategoryPatch } from '#contracts';
import { authorize, hasPermission, type Principal } from '../../platform/access.ts';
import { type Actor, recordAudit } from '../../platform/audit.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { type CatalogueData, catalogueProblems } from './case.categories.ts';
import type { CaseStep } from './case.lifecycle.ts';
import type { CategoryRow } from './case.repository.ts';
import type { Db } from './case.table.ts';
import {
  countCasesByCategory,
  deleteCategory as deleteCategoryRow,
  findCategories,
  findJurisdictionDepartments,
  insertCategory,
  lockCatalogue,
  updateCategory as updateCategoryRow,
} from './case-categories.repository.ts';
import type { MajorCategoryData, StepLimits, SubcategoryData } from './data/categories.ts';

/**
 * The category catalogue as administrators keep it (案件分类 and 权责清单, issue 4 §2): read by every
 * signed-in account, changed by `cases.configure`. A change is checked with the catalogue's own
 * rules (`catalogueProblems`) over the whole jurisdiction's catalogue and refused when it adds a
 * problem; audited with before and after. A category cases were filed under is deactivated, never
 * deleted. New limits time the clocks started after the change; running clocks keep theirs.
 */

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

type Department = { code: string; name: string };

/** Stored rows as the catalogue's data: every subcategory explicit, its class taken from its first row. */
export function catalogueOfRows(
  rows: readonly CategoryRow[],
  departments: readonly Department[],
): CatalogueData {
  const majors = new Map<string, MajorCategoryData>();
  const subcategories: SubcategoryData[] = [];
  for (const row of rows) {
    const limits = row.limits as StepLimits;
    if (!majors.has(row.major_code)) {
      majors.set(row.major_code, {
        code: row.major_code,
        name: row.major_name,
        kind: row.kind,
        scheme: 'project',
        department: row.department_code,
        urgent: row.urgent,
        handle: limits.grid_handle,
        handleSource: 'project',
        duplicateRadiusM: row.duplicate_radius_m,
      });
    }
    subcategories.push({
      code: row.code,
      parent: row.major_code,
      name: row.name,
      department: row.department_code,
      urgent: row.urgent,
      handle: limits.grid_handle,
      handleSource: 'project',
      limits: Object.fromEntries(STEPS.map((step) => [step, { limit: limits[step], source: 'project' }])),
      duplicateRadiusM: row.duplicate_radius_m,
    });
  }
  return {
    majors: [...majors.values()],
    subcategories,
    departments: departments.map((d) => ({ ...d, inDemoSeed: false })),
  };
}

/** The problems the change adds to the catalogue (those it already had do not block it). */
function problemsAdded(
  before: readonly CategoryRow[],
  after: readonly CategoryRow[],
  departments: readonly Department[],
): string[] {
  const existing = new Set(catalogueProblems(catalogueOfRows(before, departments)));
  return catalogueProblems(catalogueOfRows(after, departments)).filter((problem) => !existing.has(problem));
}

export function presentCategory(
  row: CategoryRow,
  departmentNames: ReadonlyMap<string, string>,
  caseCount: number | null,
): CaseCategory {
  return {
    code: row.code,
    name: row.name,
    majorCode: row.major_code,
    majorName: row.major_name,
    kind: row.kind,
    department: { code: row.department_code, name: departmentNames.get(row.department_code) ?? null },
    urgent: row.urgent,
    limits: row.limits as StepLimits,
    duplicateRadiusM: row.duplicate_radius_m,
    active: row.active,
    caseCount,
  };
}

/** The viewer's jurisdiction's catalogue with its departments; case counts for administrators. */
export async function listCategories(
  db: Db,
  options: { principal: Principal },
): Promise<CaseCategoryCatalogue> {
  const { principal } = options;
  const configures = hasPermission(principal.role, 'cases.configure');
  const [rows, departments, counts] = await Promise.all([
    findCategories(db, principal.jurisdictionId),
    findJurisdictionDepartments(db, principal.jurisdictionId),
    configures ? countCasesByCategory(db, principal.jurisdictionId) : Promise.resolve(null),
  ]);
  const names = new Map(departments.map((d) => [d.code, d.name]));
  return {
    categories: rows.map((row) => presentCategory(row, names, counts ? (counts.get(row.code) ?? 0) : null)),
    departments,
  };
}

interface Changing {
  principal: Principal;
  actor: Actor;
}

async function loadForChange(trx: Db, principal: Principal) {
  authorize(principal, 'cases.configure', null);
  await lockCatalogue(trx, principal.jurisdictionId);
  const [rows, departments] = await Promise.all([
    findCategories(trx, principal.jurisdictionId),
    findJurisdictionDepartments(trx, principal.jurisdictionId),
  ]);
  return { rows, departments, names: new Map(departments.map((d) => [d.code, d.name])) };
}

function refuse(problems: string[]): AppError {
  return new AppError('cases.category_invalid', `The catalogue would not be sound: ${problems[0]}`, {
    problems,
  });
}

/** A new subcategory, under an existing class or a new one. */
export async function createCategory(
  trx: Db,
  options: Changing & { request: CaseCategoryCreate },
): Promise<CaseCategory> {
  const { principal, request } = options;
  const { rows, departments, names } = await loadForChange(trx, principal);
  if (rows.some((row) => row.code === request.code || row.major_code === request.code)) {
    throw new AppError('cases.category_exists', `A category or class ${request.code} exists already`, {
      code: request.code,
    });
  }
  const major = rows.find((row) => row.major_code === request.majorCode);
  if (major) {
    const mismatch =
      (request.majorName !== undefined && request.majorName !== major.major_name) ||
      (request.kind !== undefined && request.kind !== major.kind);
    if (mismatch) {
      throw refuse([
        `class ${request.majorCode} is ${major.major_name} (${major.kind}): leave majorName and kind out or give the same`,
      ]);
    }
  } else if (request.majorName === undefined || request.kind === undefined) {
    throw refuse([`class ${request.majorCode} is new: give its majorName and kind`]);
  }
  const row: CategoryRow = {
    jurisdiction_id: principal.jurisdictionId,
    code: request.code,
    name: request.name,
    major_code: request.majorCode,
    major_name: major?.major_name ?? request.majorName ?? '',
    kind: major?.kind ?? request.kind ?? 'event',
    department_code: request.departmentCode,
    urgent: request.urgent,
    limits: request.limits,
    duplicate_radius_m: request.duplicateRadiusM,
    active: true,
  };
  const problems = problemsAdded(rows, [...rows, row], departments);
  if (problems.length > 0) throw refuse(problems);
  await insertCategory(trx, row);
  const after = presentCategory(row, names, 0);
  await recordAudit(trx, options.actor, {
    jurisdictionId: principal.jurisdictionId,
    action: 'cases.category_created',
    subjectType: 'case_category',
    subjectId: row.code,
    details: { before: null, after },
  });
  return after;
}

/** Changes a subcategory: name, department, urgency, limits (step by step), radius, active. */
export async function updateCategory(
  trx: Db,
  options: Changing & { code: string; patch: CaseCategoryPatch },
): Promise<CaseCategory> {
  const { principal, patch } = options;
  const { rows, departments, names } = await loadForChange(trx, principal);
  const current = rows.find((row) => row.code === options.code);
  if (!current) throw notFound('Category');
  const changed: CategoryRow = {
    ...current,
    name: patch.name ?? current.name,
    department_code: patch.departmentCode ?? current.department_code,
    urgent: patch.urgent ?? current.urgent,
    limits: { ...(current.limits as StepLimits), ...patch.limits } as StepLimits,
    duplicate_radius_m: patch.duplicateRadiusM ?? current.duplicate_radius_m,
    active: patch.active ?? current.active,
  };
  const problems = problemsAdded(
    rows,
    rows.map((row) => (row.code === current.code ? changed : row)),
    departments,
  );
  if (problems.length > 0) throw refuse(problems);
  await updateCategoryRow(trx, principal.jurisdictionId, current.code, {
    name: changed.name,
    department_code: changed.department_code,
    urgent: changed.urgent,
    limits: changed.limits as StepLimits,
    duplicate_radius_m: changed.duplicate_radius_m,
    active: changed.active,
  });
  const counts = await countCasesByCategory(trx, principal.jurisdictionId);
  const caseCount = counts.get(current.code) ?? 0;
  const after = presentCategory(changed, names, caseCount);
  await recordAudit(trx, options.actor, {
    jurisdictionId: principal.jurisdictionId,
    action: 'cases.category_updated',
    subjectType: 'case_category',
    subjectId: current.code,
    details: { before: presentCategory(current, names, caseCount), after },
  });
  return after;
}

/** Deletes a subcategory no case was filed under; one with cases is refused (deactivate it instead). */
export async function deleteCategory(trx: Db, options: Changing & { code: string }): Promise<void> {
  const { principal } = options;
  const { rows, names } = await loadForChange(trx, principal);
  const current = rows.find((row) => row.code === options.code);
  if (!current) throw notFound('Category');
  const caseCount = (await countCasesByCategory(trx, principal.jurisdictionId)).get(current.code) ?? 0;
  if (caseCount > 0) {
    throw new AppError(
      'cases.category_in_use',
      `${caseCount} cases were filed under ${current.code}: deactivate it instead (PATCH active: false)`,
      { code: current.code, caseCount },
    );
  }
  await deleteCategoryRow(trx, principal.jurisdictionId, current.code);
  await recordAudit(trx, options.actor, {
    jurisdictionId: principal.jurisdictionId,
    action: 'cases.category_deleted',
    subjectType: 'case_category',
    subjectId: current.code,
    details: { before: presentCategory(current, names, 0), after: null },
  });
}
