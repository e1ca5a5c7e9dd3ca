import { Button, Card, Col, Row, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import ReactECharts from 'echarts-for-react';
import { useState } from 'react';
import type { AssessmentRow, AssessmentSubject } from '#contracts/performance.ts';
import { useAuth } from '../../../app/auth.tsx';
import { ErrorState } from '../../../ui/ErrorState.tsx';
import { useAsync } from '../../../ui/useAsync.ts';
import { fetchAssessment } from '../api/performance.api.ts';
import { halfYearLabel, halfYearOf, halfYearsUpTo, shanghaiToday } from '../labels.ts';
import { exportExcel } from './exportExcel.ts';
import { ManualValueForm } from './ManualValueForm.tsx';
import { TemplateEditor } from './TemplateEditor.tsx';

const BAND_COLOURS = ['green', 'blue', 'gold', 'red'];

/** 双绩效考核: the period's ranking (bar chart), one subject's indicator breakdown, the table. */
export function AssessmentTables() {
  const periods = halfYearsUpTo(halfYearOf(shanghaiToday()), 4);
  const [subject, setSubject] = useState<AssessmentSubject>('community');
  const [period, setPeriod] = useState(periods[1] ?? periods[0] ?? '');
  const [selected, setSelected] = useState<number | null>(null);
  const [editingTemplate, setEditingTemplate] = useState(false);
  const [entering, setEntering] = useState(false);
  const { can } = useAuth();
  const mayManage = can('performance.manage');
  const table = useAsync(`assessment:${subject}:${period}`, (signal) =>
    fetchAssessment(subject, period, signal),
  );
  const rows = table.data?.rows ?? [];
  const indicators = table.data?.template.indicators ?? [];
  const bands = [...(table.data?.template.payBands ?? [])].sort((a, b) => b.minScore - a.minScore);
  const focus = rows.find((r) => r.subjectId === selected) ?? rows[0];
  const top = rows.slice(0, 20);

  const rankingOption = {
    grid: { left: 110, right: 30, top: 40, bottom: 20 },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { show: true, top: 0 },
    xAxis: { type: 'value', max: 100 },
    yAxis: { type: 'category', inverse: true, data: top.map((r) => r.name) },
    series: indicators.map((indicator) => ({
      name: indicator.label,
      type: 'bar',
      stack: 'score',
      data: top.map((r) => r.indicators.find((i) => i.key === indicator.key)?.contribution ?? 0),
    })),
  };
  const breakdownOption = focus && {
    tooltip: { trigger: 'item' },
    grid: { left: 130, right: 40, top: 10, bottom: 50 },
    xAxis: { type: 'value', max: 100 },
    yAxis: {
      type: 'category',
      inverse: true,
      data: focus.indicators.map((i) => `${i.label}（权重${i.weight}）`),
    },
    series: [
      {
        name: '指标得分',
        type: 'bar',
        data: focus.indicators.map((i) => i.value ?? 0),
        label: { show: true, position: 'right' },
      },
      {
        name: '贡献分',
        type: 'bar',
        data: focus.indicators.map((i) => i.contribution),
        label: { show: true, position: 'right' },
      },
    ],
    legend: { show: true, bottom: 0 },
  };

  const exportRows = () =>
    exportExcel(
      `${subject === 'community' ? '社区' : '社区工作者'}绩效考核_${period}.xlsx`,
      '考核结果',
      [
        { header: '排名', key: 'rank', width: 8 },
        { header: '名称', key: 'name' },
        { header: '所属', key: 'placeName' },
        ...indicators.map((i) => ({ header: `${i.label}（权重${i.weight}）`, key: i.key, width: 18 })),
        { header: '总分', key: 'score', width: 10 },
        { header: '薪酬档次', key: 'payBand', width: 14 },
      ],
      rows.map((r) => ({
        rank: r.rank,
        name: r.name,
        placeName: r.placeName,
        ...Object.fromEntries(r.indicators.map((i) => [i.key, i.contribution])),
        score: r.score,
        payBand: r.payBand,
      })),
    );

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        双绩效考核
      </Typography.Title>
      <Space wrap>
        <Segmented
          value={subject}
          onChange={(v) => {
            setSubject(v as AssessmentSubject);
            setSelected(null);
          }}
          options={[
            { label: '社区', value: 'community' },
            { label: '社区工作者', value: 'worker' },
          ]}
        />
        <Select
          value={period}
          onChange={setPeriod}
          options={periods.map((p) => ({ value: p, label: halfYearLabel(p) }))}
          style={{ width: 150 }}
        />
        <Button onClick={() => void exportRows()} disabled={rows.length === 0}>
          导出 Excel
        </Button>
        {mayManage && (
          <Button onClick={() => setEditingTemplate(true)} disabled={table.loading}>
            编辑考核模板
          </Button>
        )}
        {mayManage && (
          <Button onClick={() => setEntering(true)} disabled={rows.length === 0}>
            人工录入
          </Button>
        )}
      </Space>
      {table.error ? (
        <ErrorState error={table.error} onRetry={table.reload} />
      ) : (
        <>
          <Row gutter={16}>
            <Col xs={24} lg={14}>
              <Card size="small" title={`排名（前 ${top.length} 名，按指标贡献分堆叠）`}>
                <ReactECharts
                  option={rankingOption}
                  style={{ height: Math.max(260, top.length * 22 + 60) }}
                  notMerge
                />
              </Card>
            </Col>
            <Col xs={24} lg={10}>
              <Card
                size="small"
                title={focus ? `指标构成：${focus.name}（${focus.score} 分，${focus.payBand}）` : '指标构成'}
              >
                {breakdownOption && (
                  <ReactECharts option={breakdownOption} style={{ height: 300 }} notMerge />
                )}
              </Card>
            </Col>
          </Row>
          <Card size="small" styles={{ body: { padding: 0 } }}>
            <Table<AssessmentRow>
              rowKey="subjectId"
              size="small"
              loading={table.loading}
              dataSource={rows}
              pagination={{ pageSize: 15, showSizeChanger: false }}
              scroll={{ x: 1100 }}
              onRow={(r) => ({ onClick: () => setSelected(r.subjectId), style: { cursor: 'pointer' } })}
              rowClassName={(r) => (r.subjectId === focus?.subjectId ? 'ant-table-row-selected' : '')}
              columns={[
                { title: '排名', dataIndex: 'rank', key: 'rank', width: 60, fixed: 'left' },
                { title: '名称', dataIndex: 'name', key: 'name', width: 110, fixed: 'left' },
                {
                  title: subject === 'community' ? '街道' : '网格',
                  dataIndex: 'placeName',
                  key: 'placeName',
                  width: 110,
                },
                ...indicators.map((indicator) => ({
                  title: `${indicator.label}（${indicator.weight}）`,
                  key: indicator.key,
                  width: 140,
                  render: (_: unknown, r: AssessmentRow) => {
                    const i = r.indicators.find((x) => x.key === indicator.key);
                    return i ? (
                      <span title={i.basis}>
                        {i.value ?? '—'} → <strong>{i.contribution}</strong>
                      </span>
                    ) : (
                      '—'
                    );
                  },
                })),
                {
                  title: '总分',
                  dataIndex: 'score',
                  key: 'score',
                  width: 80,
                  render: (v: number) => <strong>{v}</strong>,
                },
                {
                  title: '薪酬档次',
                  dataIndex: 'payBand',
                  key: 'payBand',
                  width: 120,
                  render: (band: string) => (
                    <Tag color={BAND_COLOURS[bands.findIndex((b) => b.band === band)] ?? 'default'}>
                      {band}
                    </Tag>
                  ),
                },
              ]}
            />
          </Card>
        </>
      )}
      <TemplateEditor
        open={editingTemplate}
        subject={subject}
        template={table.data?.template}
        onClose={() => setEditingTemplate(false)}
        onSaved={table.reload}
      />
      <ManualValueForm
        open={entering}
        subject={subject}
        period={period}
        template={table.data?.template}
        rows={rows}
        initialSubjectId={focus?.subjectId}
        onClose={() => setEntering(false)}
        onSaved={table.reload}
      />
    </Space>
  );
}
