import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Input,
  Popconfirm,
  Select,
  Space,
  Spin,
  Table,
  Tabs,
  Tag,
} from 'antd';
import { useEffect, useState } from 'react';
import type { Bulletin, BulletinChange, BulletinTaskRow, BulletinUnitRow } from '#contracts';
import { useAuth } from '../../../app/auth.tsx';
import { navigate, useLocation } from '../../../app/router.ts';
import { ErrorState } from '../../../ui/ErrorState.tsx';
import { useAsync } from '../../../ui/useAsync.ts';
import {
  bulletinXlsxUrl,
  fetchBulletin,
  fetchBulletins,
  generateBulletin,
  publishBulletin,
  saveBulletinRemarks,
} from '../api/accountability.api.ts';
import { CATEGORY_COLOURS, CATEGORY_LABELS, previousMonth, shanghaiTime, shanghaiToday } from '../labels.ts';

/** 月通报: pick a month's bulletin, generate a draft, edit its remarks, publish; print and Excel. */
export function BulletinEditor() {
  const { can } = useAuth();
  const { message } = AntApp.useApp();
  const { query } = useLocation();
  const list = useAsync('acc:bulletins', (signal) => fetchBulletins(signal));
  const selected =
    Number(query.get('id')) ||
    list.data?.bulletins.find((b) => b.status === 'published')?.id ||
    list.data?.bulletins[0]?.id;
  const bulletin = useAsync(selected ? `acc:bulletin:${selected}` : null, (signal) =>
    fetchBulletin(selected as number, signal),
  );
  const [remarks, setRemarks] = useState('');
  const [unitRemarks, setUnitRemarks] = useState<Record<string, string>>({});
  useEffect(() => {
    if (!bulletin.data) return;
    setRemarks(bulletin.data.remarks);
    setUnitRemarks(Object.fromEntries(bulletin.data.units.map((u) => [String(u.departmentId), u.remark])));
  }, [bulletin.data]);
  const manage = can('accountability.manage');

  if (list.error) return <ErrorState error={list.error} onRetry={list.reload} />;
  if (!list.data) return <Spin />;
  const thisMonth = shanghaiToday().slice(0, 7);
  const act = async (work: () => Promise<Bulletin>, done: string) => {
    try {
      const b = await work();
      message.success(done);
      list.reload();
      if (b.id !== selected) navigate(`/accountability/bulletins?id=${b.id}`);
      else bulletin.reload();
    } catch (error) {
      message.error(error instanceof Error ? error.message : String(error));
    }
  };
  const b = bulletin.data;
  const draft = b?.status === 'draft';

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="acc-bulletin-editor">
      <Space wrap>
        <Select
          style={{ width: 220 }}
          value={selected}
          onChange={(id) => navigate(`/accountability/bulletins?id=${id}`)}
          options={list.data.bulletins.map((x) => ({
            value: x.id,
            label: `${x.month} 月通报（${x.status === 'published' ? '已发布' : '草稿'}）`,
          }))}
        />
        {manage
          ? [previousMonth(thisMonth), thisMonth].map((month) => (
              <Button
                key={month}
                onClick={() => void act(() => generateBulletin(month), `${month} 草稿已生成`)}
              >
                生成 {month} 草稿
              </Button>
            ))
          : null}
        {b ? (
          <>
            <Button onClick={() => navigate(`/accountability/bulletins/${b.id}/print`)}>打印版</Button>
            <Button href={bulletinXlsxUrl(b.id)}>导出Excel</Button>
          </>
        ) : null}
      </Space>
      {bulletin.error ? <ErrorState error={bulletin.error} onRetry={bulletin.reload} /> : null}
      {b ? (
        <Card
          title={
            <Space>
              {`${b.month} 月通报`}
              <Tag color={draft ? 'gold' : 'green'}>{draft ? '草稿' : '已发布'}</Tag>
            </Space>
          }
          extra={
            <span className="jz-muted jz-small">
              统计截至 {b.asOf} · 生成于 {shanghaiTime(b.generatedAt)}
              {b.publishedAt ? ` · 发布于 ${shanghaiTime(b.publishedAt)}` : ''}
            </span>
          }
        >
          <Space direction="vertical" style={{ width: '100%' }}>
            <Space size="large">
              {(['done', 'on_track', 'late', 'not_reported'] as const).map((c) => (
                <Tag key={c} color={CATEGORY_COLOURS[c]}>
                  {CATEGORY_LABELS[c]} {b.tasks.filter((t) => t.category === c).length}
                </Tag>
              ))}
            </Space>
            <Input.TextArea
              rows={2}
              value={remarks}
              disabled={!draft || !manage}
              onChange={(e) => setRemarks(e.target.value)}
              placeholder="总体点评"
            />
            {draft && manage ? (
              <Space>
                <Button
                  type="primary"
                  onClick={() =>
                    void act(() => saveBulletinRemarks(b.id, { remarks, unitRemarks }), '点评已保存')
                  }
                >
                  保存点评
                </Button>
                <Popconfirm
                  title="发布后不可再修改，并记入被点名单位的履职档案。确认发布？"
                  onConfirm={() => void act(() => publishBulletin(b.id), '已发布')}
                >
                  <Button danger>发布</Button>
                </Popconfirm>
              </Space>
            ) : (
              <Alert
                type="info"
                showIcon
                message={draft ? '草稿（仅管理员可编辑）' : '已发布的月通报不再修改'}
              />
            )}
            <Tabs
              items={[
                {
                  key: 'units',
                  label: `按单位（${b.units.length}）`,
                  children: (
                    <Table<BulletinUnitRow>
                      size="small"
                      rowKey="departmentId"
                      pagination={false}
                      dataSource={b.units}
                      columns={[
                        { title: '牵头单位', dataIndex: 'departmentName' },
                        { title: '任务', dataIndex: 'tasks', width: 60 },
                        { title: '已完成', dataIndex: 'done', width: 70 },
                        { title: '正常推进', dataIndex: 'onTrack', width: 80 },
                        {
                          title: '滞后',
                          dataIndex: 'late',
                          width: 60,
                          render: (v: number) => (v ? <b style={{ color: '#cf1322' }}>{v}</b> : v),
                        },
                        {
                          title: '未报送',
                          dataIndex: 'notReported',
                          width: 70,
                          render: (v: number) => (v ? <b style={{ color: '#d46b08' }}>{v}</b> : v),
                        },
                        {
                          title: '点评',
                          render: (_, u) => (
                            <Input
                              size="small"
                              disabled={!draft || !manage}
                              value={unitRemarks[String(u.departmentId)] ?? ''}
                              onChange={(e) =>
                                setUnitRemarks((r) => ({ ...r, [String(u.departmentId)]: e.target.value }))
                              }
                            />
                          ),
                        },
                      ]}
                    />
                  ),
                },
                {
                  key: 'tasks',
                  label: `按任务（${b.tasks.length}）`,
                  children: (
                    <Table<BulletinTaskRow>
                      size="small"
                      rowKey="taskId"
                      pagination={false}
                      dataSource={b.tasks}
                      columns={[
                        { title: '任务', dataIndex: 'title' },
                        { title: '牵头单位', dataIndex: 'departmentName', width: 200 },
                        {
                          title: '情况',
                          dataIndex: 'category',
                          width: 90,
                          render: (c: BulletinTaskRow['category']) => (
                            <Tag color={CATEGORY_COLOURS[c]}>{CATEGORY_LABELS[c]}</Tag>
                          ),
                        },
                        { title: '进度', dataIndex: 'progress', width: 70, render: (v: number) => `${v}%` },
                        {
                          title: '滞后节点 / 未报送周',
                          render: (_, t) =>
                            [...t.lateMilestones, ...t.missedWeeks.map((w) => `${w}周未报`)].join('；'),
                        },
                      ]}
                    />
                  ),
                },
                {
                  key: 'changes',
                  label: `本月变化（${b.changes.length}）`,
                  children: (
                    <Table<BulletinChange>
                      size="small"
                      rowKey={(c) => `${c.taskId}-${c.kind}-${c.on}-${c.text}`}
                      pagination={false}
                      dataSource={b.changes}
                      columns={[
                        { title: '日期', dataIndex: 'on', width: 110, render: (v: string | null) => v ?? '' },
                        { title: '任务', dataIndex: 'title' },
                        { title: '牵头单位', dataIndex: 'departmentName', width: 200 },
                        { title: '变化', dataIndex: 'text' },
                      ]}
                    />
                  ),
                },
              ]}
            />
          </Space>
        </Card>
      ) : null}
    </Space>
  );
}
