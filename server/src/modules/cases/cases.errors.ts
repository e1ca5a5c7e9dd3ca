import { defineErrorCodes } from '../../platform/errors.ts';

/** The cases module's error codes. A case outside the viewer's scope answers platform.not_found. */
export const casesErrors = defineErrorCodes('cases', {
  'cases.unknown_category': {
    status: 422,
    description: 'No active case category with this code in the jurisdiction (`details.categoryCode`).',
  },
  'cases.unknown_department': {
    status: 422,
    description: 'A department code of a dispatch or reassignment is not a department of the jurisdiction.',
  },
  'cases.idempotency_mismatch': {
    status: 422,
    description:
      'The Idempotency-Key was already used by this account for a different request body: use a new key for a new report.',
  },
  'cases.version_required': {
    status: 428,
    description:
      'A move needs the version the client last saw: `version` in the body or `If-Match: "<version>"`.',
  },
  'cases.conflict': {
    status: 409,
    description:
      'The case changed since the given version (another move won): reload it and decide again. `details.version` is the current one.',
  },
  'cases.move_refused': {
    status: 403,
    description:
      'This account may not make this move on this case: wrong role, outside its scope, not its department, or not the reporter (`details.reason`).',
  },
  'cases.move_not_possible': {
    status: 409,
    description:
      'The move does not apply to the case as it stands (e.g. verify before it is resolved, report back before acknowledging); `details.reason` says why.',
  },
  'cases.move_invalid': {
    status: 422,
    description:
      'The move lacks what it needs or names something wrong (reason, photos, department, case to merge into, grid); `details.reason` says what.',
  },
  'cases.photo_not_usable': {
    status: 422,
    description:
      'A photo id is unknown, was uploaded by another account, or is already attached to a case or move (`details.photoIds`).',
  },
  'cases.photo_missing': {
    status: 400,
    description: 'The upload has no file part: send one image as multipart/form-data field `file`.',
  },
  'cases.photo_unsupported': {
    status: 415,
    description:
      'The file is not a JPEG, PNG or WebP image, judged by its content (its name and declared type are ignored), or it cannot be decoded.',
  },
  'cases.photo_too_large': {
    status: 413,
    description: 'The photo is larger than the upload limit (`details.maxBytes`) or has too many pixels.',
  },
  'cases.not_followable': {
    status: 409,
    description:
      'The case is closed, rejected or merged and takes no followers (`details.status`; a merged case names `details.intoCaseId`, which can be followed instead).',
  },
  'cases.import_file_missing': {
    status: 400,
    description:
      'The import has no work-order file: send it as the multipart/form-data file field `sheet` (.xlsx or .csv).',
  },
  'cases.import_file_unsupported': {
    status: 415,
    description:
      'The work-order file is neither an .xlsx workbook nor CSV text (old .xls files are not read: save as .xlsx or CSV).',
  },
  'cases.import_too_large': {
    status: 413,
    description:
      'The work-order file, a photo, or the photos together are larger than the import accepts, or the file has too many rows (`details`).',
  },
  'cases.import_options_invalid': {
    status: 400,
    description:
      'The `options` field of the import is not valid JSON of the documented shape (`details.issues`).',
  },
  'cases.import_invalid': {
    status: 422,
    description:
      'Some rows of the work-order file cannot be imported, so nothing was: `details.errors` lists row, column, code and message (the same answer as a dry run).',
  },
  'cases.measures_level_above_place': {
    status: 422,
    description:
      'Measures: the rows’ level is above the place they are limited to (e.g. communities within a grid); choose a level at or below `within` (`details.level`, `details.within`).',
  },
  'cases.category_invalid': {
    status: 422,
    description:
      'The category change would make the catalogue unsound (code not under its class, unknown department, a limit of the wrong unit or grain, urgent but not timed in urgent hours, radius out of range); `details.problems` lists each.',
  },
  'cases.category_exists': {
    status: 409,
    description: 'A category or class with this code exists already in the jurisdiction (`details.code`).',
  },
  'cases.category_in_use': {
    status: 409,
    description:
      'Cases were filed under the category (`details.caseCount`): it cannot be deleted; deactivate it instead (`active: false`).',
  },
  'cases.too_many_lookups': {
    status: 429,
    description:
      'Too many public lookups (tracking codes, the public map) from this address: retry after `details.retryAfterS` seconds.',
  },
});
