import type { CommunityKind, LocateResult, PlaceRef } from '#contracts';
import { AppError } from '../../platform/errors.ts';
import { PlaceLocator } from './locator.ts';
import {
  type Db,
  findJurisdiction,
  findPlacesLite,
  findPlacesWithGeometry,
  readGeometryVersion,
} from './territory.repository.ts';

export type UnitLocation = Omit<LocateResult, 'point'>;

interface JurisdictionIndex {
  version: number;
  checkedAt: number;
  /** Every place (current or not) → its id and its ancestors' ids. */
  chains: Map<number, number[]>;
  names: Map<number, string>;
  units: PlaceLocator<UnitLocation>;
  outline: PlaceLocator<true>;
}

/**
 * The in-memory point index of each jurisdiction's current grid units. Built on first use,
 * rebuilt after a geometry change made here (invalidate) or seen in the database's
 * geometry_version (made by another app server), which is checked at most once per `recheckMs`.
 */
export class TerritoryIndex {
  private readonly indexes = new Map<number, JurisdictionIndex>();
  private readonly building = new Map<number, Promise<JurisdictionIndex>>();
  private readonly rechecking = new Map<number, Promise<number>>();

  constructor(
    private readonly db: Db,
    private readonly recheckMs = 1000,
  ) {}

  /**
   * The stored geometry version, one read at a time per jurisdiction: the requests that find the
   * recheck due while it is being read share its answer (under load, hundreds arrive in that time).
   */
  private recheck(jurisdictionId: number): Promise<number> {
    let pending = this.rechecking.get(jurisdictionId);
    if (!pending) {
      pending = readGeometryVersion(this.db, jurisdictionId).finally(() =>
        this.rechecking.delete(jurisdictionId),
      );
      this.rechecking.set(jurisdictionId, pending);
    }
    return pending;
  }

  invalidate(jurisdictionId: number): void {
    this.indexes.delete(jurisdictionId);
  }

  async forJurisdiction(jurisdictionId: number): Promise<JurisdictionIndex> {
    const existing = this.indexes.get(jurisdictionId);
    const now = Date.now();
    if (existing) {
      if (now - existing.checkedAt < this.recheckMs) return existing;
      if ((await this.recheck(jurisdictionId)) === existing.version) {
        existing.checkedAt = now;
        return existing;
      }
    }
    let pending = this.building.get(jurisdictionId);
    if (!pending) {
      pending = this.build(jurisdictionId).finally(() => this.building.delete(jurisdictionId));
      this.building.set(jurisdictionId, pending);
    }
    const index = await pending;
    this.indexes.set(jurisdictionId, index);
    return index;
  }

  /** The unit, grid, community and subdistrict at a WGS-84 point; 422 codes when there is none. */
  async locate(jurisdictionId: number, lng: number, lat: number): Promise<UnitLocation> {
    const index = await this.forJurisdiction(jurisdictionId);
    const found = index.units.locate(lng, lat);
    if (found) return found;
    if (!index.outline.locate(lng, lat)) {
      throw new AppError(
        'territory.outside_jurisdiction',
        `The point ${lng}, ${lat} is outside the jurisdiction`,
        {
          lng,
          lat,
        },
      );
    }
    throw new AppError('territory.no_unit_at_point', `No grid unit covers the point ${lng}, ${lat}`, {
      lng,
      lat,
    });
  }

  /** A place's id and its ancestors' ids (empty for an unknown place). */
  async placeChain(jurisdictionId: number, placeId: number): Promise<number[]> {
    return (await this.forJurisdiction(jurisdictionId)).chains.get(placeId) ?? [];
  }

  async placeName(jurisdictionId: number, placeId: number): Promise<string | null> {
    return (await this.forJurisdiction(jurisdictionId)).names.get(placeId) ?? null;
  }

  private async build(jurisdictionId: number): Promise<JurisdictionIndex> {
    const version = await readGeometryVersion(this.db, jurisdictionId);
    const jurisdiction = await findJurisdiction(this.db, { id: jurisdictionId });
    const places = await findPlacesLite(this.db, { jurisdictionId, currentOnly: false });
    const chains = new Map(
      places.map((p) => [
        p.id,
        [p.id, p.grid_id, p.community_id, p.subdistrict_id].filter((id): id is number => id !== null),
      ]),
    );
    const units = await findPlacesWithGeometry(this.db, { jurisdictionId, level: 'unit' });
    const refs = new Map<number, PlaceRef & { kind: CommunityKind | null }>(
      places.map((p) => [p.id, { id: p.id, code: p.code, name: p.name, kind: p.community_kind }]),
    );
    const ref = (id: number | null): PlaceRef => {
      const found = id === null ? undefined : refs.get(id);
      return found ? { id: found.id, code: found.code, name: found.name } : { id: 0, code: '', name: '' };
    };
    const locatable = units.map((unit) => {
      const community = ref(unit.community_id);
      return {
        geometry: unit.geometry,
        value: {
          unit: { id: unit.id, code: unit.code, name: unit.name },
          grid: ref(unit.grid_id),
          community: { ...community, kind: refs.get(community.id)?.kind ?? 'legacy' },
          subdistrict: ref(unit.subdistrict_id),
        },
      };
    });
    return {
      version,
      checkedAt: Date.now(),
      chains,
      names: new Map(places.map((p) => [p.id, p.name])),
      units: new PlaceLocator(locatable),
      outline: new PlaceLocator(
        jurisdiction ? [{ geometry: jurisdiction.geometry, value: true as const }] : [],
      ),
    };
  }
}
