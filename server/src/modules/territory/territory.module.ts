import type { AreaGeometry, Crs, LocateResult } from '#contracts';
import { AppError } from '../../platform/errors.ts';
import { toWgs84 } from './coordinates.ts';
import { centroidOf, simplifyArea } from './public-outline.ts';
import {
  type Db,
  findBuildingById,
  findFirstJurisdiction,
  findJurisdiction,
  findPlacesLite,
  findPlacesWithGeometry,
  readGeometryVersion,
} from './territory.repository.ts';
import { TerritoryIndex } from './territory-index.ts';

/** A grid as public pages may show it: its name, its community's, a simplified outline and its centroid. */
export interface PublicGrid {
  id: number;
  name: string;
  communityName: string;
  centroid: { lng: number; lat: number };
  geometry: AreaGeometry;
  /** false: closed by a split or merge (cases filed against it still count there). */
  current: boolean;
}

/** The territory module as other modules and the app see it: one per process. */
export class TerritoryModule {
  readonly index: TerritoryIndex;
  private defaultJurisdictionId: number | undefined;
  private readonly idsByCode = new Map<string, number>();
  private readonly publicGridCache = new Map<number, Promise<{ version: number; grids: PublicGrid[] }>>();

  constructor(readonly db: Db) {
    this.index = new TerritoryIndex(db);
  }

  /**
   * Which jurisdiction a request is about: the X-Jurisdiction header (a division code) when given,
   * else the first jurisdiction of this instance. Sign-in (issue 3) will take it from the account.
   */
  async resolveJurisdictionId(code: string | undefined): Promise<number> {
    if (code) {
      const cached = this.idsByCode.get(code);
      if (cached !== undefined) return cached;
      const found = await findJurisdiction(this.db, { code });
      if (!found) throw new AppError('territory.jurisdiction_not_found', `No jurisdiction with code ${code}`);
      this.idsByCode.set(code, found.id);
      return found.id;
    }
    if (this.defaultJurisdictionId === undefined) {
      const first = await findFirstJurisdiction(this.db);
      if (!first)
        throw new AppError('territory.jurisdiction_not_found', 'No jurisdiction has been created yet');
      this.defaultJurisdictionId = first.id;
    }
    return this.defaultJurisdictionId;
  }

  /** Point → unit, grid, community, subdistrict. The point may be WGS-84, GCJ-02 or BD-09. */
  async locate(jurisdictionId: number, lng: number, lat: number, crs: Crs = 'wgs84'): Promise<LocateResult> {
    const [wgsLng, wgsLat] = toWgs84(lng, lat, crs);
    const location = await this.index.locate(jurisdictionId, wgsLng, wgsLat);
    return { ...location, point: { lng: wgsLng, lat: wgsLat } };
  }

  /** A place's id and its ancestors' ids: what access checks compare with a scope. */
  placeChain(jurisdictionId: number, placeId: number): Promise<number[]> {
    return this.index.placeChain(jurisdictionId, placeId);
  }

  async buildingName(jurisdictionId: number, buildingId: number): Promise<string | null> {
    const row = await findBuildingById(this.db, jurisdictionId, buildingId);
    return row?.name ?? null;
  }

  /**
   * Every grid of the jurisdiction, current and closed, as public pages may show it (no units,
   * buildings or households). Built once per geometry version.
   */
  async publicGrids(jurisdictionId: number): Promise<{ geometryVersion: number; grids: PublicGrid[] }> {
    const version = await readGeometryVersion(this.db, jurisdictionId);
    let cached = this.publicGridCache.get(jurisdictionId);
    if (!cached || (await cached).version !== version) {
      cached = this.buildPublicGrids(jurisdictionId, version);
      this.publicGridCache.set(jurisdictionId, cached);
      cached.catch(() => this.publicGridCache.delete(jurisdictionId));
    }
    const built = await cached;
    return { geometryVersion: built.version, grids: built.grids };
  }

  private async buildPublicGrids(jurisdictionId: number, version: number) {
    const [grids, communities] = await Promise.all([
      findPlacesWithGeometry(this.db, { jurisdictionId, level: 'grid', currentOnly: false }),
      findPlacesLite(this.db, { jurisdictionId, level: 'community', currentOnly: false }),
    ]);
    const communityNames = new Map(communities.map((c) => [c.id, c.name]));
    return {
      version,
      grids: grids.map(
        (grid): PublicGrid => ({
          id: grid.id,
          name: grid.name,
          communityName: (grid.community_id === null ? null : communityNames.get(grid.community_id)) ?? '',
          centroid: centroidOf(grid.geometry),
          geometry: simplifyArea(grid.geometry),
          current: grid.valid_to === null,
        }),
      ),
    };
  }

  /** Call after a transaction that changed geometry has committed. */
  geometryChanged(jurisdictionId: number): void {
    this.index.invalidate(jurisdictionId);
    this.publicGridCache.delete(jurisdictionId);
  }
}
