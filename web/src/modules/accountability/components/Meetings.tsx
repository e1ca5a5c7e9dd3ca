import {
  App as AntApp,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Spin,
  Table,
  Tag,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import type { Decision } from '#contracts';
import { useAuth } from '../../../app/auth.tsx';
import { ErrorState } from '../../../ui/ErrorState.tsx';
import { useAsync } from '../../../ui/useAsync.ts';
import { fetchBoard, fetchMeetings, postDecisionDone, postMeeting } from '../api/accountability.api.ts';
import { exportXlsx } from '../exportXlsx.ts';

interface MeetingValues {
  heldOn: Dayjs;
  title: string;
  chairedBy: string;
  attendees: string;
  summary: string;
  decisions: { content: string; departmentId: number; dueOn: Dayjs }[];
}

/** 调度会: meeting records, their decisions by unit with due dates and done state. */
export function Meetings() {
  const { can, me } = useAuth();
  const { message } = AntApp.useApp();
  const meetings = useAsync('acc:meetings', (signal) => fetchMeetings(signal));
  const board = useAsync('acc:board', (signal) => fetchBoard({}, signal));
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<MeetingValues>();
  const units = (board.data?.units ?? []).map((u) => ({ value: u.departmentId, label: u.departmentName }));

  if (meetings.error) return <ErrorState error={meetings.error} onRetry={meetings.reload} />;
  if (!meetings.data) return <Spin />;
  const markDone = async (d: Decision) => {
    try {
      await postDecisionDone(d.meetingId, d.id, {
        doneOn: new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10),
        note: '已落实',
      });
      meetings.reload();
    } catch (error) {
      message.error(error instanceof Error ? error.message : String(error));
    }
  };
  const save = async (v: MeetingValues) => {
    await postMeeting({
      heldOn: v.heldOn.format('YYYY-MM-DD'),
      title: v.title,
      chairedBy: v.chairedBy,
      attendees: v.attendees ?? '',
      summary: v.summary ?? '',
      decisions: (v.decisions ?? []).map((d) => ({ ...d, dueOn: d.dueOn.format('YYYY-MM-DD') })),
    });
    setOpen(false);
    form.resetFields();
    meetings.reload();
  };

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="acc-meetings">
      <Space>
        {can('accountability.manage') ? (
          <Button type="primary" onClick={() => setOpen(true)}>
            记录调度会
          </Button>
        ) : null}
        <Button
          onClick={() =>
            void exportXlsx<Decision & { meeting: string }>(
              '调度会议定事项.xlsx',
              '议定事项',
              [
                { header: '会议', width: 36, value: (d) => d.meeting },
                { header: '事项', width: 40, value: (d) => d.content },
                { header: '责任单位', width: 24, value: (d) => d.departmentName },
                { header: '完成时限', value: (d) => d.dueOn },
                { header: '完成', value: (d) => d.doneOn ?? '' },
              ],
              meetings.data?.meetings.flatMap((m) =>
                m.decisions.map((d) => ({ ...d, meeting: `${m.heldOn} ${m.title}` })),
              ) ?? [],
            )
          }
        >
          导出Excel
        </Button>
      </Space>
      {meetings.data.meetings.map((m) => (
        <Card
          key={m.id}
          size="small"
          title={`${m.heldOn} ${m.title}`}
          extra={<span className="jz-muted">主持：{m.chairedBy}</span>}
        >
          <p className="jz-small">参会：{m.attendees}</p>
          <p>{m.summary}</p>
          <Table<Decision>
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={m.decisions}
            columns={[
              { title: '议定事项', dataIndex: 'content' },
              { title: '责任单位', dataIndex: 'departmentName', width: 200 },
              { title: '完成时限', dataIndex: 'dueOn', width: 110 },
              {
                title: '落实情况',
                width: 220,
                render: (_, d) =>
                  d.doneOn ? (
                    <Tag
                      color={d.late ? 'orange' : 'green'}
                    >{`${d.doneOn} 完成${d.doneNote ? `：${d.doneNote}` : ''}`}</Tag>
                  ) : d.late ? (
                    <Tag color="red">逾期未落实</Tag>
                  ) : (
                    <Tag>落实中</Tag>
                  ),
              },
              {
                title: '',
                width: 90,
                render: (_, d) =>
                  !d.doneOn &&
                  (me?.role === 'admin' || me?.scope.id === d.departmentId) &&
                  can('accountability.report') ? (
                    <Button size="small" onClick={() => void markDone(d)}>
                      已落实
                    </Button>
                  ) : null,
              },
            ]}
          />
        </Card>
      ))}
      <Modal
        open={open}
        title="记录调度会"
        width={760}
        onCancel={() => setOpen(false)}
        onOk={() => void form.validateFields().then(save)}
      >
        <Form form={form} layout="vertical">
          <Space>
            <Form.Item name="heldOn" label="日期" rules={[{ required: true }]}>
              <DatePicker />
            </Form.Item>
            <Form.Item name="chairedBy" label="主持人" rules={[{ required: true }]}>
              <Input />
            </Form.Item>
          </Space>
          <Form.Item name="title" label="会议名称" rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="attendees" label="参会人员">
            <Input />
          </Form.Item>
          <Form.Item name="summary" label="会议纪要">
            <Input.TextArea rows={3} />
          </Form.Item>
          <Form.List name="decisions">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field) => (
                  <Space key={field.key} align="baseline">
                    <Form.Item name={[field.name, 'content']} rules={[{ required: true }]}>
                      <Input placeholder="议定事项" style={{ width: 300 }} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'departmentId']} rules={[{ required: true }]}>
                      <Select
                        placeholder="责任单位"
                        options={units}
                        style={{ width: 180 }}
                        showSearch
                        optionFilterProp="label"
                      />
                    </Form.Item>
                    <Form.Item name={[field.name, 'dueOn']} rules={[{ required: true }]}>
                      <DatePicker placeholder="时限" />
                    </Form.Item>
                    <Button onClick={() => remove(field.name)}>删除</Button>
                  </Space>
                ))}
                <Button onClick={() => add()}>添加议定事项</Button>
              </>
            )}
          </Form.List>
        </Form>
      </Modal>
    </Space>
  );
}
