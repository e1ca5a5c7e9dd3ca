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
import { lazy, Suspense, useEffect, useState } from 'react';
import type { CaseDetail, CaseEventType, CaseTimelineEntry } from '#contracts';
import { useI18n } from '../../../app/i18n.ts';
import { navigate } from '../../../app/router.ts';
import { ErrorState } from '../../../ui/ErrorState.tsx';
import { formatDateTime } from '../../../ui/format.ts';
import { photoUrl, thumbnailUrl } from '../api/cases.api.ts';
import { useCase } from '../hooks/useCases.ts';
import {
  CHANNEL_LABELS,
  DEPARTMENT_TASK_LABELS,
  EVENT_LABELS,
  EVENT_ORDER,
  RATING_LABELS,
  STATUS_LABELS,
  STEP_LABELS,
  UNIT_LABELS,
} from '../labels.ts';
import { CaseLight } from './CaseLight.tsx';
import { MoveModal } from './MoveModal.tsx';

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

function TimelineView({ entries }: { entries: CaseTimelineEntry[] }) {
  const { locale, t } = useI18n();
  return (
    <Timeline
      data-testid="case-timeline"
      items={entries.map((entry) => ({
        key: entry.id,
        color: entry.event === 'urge' ? 'red' : entry.event === 'report' ? 'blue' : 'green',
        content: (
          <div data-testid={`case-timeline-${entry.event}`} className="jz-timeline-entry">
            <div>
              <strong>{EVENT_LABELS[entry.event]}</strong>{' '}
              <span className="jz-muted jz-small">{formatDateTime(locale, entry.at)}</span>
            </div>
            <div className="jz-small">
              {entry.actor ?? (entry.role === 'system' ? '系统' : '（不显示）')}
              {' · '}
              {entry.role === 'system' ? '定时任务' : t(`role.${entry.role}`)}
              {entry.department ? ` · ${entry.department}` : ''}
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

interface AppConfig {
  mapTileUrl: string | null;
  mapTileAttribution: string | null;
}

/** The case page: what, where, clocks, departments, photos, the timeline and the viewer's moves. */
export function CaseDetailView({ caseId }: { caseId: number }) {
  const { locale } = useI18n();
  const loaded = useCase(caseId);
  const [detail, setDetail] = useState<CaseDetail | null>(null);
  const [move, setMove] = useState<CaseEventType | null>(null);
  const [config, setConfig] = useState<AppConfig>({ mapTileUrl: null, mapTileAttribution: null });

  useEffect(() => {
    if (loaded.data) setDetail(loaded.data);
  }, [loaded.data]);
  useEffect(() => {
    fetch('/api/app-config')
      .then((r) => (r.ok ? (r.json() as Promise<AppConfig>) : null))
      .then(
        (c) => c && setConfig(c),
        () => undefined,
      );
  }, []);

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
      <Space className="jz-case-head" wrap>
        <Button
          icon={<ArrowLeftOutlined />}
          onClick={() => (window.history.length > 1 ? window.history.back() : navigate('/cases'))}
        >
          返回
        </Button>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {detail.category.majorName} · {detail.category.name}
        </Typography.Title>
        <Tag color="blue" data-testid="case-status">
          {detail.statusLabel}
        </Tag>
        {detail.category.urgent ? <Tag color="red">紧急</Tag> : null}
        <CaseLight clock={detail.clock} />
        <Button icon={<ReloadOutlined />} onClick={loaded.reload} aria-label="刷新" />
      </Space>
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
              <Descriptions.Item label="上报人">
                {detail.reporter.anonymous ? '匿名' : (detail.reporter.name ?? '（不显示）')} ·{' '}
                {CHANNEL_LABELS[detail.reporter.channel] ?? detail.reporter.channel}
              </Descriptions.Item>
              {detail.rating ? (
                <Descriptions.Item label="评价">{RATING_LABELS[detail.rating]}</Descriptions.Item>
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
              <Table
                size="small"
                pagination={false}
                rowKey={(c) => `${c.step}:${c.department ?? ''}`}
                dataSource={detail.clocks}
                columns={[
                  {
                    title: '环节',
                    key: 'step',
                    render: (_, c) => `${STEP_LABELS[c.step]}${c.department ? `（${c.department}）` : ''}`,
                  },
                  { title: '单位', key: 'unit', render: (_, c) => UNIT_LABELS[c.unit] },
                  { title: '开始', key: 'start', render: (_, c) => formatDateTime(locale, c.startedAt) },
                  { title: '状态', key: 'light', render: (_, c) => <CaseLight clock={c} /> },
                ]}
              />
            </Card>
          ) : null}
          {detail.departments.length > 0 ? (
            <Card size="small" title="派遣部门" className="jz-case-card">
              <Table
                size="small"
                pagination={false}
                rowKey={(d) => `${d.code}:${d.dispatchedAt}`}
                dataSource={detail.departments}
                columns={[
                  { title: '部门', dataIndex: 'name' },
                  {
                    title: '状态',
                    key: 'status',
                    render: (_, d) => (
                      <Tag color={d.current ? 'blue' : 'default'}>
                        {DEPARTMENT_TASK_LABELS[d.status] ?? d.status}
                      </Tag>
                    ),
                  },
                  { title: '派遣', key: 'at', render: (_, d) => formatDateTime(locale, d.dispatchedAt) },
                  {
                    title: '报到 / 反馈',
                    key: 'ack',
                    render: (_, d) =>
                      [d.acknowledgedAt, d.reportedBackAt]
                        .map((at) => (at ? formatDateTime(locale, at) : '—'))
                        .join(' / '),
                  },
                ]}
              />
            </Card>
          ) : null}
          <Card size="small" title="办理过程" className="jz-case-card">
            <TimelineView entries={detail.timeline} />
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
                tileUrl={config.mapTileUrl}
                tileAttribution={config.mapTileAttribution}
                onPick={null}
                className="jz-point-map"
                testId="case-map"
              />
            </Suspense>
            <div className="jz-muted jz-small">
              {detail.point.lat.toFixed(6)}, {detail.point.lng.toFixed(6)}（WGS-84）
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
