import type { FlagColour, Task } from '#contracts';
import { FLAG_COLOURS } from '../labels.ts';

export interface GanttUnit {
  departmentId: number;
  departmentName: string;
  flag: FlagColour | null;
  tasks: Task[];
}

interface GanttChartProps {
  units: readonly GanttUnit[];
  today: string;
  onOpenTask: (id: number) => void;
}

const DAY = 86_400_000;
const ROW = 26;
const LABEL = 300;
const WIDTH = 1180;
const ms = (date: string) => Date.parse(`${date}T00:00:00Z`);

/**
 * The battle map's timeline (a Gantt-like chart in plain SVG): one row per task under its lead unit,
 * the task's span as a bar filled to its progress, milestones as diamonds (green done, red late,
 * grey ahead), today as a line. Loaded only on the board.
 */
export default function GanttChart({ units, today, onOpenTask }: GanttChartProps) {
  const tasks = units.flatMap((u) => u.tasks);
  if (tasks.length === 0) return <div className="jz-muted">没有符合条件的任务</div>;
  const dates = tasks.flatMap((t) => [t.startsOn, ...t.milestones.map((m) => m.dueOn)]).concat(today);
  const from = Math.min(...dates.map(ms)) - 7 * DAY;
  const to = Math.max(...dates.map(ms)) + 14 * DAY;
  const x = (date: string) => LABEL + ((ms(date) - from) / (to - from)) * (WIDTH - LABEL - 10);
  const rows = units.reduce((n, u) => n + 1 + u.tasks.length, 0);
  const height = 28 + rows * ROW;
  const months: string[] = [];
  for (
    let d = new Date(from);
    d.getTime() <= to;
    d = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1))
  )
    months.push(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1)).toISOString().slice(0, 10));
  let y = 28;
  return (
    <svg
      className="jz-gantt"
      viewBox={`0 0 ${WIDTH} ${height}`}
      width="100%"
      role="img"
      aria-label="任务时间轴"
      data-testid="gantt"
    >
      {months.map((m) =>
        ms(m) >= from ? (
          <g key={m}>
            <line x1={x(m)} x2={x(m)} y1={20} y2={height} stroke="#eee" />
            <text x={x(m) + 3} y={14} fontSize={11} fill="#888">
              {`${Number(m.slice(5, 7))}月`}
            </text>
          </g>
        ) : null,
      )}
      <line x1={x(today)} x2={x(today)} y1={18} y2={height} stroke="#1677ff" strokeDasharray="4 3" />
      <text x={x(today) + 3} y={26} fontSize={10} fill="#1677ff">
        今天
      </text>
      {units.map((unit) => {
        const unitY = y;
        y += ROW;
        return (
          <g key={unit.departmentId}>
            <rect x={0} y={unitY} width={WIDTH} height={ROW} fill="#fafafa" />
            {unit.flag ? <circle cx={10} cy={unitY + ROW / 2} r={6} fill={FLAG_COLOURS[unit.flag]} /> : null}
            <text x={22} y={unitY + 17} fontSize={13} fontWeight={600}>
              {unit.departmentName}
            </text>
            {unit.tasks.map((task) => {
              const rowY = y;
              y += ROW;
              const end = [...task.milestones.map((m) => m.dueOn), today].sort().at(-1) ?? today;
              const barX = x(task.startsOn);
              const barW = Math.max(2, x(end) - barX);
              return (
                // biome-ignore lint/a11y/useSemanticElements: an SVG row cannot be a button element
                <g
                  key={task.id}
                  role="button"
                  tabIndex={0}
                  style={{ cursor: 'pointer' }}
                  onClick={() => onOpenTask(task.id)}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter') onOpenTask(task.id);
                  }}
                >
                  <title>{`${task.title}（进度 ${task.progress}%）`}</title>
                  <text
                    x={22}
                    y={rowY + 17}
                    fontSize={12}
                    fill={task.status === 'in_progress' ? '#333' : '#999'}
                  >
                    {task.title.length > 22 ? `${task.title.slice(0, 22)}…` : task.title}
                  </text>
                  <rect x={barX} y={rowY + 8} width={barW} height={10} rx={3} fill="#d6e4ff" />
                  <rect
                    x={barX}
                    y={rowY + 8}
                    width={(barW * task.progress) / 100}
                    height={10}
                    rx={3}
                    fill={task.status === 'suspended' ? '#bfbfbf' : '#4096ff'}
                  />
                  {task.milestones.map((m) => {
                    const cx = x(m.dueOn);
                    const cy = rowY + 13;
                    const fill = m.late ? '#cf1322' : m.doneOn ? '#389e0d' : '#8c8c8c';
                    return (
                      <path
                        key={m.id}
                        d={`M${cx} ${cy - 6} L${cx + 6} ${cy} L${cx} ${cy + 6} L${cx - 6} ${cy} Z`}
                        fill={fill}
                        stroke="#fff"
                      >
                        <title>{`${m.title} 截止 ${m.dueOn}${m.doneOn ? `，${m.doneOn} 完成` : ''}${m.late ? '（滞后）' : ''}`}</title>
                      </path>
                    );
                  })}
                </g>
              );
            })}
          </g>
        );
      })}
    </svg>
  );
}
