import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { buildCategoryCatalogue, type CategoryCatalogue } from './case.categories.ts';
import { insertCategories } from './case.repository.ts';
import { withCasesTables } from './case.table.ts';

/**
 * Gives a jurisdiction the category catalogue (案件分类 and 权责清单) as data it can edit: adds the
 * categories it lacks and leaves existing ones (and an administrator's edits) alone, so it is safe
 * to run at every start.
 */
export async function seedCaseCategories(
  db: Kysely<Database>,
  jurisdictionId: number,
  catalogue: CategoryCatalogue = buildCategoryCatalogue(),
): Promise<number> {
  await insertCategories(withCasesTables(db), jurisdictionId, catalogue.categories);
  return catalogue.categories.length;
}

/** The catalogue in every jurisdiction (at start, after migrations): new jurisdictions get it too. */
export async function seedCaseCategoriesEverywhere(db: Kysely<Database>): Promise<void> {
  const catalogue = buildCategoryCatalogue();
  const jurisdictions = await db.selectFrom('jurisdiction').select('id').execute();
  for (const { id } of jurisdictions) await seedCaseCategories(db, id, catalogue);
}

/**
 * The departments the responsibility list names (CASE_DEPARTMENTS), added where missing to the
 * access module's department table, so that every category's department can be dispatched to (the
 * demo and tests; a real city enters its own). Returns department ids by code.
 */
export async function seedCaseDepartments(
  db: Kysely<Database>,
  jurisdictionId: number,
  catalogue: CategoryCatalogue = buildCategoryCatalogue(),
): Promise<Map<string, number>> {
  await db
    .insertInto('department')
    .values(
      catalogue.departments.map((d) => ({ jurisdiction_id: jurisdictionId, code: d.code, name: d.name })),
    )
    .onConflict((conflict) => conflict.columns(['jurisdiction_id', 'code']).doNothing())
    .execute();
  const rows = await db
    .selectFrom('department')
    .select(['id', 'code'])
    .where('jurisdiction_id', '=', jurisdictionId)
    .execute();
  return new Map(rows.map((row) => [row.code, row.id]));
}
