import { defineErrorCodes } from '../../platform/errors.ts';

/**
 * The Open311 module’s error codes, under `georeport.` (codes name their module in lower-case letters only). On the wire they are the standard's `[{ code, description }]`
 * (code = the HTTP status, description ending with this code in brackets), in JSON or XML as asked.
 */
export const open311Errors = defineErrorCodes('georeport', {
  'georeport.invalid_api_key': {
    status: 403,
    description:
      'POST requests needs a valid `api_key` (form field, JSON field or query parameter): missing, unknown, revoked, or its account disabled. The demo key works in demo mode only.',
    zh: '接入密钥无效或已停用，请联系管理员。',
  },
  'georeport.invalid_request': {
    status: 400,
    description:
      'A parameter is missing or wrong (service_code, dates, status, description too long …); the description names it.',
    zh: '提交的信息缺失或有误，请检查后重试。',
  },
  'georeport.location_required': {
    status: 400,
    description:
      'A new request needs `lat` and `long` (WGS-84): an address_string or address_id alone cannot be placed in a grid (no geocoder).',
    zh: '请标明问题位置的经纬度，仅凭地址无法确定所属网格。',
  },
  'georeport.media_not_accepted': {
    status: 400,
    description:
      '`media_url` is not accepted: photos are taken only through the Jingzhi app, which strips their metadata. Send the request without it.',
    zh: '此渠道不接收照片，请去掉照片后提交，或改用精治App上报。',
  },
  'georeport.service_not_found': {
    status: 404,
    description: 'No public service (case category) with this service_code.',
    zh: '没有找到该问题类别，请重新选择。',
  },
  'georeport.request_not_found': {
    status: 404,
    description: 'No public service request with this id, or no request for this token.',
    zh: '没有找到该诉求，请核对后重试。',
  },
});
