import {
  Alert,
  Badge,
  Button,
  Card,
  Col,
  List,
  Row,
  Select,
  Space,
  Spin,
  Statistic,
  Tag,
  Typography,
} from 'antd';
import { lazy, Suspense, useMemo, useState } from 'react';
import type { FlagColour, TaskStatus } from '#contracts';
import { fetchAppConfig } from '../../../app/app-config.ts';
import { useAuth } from '../../../app/auth.tsx';
import { navigate } from '../../../app/router.ts';
import { ErrorState } from '../../../ui/ErrorState.tsx';
import { useAsync } from '../../../ui/useAsync.ts';
import {
  fetchBoard,
  fetchFlags,
  fetchInbox,
  fetchNotReported,
  fetchTaskPlaces,
  markNoticeRead,
} from '../api/accountability.api.ts';
import { exportXlsx } from '../exportXlsx.ts';
import {
  FLAG_COLOURS,
  FLAG_LABELS,
  previousQuarter,
  quarterOf,
  shanghaiTime,
  shanghaiToday,
  TASK_STATUS_LABELS,
} from '../labels.ts';

const GanttChart = lazy(() => import('./GanttChart.tsx'));
const TaskMap = lazy(() => import('./TaskMap.tsx'));

/** The battle map (挂图作战): tasks by unit on a timeline, filters, who has not reported, the map. */
export function Board() {
  const { can } = useAuth();
  const today = shanghaiToday();
  const [unit, setUnit] = useState<number | undefined>();
  const [flag, setFlag] = useState<FlagColour | undefined>();
  const [status, setStatus] = useState<TaskStatus | undefined>();
  const board = useAsync('acc:board', (signal) => fetchBoard({}, signal));
  const flagQuarter = previousQuarter(quarterOf(today));
  const flags = useAsync(`acc:flags:${flagQuarter}`, (signal) => fetchFlags(flagQuarter, signal));
  const notReported = useAsync('acc:not-reported', (signal) => fetchNotReported(signal));
  const places = useAsync('acc:places', (signal) => fetchTaskPlaces(signal));
  const config = useAsync('app-config', (signal) => fetchAppConfig(signal));
  const inbox = useAsync(can('accountability.subscribe') ? 'acc:inbox' : null, (signal) =>
    fetchInbox(signal),
  );

  const flagOf = useMemo(
    () => new Map((flags.data?.flags ?? []).map((f) => [f.departmentId, f.colour])),
    [flags.data],
  );
  const units = useMemo(
    () =>
      (board.data?.units ?? [])
        .filter((u) => unit === undefined || u.departmentId === unit)
        .filter((u) => flag === undefined || flagOf.get(u.departmentId) === flag)
        .map((u) => ({
          ...u,
          flag: flagOf.get(u.departmentId) ?? null,
          tasks: u.tasks.filter((t) => status === undefined || t.status === status),
        }))
        .filter((u) => u.tasks.length > 0),
    [board.data, unit, flag, status, flagOf],
  );
  const tasks = units.flatMap((u) => u.tasks);
  const titleOf = new Map(
    (board.data?.units ?? []).flatMap((u) => u.tasks.map((t) => [t.id, t.title] as const)),
  );
  const points = useMemo(() => {
    const shown = new Map(units.flatMap((u) => u.tasks.map((t) => [t.id, t] as const)));
    return (places.data?.places ?? []).flatMap((p) => {
      const task = shown.get(p.taskId);
      if (!task) return [];
      const colour = flagOf.get(task.leadDepartmentId);
      return [{ ...p, title: task.title, colour: colour ? FLAG_COLOURS[colour] : '#1677ff' }];
    });
  }, [places.data, units, flagOf]);

  if (board.error) return <ErrorState error={board.error} onRetry={board.reload} variant="page" />;
  if (!board.data) return <Spin />;
  const allTasks = board.data.units.flatMap((u) => u.tasks);
  const lateTasks = allTasks.filter((t) => t.milestones.some((m) => m.late && !m.doneOn)).length;
  const openTask = (id: number) => navigate(`/accountability/tasks/${id}`);

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="acc-board">
      <Row gutter={12}>
        <Col span={4}>
          <Card size="small">
            <Statistic title="任务" value={allTasks.length} />
          </Card>
        </Col>
        <Col span={4}>
          <Card size="small">
            <Statistic title="牵头单位" value={board.data.units.length} />
          </Card>
        </Col>
        <Col span={4}>
          <Card size="small">
            <Statistic title="已完成" value={allTasks.filter((t) => t.status === 'completed').length} />
          </Card>
        </Col>
        <Col span={4}>
          <Card size="small">
            <Statistic title="节点滞后任务" value={lateTasks} valueStyle={{ color: '#cf1322' }} />
          </Card>
        </Col>
        <Col span={4}>
          <Card size="small">
            <Statistic
              title={`本周未报送单位（${notReported.data?.weekOf ?? ''}）`}
              value={notReported.data?.units.length ?? '—'}
              valueStyle={{ color: '#d46b08' }}
            />
          </Card>
        </Col>
        <Col span={4}>
          <Card size="small">
            <Statistic
              title={`${flagQuarter} 挂牌（红/黄/绿）`}
              value={(['red', 'yellow', 'green'] as const)
                .map((c) => (flags.data?.flags ?? []).filter((f) => f.colour === c).length)
                .join(' / ')}
            />
          </Card>
        </Col>
      </Row>

      {inbox.data && inbox.data.notices.length > 0 ? (
        <Card
          size="small"
          title={
            <Space>
              我的挂牌通知 <Badge count={inbox.data.unread} />
            </Space>
          }
          data-testid="acc-inbox"
        >
          <List
            size="small"
            dataSource={inbox.data.notices.slice(0, 6)}
            renderItem={(n) => (
              <List.Item
                actions={
                  n.readAt
                    ? [
                        <span key="r" className="jz-muted">
                          已读
                        </span>,
                      ]
                    : [
                        <Button
                          key="r"
                          size="small"
                          type="link"
                          onClick={() => void markNoticeRead(n.id).then(inbox.reload)}
                        >
                          标为已读
                        </Button>,
                      ]
                }
              >
                <Space>
                  <Tag color={FLAG_COLOURS[n.colour]}>{FLAG_LABELS[n.colour]}</Tag>
                  <span>
                    {n.quarter} {n.departmentName}
                  </span>
                  {n.overrideReason ? <span className="jz-muted">（调整：{n.overrideReason}）</span> : null}
                  <span className="jz-muted">{shanghaiTime(n.deliveredAt)}</span>
                </Space>
              </List.Item>
            )}
          />
        </Card>
      ) : null}

      <Card
        size="small"
        title="挂图作战 · 任务时间轴"
        extra={
          <Space wrap>
            <Select
              allowClear
              showSearch
              optionFilterProp="label"
              placeholder="牵头单位"
              style={{ width: 200 }}
              value={unit}
              onChange={setUnit}
              options={board.data.units.map((u) => ({ value: u.departmentId, label: u.departmentName }))}
              data-testid="filter-unit"
            />
            <Select
              allowClear
              placeholder={`挂牌（${flagQuarter}）`}
              style={{ width: 140 }}
              value={flag}
              onChange={setFlag}
              options={(['red', 'yellow', 'green'] as const).map((c) => ({
                value: c,
                label: FLAG_LABELS[c],
              }))}
            />
            <Select
              allowClear
              placeholder="状态"
              style={{ width: 120 }}
              value={status}
              onChange={setStatus}
              options={(Object.keys(TASK_STATUS_LABELS) as TaskStatus[]).map((s) => ({
                value: s,
                label: TASK_STATUS_LABELS[s],
              }))}
            />
            <Button
              onClick={() =>
                void exportXlsx(
                  `挂图作战任务-${today}.xlsx`,
                  '任务',
                  [
                    { header: '牵头单位', width: 26, value: (t) => t.leadDepartmentName },
                    { header: '任务', width: 40, value: (t) => t.title },
                    { header: '责任人', value: (t) => t.responsiblePerson },
                    { header: '状态', value: (t) => TASK_STATUS_LABELS[t.status] },
                    { header: '进度%', value: (t) => t.progress },
                    {
                      header: '滞后节点',
                      width: 30,
                      value: (t) =>
                        t.milestones
                          .filter((m) => m.late)
                          .map((m) => m.title)
                          .join('；'),
                    },
                  ],
                  tasks,
                )
              }
            >
              导出Excel
            </Button>
          </Space>
        }
      >
        <Space size="large" className="jz-small jz-muted" style={{ marginBottom: 8 }}>
          <span>◆ 绿：节点按期完成</span>
          <span>◆ 红：节点滞后</span>
          <span>◆ 灰：节点未到期</span>
          <span>蓝条：任务进度</span>
        </Space>
        <Suspense fallback={<Spin />}>
          <GanttChart units={units} today={today} onOpenTask={openTask} />
        </Suspense>
      </Card>

      <Row gutter={12}>
        <Col span={14}>
          <Card size="small" title={`任务分布图（${points.length} 项有落点）`}>
            {config.data ? (
              <Suspense fallback={<Spin />}>
                <TaskMap
                  points={points}
                  tileUrl={config.data.mapTileUrl}
                  tileAttribution={config.data.mapTileAttribution}
                  onOpenTask={openTask}
                />
              </Suspense>
            ) : (
              <Spin />
            )}
          </Card>
        </Col>
        <Col span={10}>
          <Card
            size="small"
            title={`本周未报送（${notReported.data?.weekOf ?? ''} 周）`}
            data-testid="acc-not-reported"
          >
            {notReported.data && notReported.data.units.length === 0 ? (
              <Alert type="success" message="各牵头单位本周均已报送" />
            ) : (
              <List
                className="jz-acc-scroll"
                size="small"
                dataSource={notReported.data?.units ?? []}
                renderItem={(u) => (
                  <List.Item>
                    <Typography.Text strong>{u.departmentName}</Typography.Text>
                    <span className="jz-muted">
                      {u.taskIds.map((id) => titleOf.get(id) ?? `#${id}`).join('、')}
                    </span>
                  </List.Item>
                )}
              />
            )}
          </Card>
        </Col>
      </Row>
    </Space>
  );
}
