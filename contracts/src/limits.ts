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
  /** Possible duplicates are open cases reported within this many days (and the category's radius). */
  duplicateWindowDays: 7,
  maxDuplicatesOffered: 10,
  /** Most open cases drawn on the city map at once (the most urgent first). */
  maxMapPoints: 20_000,
} as const;

export const notificationsLimits = {
  maxPageSize: 100,
  /** Notifications replayed to a stream that reconnects with Last-Event-ID. */
  maxReplay: 50,
} as const;

/** The 12345 hotline import (案件导入). */
export const caseImportLimits = {
  /** Largest work-order file (.xlsx or .csv). */
  maxSheetBytes: 10 * 1024 * 1024,
  /** Most work orders in one file: one transaction holds them all. */
  maxRows: 2000,
  /** Most photo files sent with one import, and their bytes together. */
  maxPhotoFiles: 100,
  maxPhotoTotalBytes: 100 * 1024 * 1024,
  maxOrderNumberLength: 64,
  /** Rows shown back by a dry run. */
  previewRows: 20,
} as const;

/** The category catalogue as administrators edit it (案件分类, 权责清单). */
export const categoryLimits = {
  maxCodeLength: 20,
  maxNameLength: 50,
  /** Same as the catalogue's own rule (case.categories.ts). */
  maxDuplicateRadiusM: 1000,
  /** Largest amount of any limit (hours or days): guards against typos that would scan years. */
  maxLimitAmount: 10_000,
} as const;

/** The working calendar's years as administrators edit them (节假日安排). */
export const calendarLimits = {
  minYear: 2000,
  maxYear: 2100,
  maxHolidays: 40,
  maxMakeUpDays: 20,
  maxNameLength: 30,
  maxSourceLength: 300,
} as const;

/** Public tracking (查询进度): a tracking code is 10 characters of Crockford base32. */
export const publicLimits = {
  trackingCodeLength: 10,
  /** Lookups per client address and minute, for the tracking and map routes each. */
  lookupsPerMinute: 30,
  mapRequestsPerMinute: 60,
  /** Longest period the public map counts over. */
  maxMapDays: 366,
} as const;

/** Performance (履职考评): text lengths and list sizes of pledges, visits, rubrics and templates. */
export const performanceLimits = {
  titleLength: 200,
  textLength: 4000,
  reportLength: 20000,
  maxEvidenceRefs: 9,
  refLength: 500,
  maxPledges: 40,
  maxProblems: 30,
  maxCriteria: 20,
  maxIndicators: 20,
} as const;
