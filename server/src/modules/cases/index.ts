/** The cases module's public surface (案件): other modules import only from here. */
import './cases.policy.ts';

export { buildCategoryCatalogue, type Category } from './case.categories.ts';
export type { CasesTables } from './case.table.ts';
export { countClosedCasesOnTime } from './case-timeliness.ts';
export { casesErrors } from './cases.errors.ts';
export { casesJobs } from './cases.jobs.ts';
export { CasesModule, type CasesOptions } from './cases.module.ts';
export { CASE_POLICY, type CasePermission } from './cases.policy.ts';
export { casesRoutes } from './cases.routes.ts';
export { CASE_DEPARTMENTS } from './data/categories.ts';
export { isCasesDemoEmpty, type SeedDemoCasesOptions, seedDemoCases } from './demo/seed-demo-cases.ts';
export {
  type BreachRunResult,
  type EscalateBreachedCasesOptions,
  escalateBreachedCases,
} from './escalate-breached-cases.service.ts';
export { type FindCaseMeasuresOptions, findCaseMeasures } from './find-case-measures.service.ts';
export {
  applyCaseMeasureChanges,
  type CaseMeasureChange,
  type RebuildResult,
  rebuildCaseMeasures,
} from './maintain-case-measures.service.ts';
export { type ReportCaseOptions, reportCase } from './report-case.service.ts';
export { seedCaseCategories, seedCaseCategoriesEverywhere, seedCaseDepartments } from './seed-categories.ts';
