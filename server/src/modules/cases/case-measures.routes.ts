import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { CaseMeasures, CaseMeasuresQuery } from '#contracts';
import { requirePrincipal } from '../../platform/access.ts';
import { errorResponses } from '../../platform/route-schemas.ts';
import { measuresWorkbook } from './case-measures.xlsx.ts';
import type { CasesModule } from './cases.module.ts';
import { findCaseMeasures } from './find-case-measures.service.ts';

const tags = ['cases 案件'];

/** The measures (考核指标): rows per place or department for a period, as JSON or as an Excel file. */
export function caseMeasuresRoutes(cases: CasesModule): FastifyPluginAsyncZod {
  return async (app) => {
    const { db } = cases;

    app.get(
      '/api/cases/measures',
      {
        config: { access: { permission: 'cases.measures' } },
        schema: {
          tags,
          summary:
            'Measures per grid, community, subdistrict, department or the city for the cases reported on the days from…to (Asia/Shanghai): response, on-time resolution, resolution, satisfaction, grid-closed share, escalation rate, average hours per step (docs/measures.md). Rows within the viewer’s scope',
          querystring: CaseMeasuresQuery,
          response: { 200: CaseMeasures, ...errorResponses },
        },
      },
      async (request) => findCaseMeasures(db, { principal: requirePrincipal(request), query: request.query }),
    );

    app.get(
      '/api/cases/measures.xlsx',
      {
        config: { access: { permission: 'cases.measures' } },
        schema: {
          tags,
          summary: 'The same measures as an Excel workbook (.xlsx) with Chinese headers',
          querystring: CaseMeasuresQuery,
        },
      },
      async (request, reply) => {
        const measures = await findCaseMeasures(db, {
          principal: requirePrincipal(request),
          query: request.query,
        });
        const file = await measuresWorkbook(measures);
        const name = `考核指标-${measures.level}-${measures.from}-${measures.to}.xlsx`;
        return reply
          .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header('cache-control', 'private, no-store')
          .header(
            'content-disposition',
            `attachment; filename="measures-${measures.level}-${measures.from}-${measures.to}.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`,
          )
          .send(file);
      },
    );
  };
}
