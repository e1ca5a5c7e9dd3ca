import { defineErrorCodes } from '../../platform/errors.ts';

/** The cases module's error codes. A case outside the viewer's scope answers platform.not_found. */
export const casesErrors = defineErrorCodes('cases', {
  'cases.unknown_category': {
    status: 422,
    description: 'No active case category with this code in the jurisdiction (`details.categoryCode`).',
    zh: '没有找到所选的案件类别，请重新选择。',
  },
  'cases.unknown_department': {
    status: 422,
    description: 'A department code of a dispatch or reassignment is not a department of the jurisdiction.',
    zh: '所选部门不存在，请重新选择。',
  },
  'cases.idempotency_mismatch': {
    status: 422,
    description:
      'The Idempotency-Key was already used by this account for a different request body: use a new key for a new report.',
    zh: '本次提交与之前的提交冲突，请刷新页面后重新上报。',
  },
  'cases.version_required': {
    status: 428,
    description:
      'A move needs the version the client last saw: `version` in the body or `If-Match: "<version>"`.',
    zh: '请先刷新案件，再进行操作。',
  },
  'cases.conflict': {
    status: 409,
    description:
      'The case changed since the given version (another move won): reload it and decide again. `details.version` is the current one.',
    zh: '案件已被他人处理，请刷新后重新操作。',
  },
  'cases.move_refused': {
    status: 403,
    description:
      'This account may not make this move on this case: wrong role, outside its scope, not its department, or not the reporter (`details.reason`).',
    zh: '您无权对该案件进行此项操作。',
  },
  'cases.move_not_possible': {
    status: 409,
    description:
      'The move does not apply to the case as it stands (e.g. verify before it is resolved, report back before acknowledging); `details.reason` says why.',
    zh: '案件当前状态不允许此项操作，请刷新后查看。',
  },
  'cases.move_invalid': {
    status: 422,
    description:
      'The move lacks what it needs or names something wrong (reason, photos, department, case to merge into, grid); `details.reason` says what.',
    zh: '办理信息填写不完整或有误，请按提示修改后重试。',
  },
  'cases.photo_not_usable': {
    status: 422,
    description:
      'A photo id is unknown, was uploaded by another account, or is already attached to a case or move (`details.photoIds`).',
    zh: '所选照片无法使用，可能已被使用，请重新上传。',
  },
  'cases.photo_missing': {
    status: 400,
    description: 'The upload has no file part: send one image as multipart/form-data field `file`.',
    zh: '未收到照片，请选择一张图片后上传。',
  },
  'cases.photo_unsupported': {
    status: 415,
    description:
      'The file is not a JPEG, PNG or WebP image, judged by its content (its name and declared type are ignored), or it cannot be decoded.',
    zh: '文件不是可识别的图片，请上传 JPG、PNG 或 WebP 照片。',
  },
  'cases.photo_too_large': {
    status: 413,
    description: 'The photo is larger than the upload limit (`details.maxBytes`) or has too many pixels.',
    zh: '照片过大，请压缩后重新上传。',
  },
  'cases.not_followable': {
    status: 409,
    description:
      'The case is closed, rejected or merged and takes no followers (`details.status`; a merged case names `details.intoCaseId`, which can be followed instead).',
    zh: '该案件已结案、不予受理或已合并，无法关注。',
  },
  'cases.import_file_missing': {
    status: 400,
    description:
      'The import has no work-order file: send it as the multipart/form-data file field `sheet` (.xlsx or .csv).',
    zh: '未收到工单文件，请选择 Excel 或 CSV 文件后导入。',
  },
  'cases.import_file_unsupported': {
    status: 415,
    description:
      'The work-order file is neither an .xlsx workbook nor CSV text (old .xls files are not read: save as .xlsx or CSV).',
    zh: '工单文件格式不支持，请另存为 Excel（xlsx）或 CSV 后再导入。',
  },
  'cases.import_too_large': {
    status: 413,
    description:
      'The work-order file, a photo, or the photos together are larger than the import accepts, or the file has too many rows (`details`).',
    zh: '工单文件或照片过大，或行数过多，请拆分后再导入。',
  },
  'cases.import_options_invalid': {
    status: 400,
    description:
      'The `options` field of the import is not valid JSON of the documented shape (`details.issues`).',
    zh: '导入设置有误，请检查后重试。',
  },
  'cases.import_invalid': {
    status: 422,
    description:
      'Some rows of the work-order file cannot be imported, so nothing was: `details.errors` lists row, column, code and message (the same answer as a dry run).',
    zh: '工单文件中部分行有误，本次未导入，请按提示修改后重试。',
  },
  'cases.measures_level_above_place': {
    status: 422,
    description:
      'Measures: the rows’ level is above the place they are limited to (e.g. communities within a grid); choose a level at or below `within` (`details.level`, `details.within`).',
    zh: '统计层级不能高于所选范围，请重新选择。',
  },
  'cases.category_invalid': {
    status: 422,
    description:
      'The category change would make the catalogue unsound (code not under its class, unknown department, a limit of the wrong unit or grain, urgent but not timed in urgent hours, radius out of range); `details.problems` lists each.',
    zh: '案件类别设置有误，请按提示修改后保存。',
  },
  'cases.category_exists': {
    status: 409,
    description: 'A category or class with this code exists already in the jurisdiction (`details.code`).',
    zh: '已有相同编码的类别，请更换编码。',
  },
  'cases.category_in_use': {
    status: 409,
    description:
      'Cases were filed under the category (`details.caseCount`): it cannot be deleted; deactivate it instead (`active: false`).',
    zh: '该类别下已有案件，不能删除，可改为停用。',
  },
  'cases.too_many_lookups': {
    status: 429,
    description:
      'Too many public lookups (tracking codes, the public map) from this address: retry after `details.retryAfterS` seconds.',
    zh: '查询过于频繁，请稍后再试。',
  },
});
