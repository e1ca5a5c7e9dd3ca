import { SwapOutlined } from '@ant-design/icons';
import { App, Button, Card, Input, Select, Table, type TableColumnsType, Tag } from 'antd';
import { useState } from 'react';
import type { StaffKind, StaffMember } from '#contracts';
import { useAuth, useMe } from '../../../app/auth.tsx';
import { useI18n } from '../../../app/i18n.ts';
import { placeHref } from '../../../app/router.ts';
import { ErrorState } from '../../../ui/ErrorState.tsx';
import { Link } from '../../../ui/Link.tsx';
import { useIsMobile } from '../../../ui/useMediaQuery.ts';
import { PlacePicker } from '../../territory/index.ts';
import type { StaffFilter } from '../api/people.api.ts';
import { useStaff } from '../hooks/usePeople.ts';
import { beijingToday, orDash, postingCurrent, postingText } from '../labels.ts';
import { MovePostingModal } from './MovePostingModal.tsx';
import { PeopleSummaryBar } from './PeopleSummaryBar.tsx';

const STAFF_KINDS: readonly StaffKind[] = [
  'community_worker',
  'property_staff',
  'building_head',
  'volunteer',
  'part_time_worker',
  'steward',
  'grid_leader',
  'community_secretary',
  'community_staff',
  'subdistrict_staff',
  'department_staff',
  'city_leader',
];

const EMPTY_FILTER: StaffFilter = { placeId: null, kind: null, q: '' };

/** 人员队伍: the teams within the account's scope, with their postings; 调岗 for people.write. */
export function StaffDirectory() {
  const { t } = useI18n();
  const me = useMe();
  const { can } = useAuth();
  const { message } = App.useApp();
  const isMobile = useIsMobile();
  const [filter, setFilter] = useState<StaffFilter>(EMPTY_FILTER);
  const [text, setText] = useState('');
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [moving, setMoving] = useState<StaffMember | null>(null);
  const staff = useStaff(filter, { limit: paging.pageSize, offset: (paging.page - 1) * paging.pageSize });
  const today = beijingToday();
  const canMove = can('people.write') && can('territory.read');

  const apply = (next: Partial<StaffFilter>) => {
    setFilter((current) => ({ ...current, ...next }));
    setPaging((current) => ({ ...current, page: 1 }));
  };

  const nameCell = (member: StaffMember) => (
    <span className="jz-person-name">
      {member.name}
      {member.partyMember === true ? (
        <Tag color="red" className="jz-party-tag">
          {t('people.partyMember')}
        </Tag>
      ) : null}
    </span>
  );
  const postingsCell = (member: StaffMember) =>
    member.postings.length === 0 ? (
      <span className="jz-muted">{t('staff.noPosting')}</span>
    ) : (
      <ul className="jz-postings">
        {member.postings.map((posting) => (
          <li key={posting.id} className={postingCurrent(posting, today) ? '' : 'jz-muted'}>
            {posting.place ? (
              <>
                {can('territory.read') ? (
                  <Link to={placeHref(posting.place.id)} title={posting.place.code}>
                    {posting.place.name}
                  </Link>
                ) : (
                  posting.place.name
                )}
                {/* "第1网格" exists in every community: the code's tail tells them apart. */}
                <span className="jz-code"> {posting.place.code.slice(-6)}</span>
                {' · '}
              </>
            ) : null}
            {postingText(t, { ...posting, place: null })}
          </li>
        ))}
      </ul>
    );
  const accountCell = (member: StaffMember) =>
    member.accountUsername ? (
      <span>
        <span className="jz-code">{member.accountUsername}</span>
        {member.accountRole ? <span className="jz-muted"> · {t(`role.${member.accountRole}`)}</span> : null}
      </span>
    ) : (
      <span className="jz-muted">—</span>
    );
  const moveButton = (member: StaffMember) =>
    canMove ? (
      <Button size="small" icon={<SwapOutlined />} onClick={() => setMoving(member)} data-testid="staff-move">
        {t('staff.move')}
      </Button>
    ) : null;

  const phoneColumns: TableColumnsType<StaffMember> = [
    {
      title: t('staff.title'),
      key: 'member',
      render: (_, member) => (
        <div className="jz-person-card">
          <div className="jz-person-card-head">
            {nameCell(member)}
            <span className="jz-muted jz-small">{t(`staffKind.${member.kind}`)}</span>
          </div>
          <div className="jz-small">
            {t('people.phone')}: {orDash(member.phone)}
          </div>
          {postingsCell(member)}
          {moveButton(member)}
        </div>
      ),
    },
  ];
  const columns: TableColumnsType<StaffMember> = [
    { title: t('people.name'), key: 'name', width: 150, render: (_, member) => nameCell(member) },
    {
      title: t('staff.kind'),
      dataIndex: 'kind',
      width: 200,
      render: (kind: StaffKind) => t(`staffKind.${kind}`),
    },
    {
      title: t('people.phone'),
      dataIndex: 'phone',
      width: 130,
      render: (phone: string | null) => <span className="jz-tabular">{orDash(phone)}</span>,
    },
    { title: t('staff.postings'), key: 'postings', render: (_, member) => postingsCell(member) },
    { title: t('staff.account'), key: 'account', width: 190, render: (_, member) => accountCell(member) },
    ...(canMove
      ? [
          {
            title: '',
            key: 'actions',
            width: 90,
            render: (_: unknown, member: StaffMember) => moveButton(member),
          },
        ]
      : []),
  ];

  return (
    <div className="jz-page">
      <header className="jz-page-header">
        <h1>{t('staff.title')}</h1>
        <p className="jz-muted">{t('staff.intro')}</p>
      </header>
      <PeopleSummaryBar />
      <Card size="small">
        <div className="jz-filters">
          {can('territory.read') ? (
            <PlacePicker
              className="jz-filter-place"
              value={filter.placeId}
              onChange={(placeId) => apply({ placeId })}
              scope={me.scope}
              testId="staff-place"
            />
          ) : null}
          <Select<StaffKind | undefined>
            className="jz-filter-kind"
            allowClear
            placeholder={t('staff.kindAll')}
            value={filter.kind ?? undefined}
            onChange={(kind) => apply({ kind: kind ?? null })}
            options={STAFF_KINDS.map((kind) => ({ value: kind, label: t(`staffKind.${kind}`) }))}
          />
          <Input.Search
            className="jz-filter-text"
            allowClear
            placeholder={t('staff.search')}
            value={text}
            maxLength={50}
            onChange={(event) => {
              setText(event.target.value);
              if (event.target.value === '') apply({ q: '' });
            }}
            onSearch={(value) => apply({ q: value.trim() })}
            data-testid="staff-search"
          />
        </div>
        {staff.error ? <ErrorState error={staff.error} onRetry={staff.reload} /> : null}
        <div data-testid="staff-table">
          <Table<StaffMember>
            size="small"
            rowKey="id"
            columns={isMobile ? phoneColumns : columns}
            dataSource={staff.error ? [] : (staff.data?.staff ?? [])}
            loading={staff.loading}
            scroll={isMobile ? undefined : { x: 900 }}
            locale={{ emptyText: t('staff.empty') }}
            pagination={{
              current: paging.page,
              pageSize: paging.pageSize,
              total: staff.data?.total ?? 0,
              showSizeChanger: !isMobile,
              pageSizeOptions: [10, 20, 50, 100],
              showTotal: (total) => t('common.total', { n: total }),
              onChange: (page, pageSize) =>
                setPaging({ page: pageSize === paging.pageSize ? page : 1, pageSize }),
            }}
          />
        </div>
      </Card>
      <MovePostingModal
        member={moving}
        scope={me.scope}
        onClose={() => setMoving(null)}
        onMoved={() => {
          setMoving(null);
          void message.success(t('staff.moved'));
          staff.reload();
        }}
      />
    </div>
  );
}
