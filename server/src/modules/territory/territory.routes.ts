import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  BoundaryChange,
  ChangesQuery,
  ChangesResponse,
  FeatureCollection,
  GeoJsonQuery,
  ImportFeatureCollection,
  ImportResult,
  LegacyLayer,
  LegacyLayerCreate,
  LegacyMapping,
  LegacyMappingQuery,
  LocateQuery,
  LocateResult,
  MergeRequest,
  PlaceCard,
  PlaceLevel,
  platformLimits,
  SearchQuery,
  SearchResponse,
  SplitRequest,
  TerritorySummary,
  TreeResponse,
} from '#contracts';
import { actorOf, requirePrincipal } from '../../platform/access.ts';
import { errorResponses, IdParams } from '../../platform/route-schemas.ts';
import { mergePlaces, splitPlace } from './boundary-change.service.ts';
import { exportTerritory, importTerritory } from './import-territory.service.ts';
import {
  exportLegacyMappingCsv,
  getLegacyMapping,
  importLegacyLayer,
  listLegacyLayers,
} from './legacy-layer.service.ts';
import type { TerritoryModule } from './territory.module.ts';
import { presentChange } from './territory.presenter.ts';
import { findChanges } from './territory.repository.ts';
import {
  getPlaceCard,
  getTerritoryGeoJson,
  getTerritorySummary,
  getTerritoryTree,
  searchTerritory,
} from './territory.service.ts';

const tags = ['territory 辖区与网格'];
const errors = errorResponses;
/** Thin routes: validate, resolve the jurisdiction, call one service, return what it presents. */
export function territoryRoutes(territory: TerritoryModule): FastifyPluginAsyncZod {
  return async (app) => {
    // The signed-in account's jurisdiction: one instance may serve several counties.
    const jurisdictionOf = async (request: FastifyRequest) => requirePrincipal(request).jurisdictionId;
    const { db } = territory;

    app.get(
      '/api/territory/summary',
      {
        config: { access: { permission: 'territory.read' } },
        schema: {
          tags,
          summary: 'Jurisdiction, its subdistricts and counts of every level',
          response: { 200: TerritorySummary, ...errors },
        },
      },
      async (request) => getTerritorySummary(db, { jurisdictionId: await jurisdictionOf(request) }),
    );

    app.get(
      '/api/territory/locate',
      {
        config: { access: { permission: 'territory.read' } },
        schema: {
          tags,
          summary:
            'Point → grid unit, grid, community and subdistrict (WGS-84 unless crs says GCJ-02 or BD-09)',
          querystring: LocateQuery,
          response: { 200: LocateResult, ...errors },
        },
      },
      async (request) => {
        const { lng, lat, crs } = request.query;
        return territory.locate(await jurisdictionOf(request), lng, lat, crs);
      },
    );

    app.get(
      '/api/territory/geojson',
      {
        config: { access: { permission: 'territory.read' } },
        schema: {
          tags,
          summary:
            'Current places of one level as GeoJSON (properties: id, code, name, level, parentId, communityKind)',
          querystring: GeoJsonQuery,
          response: { 200: FeatureCollection, ...errors },
        },
      },
      async (request) =>
        getTerritoryGeoJson(db, {
          jurisdictionId: await jurisdictionOf(request),
          level: request.query.level,
          withinId: request.query.within,
        }),
    );

    app.get(
      '/api/territory/tree',
      {
        config: { access: { permission: 'territory.read' } },
        schema: {
          tags,
          summary: 'Every current place, parents first, for the city → unit tree',
          response: { 200: TreeResponse, ...errors },
        },
      },
      async (request) => getTerritoryTree(db, { jurisdictionId: await jurisdictionOf(request) }),
    );

    app.get(
      '/api/territory/search',
      {
        config: { access: { permission: 'territory.read' } },
        schema: {
          tags,
          summary: 'Places by name or code prefix, current first',
          querystring: SearchQuery,
          response: { 200: SearchResponse, ...errors },
        },
      },
      async (request) => ({
        hits: await searchTerritory(db, {
          jurisdictionId: await jurisdictionOf(request),
          text: request.query.q,
          limit: request.query.limit,
        }),
      }),
    );

    app.get(
      '/api/territory/places/:id',
      {
        config: { access: { permission: 'territory.read' } },
        schema: {
          tags,
          summary: 'A place’s card: code, ancestors, counts, buildings (units), lineage, geometry',
          params: IdParams,
          response: { 200: PlaceCard, ...errors },
        },
      },
      async (request) =>
        getPlaceCard(db, { jurisdictionId: await jurisdictionOf(request), placeId: request.params.id }),
    );

    app.get(
      '/api/territory/changes',
      {
        config: { access: { permission: 'territory.read' } },
        schema: {
          tags,
          summary: 'Boundary changes (splits and merges), newest first',
          querystring: ChangesQuery,
          response: { 200: ChangesResponse, ...errors },
        },
      },
      async (request) => {
        const result = await findChanges(db, {
          jurisdictionId: await jurisdictionOf(request),
          ...request.query,
        });
        return { total: result.total, changes: result.changes.map(presentChange) };
      },
    );

    app.post(
      '/api/territory/places/:id/split',
      {
        config: { access: { permission: 'territory.write' } },
        schema: {
          tags,
          summary: 'Split a grid or unit into parts that tile it; the old place is kept as history',
          params: IdParams,
          body: SplitRequest,
          response: { 201: BoundaryChange, ...errors },
        },
      },
      async (request, reply) => {
        const jurisdictionId = await jurisdictionOf(request);
        const change = await db.transaction().execute((trx) =>
          splitPlace(trx, {
            jurisdictionId,
            placeId: request.params.id,
            request: request.body,
            actor: actorOf(request),
          }),
        );
        territory.geometryChanged(jurisdictionId);
        return reply.status(201).send(change);
      },
    );

    app.post(
      '/api/territory/places/merge',
      {
        config: { access: { permission: 'territory.write' } },
        schema: {
          tags,
          summary: 'Merge adjacent grids or units of one parent into one; the old places are kept as history',
          body: MergeRequest,
          response: { 201: BoundaryChange, ...errors },
        },
      },
      async (request, reply) => {
        const jurisdictionId = await jurisdictionOf(request);
        const change = await db
          .transaction()
          .execute((trx) =>
            mergePlaces(trx, { jurisdictionId, request: request.body, actor: actorOf(request) }),
          );
        territory.geometryChanged(jurisdictionId);
        return reply.status(201).send(change);
      },
    );

    app.post(
      '/api/territory/import',
      {
        config: { access: { permission: 'territory.write' } },
        bodyLimit: platformLimits.maxJsonBodyBytes,
        schema: {
          tags,
          summary:
            'Import subdistricts, communities, grids and units from GeoJSON: all or nothing, errors per feature',
          body: ImportFeatureCollection,
          response: { 200: ImportResult, ...errors },
        },
      },
      async (request) => {
        const jurisdictionId = await jurisdictionOf(request);
        let lastLogged = -1;
        const result = await db.transaction().execute((trx) =>
          importTerritory(trx, {
            jurisdictionId,
            collection: request.body,
            actor: actorOf(request),
            onProgress: ({ phase, done, total }) => {
              const tenth = Math.floor((done / Math.max(total, 1)) * 10);
              if (tenth === lastLogged) return;
              lastLogged = tenth;
              request.log.info({ phase, done, total }, 'import progress');
            },
          }),
        );
        territory.geometryChanged(jurisdictionId);
        return result;
      },
    );

    app.get(
      '/api/territory/export',
      {
        config: { access: { permission: 'territory.read' } },
        schema: {
          tags,
          summary: 'Current places as an importable GeoJSON file',
          querystring: z.object({
            levels: z
              .string()
              .default('subdistrict,community,grid,unit')
              .transform((value) => value.split(','))
              .pipe(z.array(PlaceLevel).min(1)),
          }),
          response: {
            200: z.object({ type: z.literal('FeatureCollection'), features: z.array(z.unknown()) }),
            ...errors,
          },
        },
      },
      async (request, reply) => {
        const result = await exportTerritory(db, {
          jurisdictionId: await jurisdictionOf(request),
          levels: request.query.levels,
        });
        void reply.header('content-disposition', 'attachment; filename="territory.geojson"');
        return result;
      },
    );

    app.get(
      '/api/territory/legacy-layers',
      {
        config: { access: { permission: 'territory.read' } },
        schema: {
          tags,
          summary: 'Imported legacy grid layers (多网合一)',
          response: { 200: z.object({ layers: z.array(LegacyLayer) }), ...errors },
        },
      },
      async (request) => ({
        layers: await listLegacyLayers(db, { jurisdictionId: await jurisdictionOf(request) }),
      }),
    );

    app.post(
      '/api/territory/legacy-layers',
      {
        config: { access: { permission: 'territory.write' } },
        bodyLimit: platformLimits.maxJsonBodyBytes,
        schema: {
          tags,
          summary: 'Import a department’s legacy grid layer and compute its overlap with the unified grids',
          body: LegacyLayerCreate,
          response: { 201: LegacyLayer, ...errors },
        },
      },
      async (request, reply) => {
        const jurisdictionId = await jurisdictionOf(request);
        const layer = await db
          .transaction()
          .execute((trx) =>
            importLegacyLayer(trx, { jurisdictionId, request: request.body, actor: actorOf(request) }),
          );
        return reply.status(201).send(layer);
      },
    );

    app.get(
      '/api/territory/legacy-layers/:id/mapping',
      {
        config: { access: { permission: 'territory.read' } },
        schema: {
          tags,
          summary: 'For each unified grid, the legacy grids it overlaps and by what share',
          params: IdParams,
          querystring: LegacyMappingQuery,
          response: { 200: LegacyMapping, ...errors },
        },
      },
      async (request) =>
        getLegacyMapping(db, {
          jurisdictionId: await jurisdictionOf(request),
          layerId: request.params.id,
          ...request.query,
        }),
    );

    app.get(
      '/api/territory/legacy-layers/:id/mapping.csv',
      {
        config: { access: { permission: 'territory.read' } },
        schema: {
          tags,
          summary: 'The whole mapping as CSV (UTF-8, opens in Excel)',
          params: IdParams,
          response: { 200: z.string(), ...errors },
        },
      },
      async (request, reply) => {
        const csv = await exportLegacyMappingCsv(db, {
          jurisdictionId: await jurisdictionOf(request),
          layerId: request.params.id,
        });
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="legacy-mapping-${request.params.id}.csv"`)
          .send(csv);
      },
    );
  };
}
