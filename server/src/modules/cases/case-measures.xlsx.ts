import ExcelJS from 'exceljs';
import type { CaseMeasureRow, CaseMeasures } from '#contracts';
import {
  CASE_MEASURE_COUNT_LABELS,
  CASE_MEASURE_LEVEL_LABELS,
  CASE_MEASURE_RATE_LABELS,
  CASE_MEASURE_STEP_LABELS,
} from '#contracts/case-labels.ts';
import { MEASURE_STEPS } from './case.measures.ts';

/**
 * The measures as an Excel workbook (考核指标.xlsx): the same rows as the API, Chinese headers,
 * rates as percentages, average hours per step, a total row, and the period and definitions noted.
 */

type Column = {
  header: string;
  width: number;
  value: (row: CaseMeasureRow) => number | string | null;
  format?: string;
};

const RATES = Object.keys(CASE_MEASURE_RATE_LABELS) as (keyof typeof CASE_MEASURE_RATE_LABELS)[];
const COUNTS = Object.keys(CASE_MEASURE_COUNT_LABELS) as (keyof typeof CASE_MEASURE_COUNT_LABELS)[];

function columnsFor(measures: CaseMeasures): Column[] {
  const department = measures.level === 'department';
  const rates = department ? RATES.filter((r) => r !== 'closedAtGrid' && r !== 'escalation') : RATES;
  const counts = COUNTS.filter((name) => measures.total.counts[name] !== null);
  const steps = department
    ? MEASURE_STEPS.filter((s) => s === 'acknowledge' || s === 'department_handle')
    : MEASURE_STEPS;
  return [
    { header: CASE_MEASURE_LEVEL_LABELS[measures.level], width: 22, value: (row) => row.name },
    { header: '编码', width: 16, value: (row) => row.code },
    ...rates.map(
      (rate): Column => ({
        header: CASE_MEASURE_RATE_LABELS[rate],
        width: 12,
        value: (row) => row.rates[rate],
        format: '0.0%',
      }),
    ),
    ...counts.map(
      (name): Column => ({
        header: CASE_MEASURE_COUNT_LABELS[name],
        width: 11,
        value: (row) => row.counts[name],
      }),
    ),
    ...steps.map(
      (step): Column => ({
        header: `${CASE_MEASURE_STEP_LABELS[step]}平均用时（小时）`,
        width: 14,
        value: (row) => row.avgStepHours[step] ?? null,
        format: '0.0',
      }),
    ),
  ];
}

export async function measuresWorkbook(measures: CaseMeasures): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '精治';
  const sheet = workbook.addWorksheet('考核指标', { views: [{ state: 'frozen', xSplit: 1, ySplit: 1 }] });
  const columns = columnsFor(measures);
  sheet.columns = columns.map((c, i) => ({ key: String(i), header: c.header, width: c.width }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).alignment = { wrapText: true, vertical: 'middle' };
  for (const row of [...measures.rows, measures.total]) {
    const added = sheet.addRow(columns.map((c) => c.value(row)));
    columns.forEach((c, i) => {
      if (c.format) added.getCell(i + 1).numFmt = c.format;
    });
    if (row === measures.total) added.font = { bold: true };
  }
  sheet.addRow([]);
  const scope = measures.within ? `${measures.within.name}` : '全辖区';
  sheet.addRow([
    `统计范围：${scope}；上报日期 ${measures.from} 至 ${measures.to}（北京时间）；口径见 docs/measures.md`,
  ]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
