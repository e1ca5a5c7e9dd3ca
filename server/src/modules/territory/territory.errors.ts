import { defineErrorCodes } from '../../platform/errors.ts';

export const territoryErrors = defineErrorCodes('territory', {
  'territory.outside_jurisdiction': {
    status: 422,
    description: 'The point lies outside the jurisdiction’s outline (辖区外), so no grid answers for it.',
  },
  'territory.no_unit_at_point': {
    status: 422,
    description:
      'The point is inside the jurisdiction but not inside any current grid unit (e.g. outside the gridded urban area).',
  },
  'territory.jurisdiction_not_found': {
    status: 404,
    description: 'No jurisdiction with this code (X-Jurisdiction header), or none has been created yet.',
  },
  'territory.place_not_found': {
    status: 404,
    description: 'No subdistrict, community, grid or unit with this id.',
  },
  'territory.place_retired': {
    status: 409,
    description:
      'The place was split or merged away; only current places can change. `details.successors` lists what replaced it.',
  },
  'territory.level_not_changeable': {
    status: 422,
    description: 'Only grids and grid units can be split or merged.',
  },
  'territory.invalid_split': {
    status: 422,
    description:
      'The parts of a split do not tile the place: a part is invalid, lies outside it, overlaps another part, or the parts leave a gap. `details` says which.',
  },
  'territory.invalid_merge': {
    status: 422,
    description:
      'The places cannot be merged: not all current, not the same level and parent, or not adjacent.',
  },
  'territory.import_invalid': {
    status: 422,
    description:
      'A GeoJSON import was refused and nothing was written; `details.errors` lists each bad feature (index, code, error, message).',
  },
  'territory.legacy_layer_invalid': {
    status: 422,
    description:
      'A legacy grid layer was refused and nothing was written; `details.errors` lists each bad feature.',
  },
  'territory.legacy_layer_exists': {
    status: 409,
    description: 'A legacy layer with this name was already imported.',
  },
  'territory.legacy_layer_not_found': { status: 404, description: 'No legacy layer with this id.' },
});
