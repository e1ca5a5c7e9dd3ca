import { Alert, App as AntApp, Button, Form, Input, Select, Spin, Tag } from 'antd';
import { useMemo } from 'react';
import { useAuth } from '../../../app/auth.tsx';
import { useLocation } from '../../../app/router.ts';
import { ErrorState } from '../../../ui/ErrorState.tsx';
import { useAsync } from '../../../ui/useAsync.ts';
import { fetchBoard, fetchNotReported, postWeeklyReport } from '../api/accountability.api.ts';
import { mondayOf, shanghaiToday } from '../labels.ts';

interface ReportValues {
  taskId: number;
  progress: string;
  problems: string;
  nextWeekPlan: string;
}

/**
 * The Monday report (每周周一调度), made to be filled on a phone: pick one of the unit's tasks (those
 * still owing this week's report first), three text boxes, one button.
 */
export function WeeklyReportForm() {
  const { me } = useAuth();
  const { message } = AntApp.useApp();
  const { query } = useLocation();
  const [form] = Form.useForm<ReportValues>();
  const unitId = me?.scope.level === 'department' ? (me.scope.id ?? undefined) : undefined;
  const board = useAsync(`acc:board:${unitId ?? 'all'}`, (signal) =>
    fetchBoard({ status: 'in_progress', ...(unitId ? { leadDepartmentId: unitId } : {}) }, signal),
  );
  const owing = useAsync('acc:not-reported', (signal) => fetchNotReported(signal));
  const monday = mondayOf(shanghaiToday());
  const owed = useMemo(() => new Set((owing.data?.units ?? []).flatMap((u) => u.taskIds)), [owing.data]);
  const tasks = useMemo(
    () =>
      (board.data?.units ?? [])
        .flatMap((u) => u.tasks)
        .sort((a, b) => Number(owed.has(b.id)) - Number(owed.has(a.id))),
    [board.data, owed],
  );
  const initialTask = Number(query.get('task')) || undefined;

  if (board.error) return <ErrorState error={board.error} onRetry={board.reload} />;
  if (!board.data) return <Spin />;
  const submit = async (values: ReportValues) => {
    try {
      await postWeeklyReport(values.taskId, {
        weekOf: monday,
        progress: values.progress,
        problems: values.problems ?? '',
        nextWeekPlan: values.nextWeekPlan,
      });
      message.success('本周报送成功');
      form.resetFields(['taskId', 'progress', 'problems', 'nextWeekPlan']);
      owing.reload();
    } catch (error) {
      message.error(error instanceof Error ? error.message : String(error));
    }
  };

  return (
    <div className="jz-report-form" data-testid="acc-report-form">
      <h2 className="jz-report-title">周一调度报送</h2>
      <div className="jz-muted jz-small">
        {monday} 周 · 待报 {tasks.filter((t) => owed.has(t.id)).length} 项
      </div>
      {tasks.length === 0 ? <Alert type="info" message="本单位没有推进中的任务" /> : null}
      <Form<ReportValues>
        form={form}
        layout="vertical"
        onFinish={(v) => void submit(v)}
        initialValues={{ taskId: initialTask }}
        requiredMark={false}
      >
        <Form.Item name="taskId" label="任务" rules={[{ required: true, message: '请选择任务' }]}>
          <Select
            size="large"
            placeholder="选择任务"
            options={tasks.map((t) => ({
              value: t.id,
              label: (
                <span>
                  {owed.has(t.id) ? <Tag color="orange">待报</Tag> : <Tag color="green">已报</Tag>}
                  {t.title}
                </span>
              ),
            }))}
          />
        </Form.Item>
        <Form.Item name="progress" label="本周进展" rules={[{ required: true, message: '请填写本周进展' }]}>
          <Input.TextArea rows={3} maxLength={4000} placeholder="完成了哪些工作" />
        </Form.Item>
        <Form.Item name="problems" label="存在问题">
          <Input.TextArea rows={2} maxLength={4000} placeholder="没有可不填" />
        </Form.Item>
        <Form.Item
          name="nextWeekPlan"
          label="下周计划"
          rules={[{ required: true, message: '请填写下周计划' }]}
        >
          <Input.TextArea rows={2} maxLength={4000} />
        </Form.Item>
        <Button type="primary" size="large" block htmlType="submit">
          提交本周报送
        </Button>
      </Form>
    </div>
  );
}
