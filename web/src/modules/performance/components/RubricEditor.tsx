import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, InputNumber, Modal, message, Space, Switch, Typography } from 'antd';
import { useState } from 'react';
import { performanceLimits } from '#contracts/limits.ts';
import type { Rubric } from '#contracts/performance.ts';
import { ApiError } from '../../../app/api.ts';
import { useIsMobile } from '../../../ui/useMediaQuery.ts';
import { createRubric } from '../api/performance.api.ts';

interface CriterionValues {
  key?: string;
  label?: string;
  weight?: number;
  maxScore?: number;
}

interface RubricValues {
  name?: string;
  criteria?: CriterionValues[];
  dropOutliers?: boolean;
  dropFrom?: number;
}

const DEFAULT_CRITERIA: CriterionValues[] = [
  { key: 'duty', label: '履职尽责', weight: 40, maxScore: 100 },
  { key: 'pledges', label: '承诺践诺', weight: 30, maxScore: 100 },
  { key: 'satisfaction', label: '群众满意', weight: 30, maxScore: 100 },
];

/** A key the criterion is stored under: kept from the rubric it was copied from, else the next free `cN`. */
function withKeys(
  criteria: CriterionValues[],
): { key: string; label: string; weight: number; maxScore: number }[] {
  const used = new Set(criteria.map((c) => c.key).filter(Boolean));
  let n = 1;
  return criteria.map((c) => {
    let key = c.key;
    if (!key) {
      while (used.has(`c${n}`)) n++;
      key = `c${n}`;
      used.add(key);
    }
    return { key, label: c.label ?? '', weight: c.weight ?? 0, maxScore: c.maxScore ?? 0 };
  });
}

/**
 * 评议细则: an administrator writes a rubric — criteria with weights and maxima, and the outlier rule.
 * Reports keep the rubric they were submitted under, so a change is saved as a new rubric, starting
 * from the latest one.
 */
export function RubricEditor({
  open,
  base,
  onClose,
  onSaved,
}: {
  open: boolean;
  /** The rubric to start from (the latest), if any. */
  base: Rubric | undefined;
  onClose: () => void;
  onSaved: () => void;
}) {
  const isMobile = useIsMobile();
  const [form] = Form.useForm<RubricValues>();
  const [saving, setSaving] = useState(false);
  const criteria = Form.useWatch('criteria', form) ?? [];
  const dropOutliers = Form.useWatch('dropOutliers', form);
  const totalWeight = criteria.reduce((sum, c) => sum + (c?.weight ?? 0), 0);

  const submit = async () => {
    // Every value, the stored keys too: they have no field of their own (manual values are kept under them).
    const values = form.getFieldsValue(true) as RubricValues;
    setSaving(true);
    try {
      await createRubric({
        name: values.name ?? '',
        criteria: withKeys(values.criteria ?? []),
        outlierRule: { dropHighestAndLowestFrom: values.dropOutliers ? (values.dropFrom ?? 5) : null },
      });
      void message.success('评议细则已保存，此后提交的述职报告可选用');
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
      title="编辑评议细则"
      width={isMobile ? '100%' : 760}
      okText="保存为新细则"
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        message="已提交的述职报告仍按原细则评分；保存后生成一份新细则，供此后提交的报告选用。"
      />
      <Form<RubricValues>
        form={form}
        layout="vertical"
        onFinish={() => void submit()}
        initialValues={{
          name: base ? base.name : '社区书记述职评议细则',
          criteria: base ? base.criteria : DEFAULT_CRITERIA,
          dropOutliers: base ? base.outlierRule.dropHighestAndLowestFrom !== null : true,
          dropFrom: base?.outlierRule.dropHighestAndLowestFrom ?? 5,
        }}
      >
        <Form.Item
          name="name"
          label="细则名称"
          rules={[{ required: true, whitespace: true, message: '请填写名称' }]}
        >
          <Input maxLength={performanceLimits.titleLength} />
        </Form.Item>
        <Typography.Text strong>评议项</Typography.Text>
        <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
          每人总分 = Σ 权重 × 得分 / 满分 ÷ Σ 权重 × 100（权重合计 {totalWeight}）
        </Typography.Text>
        <Form.List
          name="criteria"
          rules={[
            {
              validator: async (_, value: CriterionValues[] | undefined) => {
                if (!value || value.length === 0) throw new Error('至少一项');
              },
            },
          ]}
        >
          {(fields, { add, remove }, { errors }) => (
            <div style={{ marginTop: 8 }}>
              {fields.map((field) => (
                <Space key={field.key} align="start" wrap style={{ display: 'flex', marginBottom: 4 }}>
                  <Form.Item
                    name={[field.name, 'label']}
                    rules={[{ required: true, whitespace: true, message: '评议项名称' }]}
                    style={{ marginBottom: 8 }}
                  >
                    <Input placeholder="评议项" style={{ width: isMobile ? 180 : 240 }} maxLength={80} />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'weight']}
                    rules={[{ required: true, message: '权重' }]}
                    style={{ marginBottom: 8 }}
                  >
                    <InputNumber addonBefore="权重" min={0.1} max={100} style={{ width: 110 }} />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'maxScore']}
                    rules={[{ required: true, message: '满分' }]}
                    style={{ marginBottom: 8 }}
                  >
                    <InputNumber addonBefore="满分" min={1} max={1000} style={{ width: 110 }} />
                  </Form.Item>
                  <Button
                    type="text"
                    danger
                    icon={<DeleteOutlined />}
                    onClick={() => remove(field.name)}
                    disabled={fields.length <= 1}
                    aria-label="删除评议项"
                  />
                </Space>
              ))}
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() => add({ weight: 10, maxScore: 100 })}
                disabled={fields.length >= performanceLimits.maxCriteria}
              >
                添加评议项
              </Button>
              <Form.ErrorList errors={errors} />
            </div>
          )}
        </Form.List>
        <Typography.Text strong style={{ display: 'block', marginTop: 16 }}>
          去极值规则
        </Typography.Text>
        <Space align="center" wrap style={{ marginTop: 8 }}>
          <Form.Item name="dropOutliers" valuePropName="checked" noStyle>
            <Switch checkedChildren="去极值" unCheckedChildren="不去" />
          </Form.Item>
          {dropOutliers ? (
            <>
              <Form.Item name="dropFrom" noStyle rules={[{ required: true }]}>
                <InputNumber min={3} max={100} precision={0} style={{ width: 80 }} />
              </Form.Item>
              <span>人及以上评分时，去掉一个最高分和一个最低分后取平均</span>
            </>
          ) : (
            <span>取全部评分的平均值</span>
          )}
        </Space>
      </Form>
    </Modal>
  );
}
