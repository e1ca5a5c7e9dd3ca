/**
 * Limits shared by server and web forms. No zod here, so the web bundle can import them alone
 * (`#contracts/limits.ts`) without pulling in the schemas.
 */

export const platformLimits = {
  /** Largest JSON body accepted (GeoJSON imports are the largest). */
  maxJsonBodyBytes: 32 * 1024 * 1024,
} as const;

export const territoryLimits = {
  /** Most features accepted in one GeoJSON import. */
  maxImportFeatures: 20_000,
  /** Most parts a place may be split into at once. */
  maxSplitParts: 20,
  /** Most places merged at once. */
  maxMergePlaces: 20,
  /** Sibling overlap tolerated on import and split, as a share of the smaller area. */
  siblingOverlapTolerance: 0.01,
  /** Share of a child's area allowed outside its parent. */
  outsideParentTolerance: 0.01,
  maxSearchResults: 50,
  maxNameLength: 100,
  maxReasonLength: 500,
  /** Legacy layers per jurisdiction (多网合一 merged 9). */
  maxLegacyLayers: 30,
} as const;

/** People: names, reasons for unmasking or moving a posting, tags, page sizes. */
export const peopleLimits = {
  maxNameLength: 50,
  maxReasonLength: 200,
  /** An unmask reason says something: at least this long. */
  minUnmaskReasonLength: 2,
  maxTags: 10,
  maxPageSize: 100,
} as const;

export const casesLimits = {
  maxDescriptionLength: 1000,
  maxAddressLength: 200,
  maxReasonLength: 500,
  maxNoteLength: 1000,
  /** Photos per report or per move (one to nine on a report from a phone). */
  maxPhotos: 9,
  /** Largest photo upload, before re-encoding. */
  maxPhotoBytes: 10 * 1024 * 1024,
  /** Longest side of a stored photo after re-encoding, and of its thumbnail. */
  maxPhotoSide: 2048,
  thumbnailSide: 320,
  maxIdempotencyKeyLength: 100,
  maxPageSize: 100,
  /** Most open cases drawn on the city map at once (the most urgent first). */
  maxMapPoints: 20_000,
} as const;
