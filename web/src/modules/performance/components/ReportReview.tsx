import {
  Button,
  Card,
  Descriptions,
  Drawer,
  Form,
  InputNumber,
  message,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import type { HalfYearReport } from '#contracts/performance.ts';
import { ApiError } from '../../../app/api.ts';
import { useAuth } from '../../../app/auth.tsx';
import { ErrorState } from '../../../ui/ErrorState.tsx';
import { useAsync } from '../../../ui/useAsync.ts';
import { fetchReports, fetchRubrics, scoreReport } from '../api/performance.api.ts';
import { halfYearLabel, halfYearOf, halfYearsUpTo, shanghaiToday } from '../labels.ts';
import { exportExcel } from './exportExcel.ts';
import { ReportSubmitForm, RubricSummary } from './ReportSubmitForm.tsx';
import { RubricEditor } from './RubricEditor.tsx';

/** 述职评议: the half year's reports, their aggregated scores, and scoring against the rubric. */
export function ReportReview() {
  const { can } = useAuth();
  const periods = halfYearsUpTo(halfYearOf(shanghaiToday()), 4);
  const [halfYear, setHalfYear] = useState(periods[1] ?? periods[0] ?? '');
  const [open, setOpen] = useState<HalfYearReport | null>(null);
  const reports = useAsync(`reports:${halfYear}`, (signal) => fetchReports(halfYear, signal));
  const rows = reports.data?.reports ?? [];
  const [writing, setWriting] = useState(false);
  const [editingRubric, setEditingRubric] = useState(false);
  const rubrics = useAsync(can('performance.manage') ? 'rubrics' : null, (signal) => fetchRubrics(signal));
  const latestRubric = [...(rubrics.data?.rubrics ?? [])].sort((a, b) => b.id - a.id)[0];

  const exportRows = () =>
    exportExcel(
      `述职评议_${halfYear}.xlsx`,
      '述职评议',
      [
        { header: '社区', key: 'community' },
        { header: '书记', key: 'secretary' },
        { header: '评议人数', key: 'reviewers', width: 10 },
        { header: '评议得分', key: 'score', width: 10 },
        { header: '去掉的最高/最低分', key: 'dropped', width: 20 },
      ],
      rows.map((r) => ({
        community: r.communityName,
        secretary: r.secretaryName,
        reviewers: r.result.reviewers,
        score: r.result.score,
        dropped: r.result.totals
          .filter((t) => t.dropped)
          .map((t) => t.total)
          .sort((a, b) => b - a)
          .join(' / '),
      })),
    );

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        社区书记述职评议
      </Typography.Title>
      <Space wrap>
        <Select
          value={halfYear}
          onChange={setHalfYear}
          options={periods.map((p) => ({ value: p, label: halfYearLabel(p) }))}
          style={{ width: 150 }}
        />
        <Button onClick={() => void exportRows()}>导出 Excel</Button>
        {can('performance.report') && (
          <Button type="primary" onClick={() => setWriting(true)} data-testid="write-report">
            提交述职报告
          </Button>
        )}
        {can('performance.manage') && <Button onClick={() => setEditingRubric(true)}>编辑评议细则</Button>}
      </Space>
      {reports.error ? (
        <ErrorState error={reports.error} onRetry={reports.reload} />
      ) : (
        <Card size="small" styles={{ body: { padding: 0 } }}>
          <Table<HalfYearReport>
            rowKey="id"
            size="small"
            loading={reports.loading}
            dataSource={rows}
            pagination={{ pageSize: 20, showSizeChanger: false }}
            columns={[
              { title: '社区', dataIndex: 'communityName', key: 'community' },
              { title: '书记', dataIndex: 'secretaryName', key: 'secretary', width: 100 },
              {
                title: '评议人数',
                key: 'reviewers',
                width: 90,
                render: (_: unknown, r) => r.result.reviewers,
              },
              {
                title: '评议得分',
                key: 'score',
                width: 100,
                sorter: (a, b) => (a.result.score ?? 0) - (b.result.score ?? 0),
                render: (_: unknown, r) =>
                  r.result.score === null ? <Tag>未评分</Tag> : <strong>{r.result.score}</strong>,
              },
              {
                title: '去掉的最高/最低分',
                key: 'dropped',
                width: 150,
                render: (_: unknown, r) =>
                  r.result.totals
                    .filter((t) => t.dropped)
                    .map((t) => t.total)
                    .sort((a, b) => b - a)
                    .join(' / ') || '—',
              },
              {
                title: '操作',
                key: 'open',
                width: 90,
                render: (_: unknown, r) => (
                  <Button size="small" type="link" onClick={() => setOpen(r)}>
                    {can('performance.review') ? '查看评分' : '查看'}
                  </Button>
                ),
              },
            ]}
          />
        </Card>
      )}
      <ReportDrawer
        report={open}
        onClose={() => setOpen(null)}
        canScore={can('performance.review')}
        onScored={reports.reload}
      />
      <ReportSubmitForm
        open={writing}
        periods={periods}
        halfYear={periods[0] ?? halfYear}
        onClose={() => setWriting(false)}
        onSubmitted={(submitted) => (submitted === halfYear ? reports.reload() : setHalfYear(submitted))}
      />
      <RubricEditor
        open={editingRubric}
        base={latestRubric}
        onClose={() => setEditingRubric(false)}
        onSaved={rubrics.reload}
      />
    </Space>
  );
}

function ReportDrawer({
  report,
  onClose,
  canScore,
  onScored,
}: {
  report: HalfYearReport | null;
  onClose: () => void;
  canScore: boolean;
  onScored: () => void;
}) {
  const [form] = Form.useForm<Record<string, number>>();
  const entered = Form.useWatch([], form) ?? {};
  const criteria = report?.rubric.criteria ?? [];
  const totalWeight = criteria.reduce((sum, c) => sum + c.weight, 0);
  const complete = criteria.every((c) => typeof entered[c.key] === 'number');
  const liveTotal =
    complete && totalWeight > 0
      ? Math.round(
          (criteria.reduce((sum, c) => sum + (c.weight * (entered[c.key] ?? 0)) / c.maxScore, 0) /
            totalWeight) *
            10000,
        ) / 100
      : null;
  const submit = async (scores: Record<string, number>) => {
    if (!report) return;
    try {
      await scoreReport(report.id, scores);
      void message.success('评分已提交');
      onClose();
      onScored();
    } catch (error) {
      void message.error(error instanceof ApiError ? error.message : String(error));
    }
  };
  return (
    <Drawer open={report !== null} onClose={onClose} title="述职报告与评分" size="large" destroyOnHidden>
      {report && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Descriptions size="small" column={2} bordered>
            <Descriptions.Item label="社区">{report.communityName}</Descriptions.Item>
            <Descriptions.Item label="书记">{report.secretaryName}</Descriptions.Item>
            <Descriptions.Item label="评议细则">{report.rubric.name}</Descriptions.Item>
            <Descriptions.Item label="去极值规则">
              {report.rubric.outlierRule.dropHighestAndLowestFrom
                ? `${report.rubric.outlierRule.dropHighestAndLowestFrom} 人及以上去掉一个最高分和一个最低分`
                : '不去极值'}
            </Descriptions.Item>
            <Descriptions.Item label="评议得分" span={2}>
              {report.result.score ?? '未评分'}（{report.result.reviewers} 人评分：
              {report.result.totals.map((t) => (
                <Tag
                  key={t.reviewer}
                  color={t.dropped ? 'default' : 'blue'}
                  style={{ textDecoration: t.dropped ? 'line-through' : undefined }}
                >
                  {t.total}
                </Tag>
              ))}
              ）
            </Descriptions.Item>
          </Descriptions>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', background: '#fafafa', padding: 12 }}>
            {report.body}
          </Typography.Paragraph>
          {canScore && (
            <Card size="small" title="评议细则">
              <RubricSummary rubric={report.rubric} />
            </Card>
          )}
          {canScore && (
            <Form form={form} layout="inline" onFinish={(v) => void submit(v)} style={{ rowGap: 8 }}>
              {report.rubric.criteria.map((c) => (
                <Form.Item
                  key={c.key}
                  name={c.key}
                  label={`${c.label}（满分${c.maxScore}）`}
                  rules={[{ required: true, message: '必填' }]}
                >
                  <InputNumber min={0} max={c.maxScore} />
                </Form.Item>
              ))}
              <Typography.Text style={{ alignSelf: 'center', marginRight: 16 }}>
                本人总分：<strong>{liveTotal ?? '—'}</strong>
              </Typography.Text>
              <Button type="primary" htmlType="submit">
                提交评分
              </Button>
            </Form>
          )}
        </Space>
      )}
    </Drawer>
  );
}
