import { ArrowRightOutlined } from '@ant-design/icons';
import { Table, type TableColumnsType, Tag } from 'antd';
import { useState } from 'react';
import type { BoundaryChange } from '#contracts';
import { useI18n } from '../../../app/i18n.ts';
import { ErrorState } from '../../../ui/ErrorState.tsx';
import { formatDateTime } from '../../../ui/format.ts';
import { useIsMobile } from '../../../ui/useMediaQuery.ts';
import { useChanges } from '../hooks/useChanges.ts';
import { PlaceLinks } from './PlaceLinks.tsx';

/** Splits and merges, newest first, paged on the server. */
export function ChangesTable({ placeId }: { placeId: number | null }) {
  const { t, locale } = useI18n();
  const isMobile = useIsMobile();
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const changes = useChanges({
    placeId,
    limit: paging.pageSize,
    offset: (paging.page - 1) * paging.pageSize,
  });

  const kindTag = (kind: BoundaryChange['kind']) => (
    <Tag color={kind === 'split' ? 'orange' : 'blue'}>
      {t(kind === 'split' ? 'change.split' : 'change.merge')}
    </Tag>
  );
  const levelLabel = (level: BoundaryChange['level']) => t(level === 'grid' ? 'level.grid' : 'level.unit');
  const places = (change: BoundaryChange) => (
    <span className="jz-change-places">
      <PlaceLinks places={change.predecessors} />
      <ArrowRightOutlined className="jz-change-arrow" />
      <PlaceLinks places={change.successors} />
    </span>
  );
  // Phones: one column, each change as a small card.
  const phoneColumns: TableColumnsType<BoundaryChange> = [
    {
      title: t('changes.title'),
      key: 'change',
      render: (_, change) => (
        <div className="jz-change-card">
          <div>
            {kindTag(change.kind)}
            {levelLabel(change.level)} ·{' '}
            <time dateTime={change.at} className="jz-muted">
              {formatDateTime(locale, change.at)}
            </time>
          </div>
          <div>{change.reason}</div>
          {places(change)}
        </div>
      ),
    },
  ];
  const columns: TableColumnsType<BoundaryChange> = [
    {
      title: t('changes.at'),
      dataIndex: 'at',
      width: 150,
      render: (at: string) => <time dateTime={at}>{formatDateTime(locale, at)}</time>,
    },
    {
      title: t('changes.kind'),
      dataIndex: 'kind',
      width: 80,
      render: (kind: BoundaryChange['kind']) => (
        <Tag color={kind === 'split' ? 'orange' : 'blue'}>
          {t(kind === 'split' ? 'change.split' : 'change.merge')}
        </Tag>
      ),
    },
    {
      title: t('changes.level'),
      dataIndex: 'level',
      width: 90,
      render: levelLabel,
    },
    { title: t('changes.reason'), dataIndex: 'reason', width: 220 },
    {
      title: t('changes.places'),
      key: 'places',
      render: (_, change) => places(change),
    },
  ];

  return (
    <>
      {changes.error ? <ErrorState error={changes.error} onRetry={changes.reload} /> : null}
      <div data-testid="changes-table">
        <Table<BoundaryChange>
          size="small"
          rowKey="id"
          columns={isMobile ? phoneColumns : columns}
          dataSource={changes.data?.changes ?? []}
          loading={changes.loading}
          scroll={isMobile ? undefined : { x: 860 }}
          locale={{ emptyText: t('changes.empty') }}
          pagination={{
            current: paging.page,
            pageSize: paging.pageSize,
            total: changes.data?.total ?? 0,
            showSizeChanger: !isMobile,
            pageSizeOptions: [10, 20, 50, 100],
            showTotal: (total) => t('common.total', { n: total }),
            onChange: (page, pageSize) =>
              setPaging({ page: pageSize === paging.pageSize ? page : 1, pageSize }),
          }}
        />
      </div>
    </>
  );
}
