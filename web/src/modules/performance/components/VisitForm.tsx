import { DeleteOutlined, EnvironmentOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Button,
  Card,
  Drawer,
  Form,
  Input,
  InputNumber,
  message,
  Segmented,
  Select,
  Space,
  Switch,
  Typography,
} from 'antd';
import { useState } from 'react';
import { performanceLimits } from '#contracts/limits.ts';
import type { LiaisonCompliance, VisitCreate } from '#contracts/performance.ts';
import { ApiError } from '../../../app/api.ts';
import { useAuth } from '../../../app/auth.tsx';
import { useAsync } from '../../../ui/useAsync.ts';
import { useIsMobile } from '../../../ui/useMediaQuery.ts';
import { fetchCategories, logVisit } from '../api/performance.api.ts';
import { shanghaiToday } from '../labels.ts';

type Liaison = LiaisonCompliance['liaisons'][number];
type CaseLink = 'none' | 'existing' | 'new';

interface ProblemValues {
  description?: string;
  solved?: boolean;
  link?: CaseLink;
  caseId?: number | null;
  categoryCode?: string;
  lng?: number | null;
  lat?: number | null;
}

interface VisitValues {
  staffMemberId?: number;
  visitedOn?: string;
  peopleMet?: string;
  notes?: string;
  problems?: ProblemValues[];
}

/** The form's values as the API's body: each problem solved or not, linked to a case or not. */
function toVisitCreate(values: VisitValues): VisitCreate {
  return {
    staffMemberId: values.staffMemberId as number,
    visitedOn: values.visitedOn as string,
    peopleMet: values.peopleMet ?? '',
    notes: values.notes ?? '',
    problems: (values.problems ?? []).map((p) => ({
      description: p.description ?? '',
      solved: p.solved ?? false,
      ...(p.link === 'existing' && p.caseId ? { caseId: p.caseId } : {}),
      ...(p.link === 'new' && p.categoryCode
        ? { newCase: { categoryCode: p.categoryCode, point: { lng: p.lng ?? 0, lat: p.lat ?? 0 } } }
        : {}),
    })),
  };
}

/**
 * 记录走访: a leader logs a visit to their community from the phone — the date, the people met, the
 * problems found (each solved on the spot or not; linked to an existing case of the community, or
 * reported as a new case where the account may report one) and notes.
 */
export function VisitForm({
  open,
  liaisons,
  onClose,
  onLogged,
}: {
  open: boolean;
  /** The links the viewer may log a visit for: their own, or every one for an administrator. */
  liaisons: Liaison[];
  onClose: () => void;
  onLogged: () => void;
}) {
  const { can } = useAuth();
  const isMobile = useIsMobile();
  const mayReport = can('cases.report');
  const [form] = Form.useForm<VisitValues>();
  const [saving, setSaving] = useState(false);
  const categories = useAsync(open && mayReport ? 'case-categories' : null, (signal) =>
    fetchCategories(signal),
  );
  const categoryOptions = (categories.data?.categories ?? [])
    .filter((c) => c.active)
    .map((c) => ({ value: c.code, label: `${c.majorName} / ${c.name}` }));
  const staffMemberId = Form.useWatch('staffMemberId', form);
  const community = liaisons.find((l) => l.staffMemberId === staffMemberId)?.communityName;

  const submit = async (values: VisitValues) => {
    setSaving(true);
    try {
      const visit = await logVisit(toVisitCreate(values));
      const linked = visit.problems.filter((p) => p.caseTrackingCode).length;
      void message.success(linked > 0 ? `走访已记录，关联案件 ${linked} 件` : '走访已记录');
      form.resetFields();
      onClose();
      onLogged();
    } catch (error) {
      void message.error(error instanceof ApiError ? error.message : String(error));
    } finally {
      setSaving(false);
    }
  };

  const locate = (index: number) => {
    if (!navigator.geolocation) {
      void message.warning('此设备无法定位，请手动填写经纬度');
      return;
    }
    navigator.geolocation.getCurrentPosition(
      (position) => {
        const problems = [...(form.getFieldValue('problems') ?? [])] as ProblemValues[];
        problems[index] = {
          ...problems[index],
          lng: Number(position.coords.longitude.toFixed(6)),
          lat: Number(position.coords.latitude.toFixed(6)),
        };
        form.setFieldValue('problems', problems);
      },
      () => void message.warning('定位失败，请手动填写经纬度'),
      { enableHighAccuracy: true, timeout: 10_000 },
    );
  };

  const linkOptions = [
    { label: '不关联', value: 'none' },
    { label: '关联已有案件', value: 'existing' },
    ...(mayReport ? [{ label: '新建案件', value: 'new' }] : []),
  ];

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title="记录走访"
      placement={isMobile ? 'bottom' : 'right'}
      size="large"
      height={isMobile ? '92%' : undefined}
      destroyOnHidden
      styles={{ body: { padding: isMobile ? 12 : 24 } }}
      footer={
        <Space style={{ width: '100%', justifyContent: 'flex-end' }}>
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" loading={saving} onClick={() => form.submit()} data-testid="visit-submit">
            保存走访
          </Button>
        </Space>
      }
    >
      <Form<VisitValues>
        form={form}
        layout="vertical"
        onFinish={(v) => void submit(v)}
        initialValues={{
          staffMemberId: liaisons.length === 1 ? liaisons[0]?.staffMemberId : undefined,
          visitedOn: shanghaiToday(),
          problems: [],
        }}
      >
        <Form.Item
          name="staffMemberId"
          label="挂点领导"
          rules={[{ required: true, message: '请选择挂点领导' }]}
          extra={community ? `联系社区：${community}` : undefined}
        >
          <Select
            showSearch
            optionFilterProp="label"
            placeholder="选择挂点领导"
            options={liaisons.map((l) => ({
              value: l.staffMemberId,
              label: `${l.staffName}（${l.communityName}）`,
            }))}
          />
        </Form.Item>
        <Form.Item
          name="visitedOn"
          label="走访日期"
          rules={[
            { required: true, message: '请填写走访日期' },
            {
              validator: (_, v: string | undefined) =>
                v && v > shanghaiToday() ? Promise.reject(new Error('不能晚于今天')) : Promise.resolve(),
            },
          ]}
        >
          <Input type="date" max={shanghaiToday()} />
        </Form.Item>
        <Form.Item
          name="peopleMet"
          label="见面人员"
          rules={[{ required: true, whitespace: true, message: '请填写见面人员' }]}
        >
          <Input.TextArea
            autoSize={{ minRows: 2, maxRows: 4 }}
            placeholder="如：社区书记、网格员、居民代表"
          />
        </Form.Item>

        <Typography.Text strong>发现问题</Typography.Text>
        <Form.List name="problems">
          {(fields, { add, remove }) => (
            <Space direction="vertical" style={{ width: '100%', marginTop: 8 }} size={12}>
              {fields.map((field, index) => (
                <Card
                  key={field.key}
                  size="small"
                  title={`问题 ${index + 1}`}
                  extra={
                    <Button
                      type="text"
                      danger
                      icon={<DeleteOutlined />}
                      onClick={() => remove(field.name)}
                      aria-label={`删除问题 ${index + 1}`}
                    />
                  }
                >
                  <Form.Item
                    name={[field.name, 'description']}
                    rules={[{ required: true, whitespace: true, message: '请描述问题' }]}
                    style={{ marginBottom: 12 }}
                  >
                    <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} placeholder="问题描述" />
                  </Form.Item>
                  <Space style={{ marginBottom: 12 }}>
                    <Form.Item name={[field.name, 'solved']} valuePropName="checked" noStyle>
                      <Switch aria-label="已现场解决" />
                    </Form.Item>
                    <span>已现场解决</span>
                  </Space>
                  <Form.Item name={[field.name, 'link']} style={{ marginBottom: 12 }}>
                    <Segmented block options={linkOptions} />
                  </Form.Item>
                  <Form.Item noStyle dependencies={[['problems', field.name, 'link']]}>
                    {() => {
                      const link = form.getFieldValue(['problems', field.name, 'link']) as CaseLink;
                      if (link === 'existing') {
                        return (
                          <Form.Item
                            name={[field.name, 'caseId']}
                            label="案件 ID（本社区的案件）"
                            rules={[{ required: true, message: '请填写案件 ID' }]}
                            style={{ marginBottom: 0 }}
                          >
                            <InputNumber
                              min={1}
                              precision={0}
                              style={{ width: '100%' }}
                              inputMode="numeric"
                            />
                          </Form.Item>
                        );
                      }
                      if (link === 'new') {
                        return (
                          <>
                            <Form.Item
                              name={[field.name, 'categoryCode']}
                              label="案件类别"
                              rules={[{ required: true, message: '请选择类别' }]}
                              style={{ marginBottom: 12 }}
                            >
                              <Select
                                showSearch
                                optionFilterProp="label"
                                loading={categories.loading}
                                options={categoryOptions}
                                placeholder="选择类别"
                              />
                            </Form.Item>
                            <Form.Item label="问题位置" required style={{ marginBottom: 0 }}>
                              <Space.Compact style={{ width: '100%' }}>
                                <Form.Item
                                  name={[field.name, 'lng']}
                                  noStyle
                                  rules={[{ required: true, message: '请填写经度' }]}
                                >
                                  <InputNumber
                                    placeholder="经度"
                                    min={-180}
                                    max={180}
                                    step={0.0001}
                                    style={{ width: '40%' }}
                                  />
                                </Form.Item>
                                <Form.Item
                                  name={[field.name, 'lat']}
                                  noStyle
                                  rules={[{ required: true, message: '请填写纬度' }]}
                                >
                                  <InputNumber
                                    placeholder="纬度"
                                    min={-90}
                                    max={90}
                                    step={0.0001}
                                    style={{ width: '40%' }}
                                  />
                                </Form.Item>
                                <Button
                                  icon={<EnvironmentOutlined />}
                                  onClick={() => locate(field.name)}
                                  style={{ width: '20%' }}
                                  aria-label="使用当前位置"
                                >
                                  {isMobile ? null : '定位'}
                                </Button>
                              </Space.Compact>
                            </Form.Item>
                          </>
                        );
                      }
                      return null;
                    }}
                  </Form.Item>
                </Card>
              ))}
              <Button
                type="dashed"
                block
                icon={<PlusOutlined />}
                onClick={() => add({ solved: false, link: 'none' })}
                disabled={fields.length >= performanceLimits.maxProblems}
              >
                添加问题
              </Button>
            </Space>
          )}
        </Form.List>

        <Form.Item name="notes" label="备注" style={{ marginTop: 16 }}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} placeholder="走访情况、后续安排（选填）" />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
