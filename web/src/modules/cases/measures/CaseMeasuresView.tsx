import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, DatePicker, Form, Row, Select, Statistic } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import type { CaseMeasureLevel, Me } from '#contracts';
import { CASE_MEASURE_LEVEL_LABELS, CASE_MEASURE_RATE_LABELS } from '#contracts/case-labels.ts';
import { ApiError } from '../../../app/api.ts';
import { useMe } from '../../../app/auth.tsx';
import { ErrorState } from '../../../ui/ErrorState.tsx';
import { useAsync } from '../../../ui/useAsync.ts';
import { useIsMobile } from '../../../ui/useMediaQuery.ts';
import { PlacePicker } from '../../territory/index.ts';
import { MeasuresChart } from './MeasuresChart.tsx';
import { DEPARTMENT_RATES, MeasuresTable, PLACE_RATES } from './MeasuresTable.tsx';
import { fetchCaseMeasures, type MeasuresQuery, measuresExportUrl } from './measures.api.ts';

const ALL_LEVELS: CaseMeasureLevel[] = ['city', 'subdistrict', 'community', 'grid', 'department'];
const RANK: Record<Exclude<CaseMeasureLevel, 'department'>, number> = {
  city: 0,
  subdistrict: 1,
  community: 2,
  grid: 3,
};

/** The levels a viewer may ask for: their own place's level and finer, and departments. */
export function levelsFor(me: Me): CaseMeasureLevel[] {
  switch (me.scope.level) {
    case 'jurisdiction':
      return ALL_LEVELS;
    case 'subdistrict':
    case 'community':
    case 'grid': {
      const own = RANK[me.scope.level];
      return ALL_LEVELS.filter((level) => level === 'department' || RANK[level] >= own);
    }
    case 'department':
      return ['department'];
    default:
      return [];
  }
}

/** The first level below the viewer's own (a city leader compares communities, a community its grids). */
function defaultLevel(me: Me): CaseMeasureLevel {
  switch (me.scope.level) {
    case 'jurisdiction':
    case 'subdistrict':
      return 'community';
    case 'community':
    case 'grid':
      return 'grid';
    default:
      return 'department';
  }
}

const today = () => dayjs().add(dayjs().utcOffset() * -1 + 480, 'minute');
const PRESETS: { label: string; value: [Dayjs, Dayjs] }[] = [
  { label: '本月', value: [today().startOf('month'), today()] },
  {
    label: '上月',
    value: [today().subtract(1, 'month').startOf('month'), today().subtract(1, 'month').endOf('month')],
  },
  { label: '近30天', value: [today().subtract(29, 'day'), today()] },
  { label: '本年', value: [today().startOf('year'), today()] },
];

/**
 * 考核指标: rates per place or department for a period of report days, as bars and a table, with
 * an Excel export of the same rows. Definitions: docs/measures.md.
 */
export function CaseMeasuresView() {
  const me = useMe();
  const isMobile = useIsMobile();
  const levels = useMemo(() => levelsFor(me), [me]);
  const [level, setLevel] = useState<CaseMeasureLevel>(defaultLevel(me));
  const [within, setWithin] = useState<number | null>(null);
  const [period, setPeriod] = useState<[Dayjs, Dayjs]>([today().startOf('year'), today()]);
  const canPickPlace = me.permissions.includes('territory.read') && me.scope.level !== 'department';

  const query: MeasuresQuery = {
    level,
    within,
    from: period[0].format('YYYY-MM-DD'),
    to: period[1].format('YYYY-MM-DD'),
  };
  const measures = useAsync(`measures:${JSON.stringify(query)}`, (signal) =>
    fetchCaseMeasures(query, signal),
  );
  const data = measures.data;
  const rates = level === 'department' ? DEPARTMENT_RATES : PLACE_RATES;
  const levelTooHigh =
    measures.error instanceof ApiError && measures.error.code === 'cases.measures_level_above_place';

  return (
    <Card
      title="考核指标"
      data-testid="case-measures"
      extra={
        <Button icon={<DownloadOutlined />} href={measuresExportUrl(query)} data-testid="measures-export">
          导出 Excel
        </Button>
      }
    >
      <Form layout={isMobile ? 'vertical' : 'inline'} className="jz-case-filters">
        <Form.Item label="层级">
          <Select<CaseMeasureLevel>
            style={{ width: isMobile ? '100%' : 110 }}
            value={level}
            onChange={setLevel}
            options={levels.map((value) => ({ value, label: CASE_MEASURE_LEVEL_LABELS[value] }))}
            data-testid="measures-level"
          />
        </Form.Item>
        {canPickPlace ? (
          <Form.Item label="范围">
            <div style={{ width: isMobile ? '100%' : 220 }}>
              <PlacePicker
                scope={me.scope}
                value={within}
                onChange={setWithin}
                selectable={['subdistrict', 'community', 'grid']}
                placeholder={me.scopeName ?? '全辖区'}
                testId="measures-within"
              />
            </div>
          </Form.Item>
        ) : null}
        <Form.Item label="上报日期">
          <DatePicker.RangePicker
            value={period}
            allowClear={false}
            presets={PRESETS}
            style={isMobile ? { width: '100%' } : undefined}
            onChange={(value) => {
              if (value?.[0] && value[1]) setPeriod([value[0], value[1]]);
            }}
            data-testid="measures-period"
          />
        </Form.Item>
      </Form>
      {levelTooHigh ? (
        <Alert type="info" showIcon title="所选层级高于所选范围：请选择更细的层级，或清除范围。" />
      ) : measures.error ? (
        <ErrorState error={measures.error} onRetry={measures.reload} />
      ) : null}
      {data ? (
        <>
          <Row gutter={[12, 12]} className="jz-measures-summary" data-testid="measures-summary">
            <Col xs={12} sm={8} lg={3}>
              <Statistic title="有效案件" value={data.total.counts.cases} />
            </Col>
            {rates.map((rate) => (
              <Col key={rate} xs={12} sm={8} lg={3}>
                <Statistic
                  title={CASE_MEASURE_RATE_LABELS[rate]}
                  value={
                    data.total.rates[rate] === null ? '—' : ((data.total.rates[rate] ?? 0) * 100).toFixed(1)
                  }
                  suffix={data.total.rates[rate] === null ? undefined : '%'}
                />
              </Col>
            ))}
          </Row>
          {data.rows.length > 0 ? (
            <MeasuresChart
              rows={data.rows}
              rates={rates}
              height={isMobile ? 280 : 340}
              visible={isMobile ? 5 : 12}
            />
          ) : null}
          <MeasuresTable level={data.level} rows={data.rows} total={data.total} loading={measures.loading} />
          <p className="jz-measures-note">
            按上报日期（北京时间）统计：每件案件只计一次，计入其上报当天和当前所在网格；不予受理、合并的案件不计入比率。
          </p>
        </>
      ) : null}
    </Card>
  );
}
