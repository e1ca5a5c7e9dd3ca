import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  Empty,
  Form,
  Input,
  List,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import type { ListeningDuty, Me, ServiceItem, ServiceRequest, StewardRequest } from '#contracts';
import { useAuth, useMe } from '../../../app/auth.tsx';
import { useAsync } from '../../../ui/useAsync.ts';
import {
  acceptRequest,
  completeRequest,
  completeStewardRequest,
  fetchItems,
  fetchRequests,
  fetchSchedule,
  fetchSites,
  fetchStewardRequests,
  fetchStewardStats,
  fetchStewardVisits,
  findResidentsByName,
  markAppointment,
  moveStewardRequest,
  recordVisit,
  takeRequest,
} from '../api/services.api.ts';
import {
  APPOINTMENT_STATUS_LABELS,
  LISTENING_DUTY_KEYS,
  LISTENING_DUTY_LABELS,
  REQUEST_STATUS_LABELS,
  STEWARD_KIND_LABELS,
  STEWARD_STATUS_LABELS,
  shanghai,
  shanghaiToday,
} from '../labels.ts';

/** The sites a worker works at: those at or below their place (all for the jurisdiction). */
const ownPlace = (me: Me): number | null =>
  me.scope.level === 'subdistrict' || me.scope.level === 'community' || me.scope.level === 'grid'
    ? me.scope.id
    : null;

const DAY_KIND_LABELS: Record<string, string> = {
  workday: '工作日',
  weekend: '周末',
  holiday: '法定节假日',
  make_up_workday: '调休上班',
};

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** `/services/desk`: the one-window desk (一窗受理、全科服务) — take any item for a resident, route it. */
export function OneWindowDesk() {
  const { message } = App.useApp();
  const { can } = useAuth();
  const [form] = Form.useForm();
  const [q, setQ] = useState('');
  const [item, setItem] = useState<ServiceItem | null>(null);
  const me = useMe();
  const placeId = ownPlace(me);
  const sites = useAsync(`desk-sites:${placeId}`, (signal) => fetchSites({ placeId }, signal));
  const items = useAsync(`desk-items:${q}`, (signal) => fetchItems({ q, limit: 50 }, signal));
  const requests = useAsync('desk-requests', (signal) => fetchRequests({}, signal));
  // The viewer handles a request routed to a site at or below their place, or to their department.
  const ownSites = new Set((sites.data?.sites ?? []).map((s) => s.id));
  const handles = (r: Omit<ServiceRequest, 'timeline'>) =>
    r.handler.kind === 'site'
      ? ownSites.has(r.handler.id)
      : me.scope.level === 'department' && me.scope.id === r.handler.id;

  const act = async (run: () => Promise<unknown>, done: string) => {
    try {
      await run();
      message.success(done);
      requests.reload();
    } catch (error) {
      message.error(messageOf(error));
    }
  };

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }} data-testid="one-window-desk">
      <Typography.Title level={3} style={{ margin: 0 }}>
        一窗受理 · 全科服务
      </Typography.Title>
      {can('services.intake') && (
        <Card title="受理">
          <Form
            form={form}
            layout="vertical"
            onFinish={(v: {
              siteId: number;
              itemId: number;
              residentId: number;
              materials?: string[];
              note?: string;
            }) =>
              act(async () => {
                await takeRequest({ ...v, materials: v.materials ?? [] });
                form.resetFields(['itemId', 'residentId', 'materials', 'note']);
                setItem(null);
              }, '已受理并转办')
            }
          >
            <Row gutter={16}>
              <Col xs={24} md={8}>
                <Form.Item name="siteId" label="受理窗口" rules={[{ required: true }]}>
                  <Select
                    showSearch
                    optionFilterProp="label"
                    options={(sites.data?.sites ?? []).map((s) => ({ value: s.id, label: s.name }))}
                    data-testid="desk-site"
                  />
                </Form.Item>
              </Col>
              <Col xs={24} md={10}>
                <Form.Item name="itemId" label="服务事项（任一事项）" rules={[{ required: true }]}>
                  <Select
                    showSearch
                    filterOption={false}
                    onSearch={setQ}
                    onChange={(id) => setItem(items.data?.items.find((i) => i.id === id) ?? null)}
                    options={(items.data?.items ?? []).map((i) => ({ value: i.id, label: i.name }))}
                    data-testid="desk-item"
                  />
                </Form.Item>
              </Col>
              <Col xs={24} md={6}>
                <Form.Item name="residentId" label="居民" rules={[{ required: true }]}>
                  <ResidentPicker />
                </Form.Item>
              </Col>
            </Row>
            {item && (
              <>
                <Typography.Paragraph type="secondary">
                  承办：{item.handler.name ?? '—'} · 承诺 {item.promisedDays} 个工作日
                </Typography.Paragraph>
                <Form.Item name="materials" label="已收材料">
                  <Checkbox.Group options={item.materials} data-testid="desk-materials" />
                </Form.Item>
              </>
            )}
            <Form.Item name="note" label="备注">
              <Input />
            </Form.Item>
            <Button type="primary" htmlType="submit" data-testid="desk-submit">
              受理并转办
            </Button>
          </Form>
        </Card>
      )}
      <Table<Omit<ServiceRequest, 'timeline'>>
        rowKey="id"
        loading={requests.loading}
        dataSource={requests.data?.requests ?? []}
        pagination={{ pageSize: 20 }}
        columns={[
          { title: '事项', render: (_, r) => r.item.name },
          { title: '居民', render: (_, r) => r.resident.name },
          { title: '受理窗口', render: (_, r) => r.intakeSite.name },
          { title: '承办', render: (_, r) => r.handler.name ?? '—' },
          {
            title: '状态',
            render: (_, r) => (
              <Space>
                <Tag>{REQUEST_STATUS_LABELS[r.status]}</Tag>
                {r.overdue && <Tag color="red">超期</Tag>}
                {r.materialsMissing.length > 0 && (
                  <Tag color="orange">缺{r.materialsMissing.length}项材料</Tag>
                )}
              </Space>
            ),
          },
          { title: '时限', render: (_, r) => shanghai(r.deadline) },
          {
            title: '',
            // Only the handler (承办方) accepts and completes; the intake window follows it here.
            render: (_, r) =>
              !handles(r) ? (
                r.status === 'routed' ? (
                  <Typography.Text type="secondary">待承办方接收</Typography.Text>
                ) : null
              ) : r.status === 'routed' ? (
                <Button size="small" onClick={() => act(() => acceptRequest(r.id), '已接收')}>
                  接收
                </Button>
              ) : r.status === 'accepted' ? (
                <Button size="small" onClick={() => act(() => completeRequest(r.id, '已办结'), '已办结')}>
                  办结
                </Button>
              ) : null,
          },
        ]}
      />
    </Space>
  );
}

/** A resident of the worker's places, found by name (姓名); shows household and community. */
function ResidentPicker(props: { value?: number; onChange?: (id: number) => void }) {
  const [q, setQ] = useState('');
  const found = useAsync(q ? `desk-residents:${q}` : null, (signal) => findResidentsByName(q, signal));
  return (
    <Select
      showSearch
      value={props.value}
      onChange={props.onChange}
      filterOption={false}
      onSearch={(text) => setQ(text.trim())}
      loading={found.loading}
      placeholder="输入姓名查找"
      notFoundContent={q ? (found.loading ? '查找中…' : '没有找到') : '输入姓名查找'}
      options={(found.data?.residents ?? []).map((r) => ({
        value: r.id,
        label: `${r.name} · ${r.household.community.name} ${r.household.building.name}${r.household.doorNumber}`,
      }))}
      data-testid="desk-resident"
    />
  );
}

/** `/services/schedule`: a centre's day (随时约): slots with who booked, attended or did not come. */
export function SiteSchedulePage() {
  const { message } = App.useApp();
  const placeId = ownPlace(useMe());
  const sites = useAsync(`schedule-sites:${placeId}`, (signal) => fetchSites({ placeId }, signal));
  const [siteId, setSiteId] = useState<number | null>(null);
  const [date, setDate] = useState(shanghaiToday());
  // Centres first: most bookings are there.
  const ordered = [...(sites.data?.sites ?? [])].sort(
    (a, b) => Number(b.kind === 'centre') - Number(a.kind === 'centre'),
  );
  const chosen = siteId ?? ordered[0]?.id ?? null;
  const day = useAsync(chosen === null ? null : `schedule:${chosen}:${date}`, (signal) =>
    fetchSchedule(chosen ?? 0, date, signal),
  );
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }} data-testid="site-schedule">
      <Typography.Title level={3} style={{ margin: 0 }}>
        预约日程
      </Typography.Title>
      <Space wrap>
        <Select
          showSearch
          optionFilterProp="label"
          style={{ width: 320 }}
          value={chosen ?? undefined}
          options={ordered.map((s) => ({ value: s.id, label: s.name }))}
          onChange={setSiteId}
          data-testid="schedule-site"
        />
        <Input
          type="date"
          value={date}
          onChange={(e) => setDate(e.target.value)}
          data-testid="schedule-date"
        />
        {day.data && (
          <Typography.Text type="secondary">
            {DAY_KIND_LABELS[day.data.dayKind] ?? day.data.dayKind} · 开放：
            {day.data.periods.map((p) => `${p.start}–${p.end}${p.extended ? '（延时）' : ''}`).join('，') ||
              '不开放'}
          </Typography.Text>
        )}
      </Space>
      {day.error && <Alert type="warning" title={day.error.message} />}
      {day.data && day.data.slots.length === 0 && <Empty description="当天没有时段" />}
      <Row gutter={[12, 12]}>
        {(day.data?.slots ?? []).map((slot) => (
          <Col key={slot.id} xs={24} md={12} xl={8}>
            <Card
              size="small"
              title={`${shanghai(slot.startsAt).slice(-5)}–${shanghai(slot.endsAt).slice(-5)} ${slot.item.name}`}
              extra={`${slot.booked}/${slot.capacity}`}
            >
              {slot.appointments.length === 0 && <Typography.Text type="secondary">无预约</Typography.Text>}
              {slot.appointments.map((a) => (
                <Space key={a.id} style={{ display: 'flex', justifyContent: 'space-between' }}>
                  <span>{a.resident.name}</span>
                  <Space>
                    <Tag>{APPOINTMENT_STATUS_LABELS[a.status]}</Tag>
                    {a.status === 'booked' && (
                      <>
                        <Button
                          size="small"
                          onClick={async () => {
                            try {
                              await markAppointment(a.id, 'attended');
                              day.reload();
                            } catch (error) {
                              message.error(messageOf(error));
                            }
                          }}
                        >
                          到
                        </Button>
                        <Button
                          size="small"
                          danger
                          onClick={async () => {
                            try {
                              await markAppointment(a.id, 'no-show');
                              day.reload();
                            } catch (error) {
                              message.error(messageOf(error));
                            }
                          }}
                        >
                          未到
                        </Button>
                      </>
                    )}
                  </Space>
                </Space>
              ))}
            </Card>
          </Col>
        ))}
      </Row>
    </Space>
  );
}

/** `/stewards`: the steward board — counts per grid and steward, requests; a steward takes and records. */
export function StewardBoard() {
  const { message } = App.useApp();
  const { can } = useAuth();
  const serve = can('stewards.serve');
  const stats = useAsync('steward-stats', (signal) => fetchStewardStats(signal));
  const [status, setStatus] = useState<string | undefined>(serve ? undefined : 'open');
  const requests = useAsync(`steward-requests:${status ?? ''}`, (signal) =>
    fetchStewardRequests({ status }, signal),
  );
  const act = async (run: () => Promise<unknown>) => {
    try {
      await run();
      requests.reload();
      stats.reload();
    } catch (error) {
      message.error(messageOf(error));
    }
  };
  const s = stats.data;
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }} data-testid="steward-board">
      <Typography.Title level={3} style={{ margin: 0 }}>
        善治红管家
      </Typography.Title>
      <Row gutter={12}>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title="已完成服务" value={s?.done ?? 0} data-testid="steward-done" />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title="待办" value={s?.open ?? 0} />
          </Card>
        </Col>
      </Row>
      <Select
        allowClear
        placeholder="全部状态"
        style={{ width: 200 }}
        value={status}
        onChange={setStatus}
        options={Object.entries(STEWARD_STATUS_LABELS).map(([value, label]) => ({ value, label }))}
      />
      <List<StewardRequest>
        bordered
        loading={requests.loading}
        dataSource={requests.data?.requests ?? []}
        pagination={{ pageSize: 10 }}
        renderItem={(r) => (
          <List.Item
            actions={
              serve && r.status === 'open'
                ? [
                    <Button
                      key="take"
                      type="primary"
                      size="small"
                      onClick={() => act(() => moveStewardRequest(r.id, 'take'))}
                    >
                      接单
                    </Button>,
                  ]
                : serve && r.status === 'taken'
                  ? [
                      <Button
                        key="done"
                        size="small"
                        onClick={() => {
                          const result = window.prompt('办了什么？', '已办好');
                          if (result) void act(() => completeStewardRequest(r.id, result));
                        }}
                      >
                        记录完成
                      </Button>,
                    ]
                  : []
            }
          >
            <List.Item.Meta
              title={
                <Space wrap>
                  <Tag color="red">{STEWARD_KIND_LABELS[r.kind]}</Tag>
                  {r.resident.name}
                  <Tag>{STEWARD_STATUS_LABELS[r.status]}</Tag>
                </Space>
              }
              description={`${r.description}${r.result ? ` → ${r.result}` : ''} · ${shanghai(r.askedAt)}${r.steward ? ` · ${r.steward.name}` : ''}`}
            />
          </List.Item>
        )}
      />
      {serve && <VisitChecklist />}
      {!serve && s && (
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Table
              size="small"
              rowKey={(g) => String(g.gridId)}
              title={() => '按网格'}
              dataSource={s.byGrid}
              pagination={{ pageSize: 10 }}
              columns={[
                { title: '网格', dataIndex: 'gridName' },
                { title: '已完成', dataIndex: 'done' },
                { title: '待办', dataIndex: 'open' },
              ]}
            />
          </Col>
          <Col xs={24} md={12}>
            <Table
              size="small"
              rowKey="stewardId"
              title={() => '按红管家'}
              dataSource={s.bySteward}
              pagination={{ pageSize: 10 }}
              columns={[
                { title: '红管家', dataIndex: 'name' },
                { title: '已完成', dataIndex: 'done' },
              ]}
            />
          </Col>
        </Row>
      )}
    </Space>
  );
}

/** 网格访听12条: the steward's visit checklist, on the phone. */
function VisitChecklist() {
  const { message } = App.useApp();
  const [door, setDoor] = useState('');
  const [done, setDone] = useState<ListeningDuty[]>([]);
  const [note, setNote] = useState('');
  const visits = useAsync('visits', (signal) => fetchStewardVisits(signal));
  return (
    <Card title="网格访听12条 · 入户走访" data-testid="visit-checklist">
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Input
          placeholder="门牌号，如 2-301"
          value={door}
          onChange={(e) => setDoor(e.target.value)}
          data-testid="visit-door"
        />
        <Checkbox.Group
          style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(150px, 1fr))', gap: 8 }}
          value={done}
          onChange={(v) => setDone(v as ListeningDuty[])}
          options={LISTENING_DUTY_KEYS.map((key, i) => ({
            value: key,
            label: `${i + 1}. ${LISTENING_DUTY_LABELS[key]}`,
          }))}
        />
        <Input.TextArea
          rows={2}
          placeholder="走访记录"
          value={note}
          onChange={(e) => setNote(e.target.value)}
        />
        <Button
          type="primary"
          block
          disabled={!door.trim()}
          onClick={async () => {
            try {
              await recordVisit({
                doorNumber: door.trim(),
                checklist: LISTENING_DUTY_KEYS.map((duty) => ({ duty, done: done.includes(duty) })),
                ...(note.trim() ? { note: note.trim() } : {}),
              });
              message.success('走访已记录');
              setDoor('');
              setDone([]);
              setNote('');
              visits.reload();
            } catch (error) {
              message.error(messageOf(error));
            }
          }}
          data-testid="visit-submit"
        >
          提交走访
        </Button>
        <Typography.Text type="secondary">最近走访 {visits.data?.total ?? 0} 次</Typography.Text>
      </Space>
    </Card>
  );
}
