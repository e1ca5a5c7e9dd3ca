import { ArrowLeftOutlined, ReloadOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Image,
  Row,
  Skeleton,
  Space,
  Table,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import type * as GeoJSON from 'geojson';
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import type {
  CaseClock,
  CaseDetail,
  CaseEventType,
  CaseRating,
  CaseTimelineEntry,
  FeatureCollection,
} from '#contracts';
import { fetchAppConfig } from '../../../app/app-config.ts';
import { useAuth } from '../../../app/auth.tsx';
import { useI18n } from '../../../app/i18n.ts';
import { navigate } from '../../../app/router.ts';
import { ErrorState } from '../../../ui/ErrorState.tsx';
import { formatDateTime } from '../../../ui/format.ts';
import { useAsync } from '../../../ui/useAsync.ts';
import { useIsMobile } from '../../../ui/useMediaQuery.ts';
import { fetchGeoJson } from '../../territory/index.ts';
import { photoUrl, thumbnailUrl } from '../api/cases.api.ts';
import { useCase } from '../hooks/useCases.ts';
import {
  CHANNEL_LABELS,
  DEPARTMENT_TASK_LABELS,
  EVENT_LABELS,
  EVENT_ORDER,
  entryTitle,
  RATING_LABELS,
  STATUS_LABELS,
  STEP_LABELS,
  UNIT_LABELS,
} from '../labels.ts';
import { CaseLight } from './CaseLight.tsx';
import { MoveModal } from './MoveModal.tsx';
import '../cases.css';

const PointMap = lazy(() => import('../../../ui/map/PointMap.tsx'));

function Photos({ ids, testId }: { ids: readonly string[]; testId?: string }) {
  if (ids.length === 0) return null;
  return (
    <Image.PreviewGroup>
      <Space wrap size={6} data-testid={testId}>
        {ids.map((id) => (
          <Image
            key={id}
            width={88}
            height={88}
            style={{ objectFit: 'cover', borderRadius: 6 }}
            src={thumbnailUrl(id)}
            preview={{ src: photoUrl(id) }}
            alt="案件照片"
          />
        ))}
      </Space>
    </Image.PreviewGroup>
  );
}

function TimelineView({
  entries,
  rating,
  departmentNames,
}: {
  entries: CaseTimelineEntry[];
  rating: CaseRating | null;
  /** Department code → name, from the case's dispatches. */
  departmentNames: ReadonlyMap<string, string>;
}) {
  const { locale, t } = useI18n();
  return (
    <Timeline
      data-testid="case-timeline"
      items={entries.map((entry) => ({
        key: entry.id,
        color:
          entry.event === 'urge' || entry.event === 'fail_verification' || entry.to === 'reopened'
            ? 'red'
            : entry.event === 'report'
              ? 'blue'
              : 'green',
        content: (
          <div data-testid={`case-timeline-${entry.event}`} className="jz-timeline-entry">
            <div>
              <strong>{entryTitle(entry, rating)}</strong>{' '}
              <span className="jz-muted jz-small">{formatDateTime(locale, entry.at)}</span>
            </div>
            <div className="jz-small">
              {entry.actor ?? (entry.role === 'system' ? '系统' : '（不显示）')}
              {' · '}
              {entry.role === 'system' ? '定时任务' : t(`role.${entry.role}`)}
              {entry.department ? ` · ${departmentNames.get(entry.department) ?? entry.department}` : ''}
            </div>
            <div className="jz-small">
              {entry.from ? `${STATUS_LABELS[entry.from]} → ` : ''}
              {STATUS_LABELS[entry.to]}
            </div>
            {entry.note ? <div className="jz-timeline-note">{entry.note}</div> : null}
            <Photos ids={entry.photoIds} />
          </div>
        ),
      }))}
    />
  );
}

/** The running clocks: a table at a desk, a list on a phone. */
function ClocksView({ clocks, compact }: { clocks: CaseClock[]; compact: boolean }) {
  const { locale } = useI18n();
  const stepOf = (c: CaseClock) => `${STEP_LABELS[c.step]}${c.department ? `（${c.department}）` : ''}`;
  if (compact) {
    return (
      <ul className="jz-case-facts">
        {clocks.map((c) => (
          <li key={`${c.step}:${c.department ?? ''}`}>
            <span>
              {stepOf(c)} <span className="jz-muted jz-small">{UNIT_LABELS[c.unit]}</span>
            </span>
            <CaseLight clock={c} />
          </li>
        ))}
      </ul>
    );
  }
  return (
    <Table
      size="small"
      pagination={false}
      rowKey={(c) => `${c.step}:${c.department ?? ''}`}
      dataSource={clocks}
      columns={[
        { title: '环节', key: 'step', render: (_, c) => stepOf(c) },
        { title: '单位', key: 'unit', render: (_, c) => UNIT_LABELS[c.unit] },
        { title: '开始', key: 'start', render: (_, c) => formatDateTime(locale, c.startedAt) },
        { title: '时限', key: 'light', render: (_, c) => <CaseLight clock={c} /> },
      ]}
    />
  );
}

/** The departments dispatched to, with their 报到 and 反馈 times: a table at a desk, a list on a phone. */
function DepartmentsView({
  departments,
  compact,
}: {
  departments: CaseDetail['departments'];
  compact: boolean;
}) {
  const { locale } = useI18n();
  const at = (iso: string | null) => (iso ? formatDateTime(locale, iso) : '—');
  const status = (d: CaseDetail['departments'][number]) => (
    <Tag color={d.current ? 'blue' : 'default'}>{DEPARTMENT_TASK_LABELS[d.status] ?? d.status}</Tag>
  );
  if (compact) {
    return (
      <ul className="jz-case-facts">
        {departments.map((d) => (
          <li key={`${d.code}:${d.dispatchedAt}`}>
            <span>
              {d.name}
              <span className="jz-muted jz-small jz-case-facts-sub">
                派遣 {at(d.dispatchedAt)} · 报到 {at(d.acknowledgedAt)} · 反馈 {at(d.reportedBackAt)}
              </span>
            </span>
            {status(d)}
          </li>
        ))}
      </ul>
    );
  }
  return (
    <Table
      size="small"
      pagination={false}
      rowKey={(d) => `${d.code}:${d.dispatchedAt}`}
      dataSource={departments}
      columns={[
        { title: '部门', dataIndex: 'name' },
        { title: '状态', key: 'status', render: (_, d) => status(d) },
        { title: '派遣', key: 'at', render: (_, d) => at(d.dispatchedAt) },
        { title: '报到', key: 'ack', render: (_, d) => at(d.acknowledgedAt) },
        { title: '反馈', key: 'back', render: (_, d) => at(d.reportedBackAt) },
      ]}
    />
  );
}

/** The case page: what, where, clocks, departments, photos, the timeline and the viewer's moves. */
export function CaseDetailView({ caseId }: { caseId: number }) {
  const { locale } = useI18n();
  const { can } = useAuth();
  const isMobile = useIsMobile();
  const loaded = useCase(caseId);
  const [detail, setDetail] = useState<CaseDetail | null>(null);
  const [move, setMove] = useState<CaseEventType | null>(null);
  const config = useAsync('app-config', fetchAppConfig);
  // The units of the case's grid under its point, for whoever may read the territory.
  const gridId = detail?.id === caseId ? detail.grid.id : null;
  const units = useAsync<FeatureCollection>(
    gridId !== null && can('territory.read') ? `case-grid-units:${gridId}` : null,
    (signal) => fetchGeoJson('unit', signal, gridId ?? undefined),
  );
  const unitId = detail?.unit.id ?? null;
  const areas = useMemo(
    () =>
      units.data
        ? { features: units.data as unknown as GeoJSON.FeatureCollection, highlightId: unitId }
        : null,
    [units.data, unitId],
  );
  const departmentNames = useMemo(
    () => new Map((detail?.departments ?? []).map((d) => [d.code, d.name])),
    [detail?.departments],
  );

  useEffect(() => {
    if (loaded.data) setDetail(loaded.data);
  }, [loaded.data]);

  if (loaded.error && !detail)
    return <ErrorState error={loaded.error} onRetry={loaded.reload} variant="page" />;
  if (!detail || detail.id !== caseId) return <Skeleton active />;

  const moves = EVENT_ORDER.filter((event) => detail.allowedEvents.includes(event));
  return (
    <div
      className="jz-case-page"
      data-testid="case-page"
      data-status={detail.status}
      data-version={detail.version}
    >
      <div className="jz-case-head">
        <Button
          icon={<ArrowLeftOutlined />}
          onClick={() => (window.history.length > 1 ? window.history.back() : navigate('/cases'))}
          aria-label="返回"
        >
          {isMobile ? null : '返回'}
        </Button>
        <Typography.Title level={4} className="jz-case-title">
          {detail.category.majorName} · {detail.category.name}
        </Typography.Title>
        <div className="jz-case-head-tags">
          <Tag color="blue" data-testid="case-status">
            {detail.statusLabel}
          </Tag>
          {detail.category.urgent ? <Tag color="red">紧急</Tag> : null}
          <CaseLight clock={detail.clock} />
          <Button icon={<ReloadOutlined />} onClick={loaded.reload} aria-label="刷新" size="small" />
        </div>
      </div>
      {moves.length > 0 ? (
        <Card size="small" className="jz-case-moves" title="可执行操作">
          <Space wrap>
            {moves.map((event) => (
              <Button
                key={event}
                type={event === moves[0] ? 'primary' : 'default'}
                danger={event === 'reject' || event === 'fail_verification' || event === 'urge'}
                data-testid={`case-move-${event}`}
                onClick={() => setMove(event)}
              >
                {EVENT_LABELS[event]}
              </Button>
            ))}
          </Space>
        </Card>
      ) : null}
      {detail.clocks.some((c) => c.uncertain) ? (
        <Alert
          type="warning"
          showIcon
          title="部分时限依据的年份尚未加载节假日数据，时限待定：请管理员加载该年工作日历。"
          style={{ marginBottom: 12 }}
        />
      ) : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card size="small" title="案件信息">
            <Descriptions column={{ xs: 1, sm: 2 }} size="small">
              <Descriptions.Item label="案件编号">{detail.id}</Descriptions.Item>
              <Descriptions.Item label="查询码">
                <span className="jz-code">{detail.trackingCode}</span>
              </Descriptions.Item>
              <Descriptions.Item label="描述" span={2}>
                {detail.description}
              </Descriptions.Item>
              <Descriptions.Item label="位置" span={2}>
                {detail.subdistrict.name} · {detail.community.name} · {detail.grid.name} · {detail.unit.name}
                {detail.address ? `（${detail.address}）` : ''}
              </Descriptions.Item>
              <Descriptions.Item label="上报">{formatDateTime(locale, detail.reportedAt)}</Descriptions.Item>
              {detail.hotlineOrder ? (
                <Descriptions.Item label="12345 工单">
                  <div>
                    <span className="jz-code" data-testid="case-hotline-order">
                      {detail.hotlineOrder.orderNumber}
                    </span>
                    <div className="jz-muted">
                      受理 {formatDateTime(locale, detail.hotlineOrder.receivedAt)}
                    </div>
                  </div>
                </Descriptions.Item>
              ) : null}
              <Descriptions.Item label="上报人">
                {detail.reporter.anonymous ? '匿名' : (detail.reporter.name ?? '（不显示）')} ·{' '}
                {CHANNEL_LABELS[detail.reporter.channel] ?? detail.reporter.channel}
              </Descriptions.Item>
              {detail.rating ? (
                <Descriptions.Item label="评价">
                  <span data-testid="case-rating">{RATING_LABELS[detail.rating]}</span>
                </Descriptions.Item>
              ) : null}
              {detail.reopenCount > 0 ? (
                <Descriptions.Item label="重新办理">{detail.reopenCount} 次</Descriptions.Item>
              ) : null}
              {detail.closedAt ? (
                <Descriptions.Item label="结案">{formatDateTime(locale, detail.closedAt)}</Descriptions.Item>
              ) : null}
            </Descriptions>
          </Card>
          {detail.clocks.length > 0 ? (
            <Card size="small" title="时限" className="jz-case-card">
              <ClocksView clocks={detail.clocks} compact={isMobile} />
            </Card>
          ) : null}
          {detail.departments.length > 0 ? (
            <Card size="small" title="派遣部门" className="jz-case-card">
              <DepartmentsView departments={detail.departments} compact={isMobile} />
            </Card>
          ) : null}
          <Card size="small" title="办理过程" className="jz-case-card">
            <TimelineView
              entries={detail.timeline}
              rating={detail.rating}
              departmentNames={departmentNames}
            />
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card size="small" title="现场照片">
            {detail.photoIds.length > 0 ? (
              <Photos ids={detail.photoIds} testId="case-photos" />
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="无照片" />
            )}
          </Card>
          <Card size="small" title="位置" className="jz-case-card">
            <Suspense fallback={<Skeleton.Node active style={{ width: '100%', height: 260 }} />}>
              <PointMap
                point={detail.point}
                center={detail.point}
                tileUrl={config.data?.mapTileUrl ?? null}
                tileAttribution={config.data?.mapTileAttribution ?? null}
                onPick={null}
                areas={areas}
                className="jz-point-map"
                testId="case-map"
              />
            </Suspense>
            <div className="jz-muted jz-small">
              {detail.grid.name} · {detail.unit.name} · {detail.point.lat.toFixed(6)},{' '}
              {detail.point.lng.toFixed(6)}（WGS-84）
            </div>
          </Card>
        </Col>
      </Row>
      <MoveModal
        key={`${move ?? ''}:${detail.version}`}
        detail={detail}
        type={move}
        onClose={() => setMove(null)}
        onMoved={(moved) => {
          setDetail(moved);
          setMove(null);
        }}
      />
    </div>
  );
}
