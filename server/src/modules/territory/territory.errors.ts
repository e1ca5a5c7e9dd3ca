import { defineErrorCodes } from '../../platform/errors.ts';

export const territoryErrors = defineErrorCodes('territory', {
  'territory.outside_jurisdiction': {
    status: 422,
    description: 'The point lies outside the jurisdiction’s outline (辖区外), so no grid answers for it.',
    zh: '该位置在辖区范围外，无法确定所属网格。',
  },
  'territory.no_unit_at_point': {
    status: 422,
    description:
      'The point is inside the jurisdiction but not inside any current grid unit (e.g. outside the gridded urban area).',
    zh: '该位置不在任何网格单元内，请核对位置。',
  },
  'territory.jurisdiction_not_found': {
    status: 404,
    description: 'No jurisdiction with this code (X-Jurisdiction header), or none has been created yet.',
    zh: '没有找到该辖区，请联系管理员。',
  },
  'territory.place_not_found': {
    status: 404,
    description: 'No subdistrict, community, grid or unit with this id.',
    zh: '没有找到该街道、社区、网格或单元。',
  },
  'territory.place_retired': {
    status: 409,
    description:
      'The place was split or merged away; only current places can change. `details.successors` lists what replaced it.',
    zh: '该区域已拆分或合并，请对调整后的区域进行操作。',
  },
  'territory.level_not_changeable': {
    status: 422,
    description: 'Only grids and grid units can be split or merged.',
    zh: '只有网格和网格单元可以拆分或合并。',
  },
  'territory.invalid_split': {
    status: 422,
    description:
      'The parts of a split do not tile the place: a part is invalid, lies outside it, overlaps another part, or the parts leave a gap. `details` says which.',
    zh: '拆分后的各部分须完整覆盖原区域且互不重叠，请按提示调整。',
  },
  'territory.invalid_merge': {
    status: 422,
    description:
      'The places cannot be merged: not all current, not the same level and parent, or not adjacent.',
    zh: '所选区域无法合并，须为同级、同属且相邻的现有区域。',
  },
  'territory.import_invalid': {
    status: 422,
    description:
      'A GeoJSON import was refused and nothing was written; `details.errors` lists each bad feature (index, code, error, message).',
    zh: '边界数据导入失败，未写入任何内容，请按提示修改后重试。',
  },
  'territory.legacy_layer_invalid': {
    status: 422,
    description:
      'A legacy grid layer was refused and nothing was written; `details.errors` lists each bad feature.',
    zh: '历史网格图层导入失败，未写入任何内容，请按提示修改后重试。',
  },
  'territory.legacy_layer_exists': {
    status: 409,
    description: 'A legacy layer with this name was already imported.',
    zh: '已导入过同名的历史网格图层。',
  },
  'territory.legacy_layer_not_found': {
    status: 404,
    description: 'No legacy layer with this id.',
    zh: '没有找到该历史网格图层。',
  },
});
