import { Button, Card, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { LiaisonCompliance, Visit } from '#contracts/performance.ts';
import { useAuth } from '../../../app/auth.tsx';
import { ErrorState } from '../../../ui/ErrorState.tsx';
import { useAsync } from '../../../ui/useAsync.ts';
import { fetchCompliance, fetchVisits } from '../api/performance.api.ts';
import { quarterOf, quartersUpTo, shanghaiToday } from '../labels.ts';
import { exportExcel } from './exportExcel.ts';
import { LiaisonLinkForm } from './LiaisonLinkForm.tsx';
import { VisitForm } from './VisitForm.tsx';

type Liaison = LiaisonCompliance['liaisons'][number];

/** 挂点联系: visits per leader per quarter (the last four), this quarter's compliance, the visits. */
export function LiaisonCalendar() {
  const current = quarterOf(shanghaiToday());
  const quarters = quartersUpTo(current, 4);
  const [quarter, setQuarter] = useState(current);
  const compliance = useAsync(`compliance:${quarter}`, (signal) => fetchCompliance(quarter, signal));
  const visits = useAsync('visits:all', (signal) => fetchVisits({}, signal));
  const { me, can } = useAuth();
  const [logging, setLogging] = useState(false);
  const [linking, setLinking] = useState(false);
  const isAdmin = me?.role === 'admin';
  const allLiaisons = compliance.data?.liaisons ?? [];
  // A leader logs their own visits; an administrator may log one for any linked leader.
  const loggable = isAdmin ? allLiaisons : allLiaisons.filter((l) => l.mine);
  const reloadAll = () => {
    compliance.reload();
    visits.reload();
  };

  const perQuarter = new Map<string, number>();
  for (const v of visits.data?.visits ?? []) {
    const key = `${v.staffMemberId}:${quarterOf(v.visitedOn)}`;
    perQuarter.set(key, (perQuarter.get(key) ?? 0) + 1);
  }
  const columns = [
    { title: '挂点领导', dataIndex: 'staffName', key: 'staffName', width: 110, fixed: 'left' as const },
    {
      title: '身份',
      key: 'kind',
      width: 90,
      render: (_: unknown, l: Liaison) => (l.kind === 'city_leader' ? '市级领导' : '部门负责人'),
    },
    { title: '联系社区', dataIndex: 'communityName', key: 'communityName', width: 120 },
    ...quarters.map((q) => ({
      title: `${q.replace('-Q', '年第')}季度`,
      key: q,
      width: 120,
      render: (_: unknown, l: Liaison) => {
        const n = perQuarter.get(`${l.staffMemberId}:${q}`) ?? 0;
        return n > 0 ? (
          <Tag color="green">走访 {n} 次</Tag>
        ) : (
          <Tag color={q === current ? 'orange' : 'red'}>未走访</Tag>
        );
      },
    })),
    {
      title: `${quarter} 最近走访`,
      dataIndex: 'lastVisitedOn',
      key: 'last',
      width: 120,
      render: (v: string | null) => v ?? '—',
    },
  ];

  const exportRows = () =>
    exportExcel(
      `挂点联系走访_${quarter}.xlsx`,
      '走访情况',
      [
        { header: '挂点领导', key: 'staffName' },
        { header: '身份', key: 'kind' },
        { header: '联系社区', key: 'communityName' },
        ...quarters.map((q) => ({ header: q, key: q, width: 10 })),
      ],
      (compliance.data?.liaisons ?? []).map((l) => ({
        staffName: l.staffName,
        kind: l.kind === 'city_leader' ? '市级领导' : '部门负责人',
        communityName: l.communityName,
        ...Object.fromEntries(quarters.map((q) => [q, perQuarter.get(`${l.staffMemberId}:${q}`) ?? 0])),
      })),
    );

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        领导干部挂点联系
      </Typography.Title>
      <Space wrap size="large">
        <Statistic title="挂点领导" value={compliance.data?.liaisons.length ?? 0} />
        <Statistic
          title={`${quarter} 未走访`}
          value={compliance.data?.notVisited ?? 0}
          valueStyle={{ color: (compliance.data?.notVisited ?? 0) > 0 ? '#cf1322' : undefined }}
        />
        <Statistic title="走访发现问题" value={visits.data?.problemsFound ?? 0} />
        <Statistic title="现场解决问题" value={visits.data?.problemsSolved ?? 0} />
        <Statistic title="转为案件" value={visits.data?.casesLinked ?? 0} />
      </Space>
      <Space wrap>
        <Select
          value={quarter}
          onChange={setQuarter}
          options={quarters.map((q) => ({ value: q, label: q }))}
          style={{ width: 130 }}
        />
        <Button onClick={() => void exportRows()}>导出 Excel</Button>
        {can('performance.liaison') && loggable.length > 0 && (
          <Button type="primary" onClick={() => setLogging(true)} data-testid="log-visit">
            记录走访
          </Button>
        )}
        {can('performance.manage') && <Button onClick={() => setLinking(true)}>挂点关联</Button>}
      </Space>
      {can('performance.liaison') && !isAdmin && compliance.data && loggable.length === 0 && (
        <Typography.Text type="secondary">您尚未关联挂点社区，请联系管理员设置后再记录走访。</Typography.Text>
      )}
      {compliance.error ? (
        <ErrorState error={compliance.error} onRetry={compliance.reload} />
      ) : (
        <Card size="small" title="季度走访日历" styles={{ body: { padding: 0 } }}>
          <Table<Liaison>
            rowKey="staffMemberId"
            size="small"
            loading={compliance.loading}
            dataSource={[...(compliance.data?.liaisons ?? [])].sort(
              (a, b) => Number(a.visited) - Number(b.visited),
            )}
            columns={columns}
            pagination={false}
            scroll={{ x: 900 }}
          />
        </Card>
      )}
      <Card size="small" title="走访记录" styles={{ body: { padding: 0 } }}>
        <Table<Visit>
          rowKey="id"
          size="small"
          loading={visits.loading}
          dataSource={visits.data?.visits ?? []}
          pagination={{ pageSize: 10, showSizeChanger: false }}
          scroll={{ x: 900 }}
          columns={[
            { title: '日期', dataIndex: 'visitedOn', key: 'visitedOn', width: 110 },
            { title: '挂点领导', dataIndex: 'staffName', key: 'staffName', width: 100 },
            { title: '社区', dataIndex: 'communityName', key: 'communityName', width: 110 },
            { title: '见面人员', dataIndex: 'peopleMet', key: 'peopleMet', ellipsis: true },
            {
              title: '发现问题',
              key: 'problems',
              render: (_: unknown, v: Visit) => (
                <Space size={4} wrap>
                  {v.problems.map((p) => (
                    <Tag key={p.id} color={p.solved ? 'green' : p.caseId ? 'blue' : 'default'}>
                      {p.description}
                      {p.solved ? ' ✓' : ''}
                      {p.caseId ? (
                        <a href={`/cases/${p.caseId}`} style={{ marginLeft: 4 }}>
                          {p.caseTrackingCode ?? `案件${p.caseId}`}
                        </a>
                      ) : null}
                    </Tag>
                  ))}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <VisitForm open={logging} liaisons={loggable} onClose={() => setLogging(false)} onLogged={reloadAll} />
      <LiaisonLinkForm
        open={linking}
        liaisons={allLiaisons}
        onClose={() => setLinking(false)}
        onLinked={compliance.reload}
      />
    </Space>
  );
}
