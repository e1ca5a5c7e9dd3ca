/**
 * The 12345 hotline import's fields, the headers they are found under by default, and the Chinese
 * labels of its per-row error codes, for the server and the web alike. No zod here: the web imports
 * it as `#contracts/case-import-labels.ts`.
 */

/** What the import reads from a 12345 work-order row. */
export type HotlineField =
  | 'orderNumber' // 工单编号
  | 'receivedAt' // 受理时间 / 来电时间
  | 'description' // 诉求内容
  | 'category' // 问题分类
  | 'address' // 地址
  | 'lng' // 经度
  | 'lat' // 纬度
  | 'crs' // 坐标系
  | 'callerName' // 来电人: read, never stored
  | 'callerPhone' // 联系电话: stored encrypted only
  | 'photos'; // 照片: file names of the uploaded photos

export const HOTLINE_FIELDS: readonly HotlineField[] = [
  'orderNumber',
  'receivedAt',
  'description',
  'category',
  'address',
  'lng',
  'lat',
  'crs',
  'callerName',
  'callerPhone',
  'photos',
];

export const HOTLINE_FIELD_LABELS: Record<HotlineField, string> = {
  orderNumber: '工单编号',
  receivedAt: '受理时间',
  description: '诉求内容',
  category: '问题分类',
  address: '地址',
  lng: '经度',
  lat: '纬度',
  crs: '坐标系',
  callerName: '来电人（不保存）',
  callerPhone: '联系电话（加密保存）',
  photos: '照片',
};

/** Fields every row needs; the others may be missing from the file. */
export const REQUIRED_HOTLINE_FIELDS: readonly HotlineField[] = [
  'orderNumber',
  'receivedAt',
  'description',
  'category',
  'lng',
  'lat',
];

/**
 * Headers of typical 12345 exports, per field, in order of preference (compared without spaces,
 * case and the brackets of units such as "经度(GCJ-02)"). An import may map any header instead.
 */
export const DEFAULT_HOTLINE_HEADERS: Record<HotlineField, readonly string[]> = {
  orderNumber: ['工单编号', '工单号', '编号', '受理编号', '工单流水号', '诉求编号'],
  receivedAt: ['受理时间', '来电时间', '登记时间', '派单时间', '创建时间', '接件时间'],
  description: ['诉求内容', '问题描述', '来电内容', '反映内容', '事件描述', '工单内容'],
  category: ['问题分类', '诉求分类', '事项分类', '案件类别', '问题类别', '分类'],
  address: ['地址', '事发地址', '诉求地址', '事件地址', '详细地址'],
  lng: ['经度', 'lng', 'lon', 'longitude', 'x'],
  lat: ['纬度', 'lat', 'latitude', 'y'],
  crs: ['坐标系', '坐标类型', 'crs'],
  callerName: ['来电人', '来电人姓名', '诉求人', '联系人', '姓名'],
  callerPhone: ['联系电话', '来电号码', '联系方式', '手机号码', '电话'],
  photos: ['照片', '图片', '附件', '现场照片'],
};

/** Why a row cannot be imported. */
export type HotlineRowErrorCode =
  | 'missing_column'
  | 'missing_order_number'
  | 'order_number_too_long'
  | 'duplicate_in_file'
  | 'already_imported'
  | 'missing_time'
  | 'bad_time'
  | 'missing_description'
  | 'description_too_long'
  | 'address_too_long'
  | 'missing_category'
  | 'unknown_category'
  | 'missing_coordinates'
  | 'bad_coordinates'
  | 'unknown_crs'
  | 'outside_jurisdiction'
  | 'outside_scope'
  | 'photo_missing'
  | 'photo_unsupported'
  | 'too_many_photos';

export const HOTLINE_ROW_ERROR_LABELS: Record<HotlineRowErrorCode, string> = {
  missing_column: '缺少必需的列',
  missing_order_number: '缺少工单编号',
  order_number_too_long: '工单编号过长',
  duplicate_in_file: '工单编号在文件中重复',
  already_imported: '工单已导入过',
  missing_time: '缺少受理时间',
  bad_time: '受理时间无法识别或晚于现在',
  missing_description: '缺少诉求内容',
  description_too_long: '诉求内容过长',
  address_too_long: '地址过长',
  missing_category: '缺少问题分类',
  unknown_category: '问题分类无法对应',
  missing_coordinates: '缺少坐标',
  bad_coordinates: '坐标无法识别',
  unknown_crs: '坐标系无法识别',
  outside_jurisdiction: '位置不在本辖区',
  outside_scope: '位置不在您的管辖范围',
  photo_missing: '照片文件未上传',
  photo_unsupported: '照片不是可识别的图片',
  too_many_photos: '照片过多',
};
