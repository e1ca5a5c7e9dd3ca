import { defineErrorCodes } from '../../platform/errors.ts';

/** The accountability module's error codes. */
export const accountabilityErrors = defineErrorCodes('accountability', {
  'accountability.already_reported': {
    status: 409,
    description:
      'The task already has its report for that week: one report per task per week (the week’s Monday).',
  },
  'accountability.not_a_monday': {
    status: 422,
    description: 'Weeks are named by their Monday (Asia/Shanghai): `weekOf` must be a Monday.',
  },
  'accountability.task_not_in_progress': {
    status: 409,
    description: 'The task is completed or suspended: it takes no more reports or milestone updates.',
  },
  'accountability.unknown_department': {
    status: 422,
    description:
      'A lead or cooperating unit is not a department of the jurisdiction (`details.departmentIds`).',
  },
  'accountability.unknown_place': {
    status: 422,
    description: 'The task’s place is not a place of the jurisdiction.',
  },
  'accountability.flags_published': {
    status: 409,
    description: 'The quarter’s flags are published: they can no longer be recomputed or overridden.',
  },
  'accountability.no_flags': {
    status: 409,
    description: 'No flags have been computed for that quarter yet: compute them first.',
  },
  'accountability.invalid_status_change': {
    status: 409,
    description:
      'Only a task in progress can be completed or suspended (on a day not before it starts), and only a suspended one resumed.',
  },
  'accountability.decision_done': {
    status: 409,
    description: 'The meeting decision is already done.',
  },
  'accountability.bulletin_published': {
    status: 409,
    description: 'The month’s bulletin is published: it can no longer be regenerated or edited.',
  },
});
