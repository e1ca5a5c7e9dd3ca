import { sql } from 'kysely';
import { jsonb } from '../../platform/audit.ts';
import type { CategoryRow } from './case.repository.ts';
import type { Db } from './case.table.ts';
import type { StepLimits } from './data/categories.ts';

/** Queries of the category catalogue as administrators edit it (案件分类, 权责清单). */

export function findCategories(db: Db, jurisdictionId: number): Promise<CategoryRow[]> {
  return db
    .selectFrom('case_category')
    .selectAll()
    .where('jurisdiction_id', '=', jurisdictionId)
    .orderBy('major_code')
    .orderBy('code')
    .execute();
}

/** The catalogue's revision, raised by the database with every change to it (0 before any category). */
export async function readCategoryRevision(db: Db, jurisdictionId: number): Promise<number> {
  const row = await db
    .selectFrom('case_category_revision')
    .select('revision')
    .where('jurisdiction_id', '=', jurisdictionId)
    .executeTakeFirst();
  return Number(row?.revision ?? 0);
}

/** Cases filed under each category of the jurisdiction (categories without cases are absent). */
export async function countCasesByCategory(db: Db, jurisdictionId: number): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('case_record')
    .select(['category_code', sql<number>`count(*)`.as('count')])
    .where('jurisdiction_id', '=', jurisdictionId)
    .groupBy('category_code')
    .execute();
  return new Map(rows.map((row) => [row.category_code, Number(row.count)]));
}

export function findJurisdictionDepartments(db: Db, jurisdictionId: number) {
  return db
    .selectFrom('department')
    .select(['code', 'name'])
    .where('jurisdiction_id', '=', jurisdictionId)
    .orderBy('code')
    .execute();
}

export async function insertCategory(db: Db, row: CategoryRow): Promise<void> {
  await db
    .insertInto('case_category')
    .values({ ...row, limits: jsonb(row.limits) })
    .execute();
}

export async function updateCategory(
  db: Db,
  jurisdictionId: number,
  code: string,
  change: {
    name: string;
    department_code: string;
    urgent: boolean;
    limits: StepLimits;
    duplicate_radius_m: number;
    active: boolean;
  },
): Promise<void> {
  await db
    .updateTable('case_category')
    .set({ ...change, limits: jsonb(change.limits) })
    .where('jurisdiction_id', '=', jurisdictionId)
    .where('code', '=', code)
    .execute();
}

export async function deleteCategory(db: Db, jurisdictionId: number, code: string): Promise<void> {
  await db
    .deleteFrom('case_category')
    .where('jurisdiction_id', '=', jurisdictionId)
    .where('code', '=', code)
    .execute();
}

/** Locks the jurisdiction's catalogue for a change (two administrators at once: one after the other). */
export async function lockCatalogue(db: Db, jurisdictionId: number): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext('case_category'), ${jurisdictionId}::int)`.execute(db);
}
