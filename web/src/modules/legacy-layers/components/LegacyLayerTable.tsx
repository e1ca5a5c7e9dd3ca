import { Progress, Table, type TableColumnsType } from 'antd';
import type { LegacyLayer } from '#contracts';
import { useI18n } from '../../../app/i18n.ts';
import { formatDateTime, formatShare } from '../../../ui/format.ts';

interface LegacyLayerTableProps {
  layers: LegacyLayer[];
  loading: boolean;
  selectedId: number | null;
  onSelect: (layerId: number) => void;
}

/** The imported layers; a click selects one for the mapping below. */
export function LegacyLayerTable({ layers, loading, selectedId, onSelect }: LegacyLayerTableProps) {
  const { t, locale } = useI18n();
  const columns: TableColumnsType<LegacyLayer> = [
    { title: t('legacy.department'), dataIndex: 'department', ellipsis: true },
    { title: t('legacy.layerName'), dataIndex: 'name', ellipsis: true },
    { title: t('legacy.gridCount'), dataIndex: 'gridCount', align: 'right', width: 96 },
    {
      title: t('legacy.coveredShare'),
      dataIndex: 'coveredGridShare',
      width: 170,
      render: (share: number) => (
        <Progress
          percent={Math.round(share * 1000) / 10}
          size="small"
          format={() => formatShare(locale, share)}
          status="normal"
        />
      ),
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
        columns={columns}
        dataSource={layers}
        loading={loading}
        pagination={false}
        scroll={{ x: 640 }}
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
