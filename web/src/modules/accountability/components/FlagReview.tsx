import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Space,
  Spin,
  Table,
  Tag,
} from 'antd';
import { useState } from 'react';
import type { FlagColour, FlagList, UnitFlag } from '#contracts';
import { useAuth } from '../../../app/auth.tsx';
import { ErrorState } from '../../../ui/ErrorState.tsx';
import { useAsync } from '../../../ui/useAsync.ts';
import {
  computeFlags,
  fetchFlags,
  fetchSubscriptions,
  overrideFlag,
  publishFlags,
  saveSubscriptions,
} from '../api/accountability.api.ts';
import { exportXlsx } from '../exportXlsx.ts';
import {
  FLAG_COLOURS,
  FLAG_LABELS,
  previousQuarter,
  quarterOf,
  shanghaiTime,
  shanghaiToday,
} from '../labels.ts';

/** 季挂牌: compute by the rule, override with a reason, publish; leaders subscribe to units here. */
export function FlagReview() {
  const { can } = useAuth();
  const { message } = AntApp.useApp();
  const current = quarterOf(shanghaiToday());
  const [quarter, setQuarter] = useState(previousQuarter(current));
  const flags = useAsync(`acc:flags:${quarter}`, (signal) => fetchFlags(quarter, signal));
  const subscriber = can('accountability.subscribe');
  const subscriptions = useAsync(subscriber ? 'acc:subscriptions' : null, (signal) =>
    fetchSubscriptions(signal),
  );
  const [overriding, setOverriding] = useState<UnitFlag | null>(null);
  const [form] = Form.useForm<{ colour: FlagColour; reason: string }>();
  const manage = can('accountability.manage');

  if (flags.error) return <ErrorState error={flags.error} onRetry={flags.reload} />;
  if (!flags.data) return <Spin />;
  const published = flags.data.flags.some((f) => f.published);
  const rule = flags.data.flags[0]?.rule;
  const subscribed = new Set(subscriptions.data?.departmentIds ?? []);
  const act = async (work: () => Promise<unknown>, done: string) => {
    try {
      await work();
      message.success(done);
      flags.reload();
    } catch (error) {
      message.error(error instanceof Error ? error.message : String(error));
    }
  };
  const toggle = (departmentId: number) => {
    const next = new Set(subscribed);
    if (next.has(departmentId)) next.delete(departmentId);
    else next.add(departmentId);
    void saveSubscriptions([...next]).then(subscriptions.reload);
  };

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="acc-flags">
      <Space wrap>
        <Select
          value={quarter}
          onChange={setQuarter}
          style={{ width: 140 }}
          options={[current, previousQuarter(current), previousQuarter(previousQuarter(current))].map(
            (q) => ({ value: q, label: q }),
          )}
        />
        {manage && !published ? (
          <Button onClick={() => void act(() => computeFlags(quarter), '已按规则计算')}>按规则计算</Button>
        ) : null}
        {manage && !published && flags.data.flags.length > 0 ? (
          <Popconfirm
            title="发布后挂牌不再变更，并推送给订阅的市领导、记入责任人履职档案。确认发布？"
            onConfirm={() => void act(() => publishFlags(quarter), '已发布并推送')}
          >
            <Button type="primary" danger>
              发布挂牌
            </Button>
          </Popconfirm>
        ) : null}
        <Button
          onClick={() =>
            void exportXlsx<FlagList['flags'][number]>(
              `${quarter}-季挂牌.xlsx`,
              '季挂牌',
              [
                { header: '单位', width: 26, value: (f) => f.departmentName },
                { header: '滞后节点', value: (f) => f.lateMilestones },
                { header: '缺报次数', value: (f) => f.missedReports },
                { header: '规则结果', value: (f) => FLAG_LABELS[f.computedColour] },
                { header: '挂牌', value: (f) => FLAG_LABELS[f.colour] },
                { header: '调整理由', width: 40, value: (f) => f.overrideReason ?? '' },
              ],
              flags.data?.flags ?? [],
            )
          }
        >
          导出Excel
        </Button>
        {published ? (
          <Tag color="green">已发布</Tag>
        ) : flags.data.flags.length ? (
          <Tag color="gold">待发布</Tag>
        ) : null}
      </Space>
      {rule ? (
        <Alert
          type="info"
          showIcon
          message={`挂牌规则：滞后节点 ≥${rule.red.lateMilestones} 个或缺报 ≥${rule.red.missedReports} 次为红牌；滞后节点 ≥${rule.yellow.lateMilestones} 个或缺报 ≥${rule.yellow.missedReports} 次为黄牌；其余绿牌。`}
        />
      ) : null}
      <Card size="small" title={`${quarter} 季挂牌（${flags.data.flags.length} 个单位）`}>
        <Table<UnitFlag>
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={flags.data.flags}
          columns={[
            { title: '牵头单位', dataIndex: 'departmentName', width: 220 },
            { title: '滞后节点', dataIndex: 'lateMilestones', width: 90 },
            { title: '缺报', dataIndex: 'missedReports', width: 70 },
            {
              title: '规则结果',
              width: 90,
              render: (_, f) => (
                <Tag color={FLAG_COLOURS[f.computedColour]}>{FLAG_LABELS[f.computedColour]}</Tag>
              ),
            },
            {
              title: '挂牌',
              width: 90,
              render: (_, f) => (
                <Tag color={FLAG_COLOURS[f.colour]} style={{ fontWeight: 700 }}>
                  {FLAG_LABELS[f.colour]}
                </Tag>
              ),
            },
            {
              title: '调整理由',
              render: (_, f) => (f.overrideReason ? `${f.overrideReason}（${f.overriddenBy}）` : ''),
            },
            {
              title: '发布',
              width: 140,
              render: (_, f) => (f.publishedAt ? shanghaiTime(f.publishedAt) : ''),
            },
            {
              title: '',
              width: 160,
              render: (_, f) => (
                <Space>
                  {manage && !f.published ? (
                    <Button size="small" onClick={() => setOverriding(f)}>
                      调整
                    </Button>
                  ) : null}
                  {subscriber ? (
                    <Button
                      size="small"
                      type={subscribed.has(f.departmentId) ? 'primary' : 'default'}
                      onClick={() => toggle(f.departmentId)}
                    >
                      {subscribed.has(f.departmentId) ? '已订阅' : '订阅'}
                    </Button>
                  ) : null}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <Modal
        open={overriding !== null}
        title={`调整挂牌：${overriding?.departmentName ?? ''}`}
        onCancel={() => setOverriding(null)}
        onOk={() =>
          void form.validateFields().then((v) =>
            act(async () => {
              if (overriding) await overrideFlag(overriding.id, v);
              setOverriding(null);
              form.resetFields();
            }, '已调整（记入审计日志）'),
          )
        }
      >
        <Form form={form} layout="vertical">
          <Form.Item name="colour" label="调整为" rules={[{ required: true }]}>
            <Select
              options={(['red', 'yellow', 'green'] as const).map((c) => ({
                value: c,
                label: FLAG_LABELS[c],
              }))}
            />
          </Form.Item>
          <Form.Item name="reason" label="理由" rules={[{ required: true, min: 2 }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
