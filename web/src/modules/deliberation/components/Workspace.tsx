import { PrinterOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Descriptions,
  Empty,
  Form,
  Input,
  InputNumber,
  Select,
  Space,
  Spin,
  Steps,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import type { Matter, StepCompletion } from '#contracts';
import { ApiError } from '../../../app/api.ts';
import { useAuth, useMe } from '../../../app/auth.tsx';
import { navigate } from '../../../app/router.ts';
import { useAsync } from '../../../ui/useAsync.ts';
import {
  completeStep,
  fetchMatter,
  fetchMatterRecord,
  fetchMatters,
  openMatter,
  postOnMatter,
  recordBallot,
} from '../api/deliberation.api.ts';
import { CHOICE_LABELS, MODE_COLORS, MODE_LABELS, STATUS_LABELS, shanghai } from '../labels.ts';
import { TallyView } from './TallyView.tsx';

const errorText = (error: unknown) =>
  error instanceof ApiError ? `${error.message}（${error.code}）` : String(error);

/** `/deliberation`: the grid council's matters in the viewer's scope, and opening a new one. */
export function MatterList() {
  const { can } = useAuth();
  const me = useMe();
  const matters = useAsync('matters', (signal) => fetchMatters({}, signal));
  const [opening, setOpening] = useState(false);
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const defaultGrid = me.scope.level === 'grid' ? (me.scope.id ?? undefined) : undefined;

  const submit = async (values: { gridId: number; title: string; description: string }) => {
    try {
      const matter = await openMatter(values);
      message.success('议题已建立');
      navigate(`/deliberation/${matter.id}`);
    } catch (error) {
      message.error(errorText(error));
    }
  };

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Space style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          网格善治会 · 议事工作台
        </Typography.Title>
        {can('deliberation.manage') && (
          <Button type="primary" onClick={() => setOpening(!opening)} data-testid="matter-new">
            新建议题
          </Button>
        )}
      </Space>
      {opening && (
        <Card title="新建议题（双线七议两公开）">
          <Form
            form={form}
            layout="vertical"
            onFinish={submit}
            initialValues={{ gridId: defaultGrid }}
            data-testid="matter-form"
          >
            <Form.Item name="gridId" label="网格编号" rules={[{ required: true }]}>
              <InputNumber min={1} style={{ width: 200 }} data-testid="matter-grid" />
            </Form.Item>
            <Form.Item name="title" label="议题" rules={[{ required: true, max: 120 }]}>
              <Input data-testid="matter-title" />
            </Form.Item>
            <Form.Item name="description" label="说明" rules={[{ required: true }]}>
              <Input.TextArea rows={3} data-testid="matter-description" />
            </Form.Item>
            <Button type="primary" htmlType="submit" data-testid="matter-submit">
              建立
            </Button>
          </Form>
        </Card>
      )}
      <Table<Matter>
        rowKey="id"
        loading={matters.loading}
        dataSource={matters.data?.matters ?? []}
        pagination={{ pageSize: 20 }}
        onRow={(m) => ({ onClick: () => navigate(`/deliberation/${m.id}`), style: { cursor: 'pointer' } })}
        columns={[
          {
            title: '议题',
            dataIndex: 'title',
            render: (t: string, m) => <a href={`/deliberation/${m.id}`}>{t}</a>,
          },
          { title: '网格', render: (_, m) => m.grid.name },
          {
            title: '进度',
            render: (_, m) =>
              m.currentStep ? `第${m.currentStep}步 ${m.steps[m.currentStep - 1]?.name ?? ''}` : '—',
          },
          { title: '状态', render: (_, m) => <Tag>{STATUS_LABELS[m.status]}</Tag> },
          { title: '更新', render: (_, m) => shanghai(m.updatedAt) },
        ]}
      />
    </Space>
  );
}

interface StepForm {
  step: number;
  summary: string;
  withMeeting: boolean;
  heldAt?: string;
  place?: string;
  attendanceExpected?: number;
  attendancePresent?: number;
  minutes?: string;
}

/** `/deliberation/:id`: move a matter through its steps, online posts, offline meetings, paper ballots. */
export function MatterWorkspace({ matterId }: { matterId: number }) {
  const { can } = useAuth();
  const matter = useAsync(`matter:${matterId}`, (signal) => fetchMatter(matterId, signal));
  const [postForm] = Form.useForm<{ body: string }>();
  const { message } = App.useApp();
  const m = matter.data;
  if (!m) return matter.error ? <Alert type="error" title={String(matter.error)} /> : <Spin />;
  const current = m.currentStep ? m.steps[m.currentStep - 1] : undefined;
  const manage = can('deliberation.manage') && m.status === 'in_progress';

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }} data-testid="matter-workspace">
      <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
        <Typography.Title level={3} style={{ margin: 0 }} data-testid="matter-heading">
          {m.title}
        </Typography.Title>
        <Space>
          <Tag data-testid="matter-status">{STATUS_LABELS[m.status]}</Tag>
          <Button icon={<PrinterOutlined />} href={`/deliberation/${m.id}/print`} data-testid="matter-print">
            打印记录
          </Button>
        </Space>
      </Space>
      <Typography.Paragraph>
        {m.grid.name} · {m.description}
      </Typography.Paragraph>
      <Steps
        size="small"
        current={(m.currentStep ?? m.steps.length + 1) - 1}
        items={m.steps.map((s) => ({
          title: s.name,
          description: <Tag color={MODE_COLORS[s.mode]}>{MODE_LABELS[s.mode]}</Tag>,
          status:
            s.state === 'done'
              ? 'finish'
              : s.state === 'current'
                ? 'process'
                : s.state === 'skipped'
                  ? 'error'
                  : 'wait',
        }))}
        data-testid="matter-steps"
      />
      {m.tally && <TallyView tally={m.tally} />}
      {manage && current && <StepCard key={m.currentStep} matter={m} onDone={matter.reload} />}
      {manage && current && current.mode !== 'offline' && (
        <Card title="线上发布（本步）">
          <Form
            form={postForm}
            layout="inline"
            onFinish={async ({ body }) => {
              try {
                await postOnMatter(m.id, body);
                postForm.resetFields();
                message.success('已发布');
              } catch (error) {
                message.error(errorText(error));
              }
            }}
          >
            <Form.Item name="body" rules={[{ required: true }]} style={{ flex: 1 }}>
              <Input placeholder="发布通知或议题说明" data-testid="post-body" />
            </Form.Item>
            <Button htmlType="submit" data-testid="post-submit">
              发布
            </Button>
          </Form>
        </Card>
      )}
      {manage && current?.vote && current.mode !== 'online' && (
        <Card title="纸质选票（线下会议）">
          <Form
            layout="inline"
            onFinish={async (v: { householdId: number; choice: 'for' | 'against' | 'abstain' }) => {
              try {
                await recordBallot(m.id, v.householdId, v.choice);
                message.success('已登记');
                matter.reload();
              } catch (error) {
                message.error(errorText(error));
              }
            }}
          >
            <Form.Item name="householdId" rules={[{ required: true }]}>
              <InputNumber min={1} placeholder="户编号" data-testid="ballot-household" />
            </Form.Item>
            <Form.Item name="choice" rules={[{ required: true }]}>
              <Select
                style={{ width: 100 }}
                options={Object.entries(CHOICE_LABELS).map(([value, label]) => ({ value, label }))}
                data-testid="ballot-choice"
              />
            </Form.Item>
            <Button htmlType="submit" data-testid="ballot-submit">
              登记选票
            </Button>
          </Form>
        </Card>
      )}
      <RecordView matterId={m.id} version={m.updatedAt} />
    </Space>
  );
}

/** Completes a step: the current one by default; another is sent too, and the server refuses it (out of order). */
function StepCard({ matter: m, onDone }: { matter: Matter; onDone: () => void }) {
  const [form] = Form.useForm<StepForm>();
  const [refusal, setRefusal] = useState<string | null>(null);
  const { message } = App.useApp();
  const withMeeting = Form.useWatch('withMeeting', form);
  const current = m.steps[(m.currentStep ?? 1) - 1];
  if (!current) return null;
  const submit = async (values: StepForm) => {
    setRefusal(null);
    const body: StepCompletion = { summary: values.summary };
    if (values.withMeeting) {
      body.meeting = {
        // The form's datetime-local is Shanghai time (stored UTC, shown Asia/Shanghai).
        heldAt: new Date(`${values.heldAt}:00+08:00`).toISOString(),
        place: values.place ?? '',
        attendanceExpected: values.attendanceExpected ?? 0,
        attendancePresent: values.attendancePresent ?? 0,
        minutes: values.minutes ?? '',
      };
    }
    try {
      await completeStep(m.id, values.step, body);
      message.success(`第${values.step}步已完成`);
      onDone();
    } catch (error) {
      setRefusal(errorText(error));
    }
  };

  return (
    <Card title={`完成一步（当前：第${m.currentStep}步 ${current.name}，${MODE_LABELS[current.mode]}）`}>
      <Form<StepForm>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ step: m.currentStep ?? 1, withMeeting: current.mode === 'offline' }}
        data-testid="step-form"
      >
        <Form.Item name="step" label="步骤">
          <Select
            style={{ maxWidth: 320 }}
            options={m.steps.map((s) => ({ value: s.number, label: `第${s.number}步 ${s.name}` }))}
            data-testid="step-select"
          />
        </Form.Item>
        <Form.Item
          name="summary"
          label={current.disclosure ? '公开内容（将在网格公示栏发布）' : '本步记录摘要'}
          rules={[{ required: true }]}
        >
          <Input.TextArea rows={3} data-testid="step-summary" />
        </Form.Item>
        <Form.Item name="withMeeting" valuePropName="checked">
          <Checkbox disabled={current.mode === 'online'} data-testid="step-with-meeting">
            线下会议（出席与纪要）
          </Checkbox>
        </Form.Item>
        {withMeeting && (
          <Space wrap align="start">
            <Form.Item name="heldAt" label="时间" rules={[{ required: true }]}>
              <Input type="datetime-local" data-testid="meeting-held-at" />
            </Form.Item>
            <Form.Item name="place" label="地点" rules={[{ required: true }]}>
              <Input data-testid="meeting-place" />
            </Form.Item>
            <Form.Item name="attendanceExpected" label="应到" rules={[{ required: true }]}>
              <InputNumber min={0} data-testid="meeting-expected" />
            </Form.Item>
            <Form.Item name="attendancePresent" label="实到" rules={[{ required: true }]}>
              <InputNumber min={0} data-testid="meeting-present" />
            </Form.Item>
          </Space>
        )}
        {withMeeting && (
          <Form.Item name="minutes" label="会议纪要" rules={[{ required: true }]}>
            <Input.TextArea rows={4} data-testid="meeting-minutes" />
          </Form.Item>
        )}
        {refusal && (
          <Alert type="error" title={refusal} style={{ marginBottom: 12 }} data-testid="step-refusal" />
        )}
        <Button type="primary" htmlType="submit" data-testid="step-submit">
          完成此步
        </Button>
      </Form>
    </Card>
  );
}

/** Every step's record (kept, printable). */
function RecordView({ matterId, version }: { matterId: number; version: string }) {
  const record = useAsync(`record:${matterId}:${version}`, (signal) => fetchMatterRecord(matterId, signal));
  if (!record.data) return <Spin />;
  return (
    <Card title="各步记录" data-testid="matter-record">
      {record.data.steps.map((s) => (
        <Descriptions
          key={s.number}
          size="small"
          bordered
          column={1}
          style={{ marginBottom: 12 }}
          title={`第${s.number}步 ${s.name}（${MODE_LABELS[s.mode]}）${s.state === 'done' ? ' ✓' : ''}`}
          items={[
            { label: '记录', children: s.summary ?? '—' },
            { label: '完成', children: `${shanghai(s.completedAt)} ${s.completedBy ?? ''}` },
            ...(s.meeting
              ? [
                  {
                    label: '线下会议',
                    children: `${shanghai(s.meeting.heldAt)} · ${s.meeting.place} · 应到${s.meeting.attendanceExpected} 实到${s.meeting.attendancePresent}`,
                  },
                  { label: '纪要', children: s.meeting.minutes },
                ]
              : []),
            ...(s.posts.length
              ? [
                  {
                    label: '线上',
                    children: (
                      <div>
                        {s.posts.map((p) => (
                          <div key={p.id}>
                            {p.author.label}：{p.body}
                          </div>
                        ))}
                      </div>
                    ),
                  },
                ]
              : []),
            ...(s.ballots
              ? [{ label: '投票', children: `线上 ${s.ballots.online} 票，纸质 ${s.ballots.paper} 票` }]
              : []),
          ]}
        />
      ))}
      {record.data.steps.length === 0 && <Empty />}
    </Card>
  );
}

/** `/deliberation/:id/print`: the record of every step, laid out for paper. */
export function MatterPrint({ matterId }: { matterId: number }) {
  const record = useAsync(`print:${matterId}`, (signal) => fetchMatterRecord(matterId, signal));
  const r = record.data;
  if (!r) return <Spin />;
  return (
    <div className="jz-print" data-testid="matter-print-page">
      <Space className="jz-no-print" style={{ marginBottom: 16 }}>
        <Button onClick={() => window.print()} icon={<PrinterOutlined />} data-testid="print-now">
          打印
        </Button>
        <Button href={`/deliberation/${matterId}`}>返回</Button>
      </Space>
      <Typography.Title level={3}>网格善治会议事记录：{r.matter.title}</Typography.Title>
      <Typography.Paragraph>
        {r.matter.grid.name} · {STATUS_LABELS[r.matter.status]} · 打印于 {shanghai(r.printedAt)}
      </Typography.Paragraph>
      {r.steps.map((s) => (
        <div key={s.number} style={{ breakInside: 'avoid', marginBottom: 16 }}>
          <Typography.Title level={5}>
            第{s.number}步 {s.name}（{MODE_LABELS[s.mode]}）
          </Typography.Title>
          <div>记录：{s.summary ?? '—'}</div>
          <div>
            完成：{shanghai(s.completedAt)} {s.completedBy ?? ''}
          </div>
          {s.meeting && (
            <div>
              会议：{shanghai(s.meeting.heldAt)}，{s.meeting.place}，应到 {s.meeting.attendanceExpected}{' '}
              人，实到 {s.meeting.attendancePresent} 人。纪要：{s.meeting.minutes}
            </div>
          )}
          {s.tally && (
            <div>
              表决：应参与 {s.tally.eligibleHouseholds} 户，投票 {s.tally.voted} 户，同意 {s.tally.inFavour}
              ，反对 {s.tally.against}，弃权 {s.tally.abstained}，{s.tally.adopted ? '通过' : '未通过'}
            </div>
          )}
          {s.posts.map((p) => (
            <div key={p.id}>
              {p.author.label}：{p.body}
            </div>
          ))}
        </div>
      ))}
    </div>
  );
}
