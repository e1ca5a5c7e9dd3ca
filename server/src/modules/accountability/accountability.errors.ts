import { defineErrorCodes } from '../../platform/errors.ts';

/** The accountability module's error codes. */
export const accountabilityErrors = defineErrorCodes('accountability', {
  'accountability.already_reported': {
    status: 409,
    description:
      'The task already has its report for that week: one report per task per week (the week’s Monday).',
    zh: '该任务本周已报送进展，每周只能报送一次。',
  },
  'accountability.not_a_monday': {
    status: 422,
    description: 'Weeks are named by their Monday (Asia/Shanghai): `weekOf` must be a Monday.',
    zh: '报送按周进行，请选择该周的周一。',
  },
  'accountability.task_not_in_progress': {
    status: 409,
    description: 'The task is completed or suspended: it takes no more reports or milestone updates.',
    zh: '该任务已完成或已暂停，不能再报送进展或更新节点。',
  },
  'accountability.unknown_department': {
    status: 422,
    description:
      'A lead or cooperating unit is not a department of the jurisdiction (`details.departmentIds`).',
    zh: '所选牵头或配合单位不是本辖区部门，请重新选择。',
  },
  'accountability.unknown_place': {
    status: 422,
    description: 'The task’s place is not a place of the jurisdiction.',
    zh: '所选地点不在本辖区内，请重新选择。',
  },
  'accountability.flags_published': {
    status: 409,
    description: 'The quarter’s flags are published: they can no longer be recomputed or overridden.',
    zh: '本季度挂牌已发布，不能再重新计算或调整。',
  },
  'accountability.no_flags': {
    status: 409,
    description: 'No flags have been computed for that quarter yet: compute them first.',
    zh: '该季度尚未生成挂牌结果，请先进行计算。',
  },
  'accountability.invalid_status_change': {
    status: 409,
    description:
      'Only a task in progress can be completed or suspended (on a day not before it starts), and only a suspended one resumed.',
    zh: '只有推进中的任务可完成或暂停，只有暂停的任务可恢复推进。',
  },
  'accountability.decision_done': {
    status: 409,
    description: 'The meeting decision is already done.',
    zh: '该议定事项已办结，无需重复操作。',
  },
  'accountability.bulletin_published': {
    status: 409,
    description: 'The month’s bulletin is published: it can no longer be regenerated or edited.',
    zh: '本月通报已发布，不能再重新生成或修改。',
  },
});
