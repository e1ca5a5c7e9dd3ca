import { App, Form, Input, InputNumber, Modal, Radio, Select } from 'antd';
import { useEffect, useState } from 'react';
import type { CaseDetail, CaseEventType, CaseRating, PossibleDuplicates } from '#contracts';
import { ApiError } from '../../../app/api.ts';
import { type CaseEvent, fetchPossibleDuplicates, moveCase } from '../api/cases.api.ts';
import { useCategoryCatalogue } from '../hooks/useCategoryCatalogue.ts';
import { EVENT_LABELS, RATING_LABELS } from '../labels.ts';
import { PhotoUploader } from './PhotoUploader.tsx';

/** What each move asks for besides itself (the contract's CaseEventRequest). */
const NEEDS_REASON = new Set<CaseEventType>([
  'reject',
  'merge',
  'escalate',
  'return_to_grid',
  'decline',
  'fail_verification',
  'reassign',
  'recategorise',
  'relocate',
]);
const NEEDS_PHOTOS = new Set<CaseEventType>(['resolve', 'report_back', 'verify', 'fail_verification']);
const TAKES_NOTE = new Set<CaseEventType>(['resolve', 'report_back', 'verify', 'dispatch', 'urge']);
/** Moves made with one click (after a confirmation). */
export const ONE_CLICK = new Set<CaseEventType>(['accept', 'start_handling', 'acknowledge', 'close']);

interface FormValues {
  reason?: string;
  note?: string;
  departments?: string[];
  rating?: CaseRating;
  intoCaseId?: number;
  categoryCode?: string;
  gridId?: number;
  departmentFrom?: string;
  departmentTo?: string;
  lng?: number;
  lat?: number;
}

function eventOf(type: CaseEventType, v: FormValues, photoIds: string[]): CaseEvent {
  const reason = v.reason ?? '';
  const note = v.note?.trim() ? { note: v.note.trim() } : {};
  switch (type) {
    case 'accept':
    case 'start_handling':
    case 'acknowledge':
    case 'close':
      return { type };
    case 'reject':
    case 'escalate':
    case 'return_to_grid':
    case 'decline':
      return { type, reason };
    case 'merge':
      return { type, intoCaseId: v.intoCaseId ?? 0, reason };
    case 'resolve':
    case 'report_back':
    case 'verify':
      return { type, photoIds, ...note };
    case 'fail_verification':
      return { type, photoIds, reason };
    case 'dispatch':
      return { type, departments: v.departments ?? [], ...note };
    case 'rate':
      return { type, rating: v.rating ?? 'satisfied', ...(v.note?.trim() ? { comment: v.note.trim() } : {}) };
    case 'urge':
      return { type, note: v.note ?? '' };
    case 'reassign':
      return v.gridId
        ? { type, target: { kind: 'grid', gridId: v.gridId }, reason }
        : {
            type,
            target: { kind: 'department', from: v.departmentFrom ?? '', to: v.departmentTo ?? '' },
            reason,
          };
    case 'recategorise':
      return { type, categoryCode: v.categoryCode ?? '', reason };
    case 'relocate':
      return { type, point: { lng: v.lng ?? 0, lat: v.lat ?? 0 }, reason };
    default: {
      const unknown: never = type;
      throw new RangeError(`unknown move ${String(unknown)}`);
    }
  }
}

interface MoveModalProps {
  detail: CaseDetail;
  type: CaseEventType | null;
  onClose: () => void;
  onMoved: (detail: CaseDetail) => void;
}

/** The form of one move; sent at the version shown (409 when someone moved the case first). */
export function MoveModal({ detail, type, onClose, onMoved }: MoveModalProps) {
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const [photoIds, setPhotoIds] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Loaded while the case page shows, so the responsible department is known when a move opens.
  const { catalogue } = useCategoryCatalogue();
  const responsible = catalogue?.categories.find((c) => c.code === detail.category.code)?.department.code;
  // The catalogue may arrive after the form opened: choose the responsible department then.
  useEffect(() => {
    if (type !== 'dispatch' || !responsible) return;
    const chosen = form.getFieldValue('departments') as string[] | undefined;
    if (!chosen || chosen.length === 0) form.setFieldsValue({ departments: [responsible] });
  }, [type, responsible, form]);
  if (!type) return null;
  const departmentOptions = (catalogue?.departments ?? []).map(({ code, name }) => ({
    value: code,
    label: `${name}（${code}）`,
  }));
  const categoryOptions = (catalogue?.categories ?? [])
    .filter((c) => c.active && c.code !== detail.category.code)
    .map((c) => ({ value: c.code, label: `${c.majorName} / ${c.name}（${c.code}）` }));

  const submit = async () => {
    const values = await form.validateFields();
    if (NEEDS_PHOTOS.has(type) && photoIds.length === 0) {
      setError('请上传至少一张照片');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const moved = await moveCase(detail.id, detail.version, eventOf(type, values, photoIds));
      message.success(`${EVENT_LABELS[type]}：已完成`);
      onMoved(moved);
    } catch (caught) {
      setError(
        caught instanceof ApiError
          ? caught.code === 'cases.conflict'
            ? '案件已被他人处理，请刷新后重试'
            : `${caught.message}（${caught.code}）`
          : String(caught),
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={`${EVENT_LABELS[type]} · ${detail.category.name}`}
      okText={EVENT_LABELS[type]}
      cancelText="取消"
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={busy}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'case-move-submit' }}
    >
      <Form<FormValues>
        form={form}
        layout="vertical"
        data-testid={`case-move-form-${type}`}
        initialValues={{
          departments: type === 'dispatch' && responsible ? [responsible] : [],
          rating: 'satisfied',
        }}
      >
        {ONE_CLICK.has(type) ? <p>确认对此案件执行“{EVENT_LABELS[type]}”？</p> : null}
        {type === 'dispatch' ? (
          <Form.Item
            name="departments"
            label="派遣部门（权责清单默认责任部门已选）"
            rules={[{ required: true, message: '请选择部门' }]}
          >
            <Select mode="multiple" options={departmentOptions} data-testid="case-move-departments" />
          </Form.Item>
        ) : null}
        {type === 'rate' ? (
          <Form.Item name="rating" label="评价">
            <Radio.Group
              options={(['satisfied', 'basically_satisfied', 'dissatisfied'] as const).map((value) => ({
                value,
                label: RATING_LABELS[value],
              }))}
            />
          </Form.Item>
        ) : null}
        {type === 'merge' ? (
          <>
            <MergeTargetPicker detail={detail} onPick={(id) => form.setFieldValue('intoCaseId', id)} />
            <Form.Item
              name="intoCaseId"
              label="并入案件编号"
              extra="原案件的上报人和关注人将转为关注并入的案件，并收到通知。"
              rules={[{ required: true, message: '请输入案件编号' }]}
            >
              <InputNumber min={1} style={{ width: '100%' }} data-testid="case-move-into" />
            </Form.Item>
          </>
        ) : null}
        {type === 'recategorise' ? (
          <Form.Item name="categoryCode" label="新类别" rules={[{ required: true, message: '请选择新类别' }]}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              options={categoryOptions}
              placeholder="输入名称或代码查找"
              data-testid="case-move-category"
            />
          </Form.Item>
        ) : null}
        {type === 'reassign' ? (
          <>
            <Form.Item name="gridId" label="改派至网格（编号）">
              <InputNumber min={1} style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item label="或替换部门">
              <Form.Item name="departmentFrom" noStyle>
                <Select
                  allowClear
                  placeholder="原部门"
                  style={{ width: '48%' }}
                  options={detail.departments
                    .filter((d) => d.current)
                    .map((d) => ({ value: d.code, label: d.name }))}
                />
              </Form.Item>{' '}
              <Form.Item name="departmentTo" noStyle>
                <Select
                  allowClear
                  placeholder="新部门"
                  style={{ width: '48%' }}
                  options={departmentOptions}
                />
              </Form.Item>
            </Form.Item>
          </>
        ) : null}
        {type === 'relocate' ? (
          <Form.Item label="新位置（WGS-84）" required>
            <Form.Item name="lng" noStyle rules={[{ required: true }]}>
              <InputNumber placeholder="经度" style={{ width: '48%' }} step={0.0001} />
            </Form.Item>{' '}
            <Form.Item name="lat" noStyle rules={[{ required: true }]}>
              <InputNumber placeholder="纬度" style={{ width: '48%' }} step={0.0001} />
            </Form.Item>
          </Form.Item>
        ) : null}
        {NEEDS_PHOTOS.has(type) ? (
          <Form.Item
            label={type === 'verify' || type === 'fail_verification' ? '核查照片' : '处置照片'}
            required
          >
            <PhotoUploader onChange={setPhotoIds} testId="case-move-photos" />
          </Form.Item>
        ) : null}
        {NEEDS_REASON.has(type) ? (
          <Form.Item
            name="reason"
            label={type === 'escalate' ? '上报原因（为何网格无法解决）' : '原因'}
            rules={[{ required: true, whitespace: true, message: '请填写原因' }]}
          >
            <Input.TextArea rows={3} maxLength={500} showCount data-testid="case-move-reason" />
          </Form.Item>
        ) : null}
        {TAKES_NOTE.has(type) || type === 'rate' ? (
          <Form.Item
            name="note"
            label={type === 'urge' ? '督办意见' : type === 'rate' ? '评价意见（选填）' : '说明（选填）'}
            rules={type === 'urge' ? [{ required: true, whitespace: true, message: '请填写督办意见' }] : []}
          >
            <Input.TextArea rows={2} maxLength={1000} data-testid="case-move-note" />
          </Form.Item>
        ) : null}
        {error ? (
          <p className="jz-error-text" role="alert" data-testid="case-move-error">
            {error}
          </p>
        ) : null}
      </Form>
    </Modal>
  );
}

/** Possible duplicates of this case (same category, near, recent, open): the usual targets of a merge. */
function MergeTargetPicker({ detail, onPick }: { detail: CaseDetail; onPick: (caseId: number) => void }) {
  const [found, setFound] = useState<PossibleDuplicates | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    fetchPossibleDuplicates(
      {
        categoryCode: detail.category.code,
        lng: detail.point.lng,
        lat: detail.point.lat,
        excludeCaseId: detail.id,
      },
      controller.signal,
    ).then(setFound, () => undefined);
    return () => controller.abort();
  }, [detail.category.code, detail.point.lng, detail.point.lat, detail.id]);
  if (!found) return null;
  return (
    <Form.Item
      label={`附近同类案件（${found.radiusM} 米内、${found.windowDays} 天内上报）`}
      help={found.cases.length === 0 ? '附近没有同类的在办案件，可直接输入案件编号。' : undefined}
    >
      <Select
        placeholder="选择要并入的案件"
        disabled={found.cases.length === 0}
        onChange={(id: number) => onPick(id)}
        data-testid="case-move-merge-candidates"
        options={found.cases.map((c) => ({
          value: c.id,
          label: `案件 ${c.id} · ${c.statusLabel} · 距 ${c.distanceM} 米 · ${c.description}`,
        }))}
      />
    </Form.Item>
  );
}
