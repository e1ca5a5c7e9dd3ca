import { defineErrorCodes } from '../../platform/errors.ts';

/** The performance module's error codes. */
export const performanceErrors = defineErrorCodes('performance', {
  'performance.evidence_required': {
    status: 422,
    description: 'Fulfilment of a pledge is claimed with evidence: a text describing what was done.',
    zh: '申报践诺须填写践诺佐证，请说明完成情况。',
  },
  'performance.pledge_not_claimable': {
    status: 409,
    description: 'The pledge is already kept, or its claim is waiting for review.',
    zh: '该承诺已践诺，或已申报正在审核中。',
  },
  'performance.pledge_not_claimed': {
    status: 409,
    description: 'Only a claimed pledge can be accepted or sent back.',
    zh: '只有已申报践诺的承诺才能确认或退回。',
  },
  'performance.not_level_above': {
    status: 403,
    description:
      'A pledge is accepted or sent back by the level above the project’s (community → subdistrict or city, subdistrict → city, city → administrator).',
    zh: '承诺践诺须由上一级确认或退回，您暂无权操作。',
  },
  'performance.unknown_reference': {
    status: 422,
    description:
      'A person, place, case, rubric or template named in the request is not one of the jurisdiction’s (`details.field`).',
    zh: '所选内容不属于本辖区，请重新选择。',
  },
  'performance.not_linked': {
    status: 422,
    description: 'The leader is not linked to a community (挂点): link them first.',
    zh: '该领导尚未设置挂点社区，请先设置挂点联系。',
  },
  'performance.report_exists': {
    status: 409,
    description: 'The community already has its report for that half year.',
    zh: '该社区本半年度的述职报告已提交，无需重复提交。',
  },
  'performance.invalid_scores': {
    status: 422,
    description:
      'Scores must name every criterion of the rubric, no other, and none above its maximum (`details.keys`).',
    zh: '评分须覆盖全部评议项，且不能超过各项满分，请检查后重试。',
  },
  'performance.no_template': {
    status: 409,
    description: 'No assessment template for that subject yet: save one first.',
    zh: '该对象尚未设置考核模板，请先保存模板。',
  },
  'performance.not_manual': {
    status: 422,
    description:
      'The indicator does not exist in the template or is computed by the system, not entered by hand.',
    zh: '该考核指标不存在或由系统自动计算，不能手工录入。',
  },
});
