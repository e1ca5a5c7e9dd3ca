import type { z } from 'zod';
import type { BoundaryChange, LineageEntry, PlaceCard, PlaceRef, TreeNode } from '#contracts';
import type { ChangeRow, PlaceRow, PlaceRowLite } from './territory.repository.ts';

/** The only way territory rows leave the server. */

export function presentPlaceRef(row: Pick<PlaceRowLite, 'id' | 'code' | 'name'>): PlaceRef {
  return { id: row.id, code: row.code, name: row.name };
}

export function presentTreeNode(row: PlaceRowLite): TreeNode {
  return {
    id: row.id,
    level: row.level,
    code: row.code,
    name: row.name,
    kind: row.community_kind,
    parentId: row.parent_id,
  };
}

export function presentChange(change: ChangeRow): BoundaryChange {
  return {
    id: change.id,
    kind: change.kind,
    level: change.level,
    at: change.at.toISOString(),
    reason: change.reason,
    predecessors: change.places.filter((p) => p.role === 'predecessor').map(presentPlaceRef),
    successors: change.places.filter((p) => p.role === 'successor').map(presentPlaceRef),
  };
}

function lineageEntries(
  changes: ChangeRow[],
  placeId: number,
  wanted: 'made' | 'ended',
): z.infer<typeof LineageEntry>[] {
  const ownRole = wanted === 'made' ? 'successor' : 'predecessor';
  const otherRole = wanted === 'made' ? 'predecessor' : 'successor';
  return changes
    .filter((c) => c.places.some((p) => p.id === placeId && p.role === ownRole))
    .map((c) => ({
      changeId: c.id,
      kind: c.kind,
      at: c.at.toISOString(),
      reason: c.reason,
      places: c.places.filter((p) => p.role === otherRole).map(presentPlaceRef),
    }));
}

export function presentPlaceCard(input: {
  place: PlaceRow;
  ancestors: PlaceRowLite[];
  childCounts: PlaceCard['childCounts'];
  buildings: PlaceCard['buildings'];
  changes: ChangeRow[];
}): PlaceCard {
  const { place } = input;
  return {
    id: place.id,
    level: place.level,
    code: place.code,
    name: place.name,
    kind: place.community_kind,
    current: place.valid_to === null,
    validFrom: place.valid_from.toISOString(),
    validTo: place.valid_to ? place.valid_to.toISOString() : null,
    areaM2: Math.round(place.area_m2),
    ancestors: input.ancestors.map((a) => ({ ...presentPlaceRef(a), level: a.level })),
    childCounts: input.childCounts,
    buildings: input.buildings,
    predecessors: lineageEntries(input.changes, place.id, 'made'),
    successors: lineageEntries(input.changes, place.id, 'ended'),
    geometry: place.geometry,
  };
}
