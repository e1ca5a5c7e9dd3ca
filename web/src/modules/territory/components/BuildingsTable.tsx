import { Table, type TableColumnsType } from 'antd';
import type { PlaceCard } from '#contracts';
import { useI18n } from '../../../app/i18n.ts';

type Building = PlaceCard['buildings'][number];

/** The unit's buildings: name, floors, households. */
export function BuildingsTable({ buildings }: { buildings: Building[] }) {
  const { t } = useI18n();
  const columns: TableColumnsType<Building> = [
    {
      title: t('card.buildingName'),
      dataIndex: 'name',
      render: (name: string, building) => <span title={building.code}>{name}</span>,
    },
    { title: t('card.floors'), dataIndex: 'floors', align: 'right', width: 64 },
    { title: t('card.households'), dataIndex: 'households', align: 'right', width: 72 },
  ];
  return (
    <Table<Building>
      size="small"
      rowKey="id"
      columns={columns}
      dataSource={buildings}
      pagination={buildings.length > 8 ? { pageSize: 8, size: 'small', showSizeChanger: false } : false}
      locale={{ emptyText: t('card.noBuildings') }}
      data-testid="buildings-table"
    />
  );
}
