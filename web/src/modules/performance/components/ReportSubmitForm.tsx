import { Alert, Button, Drawer, Form, Input, message, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { performanceLimits } from '#contracts/limits.ts';
import type { Rubric } from '#contracts/performance.ts';
import { ApiError } from '../../../app/api.ts';
import { useAuth } from '../../../app/auth.tsx';
import { useAsync } from '../../../ui/useAsync.ts';
import { useIsMobile } from '../../../ui/useMediaQuery.ts';
import {
  fetchCommunities,
  fetchReports,
  fetchRubrics,
  fetchStaff,
  submitReport,
} from '../api/performance.api.ts';
import { halfYearLabel } from '../labels.ts';

interface ReportValues {
  halfYear?: string;
  communityId?: number;
  secretaryStaffId?: number;
  rubricId?: number;
  body?: string;
}

/** The rubric a report is scored against: criteria, weights, maxima and the outlier rule. */
export function RubricSummary({ rubric }: { rubric: Rubric }) {
  const totalWeight = rubric.criteria.reduce((sum, c) => sum + c.weight, 0);
  return (
    <Space direction="vertical" size={4} style={{ width: '100%' }}>
      <Table
        size="small"
        rowKey="key"
        pagination={false}
        dataSource={rubric.criteria}
        columns={[
          { title: '评议项', dataIndex: 'label', key: 'label' },
          {
            title: '权重',
            key: 'weight',
            width: 90,
            render: (_: unknown, c: Rubric['criteria'][number]) =>
              `${c.weight}（${Math.round((c.weight / totalWeight) * 100)}%）`,
          },
          { title: '满分', dataIndex: 'maxScore', key: 'maxScore', width: 60 },
        ]}
      />
      <Typography.Text type="secondary">
        {rubric.outlierRule.dropHighestAndLowestFrom
          ? `${rubric.outlierRule.dropHighestAndLowestFrom} 人及以上评分时去掉一个最高分和一个最低分`
          : '不去极值，取全部评分的平均值'}
      </Typography.Text>
    </Space>
  );
}

/** 提交述职报告: a community secretary writes and submits the half year's report (once per half year). */
export function ReportSubmitForm({
  open,
  periods,
  halfYear,
  onClose,
  onSubmitted,
}: {
  open: boolean;
  periods: string[];
  /** The half year the form starts on. */
  halfYear: string;
  onClose: () => void;
  onSubmitted: (halfYear: string) => void;
}) {
  const { me } = useAuth();
  const isMobile = useIsMobile();
  const [form] = Form.useForm<ReportValues>();
  const [saving, setSaving] = useState(false);
  const ownCommunity = me?.scope.level === 'community' ? me.scope.id : null;
  const communityId = Form.useWatch('communityId', form) ?? ownCommunity ?? undefined;
  const rubricId = Form.useWatch('rubricId', form);
  const chosenHalfYear = Form.useWatch('halfYear', form) ?? halfYear;

  const rubrics = useAsync(open ? 'rubrics' : null, (signal) => fetchRubrics(signal));
  const communities = useAsync(open && ownCommunity === null ? 'communities' : null, (signal) =>
    fetchCommunities(signal),
  );
  const secretaries = useAsync(
    open && communityId !== undefined ? `secretaries:${communityId}` : null,
    async (signal) => {
      const page = await fetchStaff({ kind: 'community_secretary', placeId: communityId }, signal);
      const own = page.staff.find((s) => s.accountUsername === me?.username) ?? page.staff[0];
      if (own && form.getFieldValue('secretaryStaffId') === undefined) {
        form.setFieldValue('secretaryStaffId', own.id);
      }
      return page.staff;
    },
  );
  // A community reports once per half year: the chosen half year's reports say whether it has.
  const submitted = useAsync(open ? `reports:${chosenHalfYear}` : null, (signal) =>
    fetchReports(chosenHalfYear, signal),
  );
  const rubricList = [...(rubrics.data?.rubrics ?? [])].sort((a, b) => b.id - a.id);
  if (open && rubricList[0] && rubricId === undefined && form.getFieldValue('rubricId') === undefined) {
    form.setFieldValue('rubricId', rubricList[0].id);
  }
  const rubric = rubricList.find((r) => r.id === rubricId);
  const alreadySubmitted = (submitted.data?.reports ?? []).some((r) => r.communityId === communityId);

  const submit = async (values: ReportValues) => {
    setSaving(true);
    try {
      await submitReport({
        halfYear: values.halfYear as string,
        communityId: (values.communityId ?? ownCommunity) as number,
        secretaryStaffId: values.secretaryStaffId as number,
        rubricId: values.rubricId as number,
        body: values.body ?? '',
      });
      void message.success('述职报告已提交');
      form.resetFields();
      onClose();
      onSubmitted(values.halfYear as string);
    } catch (error) {
      void message.error(error instanceof ApiError ? error.message : String(error));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title="提交述职报告"
      placement={isMobile ? 'bottom' : 'right'}
      size="large"
      height={isMobile ? '92%' : undefined}
      destroyOnHidden
      footer={
        <Space style={{ width: '100%', justifyContent: 'flex-end' }}>
          <Button onClick={onClose}>取消</Button>
          <Button
            type="primary"
            loading={saving}
            disabled={alreadySubmitted}
            onClick={() => form.submit()}
            data-testid="report-submit"
          >
            提交
          </Button>
        </Space>
      }
    >
      <Form<ReportValues>
        form={form}
        layout="vertical"
        initialValues={{ halfYear }}
        onFinish={(v) => void submit(v)}
      >
        <Space wrap size="middle" style={{ width: '100%' }} align="start">
          <Form.Item name="halfYear" label="述职期间" rules={[{ required: true }]}>
            <Select
              style={{ width: 150 }}
              options={periods.map((p) => ({ value: p, label: halfYearLabel(p) }))}
            />
          </Form.Item>
          {ownCommunity === null ? (
            <Form.Item name="communityId" label="社区" rules={[{ required: true, message: '请选择社区' }]}>
              <Select
                showSearch
                optionFilterProp="label"
                style={{ width: 200 }}
                loading={communities.loading}
                options={(communities.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
                onChange={() => form.setFieldValue('secretaryStaffId', undefined)}
              />
            </Form.Item>
          ) : (
            <Form.Item label="社区">
              <Input value={me?.scopeName ?? ''} disabled style={{ width: 200 }} />
            </Form.Item>
          )}
          <Form.Item
            name="secretaryStaffId"
            label="述职书记"
            rules={[{ required: true, message: '请选择述职书记' }]}
          >
            <Select
              style={{ width: 150 }}
              loading={secretaries.loading}
              options={(secretaries.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
            />
          </Form.Item>
        </Space>
        {alreadySubmitted && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            message={`本社区${halfYearLabel(chosenHalfYear)}的述职报告已提交，每半年提交一次。`}
          />
        )}
        <Form.Item name="rubricId" label="评议细则" rules={[{ required: true, message: '请选择评议细则' }]}>
          <Select
            loading={rubrics.loading}
            options={rubricList.map((r) => ({ value: r.id, label: r.name }))}
          />
        </Form.Item>
        {rubric && (
          <div style={{ marginBottom: 16 }}>
            <Typography.Text type="secondary">评议人将按以下细则评分，报告宜逐项写明：</Typography.Text>
            <RubricSummary rubric={rubric} />
          </div>
        )}
        <Form.Item
          name="body"
          label="述职报告"
          rules={[{ required: true, whitespace: true, message: '请填写述职报告' }]}
        >
          <Input.TextArea
            autoSize={{ minRows: 12, maxRows: 30 }}
            showCount
            maxLength={performanceLimits.reportLength}
            placeholder="一、履职情况　二、突破项目与承诺践诺　三、存在问题　四、下一步打算"
          />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
