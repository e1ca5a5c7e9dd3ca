import { defineErrorCodes } from '../../platform/errors.ts';

/** The people module's error codes. Messages never carry a phone or ID number. */
export const peopleErrors = defineErrorCodes('people', {
  'people.invalid_id_number': {
    status: 422,
    description:
      'The resident ID number is not a valid 18-character number (GB 11643): `details.problem` says whether its length, format, region, birth date or check digit is wrong.',
    zh: '身份证号码有误，请核对后重新填写。',
  },
  'people.invalid_posting_place': {
    status: 422,
    description:
      'A staff member cannot be posted there: the place is retired, or not of a level their kind is posted to (a community worker to a grid, 定岗网格); `details.allowedLevels` lists the levels.',
    zh: '所选地点已撤销或不适合该人员的岗位，请重新选择。',
  },
  'people.invalid_posting_date': {
    status: 422,
    description: 'A new posting cannot start before the current one did.',
    zh: '新岗位的开始日期不能早于当前岗位的开始日期。',
  },
  'people.no_resident_record': {
    status: 404,
    description:
      'The signed-in account is not linked to any resident record, so there is nothing of its own to show.',
    zh: '您的账号尚未关联居民信息，暂无个人信息可查看。',
  },
});
