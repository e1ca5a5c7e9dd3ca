import { EyeInvisibleOutlined, EyeOutlined, HomeOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, Input, Select, Table, type TableColumnsType, Tag } from 'antd';
import { useState } from 'react';
import type { Resident, ResidentTag } from '#contracts';
import { useAuth, useMe } from '../../../app/auth.tsx';
import { useI18n } from '../../../app/i18n.ts';
import { ErrorState } from '../../../ui/ErrorState.tsx';
import { useIsMobile } from '../../../ui/useMediaQuery.ts';
import { PlacePicker } from '../../territory/index.ts';
import type { ResidentFilter, Unmasked } from '../api/people.api.ts';
import { useResidents } from '../hooks/usePeople.ts';
import { orDash } from '../labels.ts';
import { HouseholdDrawer } from './HouseholdDrawer.tsx';
import { UnmaskModal } from './UnmaskModal.tsx';

const RESIDENT_TAGS: readonly ResidentTag[] = [
  'elderly_alone',
  'elderly',
  'disabled',
  'low_income',
  'veteran',
  'child_left_behind',
  'floating',
  'key_care',
];

const EMPTY_FILTER: ResidentFilter = {
  placeId: null,
  householdId: null,
  q: '',
  phone: '',
  idNumber: '',
  tag: null,
};

interface FilterValues {
  q?: string;
  phone?: string;
  idNumber?: string;
  tag?: ResidentTag;
  placeId?: number | null;
}

/** 居民户籍: residents and households in scope; phone and ID masked; "unmask with reason" per record. */
export function ResidentsLookup() {
  const { t } = useI18n();
  const me = useMe();
  const { can } = useAuth();
  const { message } = App.useApp();
  const isMobile = useIsMobile();
  const [form] = Form.useForm<FilterValues>();
  const [filter, setFilter] = useState<ResidentFilter>(EMPTY_FILTER);
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [unmasking, setUnmasking] = useState<Resident | null>(null);
  /** Records unmasked on this page, by resident id: the result shows on that record only. */
  const [revealed, setRevealed] = useState<ReadonlyMap<number, Unmasked>>(new Map());
  const [household, setHousehold] = useState<Resident['household'] | null>(null);
  const residents = useResidents(filter, {
    limit: paging.pageSize,
    offset: (paging.page - 1) * paging.pageSize,
  });
  const mayUnmask = can('residents.unmask');

  const search = (values: FilterValues) => {
    setFilter({
      placeId: values.placeId ?? null,
      householdId: null,
      q: values.q?.trim() ?? '',
      phone: values.phone?.trim() ?? '',
      idNumber: values.idNumber?.trim().toUpperCase() ?? '',
      tag: values.tag ?? null,
    });
    setPaging((current) => ({ ...current, page: 1 }));
  };

  const hide = (id: number) =>
    setRevealed((current) => {
      const next = new Map(current);
      next.delete(id);
      return next;
    });

  const shown = (resident: Resident, field: 'phone' | 'idNumber') => {
    const full = revealed.get(resident.id);
    if (full) return <span className="jz-revealed jz-tabular">{orDash(full[field])}</span>;
    return <span className="jz-tabular">{orDash(resident[field])}</span>;
  };

  const nameCell = (resident: Resident) => (
    <span className="jz-person-name">
      {resident.name}
      {resident.partyMember === true ? (
        <Tag color="red" className="jz-party-tag">
          {t('people.partyMember')}
        </Tag>
      ) : null}
      <span className="jz-muted jz-small">
        {[
          resident.gender ? t(resident.gender === 'male' ? 'residents.male' : 'residents.female') : null,
          resident.birthYear ? t('residents.born', { year: resident.birthYear }) : null,
        ]
          .filter(Boolean)
          .join(' · ')}
      </span>
    </span>
  );
  const tagsCell = (resident: Resident) =>
    resident.tags.length ? (
      resident.tags.map((tag) => (
        <Tag key={tag} color={tag === 'elderly_alone' || tag === 'key_care' ? 'orange' : undefined}>
          {t(`tag.${tag}`)}
        </Tag>
      ))
    ) : (
      <span className="jz-muted">—</span>
    );
  const householdCell = (resident: Resident) => (
    <Button
      type="link"
      size="small"
      className="jz-household-link"
      icon={<HomeOutlined />}
      onClick={() => setHousehold(resident.household)}
    >
      {resident.household.grid.name} · {resident.household.building.name} {resident.household.doorNumber}
    </Button>
  );
  const actionCell = (resident: Resident) => {
    if (revealed.has(resident.id)) {
      return (
        <span className="jz-unmasked-note">
          <Tag color="gold">{t('people.unmaskedTag')}</Tag>
          <Button size="small" type="link" icon={<EyeInvisibleOutlined />} onClick={() => hide(resident.id)}>
            {t('unmask.hide')}
          </Button>
        </span>
      );
    }
    if (resident.unmasked) return <Tag color="gold">{t('people.unmaskedTag')}</Tag>;
    if (!mayUnmask || (!resident.phone && !resident.idNumber)) return null;
    return (
      <Button
        size="small"
        icon={<EyeOutlined />}
        onClick={() => setUnmasking(resident)}
        data-testid="unmask-button"
      >
        {t('unmask.button')}
      </Button>
    );
  };

  const phoneColumns: TableColumnsType<Resident> = [
    {
      title: t('residents.title'),
      key: 'resident',
      render: (_, resident) => (
        <div className="jz-person-card">
          <div className="jz-person-card-head">{nameCell(resident)}</div>
          <div className="jz-small">
            {t('people.phone')}: {shown(resident, 'phone')}
          </div>
          <div className="jz-small">
            {t('people.idNumber')}: {shown(resident, 'idNumber')}
          </div>
          {resident.tags.length ? <div>{tagsCell(resident)}</div> : null}
          <div>{householdCell(resident)}</div>
          <div>{actionCell(resident)}</div>
        </div>
      ),
    },
  ];
  const columns: TableColumnsType<Resident> = [
    { title: t('people.name'), key: 'name', width: 170, render: (_, resident) => nameCell(resident) },
    { title: t('people.phone'), key: 'phone', width: 130, render: (_, resident) => shown(resident, 'phone') },
    {
      title: t('people.idNumber'),
      key: 'idNumber',
      width: 190,
      render: (_, resident) => shown(resident, 'idNumber'),
    },
    { title: t('residents.tags'), key: 'tags', width: 170, render: (_, resident) => tagsCell(resident) },
    { title: t('residents.household'), key: 'household', render: (_, resident) => householdCell(resident) },
    {
      title: t('residents.actions'),
      key: 'actions',
      width: 150,
      render: (_, resident) => actionCell(resident),
    },
  ];

  return (
    <div className="jz-page">
      <header className="jz-page-header">
        <h1>{t('residents.title')}</h1>
        <p className="jz-muted">{t('residents.intro')}</p>
      </header>
      <Card size="small">
        <Form<FilterValues>
          form={form}
          layout="vertical"
          className="jz-resident-filters"
          onFinish={search}
          data-testid="residents-filters"
        >
          <Form.Item name="q" label={t('residents.q')}>
            <Input allowClear maxLength={50} data-testid="residents-q" />
          </Form.Item>
          <Form.Item
            name="phone"
            label={t('residents.phoneExact')}
            rules={[{ pattern: /^\s*1\d{10}\s*$/, message: t('residents.phoneInvalid') }]}
          >
            <Input allowClear inputMode="numeric" maxLength={11} autoComplete="off" />
          </Form.Item>
          <Form.Item
            name="idNumber"
            label={t('residents.idExact')}
            rules={[{ pattern: /^\s*\d{17}[\dXx]\s*$/, message: t('residents.idInvalid') }]}
          >
            <Input allowClear maxLength={18} autoComplete="off" />
          </Form.Item>
          <Form.Item name="tag" label={t('residents.tag')}>
            <Select<ResidentTag>
              allowClear
              placeholder={t('residents.tagAll')}
              options={RESIDENT_TAGS.map((tag) => ({ value: tag, label: t(`tag.${tag}`) }))}
            />
          </Form.Item>
          {can('territory.read') ? (
            <Form.Item name="placeId" label={t('people.place')} className="jz-filter-wide">
              <PlacePicker scope={me.scope} />
            </Form.Item>
          ) : null}
          <div className="jz-filter-buttons">
            <Button type="primary" htmlType="submit" data-testid="residents-search">
              {t('common.search')}
            </Button>
            <Button
              onClick={() => {
                form.resetFields();
                search({});
              }}
            >
              {t('people.reset')}
            </Button>
          </div>
        </Form>
        {residents.error ? <ErrorState error={residents.error} onRetry={residents.reload} /> : null}
        <div data-testid="residents-table">
          <Table<Resident>
            size="small"
            rowKey="id"
            columns={isMobile ? phoneColumns : columns}
            dataSource={residents.error ? [] : (residents.data?.residents ?? [])}
            loading={residents.loading}
            scroll={isMobile ? undefined : { x: 980 }}
            locale={{ emptyText: t('residents.empty') }}
            rowClassName={(resident) => (revealed.has(resident.id) ? 'jz-row-revealed' : '')}
            pagination={{
              current: paging.page,
              pageSize: paging.pageSize,
              total: residents.data?.total ?? 0,
              showSizeChanger: !isMobile,
              pageSizeOptions: [10, 20, 50, 100],
              showTotal: (total) => t('common.total', { n: total }),
              onChange: (page, pageSize) =>
                setPaging({ page: pageSize === paging.pageSize ? page : 1, pageSize }),
            }}
          />
        </div>
      </Card>
      <UnmaskModal
        resident={unmasking}
        onClose={() => setUnmasking(null)}
        onUnmasked={(resident, result) => {
          setRevealed((current) => new Map(current).set(resident.id, result));
          setUnmasking(null);
          void message.success(t('unmask.shown'));
        }}
      />
      <HouseholdDrawer household={household} onClose={() => setHousehold(null)} />
    </div>
  );
}
