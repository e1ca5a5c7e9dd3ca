import { DownloadOutlined, SearchOutlined } from '@ant-design/icons';
import { Button, Input, Table, type TableColumnsType } from 'antd';
import { useState } from 'react';
import type { LegacyLayer, LegacyMappingRow } from '#contracts';
import { useI18n } from '../../../app/i18n.ts';
import { placeHref } from '../../../app/router.ts';
import { ErrorState } from '../../../ui/ErrorState.tsx';
import { Link } from '../../../ui/Link.tsx';
import { useDebouncedValue } from '../../../ui/useDebouncedValue.ts';
import { useIsMobile } from '../../../ui/useMediaQuery.ts';
import { mappingCsvUrl } from '../api/legacy-layers.api.ts';
import { useLegacyMapping } from '../hooks/useLegacyLayers.ts';
import { OverlapList } from './OverlapList.tsx';

/** One layer's grid mapping: paged and filtered on the server, exportable as CSV. */
export function LegacyMappingTable({ layer }: { layer: LegacyLayer }) {
  const { t } = useI18n();
  const isMobile = useIsMobile();
  const [text, setText] = useState('');
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const q = useDebouncedValue(text.trim().slice(0, 50), 300);
  const [pagedFor, setPagedFor] = useState(q);
  // A new filter starts again at the first page.
  const page = pagedFor === q ? paging.page : 1;
  const mapping = useLegacyMapping(layer.id, {
    limit: paging.pageSize,
    offset: (page - 1) * paging.pageSize,
    q,
  });

  const gridCell = (row: LegacyMappingRow) => (
    <div className="jz-mapping-grid">
      <Link to={placeHref(row.grid.id)}>{row.grid.name}</Link>
      <span className="jz-muted"> · {row.grid.community}</span>
      <div className="jz-code">{row.grid.code}</div>
    </div>
  );
  // Phones: the grid in one column, its overlaps beside it, no sideways scrolling.
  const phoneColumns: TableColumnsType<LegacyMappingRow> = [
    { title: t('legacy.gridName'), key: 'grid', width: 118, render: (_, row) => gridCell(row) },
    {
      title: t('legacy.overlapsShort'),
      key: 'overlaps',
      render: (_, row) => <OverlapList overlaps={row.overlaps} />,
    },
  ];
  const columns: TableColumnsType<LegacyMappingRow> = [
    { title: t('legacy.community'), key: 'community', width: 120, render: (_, row) => row.grid.community },
    {
      title: t('legacy.gridCode'),
      key: 'code',
      width: 160,
      render: (_, row) => <span className="jz-code">{row.grid.code}</span>,
    },
    {
      title: t('legacy.gridName'),
      key: 'name',
      width: 100,
      render: (_, row) => <Link to={placeHref(row.grid.id)}>{row.grid.name}</Link>,
    },
    {
      title: t('legacy.overlaps'),
      key: 'overlaps',
      render: (_, row) => <OverlapList overlaps={row.overlaps} />,
    },
  ];

  return (
    <div className="jz-mapping">
      <div className="jz-mapping-tools">
        <Input
          allowClear
          prefix={<SearchOutlined />}
          value={text}
          onChange={(event) => setText(event.target.value)}
          placeholder={t('legacy.mappingSearch')}
          className="jz-mapping-search"
          data-testid="legacy-mapping-search"
        />
        <Button
          icon={<DownloadOutlined />}
          href={mappingCsvUrl(layer.id)}
          download
          data-testid="legacy-export-csv"
        >
          {t('legacy.exportCsv')}
        </Button>
      </div>
      {mapping.error ? <ErrorState error={mapping.error} onRetry={mapping.reload} /> : null}
      <div data-testid="legacy-mapping-table">
        <Table<LegacyMappingRow>
          size="small"
          rowKey={(row) => row.grid.id}
          columns={isMobile ? phoneColumns : columns}
          dataSource={mapping.data?.rows ?? []}
          loading={mapping.loading}
          scroll={isMobile ? undefined : { x: 760 }}
          pagination={{
            current: page,
            pageSize: paging.pageSize,
            total: mapping.data?.total ?? 0,
            showSizeChanger: !isMobile,
            simple: isMobile,
            pageSizeOptions: [10, 20, 50, 100],
            showTotal: (total) => t('common.total', { n: total }),
            onChange: (nextPage, pageSize) => {
              setPagedFor(q);
              setPaging({ page: pageSize === paging.pageSize ? nextPage : 1, pageSize });
            },
          }}
        />
      </div>
    </div>
  );
}
