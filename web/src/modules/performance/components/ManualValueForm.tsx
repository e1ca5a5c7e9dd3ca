import { Alert, Form, Input, InputNumber, Modal, message, Select, Typography } from 'antd';
import { useState } from 'react';
import { performanceLimits } from '#contracts/limits.ts';
import type { AssessmentRow, AssessmentSubject, Template } from '#contracts/performance.ts';
import { ApiError } from '../../../app/api.ts';
import { enterManualValue } from '../api/performance.api.ts';
import { halfYearLabel, SUBJECT_LABELS } from '../labels.ts';

interface ManualValues {
  subjectId?: number;
  indicatorKey?: string;
  value?: number;
  reason?: string;
}

/** 人工录入: an administrator enters a manual indicator's value with a reason (audited on the server). */
export function ManualValueForm({
  open,
  subject,
  period,
  template,
  rows,
  initialSubjectId,
  onClose,
  onSaved,
}: {
  open: boolean;
  subject: AssessmentSubject;
  period: string;
  template: Template | undefined;
  rows: AssessmentRow[];
  initialSubjectId: number | undefined;
  onClose: () => void;
  onSaved: () => void;
}) {
  const [form] = Form.useForm<ManualValues>();
  const [saving, setSaving] = useState(false);
  const manualIndicators = (template?.indicators ?? []).filter((i) => i.source === 'manual');
  const subjectId = Form.useWatch('subjectId', form);
  const indicatorKey = Form.useWatch('indicatorKey', form);
  const current = rows.find((r) => r.subjectId === subjectId)?.indicators.find((i) => i.key === indicatorKey);

  const submit = async (values: ManualValues) => {
    setSaving(true);
    try {
      await enterManualValue({
        subject,
        period,
        subjectId: values.subjectId as number,
        indicatorKey: values.indicatorKey as string,
        value: values.value as number,
        reason: values.reason ?? '',
      });
      void message.success('已录入，并记入审计日志');
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
      title={`人工录入指标值：${SUBJECT_LABELS[subject]} · ${halfYearLabel(period)}`}
      okText="录入"
      cancelText="取消"
      confirmLoading={saving}
      okButtonProps={{ disabled: manualIndicators.length === 0 }}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {manualIndicators.length === 0 ? (
        <Alert type="info" showIcon message="当前模板没有人工录入的指标；请先在考核模板中添加。" />
      ) : (
        <Form<ManualValues>
          form={form}
          layout="vertical"
          onFinish={(v) => void submit(v)}
          initialValues={{ subjectId: initialSubjectId, indicatorKey: manualIndicators[0]?.key }}
        >
          <Form.Item
            name="subjectId"
            label={SUBJECT_LABELS[subject]}
            rules={[{ required: true, message: '请选择' }]}
          >
            <Select
              showSearch
              optionFilterProp="label"
              options={rows.map((r) => ({ value: r.subjectId, label: `${r.name}（${r.placeName}）` }))}
            />
          </Form.Item>
          <Form.Item name="indicatorKey" label="指标" rules={[{ required: true, message: '请选择指标' }]}>
            <Select
              options={manualIndicators.map((i) => ({
                value: i.key,
                label: `${i.label}（权重${i.weight}）`,
              }))}
            />
          </Form.Item>
          {current && (
            <Typography.Paragraph type="secondary">当前值：{current.value ?? '未录入'}</Typography.Paragraph>
          )}
          <Form.Item
            name="value"
            label="指标值（0–100）"
            rules={[{ required: true, message: '请填写指标值' }]}
          >
            <InputNumber min={0} max={100} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item
            name="reason"
            label="录入依据"
            rules={[{ required: true, whitespace: true, message: '请写明录入依据' }]}
          >
            <Input.TextArea
              autoSize={{ minRows: 2, maxRows: 5 }}
              maxLength={performanceLimits.textLength}
              placeholder="如：街道考核组 11 月实地核查结果"
            />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
