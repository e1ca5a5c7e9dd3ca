import { FlagFilled, HomeFilled, TeamOutlined } from '@ant-design/icons';
import { Card, Col, Descriptions, Empty, List, Row, Table, type TableColumnsType, Tag } from 'antd';
import type { PartyStructure } from '#contracts';
import { useI18n } from '../../../app/i18n.ts';
import { useIsMobile } from '../../../ui/useMediaQuery.ts';

type BuildingGroup = PartyStructure['buildingGroups'][number];

/** 网格党支部 → 楼栋党小组 → 党员中心户 (each linked to its neighbouring households). */
export function PartyStructureView({ structure }: { structure: PartyStructure }) {
  const { t } = useI18n();
  const isMobile = useIsMobile();
  const linked = structure.anchorHouseholds.reduce((sum, anchor) => sum + anchor.linkedHouseholds.length, 0);
  const groupColumns: TableColumnsType<BuildingGroup> = [
    { title: t('party.groupName'), dataIndex: 'name' },
    {
      title: t('party.building'),
      key: 'building',
      render: (_, group) => group.building.name,
      responsive: ['sm'],
    },
    {
      title: t('party.leader'),
      dataIndex: 'leader',
      render: (leader: string | null) => leader ?? '—',
    },
    { title: t('party.members'), dataIndex: 'members', align: 'right', width: 80 },
  ];
  return (
    <div className="jz-party" data-testid="party-structure">
      <p className="jz-muted jz-party-counts">
        {t('party.counts', {
          groups: structure.buildingGroups.length,
          anchors: structure.anchorHouseholds.length,
          linked,
        })}
      </p>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10}>
          <Card
            size="small"
            title={
              <span>
                <FlagFilled className="jz-party-icon" /> {t('party.branch')}
              </span>
            }
          >
            {structure.branch ? (
              <Descriptions size="small" column={1}>
                <Descriptions.Item label={t('party.branch')}>{structure.branch.name}</Descriptions.Item>
                <Descriptions.Item label={t('party.secretary')}>
                  {structure.branch.secretary ?? '—'}
                </Descriptions.Item>
                <Descriptions.Item label={t('residents.grid')}>
                  {structure.grid.name} <span className="jz-code">{structure.grid.code.slice(-6)}</span>
                </Descriptions.Item>
              </Descriptions>
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('party.noBranch')} />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <Card
            size="small"
            title={
              <span>
                <TeamOutlined /> {t('party.groups')}
              </span>
            }
          >
            <Table<BuildingGroup>
              size="small"
              rowKey="id"
              columns={groupColumns}
              dataSource={structure.buildingGroups}
              pagination={structure.buildingGroups.length > 10 ? { pageSize: 10, size: 'small' } : false}
              locale={{ emptyText: t('party.noGroups') }}
              data-testid="party-groups"
            />
          </Card>
        </Col>
        <Col span={24}>
          <Card
            size="small"
            title={
              <span>
                <HomeFilled className="jz-party-icon" /> {t('party.anchors')}
              </span>
            }
          >
            <List
              data-testid="party-anchors"
              grid={{ gutter: 12, xs: 1, sm: 1, md: 2, lg: 2, xl: 3, xxl: 3 }}
              dataSource={structure.anchorHouseholds}
              locale={{ emptyText: t('party.noAnchors') }}
              pagination={
                structure.anchorHouseholds.length > 12
                  ? { pageSize: isMobile ? 6 : 12, size: 'small', align: 'center' }
                  : false
              }
              renderItem={(anchor) => (
                <List.Item>
                  <div className="jz-anchor">
                    <div className="jz-anchor-head">
                      <Tag color="red">{t('party.anchorMember')}</Tag>
                      <strong>{anchor.member}</strong>
                      <span className="jz-muted">
                        {anchor.household.building} {anchor.household.doorNumber}
                      </span>
                    </div>
                    <div className="jz-muted jz-small">
                      {t('party.linked', { n: anchor.linkedHouseholds.length })}
                    </div>
                    <div className="jz-anchor-links">
                      {anchor.linkedHouseholds.map((household) => (
                        <Tag key={household.id} className="jz-anchor-link">
                          {/* Neighbours in the anchor's own building show their door only. */}
                          {household.building === anchor.household.building
                            ? household.doorNumber
                            : `${household.building} ${household.doorNumber}`}
                        </Tag>
                      ))}
                    </div>
                  </div>
                </List.Item>
              )}
            />
          </Card>
        </Col>
      </Row>
    </div>
  );
}
