import {
  App as AntApp,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Form,
  Input,
  Modal,
  Progress,
  Select,
  Space,
  Spin,
  Table,
  Tag,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import type { Milestone, WeeklyReport } from '#contracts';
import { useAuth } from '../../../app/auth.tsx';
import { ErrorState } from '../../../ui/ErrorState.tsx';
import { Link } from '../../../ui/Link.tsx';
import { useAsync } from '../../../ui/useAsync.ts';
import { fetchTask, fetchTaskReports, postMilestoneDone, postTaskStatus } from '../api/accountability.api.ts';
import { exportXlsx } from '../exportXlsx.ts';
import { shanghaiTime, shanghaiToday, TASK_STATUS_LABELS } from '../labels.ts';

/** A task: goal, units, milestones (mark done), status (complete / suspend / resume), its reports. */
export function TaskView({ id }: { id: number }) {
  const { can, me } = useAuth();
  const { message } = AntApp.useApp();
  const task = useAsync(`acc:task:${id}`, (signal) => fetchTask(id, signal));
  const reports = useAsync(`acc:task-reports:${id}`, (signal) => fetchTaskReports(id, signal));
  const [doneFor, setDoneFor] = useState<Milestone | null>(null);
  const [statusOpen, setStatusOpen] = useState(false);
  const [form] = Form.useForm<{ doneOn: Dayjs; evidence: string }>();
  const [statusForm] = Form.useForm<{ action: 'complete' | 'suspend' | 'resume'; reason: string }>();

  if (task.error) return <ErrorState error={task.error} onRetry={task.reload} variant="page" />;
  if (!task.data) return <Spin />;
  const t = task.data;
  const mayReport =
    can('accountability.report') && (me?.role === 'admin' || me?.scope.id === t.leadDepartmentId);

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="acc-task">
      <Card
        title={t.title}
        extra={
          <Space>
            <Link to="/accountability">返回挂图作战</Link>
            {mayReport && t.status === 'in_progress' ? (
              <Link to={`/accountability/report?task=${t.id}`}>周一报送</Link>
            ) : null}
            {can('accountability.manage') ? (
              <Button onClick={() => setStatusOpen(true)}>变更状态</Button>
            ) : null}
          </Space>
        }
      >
        <Descriptions column={2} size="small">
          <Descriptions.Item label="牵头单位">{t.leadDepartmentName}</Descriptions.Item>
          <Descriptions.Item label="责任人">{t.responsiblePerson}</Descriptions.Item>
          <Descriptions.Item label="状态">
            <Tag color={t.status === 'in_progress' ? 'blue' : t.status === 'completed' ? 'green' : 'default'}>
              {TASK_STATUS_LABELS[t.status]}
            </Tag>
          </Descriptions.Item>
          <Descriptions.Item label="开始">{t.startsOn}</Descriptions.Item>
          <Descriptions.Item label="进度" span={2}>
            <Progress percent={t.progress} style={{ maxWidth: 360 }} />
          </Descriptions.Item>
          <Descriptions.Item label="目标" span={2}>
            {t.goal}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card size="small" title="节点">
        <Table<Milestone>
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={t.milestones}
          columns={[
            { title: '节点', dataIndex: 'title' },
            { title: '截止', dataIndex: 'dueOn', width: 120 },
            { title: '完成', dataIndex: 'doneOn', width: 120, render: (v: string | null) => v ?? '—' },
            {
              title: '',
              width: 90,
              render: (_, m) =>
                m.late ? <Tag color="red">滞后</Tag> : m.doneOn ? <Tag color="green">按期</Tag> : null,
            },
            { title: '佐证', dataIndex: 'evidence', render: (v: string | null) => v ?? '' },
            {
              title: '',
              width: 100,
              render: (_, m) =>
                mayReport && !m.doneOn && t.status === 'in_progress' ? (
                  <Button size="small" onClick={() => setDoneFor(m)}>
                    标记完成
                  </Button>
                ) : null,
            },
          ]}
        />
      </Card>
      <Card
        size="small"
        title="周报送记录"
        extra={
          <Button
            size="small"
            onClick={() =>
              void exportXlsx<WeeklyReport>(
                `${t.title}-周报送.xlsx`,
                '周报送',
                [
                  { header: '周次', value: (r) => r.weekOf },
                  { header: '进展', width: 40, value: (r) => r.progress },
                  { header: '问题', width: 30, value: (r) => r.problems },
                  { header: '下周计划', width: 30, value: (r) => r.nextWeekPlan },
                  { header: '报送人', value: (r) => r.reportedBy },
                ],
                reports.data?.reports ?? [],
              )
            }
          >
            导出Excel
          </Button>
        }
      >
        <Table<WeeklyReport>
          size="small"
          rowKey="id"
          loading={reports.loading}
          dataSource={reports.data?.reports ?? []}
          pagination={{ pageSize: 8 }}
          columns={[
            { title: '周次', dataIndex: 'weekOf', width: 110 },
            { title: '进展', dataIndex: 'progress' },
            { title: '问题', dataIndex: 'problems' },
            { title: '下周计划', dataIndex: 'nextWeekPlan' },
            {
              title: '报送时间',
              dataIndex: 'reportedAt',
              width: 150,
              render: (v: string) => shanghaiTime(v),
            },
          ]}
        />
      </Card>
      <Modal
        open={doneFor !== null}
        title={`节点完成：${doneFor?.title ?? ''}`}
        onCancel={() => setDoneFor(null)}
        onOk={() =>
          void form.validateFields().then(async (v) => {
            if (!doneFor) return;
            await postMilestoneDone(t.id, doneFor.id, {
              doneOn: v.doneOn.format('YYYY-MM-DD'),
              evidence: v.evidence,
            });
            message.success('已标记完成');
            setDoneFor(null);
            task.reload();
          })
        }
      >
        <Form form={form} layout="vertical">
          <Form.Item name="doneOn" label="完成日期" rules={[{ required: true }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="evidence" label="佐证材料说明" rules={[{ required: true }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={statusOpen}
        title="变更任务状态"
        onCancel={() => setStatusOpen(false)}
        onOk={() =>
          void statusForm.validateFields().then(async (v) => {
            try {
              await postTaskStatus(t.id, { action: v.action, reason: v.reason, on: shanghaiToday() });
              message.success('状态已变更（已记入审计日志）');
              setStatusOpen(false);
              task.reload();
            } catch (error) {
              message.error(error instanceof Error ? error.message : String(error));
            }
          })
        }
      >
        <Form form={statusForm} layout="vertical">
          <Form.Item name="action" label="操作" rules={[{ required: true }]}>
            <Select
              options={
                t.status === 'suspended'
                  ? [{ value: 'resume', label: '恢复推进' }]
                  : t.status === 'in_progress'
                    ? [
                        { value: 'complete', label: '完成' },
                        { value: 'suspend', label: '暂停' },
                      ]
                    : []
              }
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
