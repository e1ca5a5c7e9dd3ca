import { defineErrorCodes } from '../../platform/errors.ts';

/** The deliberation module's error codes. */
export const deliberationErrors = defineErrorCodes('deliberation', {
  'deliberation.matter_closed': {
    status: 409,
    description:
      'The matter is completed, not adopted or withdrawn (or its vote is counted): that can no longer happen.',
  },
  'deliberation.step_out_of_order': {
    status: 409,
    description:
      'Steps are completed one at a time, in the template’s order: `details.currentStep` is the step the matter is at.',
  },
  'deliberation.role_not_allowed': {
    status: 403,
    description:
      'The template does not let this role act at the matter’s current step (`details.roles` lists who may).',
  },
  'deliberation.meeting_required': {
    status: 422,
    description: 'The step is held offline: its record needs the meeting (date, place, attendance, minutes).',
  },
  'deliberation.meeting_not_allowed': {
    status: 422,
    description: 'The step is held online only: its record takes no meeting.',
  },
  'deliberation.line_closed': {
    status: 409,
    description:
      'The current step does not run on that line: no posts or comments at an offline or disclosure step, no paper ballots at an online-only vote.',
  },
  'deliberation.not_voting': {
    status: 409,
    description: 'The matter is not at its vote step: votes are taken only there.',
  },
  'deliberation.already_voted': {
    status: 409,
    description: 'This household has already voted on the matter: one vote per household.',
  },
  'deliberation.no_household': {
    status: 404,
    description:
      'The signed-in account is not linked to a resident of any household, so it has no grid to take part in.',
  },
  'deliberation.household_not_in_grid': {
    status: 422,
    description: 'The household is not in the matter’s grid, so it does not vote on it.',
  },
  'deliberation.not_a_grid': {
    status: 422,
    description: 'Matters are deliberated by a grid: the place given is not a current grid.',
  },
  'deliberation.invalid_template': {
    status: 422,
    description:
      'The template cannot be used: `details.problem` says why (one vote step; the resolution, then the result, disclosed once each, the result last).',
  },
  'deliberation.personal_data_in_notice': {
    status: 422,
    description:
      'A public disclosure may not carry a phone or ID number: the text looks like it contains one. Publish counts only.',
  },
});
