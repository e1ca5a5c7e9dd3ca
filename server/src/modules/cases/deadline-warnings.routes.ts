import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { CaseDeadlineWarnings } from '#contracts';
import { requirePrincipal } from '../../platform/access.ts';
import { errorResponses } from '../../platform/route-schemas.ts';
import type { CasesModule } from './cases.module.ts';
import { findDeadlineWarnings } from './deadline-warnings.service.ts';

/** Warnings for case lists: deadlines resting on years the working calendar has no data for. */
export function deadlineWarningRoutes(cases: CasesModule): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/cases/deadline-warnings',
      {
        config: { access: { permission: 'cases.read' } },
        schema: {
          tags: ['cases 案件'],
          summary:
            'Years without holiday data that running deadlines of the viewer’s open cases fall in, with how many cases: load them in the working calendar',
          response: { 200: CaseDeadlineWarnings, ...errorResponses },
        },
      },
      async (request) => findDeadlineWarnings(cases.db, { principal: requirePrincipal(request) }),
    );
  };
}
