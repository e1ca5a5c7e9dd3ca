import { defineErrorCodes } from '../../platform/errors.ts';

/** The deliberation module's error codes. */
export const deliberationErrors = defineErrorCodes('deliberation', {
  'deliberation.matter_closed': {
    status: 409,
    description:
      'The matter is completed, not adopted or withdrawn (or its vote is counted): that can no longer happen.',
    zh: '该议题已办结、未获通过或已撤回，不能再进行此项操作。',
  },
  'deliberation.step_out_of_order': {
    status: 409,
    description:
      'Steps are completed one at a time, in the template’s order: `details.currentStep` is the step the matter is at.',
    zh: '议事须按流程逐步进行，请先完成当前环节。',
  },
  'deliberation.role_not_allowed': {
    status: 403,
    description:
      'The template does not let this role act at the matter’s current step (`details.roles` lists who may).',
    zh: '您的身份不能办理该议题的当前环节。',
  },
  'deliberation.meeting_required': {
    status: 422,
    description: 'The step is held offline: its record needs the meeting (date, place, attendance, minutes).',
    zh: '该环节为线下会议，请填写会议时间、地点、参会情况和纪要。',
  },
  'deliberation.meeting_not_allowed': {
    status: 422,
    description: 'The step is held online only: its record takes no meeting.',
    zh: '该环节仅在线上进行，无需填写会议记录。',
  },
  'deliberation.line_closed': {
    status: 409,
    description:
      'The current step does not run on that line: no posts or comments at an offline or disclosure step, no paper ballots at an online-only vote.',
    zh: '当前环节不开放此参与方式，请按议事安排参加。',
  },
  'deliberation.not_voting': {
    status: 409,
    description: 'The matter is not at its vote step: votes are taken only there.',
    zh: '该议题尚未进入表决环节，暂不能投票。',
  },
  'deliberation.already_voted': {
    status: 409,
    description: 'This household has already voted on the matter: one vote per household.',
    zh: '本户已对该议题投过票，每户只能投一票。',
  },
  'deliberation.no_household': {
    status: 404,
    description:
      'The signed-in account is not linked to a resident of any household, so it has no grid to take part in.',
    zh: '您的账号尚未关联居民户信息，暂无法参与网格议事。',
  },
  'deliberation.household_not_in_grid': {
    status: 422,
    description: 'The household is not in the matter’s grid, so it does not vote on it.',
    zh: '该户不在议题所属网格，不能参与表决。',
  },
  'deliberation.not_a_grid': {
    status: 422,
    description: 'Matters are deliberated by a grid: the place given is not a current grid.',
    zh: '议事须在网格内开展，请选择现有网格。',
  },
  'deliberation.invalid_template': {
    status: 422,
    description:
      'The template cannot be used: `details.problem` says why (one vote step; the resolution, then the result, disclosed once each, the result last).',
    zh: '议事规则设置有误，请按提示修改后保存。',
  },
  'deliberation.personal_data_in_notice': {
    status: 422,
    description:
      'A public disclosure may not carry a phone or ID number: the text looks like it contains one. Publish counts only.',
    zh: '公示内容不能包含电话号码或身份证号，请删除后再发布。',
  },
});
