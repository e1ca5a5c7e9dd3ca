import {
  Alert,
  App,
  Button,
  Card,
  Empty,
  Form,
  Input,
  List,
  Rate,
  Select,
  Space,
  Spin,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import type { ServiceItem, StewardServiceKind } from '#contracts';
import { useLocation } from '../../../app/router.ts';
import { useAsync } from '../../../ui/useAsync.ts';
import {
  askSteward,
  bookSlot,
  cancelAppointment,
  fetchAppointments,
  fetchItems,
  fetchReminders,
  fetchRequests,
  fetchSites,
  fetchSlots,
  fetchStewardRequests,
  moveStewardRequest,
  rateRequest,
} from '../api/services.api.ts';
import {
  APPOINTMENT_STATUS_LABELS,
  REQUEST_STATUS_LABELS,
  STEWARD_KIND_LABELS,
  STEWARD_STATUS_LABELS,
  shanghai,
} from '../labels.ts';

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** `/my/services` (phone first, 幸福365): services, booking, my appointments and requests, ask a steward. */
export function ResidentServices() {
  const { query } = useLocation();
  const [tab, setTab] = useState(query.get('tab') ?? 'items');
  const [version, setVersion] = useState(0);
  const refresh = () => setVersion((v) => v + 1);
  return (
    <div style={{ maxWidth: 640 }} data-testid="resident-services">
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        幸福365 · 随时约
      </Typography.Title>
      <Reminders />
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          { key: 'items', label: '办事预约', children: <Catalogue onBooked={refresh} /> },
          { key: 'appointments', label: '我的预约', children: <MyAppointments version={version} /> },
          { key: 'requests', label: '我的办件', children: <MyRequests /> },
          { key: 'steward', label: '红管家', children: <AskSteward /> },
        ]}
      />
    </div>
  );
}

function Reminders() {
  const reminders = useAsync('reminders', (signal) => fetchReminders(signal));
  const unread = reminders.data?.reminders.filter((r) => r.readAt === null) ?? [];
  if (unread.length === 0) return null;
  return (
    <Space orientation="vertical" style={{ width: '100%', marginBottom: 8 }}>
      {unread.map((r) => (
        <Alert key={r.id} type="info" showIcon title={r.message} data-testid="reminder" />
      ))}
    </Space>
  );
}

function Catalogue({ onBooked }: { onBooked: () => void }) {
  const [q, setQ] = useState('');
  const [chosen, setChosen] = useState<ServiceItem | null>(null);
  const items = useAsync(`items:${q}`, (signal) => fetchItems({ q, limit: 30 }, signal));
  if (chosen)
    return (
      <BookSlot
        item={chosen}
        onDone={() => {
          setChosen(null);
          onBooked();
        }}
      />
    );
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Input.Search
        placeholder="搜索服务事项，如 创客工坊"
        allowClear
        onSearch={setQ}
        data-testid="items-search"
      />
      <List
        loading={items.loading}
        dataSource={items.data?.items ?? []}
        renderItem={(item) => (
          <List.Item
            actions={
              item.bookable
                ? [
                    <Button
                      key="book"
                      type="link"
                      onClick={() => setChosen(item)}
                      data-testid={`book-${item.code}`}
                    >
                      预约
                    </Button>,
                  ]
                : []
            }
          >
            <List.Item.Meta
              title={item.name}
              description={`承诺 ${item.promisedDays} 个工作日 · 材料：${item.materials.join('、') || '无'}`}
            />
          </List.Item>
        )}
      />
    </Space>
  );
}

function BookSlot({ item, onDone }: { item: ServiceItem; onDone: () => void }) {
  const { message } = App.useApp();
  const sites = useAsync('sites', (signal) => fetchSites({}, signal));
  const offered = (sites.data?.sites ?? []).filter((s) => item.offeredAt.includes(s.kind));
  const [siteId, setSiteId] = useState<number | null>(null);
  const slots = useAsync(siteId === null ? null : `slots:${siteId}:${item.id}`, (signal) =>
    fetchSlots({ siteId: siteId ?? 0, itemId: item.id }, signal),
  );
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="book-slot">
      <Typography.Text strong>预约：{item.name}</Typography.Text>
      <Select
        showSearch
        optionFilterProp="label"
        placeholder="选择服务中心或服务站"
        style={{ width: '100%' }}
        options={offered.map((s) => ({ value: s.id, label: s.name }))}
        onChange={setSiteId}
        data-testid="book-site"
      />
      {siteId !== null && (
        <List
          loading={slots.loading}
          locale={{ emptyText: '近期没有可约时段' }}
          dataSource={(slots.data?.slots ?? []).filter((s) => new Date(s.startsAt) > new Date())}
          renderItem={(slot) => (
            <List.Item
              actions={[
                <Button
                  key="book"
                  type="primary"
                  size="small"
                  disabled={slot.free === 0}
                  onClick={async () => {
                    try {
                      await bookSlot(slot.id);
                      message.success('预约成功');
                      onDone();
                    } catch (error) {
                      message.error(messageOf(error));
                    }
                  }}
                  data-testid={`slot-${slot.id}`}
                >
                  {slot.free === 0 ? '已满' : '预约'}
                </Button>,
              ]}
            >
              {shanghai(slot.startsAt)}–{shanghai(slot.endsAt).slice(-5)} · 余 {slot.free}
            </List.Item>
          )}
        />
      )}
      <Button onClick={onDone}>返回</Button>
    </Space>
  );
}

function MyAppointments({ version }: { version: number }) {
  const { message } = App.useApp();
  const list = useAsync(`appointments:${version}`, (signal) => fetchAppointments(signal));
  if (!list.data) return <Spin />;
  if (list.data.appointments.length === 0) return <Empty description="暂无预约" />;
  return (
    <List
      dataSource={list.data.appointments}
      data-testid="my-appointments"
      renderItem={(a) => (
        <List.Item
          actions={
            a.status === 'booked' && new Date(a.slot.startsAt) > new Date()
              ? [
                  <Button
                    key="cancel"
                    size="small"
                    onClick={async () => {
                      try {
                        await cancelAppointment(a.id);
                        list.reload();
                      } catch (error) {
                        message.error(messageOf(error));
                      }
                    }}
                  >
                    取消
                  </Button>,
                ]
              : []
          }
        >
          <List.Item.Meta
            title={`${a.slot.item.name} · ${APPOINTMENT_STATUS_LABELS[a.status]}`}
            description={`${shanghai(a.slot.startsAt)} · ${a.site.name}`}
          />
        </List.Item>
      )}
    />
  );
}

function MyRequests() {
  const { message } = App.useApp();
  const list = useAsync('my-requests', (signal) => fetchRequests({}, signal));
  const [ratings, setRatings] = useState<Record<number, number>>({});
  if (!list.data) return <Spin />;
  if (list.data.requests.length === 0) return <Empty description="暂无办件" />;
  return (
    <List
      dataSource={list.data.requests}
      data-testid="my-requests"
      renderItem={(r) => (
        <List.Item>
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Space wrap>
              <Typography.Text strong>{r.item.name}</Typography.Text>
              <Tag>{REQUEST_STATUS_LABELS[r.status]}</Tag>
              {r.overdue && <Tag color="red">超期</Tag>}
            </Space>
            <Typography.Text type="secondary">
              受理 {shanghai(r.receivedAt)} · 承诺 {shanghai(r.deadline)} 前
            </Typography.Text>
            {r.status === 'rated' && <Rate disabled value={r.rating ?? 0} />}
            {r.status === 'done' && (
              <Space wrap>
                <Rate value={ratings[r.id] ?? 0} onChange={(v) => setRatings({ ...ratings, [r.id]: v })} />
                <Button
                  size="small"
                  type="primary"
                  disabled={!ratings[r.id]}
                  onClick={async () => {
                    try {
                      await rateRequest(r.id, ratings[r.id] ?? 5);
                      message.success('感谢评价');
                      list.reload();
                    } catch (error) {
                      message.error(messageOf(error));
                    }
                  }}
                  data-testid={`rate-${r.id}`}
                >
                  评价
                </Button>
              </Space>
            )}
          </Space>
        </List.Item>
      )}
    />
  );
}

function AskSteward() {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ kind: StewardServiceKind; description: string }>();
  const list = useAsync('my-steward', (signal) => fetchStewardRequests({}, signal));
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="ask-steward">
      <Card size="small" title="找红管家帮忙（善治红管家）">
        <Form
          form={form}
          layout="vertical"
          onFinish={async (values) => {
            try {
              await askSteward(values);
              message.success('已送达您楼栋的红管家');
              form.resetFields();
              list.reload();
            } catch (error) {
              message.error(messageOf(error));
            }
          }}
        >
          <Form.Item name="kind" label="服务" rules={[{ required: true }]}>
            <Select
              options={Object.entries(STEWARD_KIND_LABELS).map(([value, label]) => ({ value, label }))}
              data-testid="steward-kind"
            />
          </Form.Item>
          <Form.Item name="description" label="需要什么帮助" rules={[{ required: true, max: 500 }]}>
            <Input.TextArea rows={2} data-testid="steward-description" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block data-testid="steward-submit">
            提交
          </Button>
        </Form>
      </Card>
      <List
        dataSource={list.data?.requests ?? []}
        locale={{ emptyText: '暂无求助' }}
        renderItem={(r) => (
          <List.Item
            actions={
              r.status === 'done'
                ? [
                    <Button
                      key="confirm"
                      size="small"
                      type="primary"
                      onClick={async () => {
                        try {
                          await moveStewardRequest(r.id, 'confirm');
                          list.reload();
                        } catch (error) {
                          message.error(messageOf(error));
                        }
                      }}
                      data-testid={`steward-confirm-${r.id}`}
                    >
                      确认
                    </Button>,
                  ]
                : []
            }
          >
            <List.Item.Meta
              title={`${STEWARD_KIND_LABELS[r.kind]} · ${STEWARD_STATUS_LABELS[r.status]}`}
              description={`${r.description}${r.result ? ` → ${r.result}` : ''}${r.steward ? `（${r.steward.name}）` : ''}`}
            />
          </List.Item>
        )}
      />
    </Space>
  );
}
