import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  AutoComplete,
  Button,
  Card,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Segmented,
  Select,
  Space,
  Switch,
  Table,
  type TableColumnsType,
  Tag,
} from 'antd';
import { useMemo, useState } from 'react';
import type {
  CaseCategory,
  CaseCategoryCatalogue,
  CaseStep,
  CategoryKind,
  StepLimit,
  StepLimits,
  TimeUnit,
} from '#contracts';
import { CATEGORY_KIND_LABELS, TIME_UNIT_LABELS } from '#contracts/case-labels.ts';
import { categoryLimits } from '#contracts/limits.ts';
import { ApiError } from '../../../app/api.ts';
import { ErrorState } from '../../../ui/ErrorState.tsx';
import { createCategory, deleteCategory, updateCategory } from '../api/categories.api.ts';
import {
  groupByMajor,
  refreshCategoryCatalogue,
  useCategoryCatalogue,
} from '../hooks/useCategoryCatalogue.ts';
import { STEP_LABELS } from '../labels.ts';

/**
 * 案件分类与权责清单: the jurisdiction's categories with their departments, time limits per step,
 * urgency, duplicate radius and whether they take new reports; administrators add and change them
 * (the server checks each change against the catalogue's rules and audits it).
 */

const STEPS: readonly CaseStep[] = [
  'accept',
  'grid_handle',
  'community_response',
  'subdistrict_response',
  'acknowledge',
  'department_handle',
  'verify',
  'rate',
];
const UNITS: readonly TimeUnit[] = ['urgent_hour', 'work_hour', 'work_day', 'natural_day'];
const isHours = (unit: TimeUnit) => unit === 'urgent_hour' || unit === 'work_hour';

/** "10 分钟（紧急）", "6 小时（紧急）", "1 工作时", "3 工作日". */
export function formatLimit(limit: StepLimit): string {
  if (limit.unit === 'urgent_hour') {
    const text = limit.amount < 1 ? `${Math.round(limit.amount * 60)} 分钟` : `${limit.amount} 小时`;
    return `${text}（紧急）`;
  }
  if (limit.unit === 'work_hour' && limit.amount < 1)
    return `${Math.round(limit.amount * 60)} 分钟（工作时）`;
  const amount = Number.isInteger(limit.amount) ? limit.amount : Number(limit.amount.toFixed(2));
  return `${amount} ${TIME_UNIT_LABELS[limit.unit]}`;
}

/** A limit in the form: hour units as whole minutes (so 10/60 h survives the round trip), days as days. */
interface LimitField {
  value: number;
  unit: TimeUnit;
}
const toField = (limit: StepLimit): LimitField => ({
  value: isHours(limit.unit) ? Math.round(limit.amount * 60) : limit.amount,
  unit: limit.unit,
});
const fromField = (field: LimitField): StepLimit => ({
  amount: isHours(field.unit) ? field.value / 60 : field.value,
  unit: field.unit,
});

interface FormValues {
  code: string;
  name: string;
  majorCode: string;
  majorName?: string;
  kind?: CategoryKind;
  departmentCode: string;
  urgent: boolean;
  duplicateRadiusM: number;
  limits: Record<CaseStep, LimitField>;
}

type Editing = { mode: 'create'; template: CaseCategory | null } | { mode: 'edit'; category: CaseCategory };

export function CategoryAdmin() {
  const { message } = App.useApp();
  const { catalogue, error } = useCategoryCatalogue();
  const [kind, setKind] = useState<CategoryKind | 'all'>('all');
  const [text, setText] = useState('');
  const [showInactive, setShowInactive] = useState(true);
  const [editing, setEditing] = useState<Editing | null>(null);

  const rows = useMemo(() => {
    const needle = text.trim();
    return (catalogue?.categories ?? []).filter(
      (c) =>
        (kind === 'all' || c.kind === kind) &&
        (showInactive || c.active) &&
        (!needle || c.code.includes(needle) || c.name.includes(needle) || c.majorName.includes(needle)),
    );
  }, [catalogue, kind, text, showInactive]);

  const setActive = async (category: CaseCategory, active: boolean) => {
    try {
      await updateCategory(category.code, { active });
      await refreshCategoryCatalogue();
      message.success(`${category.name}：已${active ? '启用' : '停用'}`);
    } catch (caught) {
      message.error(errorText(caught));
    }
  };
  const remove = async (category: CaseCategory) => {
    try {
      await deleteCategory(category.code);
      await refreshCategoryCatalogue();
      message.success(`${category.name}：已删除`);
    } catch (caught) {
      message.error(errorText(caught));
    }
  };

  const columns: TableColumnsType<CaseCategory> = [
    {
      title: '代码',
      dataIndex: 'code',
      width: 76,
      render: (code: string) => <span className="jz-code">{code}</span>,
    },
    {
      title: '小类 / 大类',
      dataIndex: 'name',
      width: 180,
      render: (name: string, c) => (
        <div>
          <Space size={4} wrap>
            <span>{name}</span>
            {c.urgent ? <Tag color="red">紧急</Tag> : null}
            {c.active ? null : <Tag>已停用</Tag>}
          </Space>
          <div className="jz-muted jz-small">
            {c.majorName} · {CATEGORY_KIND_LABELS[c.kind]}
          </div>
        </div>
      ),
    },
    {
      title: '责任部门',
      dataIndex: ['department', 'code'],
      width: 140,
      render: (_: string, c) => c.department.name ?? <Tag color="orange">{c.department.code}（未设）</Tag>,
    },
    { title: '受理', width: 124, render: (_, c) => formatLimit(c.limits.accept) },
    { title: '网格处置', width: 110, render: (_, c) => formatLimit(c.limits.grid_handle) },
    { title: '部门报到', width: 124, render: (_, c) => formatLimit(c.limits.acknowledge) },
    { title: '查重半径', dataIndex: 'duplicateRadiusM', width: 80, render: (m: number) => `${m} 米` },
    {
      title: '案件数',
      dataIndex: 'caseCount',
      width: 70,
      align: 'right',
      render: (n: number | null) => n ?? '—',
    },
    {
      title: '操作',
      width: 140,
      render: (_, c) => (
        <Space size={0}>
          <Button
            type="link"
            size="small"
            onClick={() => setEditing({ mode: 'edit', category: c })}
            data-testid={`category-edit-${c.code}`}
          >
            编辑
          </Button>
          <Button type="link" size="small" onClick={() => void setActive(c, !c.active)}>
            {c.active ? '停用' : '启用'}
          </Button>
          {c.caseCount === 0 ? (
            <Popconfirm title={`删除“${c.name}”？尚无案件使用它。`} onConfirm={() => void remove(c)}>
              <Button type="link" size="small" danger>
                删除
              </Button>
            </Popconfirm>
          ) : null}
        </Space>
      ),
    },
  ];

  return (
    <Card
      title="案件分类与权责清单"
      data-testid="category-admin"
      extra={
        <Space wrap>
          <Button
            icon={<ReloadOutlined />}
            onClick={() => void refreshCategoryCatalogue()}
            aria-label="刷新"
          />
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setEditing({ mode: 'create', template: rows[0] ?? null })}
            data-testid="category-create"
          >
            新增小类
          </Button>
        </Space>
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <Segmented<CategoryKind | 'all'>
          value={kind}
          onChange={setKind}
          options={[
            { value: 'all', label: '全部' },
            ...(['event', 'component', 'grid_work'] as const).map((value) => ({
              value,
              label: CATEGORY_KIND_LABELS[value],
            })),
          ]}
        />
        <Input.Search
          allowClear
          placeholder="代码或名称"
          style={{ width: 220 }}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <Space size={6}>
          <Switch size="small" checked={showInactive} onChange={setShowInactive} />
          <span>显示已停用</span>
        </Space>
        <span className="jz-muted jz-small">
          共 {catalogue?.categories.length ?? 0} 个小类，{groupByMajor(catalogue).length}{' '}
          个大类。时限修改只对修改后开始计时的环节生效。
        </span>
      </Space>
      {error ? <ErrorState error={error} onRetry={() => void refreshCategoryCatalogue()} /> : null}
      <Table<CaseCategory>
        rowKey="code"
        size="small"
        columns={columns}
        dataSource={rows}
        loading={!catalogue && !error}
        pagination={{ pageSize: 15, showSizeChanger: false, showTotal: (total) => `${total} 项` }}
        scroll={{ x: 1000 }}
        data-testid="category-table"
        rowClassName={(c) => (c.active ? '' : 'jz-muted')}
      />
      {editing && catalogue ? (
        <CategoryForm
          editing={editing}
          catalogue={catalogue}
          onClose={() => setEditing(null)}
          onSaved={async (saved) => {
            setEditing(null);
            await refreshCategoryCatalogue();
            message.success(`${saved.name}：已保存`);
          }}
        />
      ) : null}
    </Card>
  );
}

function errorText(error: unknown): string {
  if (error instanceof ApiError) {
    const problems = (error.details as { problems?: string[] } | undefined)?.problems;
    return problems?.length ? problems.join('；') : `${error.message}（${error.code}）`;
  }
  return error instanceof Error ? error.message : String(error);
}

function CategoryForm({
  editing,
  catalogue,
  onClose,
  onSaved,
}: {
  editing: Editing;
  catalogue: CaseCategoryCatalogue;
  onClose: () => void;
  onSaved: (saved: CaseCategory) => Promise<void>;
}) {
  const [form] = Form.useForm<FormValues>();
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<string[]>([]);
  const majors = groupByMajor(catalogue);
  const base = editing.mode === 'edit' ? editing.category : editing.template;
  const majorCode = Form.useWatch('majorCode', form);
  const newMajor =
    editing.mode === 'create' && majorCode !== undefined && !majors.some((m) => m.code === majorCode);

  const initialValues: Partial<FormValues> = {
    code: editing.mode === 'edit' ? editing.category.code : '',
    name: editing.mode === 'edit' ? editing.category.name : '',
    majorCode: base?.majorCode,
    departmentCode: base?.department.code,
    urgent: base?.urgent ?? false,
    duplicateRadiusM: base?.duplicateRadiusM ?? 30,
    limits: Object.fromEntries(
      STEPS.map((step) => [step, base ? toField(base.limits[step]) : { value: 1, unit: 'work_day' }]),
    ) as Record<CaseStep, LimitField>,
  };

  const submit = async () => {
    const values = await form.validateFields();
    const limits = Object.fromEntries(
      STEPS.map((step) => [step, fromField(values.limits[step])]),
    ) as StepLimits;
    setBusy(true);
    setProblems([]);
    try {
      if (editing.mode === 'create') {
        const created = await createCategory({
          code: values.code.trim(),
          name: values.name.trim(),
          majorCode: values.majorCode.trim(),
          ...(newMajor ? { majorName: values.majorName?.trim(), kind: values.kind } : {}),
          departmentCode: values.departmentCode,
          urgent: values.urgent,
          limits,
          duplicateRadiusM: values.duplicateRadiusM,
        });
        await onSaved(created);
      } else {
        const original = editing.category;
        // Only the steps that changed: the others keep their stored amounts exactly.
        const changedLimits = Object.fromEntries(
          STEPS.filter((step) => {
            const field = values.limits[step];
            const before = toField(original.limits[step]);
            return field.value !== before.value || field.unit !== before.unit;
          }).map((step) => [step, limits[step]]),
        );
        const updated = await updateCategory(original.code, {
          ...(values.name.trim() !== original.name ? { name: values.name.trim() } : {}),
          ...(values.departmentCode !== original.department.code
            ? { departmentCode: values.departmentCode }
            : {}),
          ...(values.urgent !== original.urgent ? { urgent: values.urgent } : {}),
          ...(values.duplicateRadiusM !== original.duplicateRadiusM
            ? { duplicateRadiusM: values.duplicateRadiusM }
            : {}),
          ...(Object.keys(changedLimits).length > 0 ? { limits: changedLimits } : {}),
        });
        await onSaved(updated);
      }
    } catch (caught) {
      const listed =
        caught instanceof ApiError
          ? (caught.details as { problems?: string[] } | undefined)?.problems
          : undefined;
      setProblems(listed?.length ? listed : [errorText(caught)]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      width={720}
      title={
        editing.mode === 'edit' ? `编辑小类 ${editing.category.code} ${editing.category.name}` : '新增小类'
      }
      okText="保存"
      cancelText="取消"
      confirmLoading={busy}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'category-save' }}
    >
      <Form<FormValues>
        form={form}
        layout="vertical"
        initialValues={initialValues}
        data-testid="category-form"
      >
        <Space align="start" wrap>
          <Form.Item
            name="majorCode"
            label="大类"
            rules={[{ required: true, message: '请选择大类' }]}
            style={{ width: 220 }}
          >
            <AutoComplete
              disabled={editing.mode === 'edit'}
              options={majors.map((m) => ({ value: m.code, label: `${m.name}（${m.code}）` }))}
              filterOption={(input, option) =>
                String(option?.label ?? '').includes(input) || String(option?.value ?? '').startsWith(input)
              }
              placeholder="选择，或输入新大类代码"
            />
          </Form.Item>
          <Form.Item
            name="code"
            label="小类代码（以大类代码开头）"
            rules={[
              { required: true, message: '请输入代码' },
              { pattern: /^[0-9A-Z]{2,20}$/, message: '数字和大写字母，2–20 位' },
            ]}
            style={{ width: 200 }}
          >
            <Input disabled={editing.mode === 'edit'} maxLength={categoryLimits.maxCodeLength} />
          </Form.Item>
          <Form.Item
            name="name"
            label="小类名称"
            rules={[{ required: true, whitespace: true, message: '请输入名称' }]}
            style={{ width: 220 }}
          >
            <Input maxLength={categoryLimits.maxNameLength} />
          </Form.Item>
        </Space>
        {newMajor ? (
          <Space align="start" wrap>
            <Form.Item
              name="majorName"
              label="新大类名称"
              rules={[{ required: true }]}
              style={{ width: 220 }}
            >
              <Input maxLength={categoryLimits.maxNameLength} />
            </Form.Item>
            <Form.Item name="kind" label="类型" rules={[{ required: true }]} style={{ width: 160 }}>
              <Select
                options={(['event', 'component', 'grid_work'] as const).map((value) => ({
                  value,
                  label: CATEGORY_KIND_LABELS[value],
                }))}
              />
            </Form.Item>
          </Space>
        ) : null}
        <Space align="start" wrap>
          <Form.Item
            name="departmentCode"
            label="责任部门（上报后派遣）"
            rules={[{ required: true, message: '请选择部门' }]}
            style={{ width: 300 }}
          >
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              options={catalogue.departments.map((d) => ({ value: d.code, label: `${d.name}（${d.code}）` }))}
            />
          </Form.Item>
          <Form.Item name="urgent" label="紧急类（按紧急工作时连续计时）" valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item name="duplicateRadiusM" label="查重半径（米）" rules={[{ required: true }]}>
            <InputNumber min={1} max={categoryLimits.maxDuplicateRadiusM} precision={0} />
          </Form.Item>
        </Space>
        <div className="jz-small jz-muted" style={{ marginBottom: 8 }}>
          各环节时限：小时类单位按分钟填写，日类单位按天填写。紧急类的网格处置须用“紧急工作时”。
        </div>
        <table className="jz-limit-table">
          <tbody>
            {STEPS.map((step) => (
              <tr key={step}>
                <th>{STEP_LABELS[step]}</th>
                <td>
                  <Form.Item name={['limits', step, 'value']} noStyle rules={[{ required: true }]}>
                    <InputNumber
                      min={1}
                      precision={0}
                      style={{ width: 110 }}
                      data-testid={`category-limit-${step}`}
                    />
                  </Form.Item>
                </td>
                <td>
                  <Form.Item noStyle shouldUpdate>
                    {() => (
                      <span className="jz-muted jz-small">
                        {isHours(form.getFieldValue(['limits', step, 'unit']) ?? 'work_day') ? '分钟' : '天'}
                      </span>
                    )}
                  </Form.Item>
                </td>
                <td>
                  <Form.Item name={['limits', step, 'unit']} noStyle>
                    <Select
                      style={{ width: 140 }}
                      options={UNITS.map((unit) => ({ value: unit, label: TIME_UNIT_LABELS[unit] }))}
                    />
                  </Form.Item>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {problems.length > 0 ? (
          <Alert
            type="error"
            showIcon
            style={{ marginTop: 12 }}
            title="未保存：与分类规则不符"
            description={
              <ul style={{ margin: 0, paddingLeft: 18 }}>
                {problems.map((problem) => (
                  <li key={problem}>{problem}</li>
                ))}
              </ul>
            }
            data-testid="category-problems"
          />
        ) : null}
      </Form>
    </Modal>
  );
}
