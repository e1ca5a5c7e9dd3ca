import { Table, type TableColumnsType, Tooltip } from 'antd';
import type {
  CaseMeasureCounts,
  CaseMeasureLevel,
  CaseMeasureRates,
  CaseMeasureRow,
  CaseStep,
} from '#contracts';
import {
  CASE_MEASURE_COUNT_LABELS,
  CASE_MEASURE_LEVEL_LABELS,
  CASE_MEASURE_RATE_LABELS,
} from '#contracts/case-labels.ts';
import { STEP_LABELS } from '../labels.ts';

const percent = (value: number | null): string => (value === null ? '—' : `${(value * 100).toFixed(1)}%`);
const hours = (value: number | null | undefined): string =>
  value === null || value === undefined ? '—' : value.toFixed(1);

/** What each column means, shown on hover (docs/measures.md has the full definitions). */
const RATE_HINTS: Record<keyof CaseMeasureRates, string> = {
  response: '网格在受理时限内受理的案件 / 有效案件（部门：时限内报到 / 派遣次数）',
  onTimeResolution: '首次办结前没有任何环节超时的案件 / 有效案件（部门：时限内反馈 / 派遣次数）',
  resolution: '已核查通过且未被重新办理的案件 / 有效案件',
  satisfaction: '（满意 + 基本满意）/ 已评价（以最后一次评价为准）',
  closedAtGrid: '从未上报社区而结案的案件 / 结案案件',
  escalation: '曾上报社区（吹哨）的案件 / 有效案件',
};

export const PLACE_RATES: (keyof CaseMeasureRates)[] = [
  'response',
  'onTimeResolution',
  'resolution',
  'satisfaction',
  'closedAtGrid',
  'escalation',
];
export const DEPARTMENT_RATES: (keyof CaseMeasureRates)[] = [
  'response',
  'onTimeResolution',
  'resolution',
  'satisfaction',
];

const PLACE_COUNTS: (keyof CaseMeasureCounts)[] = [
  'reported',
  'rejected',
  'merged',
  'escalated',
  'dispatched',
  'resolved',
  'closed',
  'closedAtGrid',
  'rated',
  'satisfied',
  'basicallySatisfied',
  'dissatisfied',
  'reopened',
];
const DEPARTMENT_COUNTS: (keyof CaseMeasureCounts)[] = [
  'tasks',
  'acknowledged',
  'acknowledgedOnTime',
  'declined',
  'reportedBack',
  'reportedBackOnTime',
  'resolved',
  'rated',
  'satisfied',
  'basicallySatisfied',
  'dissatisfied',
];
const PLACE_STEPS: CaseStep[] = [
  'accept',
  'grid_handle',
  'community_response',
  'subdistrict_response',
  'acknowledge',
  'department_handle',
  'verify',
];
const DEPARTMENT_STEPS: CaseStep[] = ['acknowledge', 'department_handle'];

interface MeasuresTableProps {
  level: CaseMeasureLevel;
  rows: readonly CaseMeasureRow[];
  total: CaseMeasureRow | undefined;
  loading: boolean;
}

/** One row per place (or department): rates, counts and average hours per step, with the total. */
export function MeasuresTable({ level, rows, total, loading }: MeasuresTableProps) {
  const department = level === 'department';
  const rates = department ? DEPARTMENT_RATES : PLACE_RATES;
  const counts = department ? DEPARTMENT_COUNTS : PLACE_COUNTS;
  const steps = department ? DEPARTMENT_STEPS : PLACE_STEPS;
  const columns: TableColumnsType<CaseMeasureRow> = [
    {
      title: CASE_MEASURE_LEVEL_LABELS[level],
      dataIndex: 'name',
      fixed: 'left',
      width: 140,
      ellipsis: true,
    },
    {
      title: '有效案件',
      key: 'cases',
      width: 96,
      align: 'right',
      render: (_, row) => row.counts.cases,
      sorter: (a, b) => a.counts.cases - b.counts.cases,
    },
    {
      title: '比率',
      children: rates.map((rate) => ({
        title: <Tooltip title={RATE_HINTS[rate]}>{CASE_MEASURE_RATE_LABELS[rate]}</Tooltip>,
        key: rate,
        width: 104,
        align: 'right' as const,
        render: (_: unknown, row: CaseMeasureRow) => percent(row.rates[rate]),
        sorter: (a: CaseMeasureRow, b: CaseMeasureRow) => (a.rates[rate] ?? -1) - (b.rates[rate] ?? -1),
      })),
    },
    {
      title: '数量',
      children: counts.map((name) => ({
        title: CASE_MEASURE_COUNT_LABELS[name],
        key: name,
        width: 80,
        align: 'right' as const,
        render: (_: unknown, row: CaseMeasureRow) => row.counts[name] ?? '—',
      })),
    },
    {
      title: '平均用时（小时）',
      children: steps.map((step) => ({
        title: STEP_LABELS[step],
        key: `step-${step}`,
        width: 80,
        align: 'right' as const,
        render: (_: unknown, row: CaseMeasureRow) => hours(row.avgStepHours[step]),
      })),
    },
  ];
  const leaves = 2 + rates.length + counts.length + steps.length;
  return (
    <Table<CaseMeasureRow>
      rowKey="id"
      size="small"
      bordered
      loading={loading}
      columns={columns}
      dataSource={[...rows]}
      pagination={rows.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
      scroll={{ x: 140 + 96 + rates.length * 104 + (leaves - 2 - rates.length) * 80 }}
      data-testid="measures-table"
      summary={() =>
        total ? (
          <Table.Summary fixed="bottom">
            <Table.Summary.Row className="jz-measures-total">
              <Table.Summary.Cell index={0}>合计</Table.Summary.Cell>
              <Table.Summary.Cell index={1} align="right">
                {total.counts.cases}
              </Table.Summary.Cell>
              {rates.map((rate, i) => (
                <Table.Summary.Cell key={rate} index={2 + i} align="right">
                  {percent(total.rates[rate])}
                </Table.Summary.Cell>
              ))}
              {counts.map((name, i) => (
                <Table.Summary.Cell key={name} index={2 + rates.length + i} align="right">
                  {total.counts[name] ?? '—'}
                </Table.Summary.Cell>
              ))}
              {steps.map((step, i) => (
                <Table.Summary.Cell key={step} index={2 + rates.length + counts.length + i} align="right">
                  {hours(total.avgStepHours[step])}
                </Table.Summary.Cell>
              ))}
            </Table.Summary.Row>
          </Table.Summary>
        ) : null
      }
    />
  );
}
