import { CameraOutlined, DownOutlined, FilterOutlined, UpOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Cascader, DatePicker, Form, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useId, useMemo, useState } from 'react';
import type { CaseStatus, TrafficLight } from '#contracts';
import { CATEGORY_KIND_LABELS } from '#contracts/case-labels.ts';
import { caseViewOf } from '#contracts/case-views.ts';
import { useMe } from '../../../app/auth.tsx';
import { useI18n } from '../../../app/i18n.ts';
import { ErrorState } from '../../../ui/ErrorState.tsx';
import { useIsMobile } from '../../../ui/useMediaQuery.ts';
import { PlacePicker } from '../../territory/index.ts';
import type { CaseFilter } from '../api/cases.api.ts';
import { useCases } from '../hooks/useCases.ts';
import { groupByMajor, useCategoryCatalogue } from '../hooks/useCategoryCatalogue.ts';
import { LIGHT_LABELS, STATUS_LABELS, STATUSES } from '../labels.ts';
import { CaseTable } from './CaseTable.tsx';
import { MissingCalendarAlert } from './MissingCalendarAlert.tsx';
import '../cases.css';

interface CascaderOption {
  value: string;
  label: string;
  children?: CascaderOption[];
}

/** Beijing midnight of a picked day, as an ISO instant with offset (the contract wants an offset). */
const beijingDay = (day: Dayjs, endOfDay: boolean): string =>
  `${day.format('YYYY-MM-DD')}T${endOfDay ? '23:59:59' : '00:00:00'}+08:00`;

/**
 * Every case the account sees, with filters: status, category, light, period (Beijing days) and place.
 * On a phone the filters fold behind one button that counts the active ones, so cases show first.
 */
export function CaseList() {
  const me = useMe();
  const { t } = useI18n();
  const isMobile = useIsMobile();
  const filtersId = useId();
  const [filtersOpen, setFiltersOpen] = useState(false);
  const [status, setStatus] = useState<CaseStatus[]>([]);
  const [category, setCategory] = useState<string[]>([]);
  const [light, setLight] = useState<TrafficLight | undefined>();
  const [period, setPeriod] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [placeId, setPlaceId] = useState<number | null>(null);
  const [page, setPage] = useState({ limit: 20, offset: 0 });
  const canPickPlace =
    me.permissions.includes('territory.read') && me.scope.level !== 'department' && me.scope.level !== 'self';

  const { catalogue, error: catalogueError } = useCategoryCatalogue();
  const options = useMemo<CascaderOption[]>(() => {
    const majors = groupByMajor(catalogue);
    return (['event', 'component', 'grid_work'] as const).map((kind) => ({
      value: kind,
      label: CATEGORY_KIND_LABELS[kind],
      children: majors
        .filter((m) => m.kind === kind)
        .map((m) => ({
          value: m.code,
          label: m.name,
          children: m.categories.map((c) => ({
            value: c.code,
            label: c.active ? c.name : `${c.name}（已停用）`,
          })),
        })),
    }));
  }, [catalogue]);

  const filter: CaseFilter = {
    ...(status.length ? { status } : {}),
    ...(category.length === 3 ? { categoryCode: category[2] } : {}),
    ...(light ? { light } : {}),
    ...(period?.[0] ? { from: beijingDay(period[0], false) } : {}),
    ...(period?.[1] ? { to: beijingDay(period[1], true) } : {}),
    ...(placeId ? { placeId } : {}),
  };
  const cases = useCases(filter, page);
  const reset = () => setPage((p) => ({ ...p, offset: 0 }));
  const activeFilters = [
    status.length > 0,
    category.length > 0,
    Boolean(light),
    Boolean(period?.[0] || period?.[1]),
    Boolean(placeId),
  ].filter(Boolean).length;
  const clearFilters = () => {
    setStatus([]);
    setCategory([]);
    setLight(undefined);
    setPeriod(null);
    setPlaceId(null);
    reset();
  };
  const clearButton = (
    <Button onClick={clearFilters} data-testid="case-filters-clear">
      {t('cases.clearFilters')}
    </Button>
  );
  const ownReports = caseViewOf(me.role) === 'own_reports';

  return (
    <Card
      title={t(ownReports ? 'cases.myReports' : 'menu.casesList')}
      extra={
        ownReports && me.permissions.includes('cases.report') ? (
          // The report page is its own entry (web/report.html): a full page load, not the router.
          <Button type="primary" icon={<CameraOutlined />} href="/report.html" data-testid="case-list-report">
            {t('menu.casesReport')}
          </Button>
        ) : null
      }
      data-testid="case-list"
      className="jz-case-list"
    >
      {isMobile ? (
        <div className="jz-case-filters-bar">
          <Button
            icon={<FilterOutlined />}
            aria-expanded={filtersOpen}
            aria-controls={filtersId}
            onClick={() => setFiltersOpen((open) => !open)}
            data-testid="case-filters-toggle"
          >
            {activeFilters ? t('cases.filtersActive', { n: activeFilters }) : t('cases.filters')}
            {filtersOpen ? <UpOutlined /> : <DownOutlined />}
          </Button>
          {activeFilters ? clearButton : null}
        </div>
      ) : null}
      <Form layout="inline" className="jz-case-filters" id={filtersId} hidden={isMobile && !filtersOpen}>
        <Form.Item label="状态">
          <Select<CaseStatus[]>
            mode="multiple"
            allowClear
            className="jz-case-filter-status"
            placeholder="全部状态"
            value={status}
            data-testid="case-filter-status"
            onChange={(value) => {
              setStatus(value);
              reset();
            }}
            options={STATUSES.map((value) => ({ value, label: STATUS_LABELS[value] }))}
            maxTagCount="responsive"
          />
        </Form.Item>
        <Form.Item label="类别">
          <Cascader
            className="jz-case-filter-category"
            placeholder="大类 / 小类"
            options={options}
            value={category}
            showSearch
            data-testid="case-filter-category"
            onChange={(value) => {
              setCategory((value as string[] | undefined) ?? []);
              reset();
            }}
          />
        </Form.Item>
        <Form.Item label="时限">
          <Select<TrafficLight>
            allowClear
            className="jz-case-filter-light"
            placeholder="全部"
            value={light}
            data-testid="case-filter-light"
            onChange={(value) => {
              setLight(value);
              reset();
            }}
            options={(['red', 'yellow', 'green'] as const).map((value) => ({
              value,
              label: LIGHT_LABELS[value],
            }))}
          />
        </Form.Item>
        <Form.Item label="上报日期">
          <DatePicker.RangePicker
            value={period}
            onChange={(value) => {
              setPeriod(value);
              reset();
            }}
            allowEmpty={[true, true]}
            data-testid="case-filter-period"
          />
        </Form.Item>
        {canPickPlace ? (
          <Form.Item label="辖区">
            <PlacePicker
              scope={me.scope}
              value={placeId}
              onChange={(value) => {
                setPlaceId(value);
                reset();
              }}
              allowClear
              placeholder="全部辖区"
              testId="case-filter-place"
            />
          </Form.Item>
        ) : null}
        {isMobile ? null : (
          <Form.Item>
            <Space>{clearButton}</Space>
          </Form.Item>
        )}
      </Form>
      {cases.error ? <ErrorState error={cases.error} onRetry={cases.reload} /> : null}
      {catalogueError ? (
        <Alert
          type="error"
          showIcon
          title={`案件类别加载失败：${catalogueError.message}`}
          style={{ marginBottom: 12 }}
        />
      ) : null}
      <MissingCalendarAlert cases={cases.data?.cases} />
      <CaseTable
        testId="case-table"
        cases={cases.data?.cases}
        total={cases.data?.total ?? 0}
        loading={cases.loading}
        page={page}
        onPage={setPage}
      />
    </Card>
  );
}
