import { Progress, Table, type TableColumnsType } from 'antd';
import type { LegacyLayer } from '#contracts';
import { useI18n } from '../../../app/i18n.ts';
import { formatDateTime, formatShare } from '../../../ui/format.ts';
import { useIsMobile } from '../../../ui/useMediaQuery.ts';

interface LegacyLayerTableProps {
  layers: LegacyLayer[];
  loading: boolean;
  selectedId: number | null;
  onSelect: (layerId: number) => void;
}

/** The imported layers; a click selects one for the mapping below. */
export function LegacyLayerTable({ layers, loading, selectedId, onSelect }: LegacyLayerTableProps) {
  const { t, locale } = useI18n();
  const isMobile = useIsMobile();
  const coverage = (share: number) => (
    <Progress
      percent={Math.round(share * 1000) / 10}
      size="small"
      format={() => formatShare(locale, share)}
      status="normal"
    />
  );
  // Phones: layer and department in one column, coverage beside it.
  const phoneColumns: TableColumnsType<LegacyLayer> = [
    {
      title: t('legacy.layerName'),
      key: 'layer',
      render: (_, layer) => (
        <div>
          <div>{layer.name}</div>
          <div className="jz-muted jz-small">
            {layer.department} · {t('legacy.gridCountShort', { n: layer.gridCount })}
          </div>
        </div>
      ),
    },
    { title: t('legacy.coveredShare'), dataIndex: 'coveredGridShare', width: 120, render: coverage },
  ];
  const columns: TableColumnsType<LegacyLayer> = [
    { title: t('legacy.department'), dataIndex: 'department', ellipsis: true },
    { title: t('legacy.layerName'), dataIndex: 'name', ellipsis: true },
    { title: t('legacy.gridCount'), dataIndex: 'gridCount', align: 'right', width: 96 },
    {
      title: t('legacy.coveredShare'),
      dataIndex: 'coveredGridShare',
      width: 170,
      render: coverage,
    },
    {
      title: t('legacy.importedAt'),
      dataIndex: 'importedAt',
      width: 150,
      render: (at: string) => formatDateTime(locale, at),
    },
  ];
  return (
    <div data-testid="legacy-layers-table">
      <Table<LegacyLayer>
        size="small"
        rowKey="id"
        columns={isMobile ? phoneColumns : columns}
        dataSource={layers}
        loading={loading}
        pagination={false}
        scroll={isMobile ? undefined : { x: 640 }}
        locale={{ emptyText: t('legacy.noLayers') }}
        rowSelection={{
          type: 'radio',
          selectedRowKeys: selectedId === null ? [] : [selectedId],
          onChange: (keys) => {
            const key = keys[0];
            if (key !== undefined) onSelect(Number(key));
          },
        }}
        onRow={(layer) => ({ onClick: () => onSelect(layer.id), className: 'jz-clickable-row' })}
      />
    </div>
  );
}
