import { defineErrorCodes } from '../../platform/errors.ts';

/** The services module's error codes (幸福365: catalogue, one-window requests, appointments). */
export const servicesErrors = defineErrorCodes('services', {
  'services.slot_full': {
    status: 409,
    description: 'Every place in the slot is taken (booked = capacity); choose another slot.',
    zh: '该时段已约满，请选择其他时段。',
  },
  'services.already_booked': {
    status: 409,
    description: 'The resident already holds a booking in this slot.',
    zh: '已预约过该时段，请勿重复预约。',
  },
  'services.outside_opening_hours': {
    status: 422,
    description:
      'The slot does not lie inside one opening period of the site on that day (weekday, weekend or statutory holiday hours, extended hours included); `details.periods` lists the hours that apply.',
    zh: '所选时段不在服务场所开放时间内，请重新选择。',
  },
  'services.slot_past': {
    status: 422,
    description: 'The slot has already begun; it can no longer be booked or left.',
    zh: '该时段已开始，无法预约或取消预约。',
  },
  'services.item_not_offered': {
    status: 422,
    description: 'The item is not offered at this kind of site, or is not bookable, or is no longer active.',
    zh: '该服务事项在此处暂不提供或暂不可预约。',
  },
  'services.invalid_transition': {
    status: 409,
    description:
      'The request or appointment is not in a state that allows this step; `details.status` is its current state.',
    zh: '办件或预约的当前状态不允许此项操作，请刷新后查看。',
  },
  'services.no_resident_record': {
    status: 422,
    description:
      'A resident booking for themselves needs an account linked to a resident record; a worker must name the resident.',
    zh: '账号未关联居民信息，无法为本人预约；工作人员请指定居民。',
  },
});
