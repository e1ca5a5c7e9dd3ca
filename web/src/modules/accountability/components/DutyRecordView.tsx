import { Button, Card, Space, Spin, Table, Tag, Timeline } from 'antd';
import type { DutyEntry, DutyRecordUnits } from '#contracts';
import { navigate } from '../../../app/router.ts';
import { ErrorState } from '../../../ui/ErrorState.tsx';
import { Link } from '../../../ui/Link.tsx';
import { useAsync } from '../../../ui/useAsync.ts';
import { fetchDutyRecord, fetchDutyUnits } from '../api/accountability.api.ts';
import { exportXlsx } from '../exportXlsx.ts';
import { DUTY_KIND_LABELS, FLAG_COLOURS, FLAG_LABELS, shanghaiTime } from '../labels.ts';

type UnitRow = DutyRecordUnits['units'][number];

/** 履职档案: the units with their responsible heads and flag counts. */
export function DutyRecordList() {
  const units = useAsync('acc:duty-units', (signal) => fetchDutyUnits(signal));
  if (units.error) return <ErrorState error={units.error} onRetry={units.reload} />;
  if (!units.data) return <Spin />;
  return (
    <Card
      size="small"
      title="履职档案"
      data-testid="acc-duty-list"
      extra={
        <Button
          onClick={() =>
            void exportXlsx<UnitRow>(
              '履职档案.xlsx',
              '履职档案',
              [
                { header: '单位', width: 26, value: (u) => u.departmentName },
                { header: '责任人', width: 20, value: (u) => u.heads.join('、') },
                { header: '红牌', value: (u) => u.red },
                { header: '黄牌', value: (u) => u.yellow },
                { header: '绿牌', value: (u) => u.green },
                { header: '记录', value: (u) => u.entries },
              ],
              units.data?.units ?? [],
            )
          }
        >
          导出Excel
        </Button>
      }
    >
      <Table<UnitRow>
        size="small"
        rowKey="departmentId"
        pagination={false}
        dataSource={units.data.units}
        onRow={(u) => ({
          onClick: () => navigate(`/accountability/duty/${u.departmentId}`),
          style: { cursor: 'pointer' },
        })}
        columns={[
          {
            title: '单位',
            dataIndex: 'departmentName',
            render: (v: string, u) => <Link to={`/accountability/duty/${u.departmentId}`}>{v}</Link>,
          },
          { title: '责任人', render: (_, u) => u.heads.join('、') },
          {
            title: '红牌',
            dataIndex: 'red',
            width: 70,
            render: (v: number) => (v ? <Tag color={FLAG_COLOURS.red}>{v}</Tag> : 0),
          },
          {
            title: '黄牌',
            dataIndex: 'yellow',
            width: 70,
            render: (v: number) => (v ? <Tag color={FLAG_COLOURS.yellow}>{v}</Tag> : 0),
          },
          { title: '绿牌', dataIndex: 'green', width: 70 },
          { title: '记录', dataIndex: 'entries', width: 70 },
        ]}
      />
    </Card>
  );
}

/** A unit's duty record: every flag, override and bulletin mention over time, newest first. */
export function DutyRecordView({ id }: { id: number }) {
  const record = useAsync(`acc:duty:${id}`, (signal) => fetchDutyRecord(id, signal));
  if (record.error) return <ErrorState error={record.error} onRetry={record.reload} variant="page" />;
  if (!record.data) return <Spin />;
  const r = record.data;
  return (
    <Card
      title={`${r.departmentName} · 履职档案`}
      data-testid="acc-duty-record"
      extra={
        <Space>
          <Link to="/accountability/duty">全部单位</Link>
          <Button
            onClick={() =>
              void exportXlsx<DutyEntry>(
                `${r.departmentName}-履职档案.xlsx`,
                '履职档案',
                [
                  { header: '时间', width: 18, value: (e) => shanghaiTime(e.recordedAt) },
                  { header: '类别', value: (e) => DUTY_KIND_LABELS[e.kind] },
                  { header: '期次', value: (e) => e.period },
                  { header: '挂牌', value: (e) => (e.colour ? FLAG_LABELS[e.colour] : '') },
                  { header: '责任人', value: (e) => e.head },
                  { header: '内容', width: 60, value: (e) => e.summary },
                ],
                r.entries,
              )
            }
          >
            导出Excel
          </Button>
        </Space>
      }
    >
      <p>责任人：{r.heads.join('、') || '—'}</p>
      {r.entries.length === 0 ? <p className="jz-muted">暂无记录</p> : null}
      <Timeline
        items={r.entries.map((e) => ({
          color: e.colour ? FLAG_COLOURS[e.colour] : 'gray',
          children: (
            <div>
              <Space>
                <b>{e.period}</b>
                <Tag>{DUTY_KIND_LABELS[e.kind]}</Tag>
                {e.colour ? <Tag color={FLAG_COLOURS[e.colour]}>{FLAG_LABELS[e.colour]}</Tag> : null}
                <span className="jz-muted jz-small">
                  {shanghaiTime(e.recordedAt)} · 责任人 {e.head}
                </span>
              </Space>
              <div>{e.summary}</div>
            </div>
          ),
        }))}
      />
    </Card>
  );
}
