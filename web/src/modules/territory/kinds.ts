import type { CommunityKind, PlaceLevel } from '#contracts';
import type { MessageKey } from '../../app/i18n.ts';

/** Community kinds in legend order, with their map colours (distinct in hue and lightness). */
export const communityKinds: readonly CommunityKind[] = ['legacy', 'new_build', 'seasonal', 'work_unit'];

export const kindColors: Record<CommunityKind, string> = {
  legacy: '#e8a33d',
  new_build: '#3b82d6',
  seasonal: '#2fa36b',
  work_unit: '#9a5fc7',
};

export const kindLabelKey = (kind: CommunityKind): MessageKey => `kind.${kind}`;

export const levelLabelKey = (level: PlaceLevel | 'building'): MessageKey => `level.${level}`;

export function isCommunityKind(value: unknown): value is CommunityKind {
  return value === 'legacy' || value === 'new_build' || value === 'seasonal' || value === 'work_unit';
}
