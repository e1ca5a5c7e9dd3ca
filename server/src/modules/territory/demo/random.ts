/**
 * Seeded randomness for the demo. Everything random in the generator comes from here, so the same
 * seed always gives byte-identical output (no Math.random, no clock).
 */

/** The default seed: Longkou's division code. */
export const DEFAULT_SEED = 370681;

/** A function returning a uniform number in [0, 1). */
export type Random = () => number;

/** mulberry32: a tiny, fast 32-bit PRNG, good enough for layout. */
export function mulberry32(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a over the UTF-16 code units of a label. */
function hashLabel(label: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < label.length; i++) {
    hash ^= label.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * An independent stream per purpose (e.g. "grids:370681001001"), so that one part of the territory
 * does not shift every random number drawn after it.
 */
export function randomStream(seed: number, label: string): Random {
  return mulberry32((Math.imul(seed >>> 0, 0x9e3779b1) ^ hashLabel(label)) >>> 0);
}

/** Integer in [min, max], both inclusive. */
export function randomInt(random: Random, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}
