import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Form, Input, InputNumber, Modal, message, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { performanceLimits } from '#contracts/limits.ts';
import type { AssessmentSubject, IndicatorSource, Template } from '#contracts/performance.ts';
import { ApiError } from '../../../app/api.ts';
import { useIsMobile } from '../../../ui/useMediaQuery.ts';
import { saveTemplate } from '../api/performance.api.ts';
import { SOURCE_LABELS, SUBJECT_LABELS } from '../labels.ts';

interface IndicatorValues {
  key?: string;
  label?: string;
  source?: IndicatorSource;
  weight?: number;
}

interface TemplateValues {
  name?: string;
  indicators?: IndicatorValues[];
  payBands?: { band?: string; minScore?: number }[];
}

/** What a subject can be measured by: a worker has no pledges, liaisons or half-year report. */
const SOURCES_OF: Record<AssessmentSubject, IndicatorSource[]> = {
  community: ['cases_on_time', 'pledges_kept', 'visit_compliance', 'report_score', 'manual'],
  worker: ['cases_on_time', 'manual'],
};

/** Keys kept from the saved template (manual values are stored under them), new ones the next free `iN`. */
function withKeys(indicators: IndicatorValues[]) {
  const used = new Set(indicators.map((i) => i.key).filter(Boolean));
  let n = 1;
  return indicators.map((i) => {
    let key = i.key;
    if (!key) {
      while (used.has(`i${n}`)) n++;
      key = `i${n}`;
      used.add(key);
    }
    return { key, label: i.label ?? '', source: i.source ?? 'manual', weight: i.weight ?? 0 };
  });
}

/** 考核模板: an administrator edits a subject's indicators (source, weight) and pay bands. */
export function TemplateEditor({
  open,
  subject,
  template,
  onClose,
  onSaved,
}: {
  open: boolean;
  subject: AssessmentSubject;
  template: Template | undefined;
  onClose: () => void;
  onSaved: () => void;
}) {
  const isMobile = useIsMobile();
  const [form] = Form.useForm<TemplateValues>();
  const [saving, setSaving] = useState(false);
  const indicators = Form.useWatch('indicators', form) ?? [];
  const totalWeight = indicators.reduce((sum, i) => sum + (i?.weight ?? 0), 0);

  const submit = async () => {
    // Every value, the stored keys too: they have no field of their own (manual values are kept under them).
    const values = form.getFieldsValue(true) as TemplateValues;
    setSaving(true);
    try {
      await saveTemplate({
        subject,
        name: values.name ?? '',
        indicators: withKeys(values.indicators ?? []),
        payBands: (values.payBands ?? []).map((b) => ({ band: b.band ?? '', minScore: b.minScore ?? 0 })),
      });
      void message.success('考核模板已保存，得分即时按新模板计算');
      onClose();
      onSaved();
    } catch (error) {
      void message.error(error instanceof ApiError ? error.message : String(error));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={`编辑考核模板：${SUBJECT_LABELS[subject]}`}
      width={isMobile ? '100%' : 760}
      okText="保存"
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<TemplateValues>
        form={form}
        layout="vertical"
        onFinish={() => void submit()}
        initialValues={{
          name: template?.name ?? `${SUBJECT_LABELS[subject]}绩效考核`,
          indicators: template?.indicators ?? [{ label: '按时结案率', source: 'cases_on_time', weight: 100 }],
          payBands: [...(template?.payBands ?? [{ band: '基本档', minScore: 0 }])].sort(
            (a, b) => b.minScore - a.minScore,
          ),
        }}
      >
        <Form.Item
          name="name"
          label="模板名称"
          rules={[{ required: true, whitespace: true, message: '请填写' }]}
        >
          <Input maxLength={performanceLimits.titleLength} />
        </Form.Item>
        <Typography.Text strong>考核指标</Typography.Text>
        <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
          总分 = Σ 权重 × 指标值 ÷ Σ 权重（权重合计 {totalWeight}）
        </Typography.Text>
        <Form.List name="indicators">
          {(fields, { add, remove }) => (
            <div style={{ marginTop: 8 }}>
              {fields.map((field) => (
                <Space key={field.key} align="start" wrap style={{ display: 'flex', marginBottom: 4 }}>
                  <Form.Item
                    name={[field.name, 'label']}
                    rules={[{ required: true, whitespace: true, message: '指标名称' }]}
                    style={{ marginBottom: 8 }}
                  >
                    <Input placeholder="指标名称" style={{ width: isMobile ? 180 : 200 }} maxLength={80} />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'source']}
                    rules={[{ required: true, message: '数据来源' }]}
                    style={{ marginBottom: 8 }}
                  >
                    <Select
                      style={{ width: 200 }}
                      options={SOURCES_OF[subject].map((s) => ({ value: s, label: SOURCE_LABELS[s] }))}
                    />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'weight']}
                    rules={[{ required: true, message: '权重' }]}
                    style={{ marginBottom: 8 }}
                  >
                    <InputNumber addonBefore="权重" min={0.1} max={100} style={{ width: 110 }} />
                  </Form.Item>
                  <Button
                    type="text"
                    danger
                    icon={<DeleteOutlined />}
                    onClick={() => remove(field.name)}
                    disabled={fields.length <= 1}
                    aria-label="删除指标"
                  />
                </Space>
              ))}
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() => add({ source: 'manual', weight: 10 })}
                disabled={fields.length >= performanceLimits.maxIndicators}
              >
                添加指标
              </Button>
            </div>
          )}
        </Form.List>
        <Typography.Text strong style={{ display: 'block', marginTop: 16 }}>
          薪酬档次（得分不低于下限即入该档，从高到低）
        </Typography.Text>
        <Form.List name="payBands">
          {(fields, { add, remove }) => (
            <div style={{ marginTop: 8 }}>
              {fields.map((field) => (
                <Space key={field.key} align="start" wrap style={{ display: 'flex', marginBottom: 4 }}>
                  <Form.Item
                    name={[field.name, 'band']}
                    rules={[{ required: true, whitespace: true, message: '档次名称' }]}
                    style={{ marginBottom: 8 }}
                  >
                    <Input placeholder="档次名称，如 一档" style={{ width: 180 }} maxLength={20} />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'minScore']}
                    rules={[{ required: true, message: '下限' }]}
                    style={{ marginBottom: 8 }}
                  >
                    <InputNumber addonBefore="得分 ≥" min={0} max={100} style={{ width: 160 }} />
                  </Form.Item>
                  <Button
                    type="text"
                    danger
                    icon={<DeleteOutlined />}
                    onClick={() => remove(field.name)}
                    disabled={fields.length <= 1}
                    aria-label="删除档次"
                  />
                </Space>
              ))}
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() => add({ minScore: 0 })}
                disabled={fields.length >= 10}
              >
                添加档次
              </Button>
            </div>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
