import type { Crs, LocateResult } from '#contracts';
import { AppError } from '../../platform/errors.ts';
import { toWgs84 } from './coordinates.ts';
import {
  type Db,
  findBuildingById,
  findFirstJurisdiction,
  findJurisdiction,
} from './territory.repository.ts';
import { TerritoryIndex } from './territory-index.ts';

/** The territory module as other modules and the app see it: one per process. */
export class TerritoryModule {
  readonly index: TerritoryIndex;
  private defaultJurisdictionId: number | undefined;
  private readonly idsByCode = new Map<string, number>();

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

  /** Call after a transaction that changed geometry has committed. */
  geometryChanged(jurisdictionId: number): void {
    this.index.invalidate(jurisdictionId);
  }
}
