import { ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Segmented, Typography } from 'antd';
import { useState } from 'react';
import type { TrafficLight } from '#contracts';
import { ErrorState } from '../../../ui/ErrorState.tsx';
import type { CaseFilter } from '../api/cases.api.ts';
import { useCases } from '../hooks/useCases.ts';
import { LIGHT_LABELS } from '../labels.ts';
import { CaseTable } from './CaseTable.tsx';
import { MissingCalendarAlert } from './MissingCalendarAlert.tsx';
import '../cases.css';

interface CaseQueueProps {
  title: string;
  description: string;
  /** What this queue holds (statuses, open only). */
  preset: CaseFilter;
}

/**
 * A work queue: the cases that wait for this account, due first, with red / yellow / green lights
 * (the grid worker's queue, the community's incoming escalations, a department's inbox). The head
 * wraps on a phone: title and description above, the light filter and reload below.
 */
export function CaseQueue({ title, description, preset }: CaseQueueProps) {
  const [light, setLight] = useState<TrafficLight | 'all'>('all');
  const [page, setPage] = useState({ limit: 20, offset: 0 });
  const filter: CaseFilter = { ...preset, ...(light === 'all' ? {} : { light }) };
  const cases = useCases(filter, page);
  return (
    <Card data-testid="case-queue" className="jz-case-queue">
      <div className="jz-case-queue-head">
        <div className="jz-case-queue-title">
          <Typography.Title level={4} style={{ margin: 0 }}>
            {title}
          </Typography.Title>
          <span className="jz-muted jz-small">{description}</span>
        </div>
        <div className="jz-case-queue-tools">
          <Segmented<TrafficLight | 'all'>
            value={light}
            onChange={(value) => {
              setLight(value);
              setPage((p) => ({ ...p, offset: 0 }));
            }}
            options={[
              { value: 'all', label: '全部' },
              ...(['red', 'yellow', 'green'] as const).map((value) => ({
                value,
                label: <span data-testid={`case-queue-light-${value}`}>{LIGHT_LABELS[value]}</span>,
              })),
            ]}
          />
          <Button
            icon={<ReloadOutlined />}
            onClick={cases.reload}
            aria-label="刷新"
            data-testid="case-queue-reload"
          />
        </div>
      </div>
      {cases.error ? <ErrorState error={cases.error} onRetry={cases.reload} /> : null}
      <MissingCalendarAlert cases={cases.data?.cases} />
      <CaseTable
        cases={cases.data?.cases}
        total={cases.data?.total ?? 0}
        loading={cases.loading}
        page={page}
        onPage={setPage}
      />
    </Card>
  );
}
