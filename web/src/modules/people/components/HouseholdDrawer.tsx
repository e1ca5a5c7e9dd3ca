import { Descriptions, Drawer, Spin, Table, type TableColumnsType, Tag } from 'antd';
import type { HouseholdDetail, Resident } from '#contracts';
import { useI18n } from '../../../app/i18n.ts';
import { ErrorState } from '../../../ui/ErrorState.tsx';
import { useAsync } from '../../../ui/useAsync.ts';
import { useIsMobile } from '../../../ui/useMediaQuery.ts';
import { fetchHousehold } from '../api/people.api.ts';
import { orDash } from '../labels.ts';

type Household = Resident['household'];
type Member = HouseholdDetail['residents'][number];

/** A household's address and the members the viewer may see (GET /api/people/households/:id), masked. */
export function HouseholdDrawer({
  household,
  onClose,
}: {
  household: Household | null;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const isMobile = useIsMobile();
  const detail = useAsync(household ? `household:${household.id}` : null, (signal) =>
    household ? fetchHousehold(household.id, signal) : Promise.reject(new Error('no household')),
  );
  const fresh =
    detail.data && household && detail.dataKey === `household:${household.id}` ? detail.data : null;
  const columns: TableColumnsType<Member> = [
    {
      title: t('people.name'),
      key: 'name',
      render: (_, member) => (
        <span className="jz-person-name">
          {member.name}
          {member.partyMember === true ? (
            <Tag color="red" className="jz-party-tag">
              {t('people.partyMember')}
            </Tag>
          ) : null}
          {member.birthYear ? (
            <span className="jz-muted jz-small">{t('residents.born', { year: member.birthYear })}</span>
          ) : null}
        </span>
      ),
    },
    {
      title: t('people.phone'),
      dataIndex: 'phone',
      render: (phone: string | null) => <span className="jz-tabular">{orDash(phone)}</span>,
    },
    {
      title: t('residents.tags'),
      dataIndex: 'tags',
      render: (tags: Member['tags']) => tags.map((tag) => <Tag key={tag}>{t(`tag.${tag}`)}</Tag>),
    },
  ];
  return (
    <Drawer
      open={household !== null}
      onClose={onClose}
      placement={isMobile ? 'bottom' : 'right'}
      size={isMobile ? '80%' : 520}
      title={household ? t('residents.householdTitle', { door: household.doorNumber }) : ''}
      destroyOnHidden
    >
      {household ? (
        <div data-testid="household-detail">
          <Descriptions size="small" column={1} bordered className="jz-household-facts">
            <Descriptions.Item label={t('residents.householdCode')}>
              <span className="jz-code">{household.code}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('residents.community')}>{household.community.name}</Descriptions.Item>
            <Descriptions.Item label={t('residents.grid')}>{household.grid.name}</Descriptions.Item>
            <Descriptions.Item label={t('residents.unit')}>{household.unit.name}</Descriptions.Item>
            <Descriptions.Item label={t('residents.building')}>{household.building.name}</Descriptions.Item>
            <Descriptions.Item label={t('residents.door')}>{household.doorNumber}</Descriptions.Item>
          </Descriptions>
          <h3 className="jz-section-title">{t('residents.members')}</h3>
          {detail.error ? (
            <ErrorState error={detail.error} onRetry={detail.reload} />
          ) : fresh ? (
            <Table<Member>
              size="small"
              rowKey="id"
              columns={columns}
              dataSource={fresh.residents}
              pagination={false}
              locale={{ emptyText: t('residents.empty') }}
            />
          ) : (
            <Spin className="jz-pane-spin" />
          )}
        </div>
      ) : null}
    </Drawer>
  );
}
