import { defineErrorCodes } from '../../platform/errors.ts';

/** The performance module's error codes. */
export const performanceErrors = defineErrorCodes('performance', {
  'performance.evidence_required': {
    status: 422,
    description: 'Fulfilment of a pledge is claimed with evidence: a text describing what was done.',
  },
  'performance.pledge_not_claimable': {
    status: 409,
    description: 'The pledge is already kept, or its claim is waiting for review.',
  },
  'performance.pledge_not_claimed': {
    status: 409,
    description: 'Only a claimed pledge can be accepted or sent back.',
  },
  'performance.not_level_above': {
    status: 403,
    description:
      'A pledge is accepted or sent back by the level above the project’s (community → subdistrict or city, subdistrict → city, city → administrator).',
  },
  'performance.unknown_reference': {
    status: 422,
    description:
      'A person, place, case, rubric or template named in the request is not one of the jurisdiction’s (`details.field`).',
  },
  'performance.not_linked': {
    status: 422,
    description: 'The leader is not linked to a community (挂点): link them first.',
  },
  'performance.report_exists': {
    status: 409,
    description: 'The community already has its report for that half year.',
  },
  'performance.invalid_scores': {
    status: 422,
    description:
      'Scores must name every criterion of the rubric, no other, and none above its maximum (`details.keys`).',
  },
  'performance.no_template': {
    status: 409,
    description: 'No assessment template for that subject yet: save one first.',
  },
  'performance.not_manual': {
    status: 422,
    description:
      'The indicator does not exist in the template or is computed by the system, not entered by hand.',
  },
});
