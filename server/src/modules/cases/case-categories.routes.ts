import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CaseCategory,
  CaseCategoryCatalogue,
  CaseCategoryCreate,
  CaseCategoryPatch,
  CategoryCodeParams,
} from '#contracts';
import { actorOf, requirePrincipal } from '../../platform/access.ts';
import { errorResponses } from '../../platform/route-schemas.ts';
import type { CasesModule } from './cases.module.ts';
import {
  createCategory,
  deleteCategory,
  listCategories,
  updateCategory,
} from './manage-categories.service.ts';

const tags = ['cases 案件'];

/** The category catalogue (案件分类, 权责清单): read by everyone signed in, kept by administrators. */
export function caseCategoryRoutes(cases: CasesModule): FastifyPluginAsyncZod {
  return async (app) => {
    const { db } = cases;
    /** A change to the catalogue in its own transaction; intake reads the categories afresh after it. */
    const changeCatalogue = async <T>(jurisdictionId: number, change: (trx: typeof db) => Promise<T>) => {
      try {
        return await db.transaction().execute(change);
      } finally {
        cases.categories.changed(jurisdictionId);
      }
    };

    app.get(
      '/api/cases/categories',
      {
        config: { access: { signedIn: true } },
        schema: {
          tags,
          summary:
            'The jurisdiction’s category catalogue: class, department, limits per step, urgency, duplicate radius, active (case counts for administrators), and its departments',
          response: { 200: CaseCategoryCatalogue, ...errorResponses },
        },
      },
      async (request) => listCategories(db, { principal: requirePrincipal(request) }),
    );

    app.post(
      '/api/cases/categories',
      {
        config: { access: { permission: 'cases.configure' } },
        schema: {
          tags,
          summary:
            'Add a subcategory (under an existing class, or a new one with majorName and kind), checked against the catalogue’s rules; audited',
          body: CaseCategoryCreate,
          response: { 201: CaseCategory, ...errorResponses },
        },
      },
      async (request, reply) => {
        const principal = requirePrincipal(request);
        const created = await changeCatalogue(principal.jurisdictionId, (trx) =>
          createCategory(trx, { principal, actor: actorOf(request), request: request.body }),
        );
        return reply.status(201).send(created);
      },
    );

    app.patch(
      '/api/cases/categories/:code',
      {
        config: { access: { permission: 'cases.configure' } },
        schema: {
          tags,
          summary:
            'Change a subcategory (name, department, urgency, limits per step, radius; `active: false` retires it from new reports), checked against the catalogue’s rules; audited with before and after',
          params: CategoryCodeParams,
          body: CaseCategoryPatch,
          response: { 200: CaseCategory, ...errorResponses },
        },
      },
      async (request) => {
        const principal = requirePrincipal(request);
        return changeCatalogue(principal.jurisdictionId, (trx) =>
          updateCategory(trx, {
            principal,
            actor: actorOf(request),
            code: request.params.code,
            patch: request.body,
          }),
        );
      },
    );

    app.delete(
      '/api/cases/categories/:code',
      {
        config: { access: { permission: 'cases.configure' } },
        schema: {
          tags,
          summary:
            'Delete a subcategory no case was filed under (one with cases answers 409 cases.category_in_use: deactivate it instead); audited',
          params: CategoryCodeParams,
          response: { 204: z.null(), ...errorResponses },
        },
      },
      async (request, reply) => {
        const principal = requirePrincipal(request);
        await changeCatalogue(principal.jurisdictionId, (trx) =>
          deleteCategory(trx, { principal, actor: actorOf(request), code: request.params.code }),
        );
        return reply.status(204).send(null);
      },
    );
  };
}
