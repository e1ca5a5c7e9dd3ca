import { Button, Space, Spin } from 'antd';
import type { BulletinUnitRow } from '#contracts';
import { navigate } from '../../../app/router.ts';
import { ErrorState } from '../../../ui/ErrorState.tsx';
import { useAsync } from '../../../ui/useAsync.ts';
import { fetchBulletin } from '../api/accountability.api.ts';
import { CATEGORY_LABELS } from '../labels.ts';
import './bulletin-print.css';

function UnitTable({ units }: { units: readonly BulletinUnitRow[] }) {
  return (
    <table className="jz-bp-table">
      <thead>
        <tr>
          <th>牵头单位</th>
          <th>任务</th>
          <th>完成</th>
          <th>正常</th>
          <th>滞后</th>
          <th>未报</th>
        </tr>
      </thead>
      <tbody>
        {units.map((u) => (
          <tr key={u.departmentId}>
            <td className="jz-bp-name">{u.departmentName}</td>
            <td>{u.tasks}</td>
            <td>{u.done || ''}</td>
            <td>{u.onTrack || ''}</td>
            <td className={u.late ? 'jz-bp-bad' : ''}>{u.late || ''}</td>
            <td className={u.notReported ? 'jz-bp-warn' : ''}>{u.notReported || ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * The bulletin's print view: one A4 page (CSS @media print hides the app around it). Per unit in two
 * columns, then the tasks it names (late or not reported), the month's changes, the remarks.
 */
export function BulletinPrint({ id }: { id: number }) {
  const bulletin = useAsync(`acc:bulletin:${id}`, (signal) => fetchBulletin(id, signal));
  if (bulletin.error) return <ErrorState error={bulletin.error} onRetry={bulletin.reload} />;
  if (!bulletin.data) return <Spin />;
  const b = bulletin.data;
  const half = Math.ceil(b.units.length / 2);
  const named = b.tasks.filter((t) => t.category === 'late' || t.category === 'not_reported');
  const count = (c: keyof typeof CATEGORY_LABELS) => b.tasks.filter((t) => t.category === c).length;
  const [year, month] = b.month.split('-');
  return (
    <div>
      <Space className="jz-bp-toolbar">
        <Button onClick={() => navigate(`/accountability/bulletins?id=${b.id}`)}>返回编辑</Button>
        <Button type="primary" onClick={() => window.print()}>
          打印
        </Button>
      </Space>
      <article className="jz-bulletin-print" data-testid="bulletin-print">
        <header>
          <div className="jz-bp-org">龙口市网格化治理挂图作战指挥部</div>
          <h1>
            {year}年{Number(month)}月挂图作战任务推进情况通报
            {b.status === 'draft' ? <span className="jz-bp-draft">（草稿）</span> : null}
          </h1>
          <div className="jz-bp-meta">
            统计截至 {b.asOf} · 共 {b.tasks.length} 项任务、{b.units.length} 个牵头单位：已完成{' '}
            {count('done')} 项，正常推进 {count('on_track')} 项，滞后 {count('late')} 项，未按时报送{' '}
            {count('not_reported')} 项。
          </div>
        </header>
        <section>
          <h2>一、各牵头单位推进情况</h2>
          <div className="jz-bp-columns">
            <UnitTable units={b.units.slice(0, half)} />
            <UnitTable units={b.units.slice(half)} />
          </div>
        </section>
        <section>
          <h2>二、点名通报任务</h2>
          <table className="jz-bp-table">
            <thead>
              <tr>
                <th>任务</th>
                <th>牵头单位</th>
                <th>情况</th>
                <th>进度</th>
                <th>具体问题</th>
              </tr>
            </thead>
            <tbody>
              {named.map((t) => (
                <tr key={t.taskId}>
                  <td className="jz-bp-name">{t.title}</td>
                  <td className="jz-bp-name">{t.departmentName}</td>
                  <td className={t.category === 'late' ? 'jz-bp-bad' : 'jz-bp-warn'}>
                    {CATEGORY_LABELS[t.category]}
                  </td>
                  <td>{t.progress}%</td>
                  <td className="jz-bp-name">
                    {[
                      ...t.lateMilestones.map((m) => `“${m}”逾期`),
                      ...(t.missedWeeks.length ? [`${t.missedWeeks.length}周未报送`] : []),
                    ].join('；')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <section>
          <h2>三、本月变化</h2>
          <p className="jz-bp-text">
            {b.changes.filter((c) => c.kind === 'milestone_done').length} 个节点完成，
            {b.changes.filter((c) => c.kind === 'task_completed').length} 项任务完成，
            {b.changes.filter((c) => c.kind === 'category_changed').length} 项任务推进情况较上月发生变化
            {b.changes.some((c) => c.kind === 'task_completed')
              ? `（完成：${b.changes
                  .filter((c) => c.kind === 'task_completed')
                  .map((c) => c.title)
                  .join('、')}）`
              : ''}
            。
          </p>
        </section>
        {b.remarks ? (
          <section>
            <h2>四、总体点评</h2>
            <p className="jz-bp-text">{b.remarks}</p>
          </section>
        ) : null}
      </article>
    </div>
  );
}
