import {
  AutoComplete,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { type ComponentProps, useState } from 'react';
import type { AuditEntry } from '#contracts';
import { isMessageKey, useI18n } from '../../../app/i18n.ts';
import { ErrorState } from '../../../ui/ErrorState.tsx';
import { formatDateTimeSeconds } from '../../../ui/format.ts';
import { usePickerLocale } from '../../../ui/pickerLocale.ts';
import { useIsMobile } from '../../../ui/useMediaQuery.ts';
import type { AuditFilter } from '../api/audit.api.ts';
import { beijingIso } from '../beijingTime.ts';
import { useAudit } from '../hooks/useAudit.ts';

type RangeValue = ComponentProps<typeof DatePicker.RangePicker>['value'];

interface FilterValues {
  actor?: string;
  action?: string;
  subjectType?: string;
  subjectId?: string;
  range?: RangeValue;
}

const EMPTY_FILTER: AuditFilter = { actor: '', action: '', subjectType: '', subjectId: '', from: '', to: '' };

const ACTION_PREFIXES = ['access', 'territory', 'people'] as const;
const SUBJECT_TYPES = [
  'account',
  'jurisdiction',
  'territory_change',
  'legacy_layer',
  'staff_member',
  'resident',
];

const RESULT_COLORS: Record<string, string> = { ok: 'green', denied: 'red', failed: 'volcano' };

function hasDetails(details: unknown): boolean {
  if (details === null || details === undefined) return false;
  if (typeof details === 'object') return Object.keys(details).length > 0;
  return true;
}

/** 审计日志: filter by actor, action prefix, object and time (Beijing); details expand per row. */
export function AuditLog() {
  const { t, locale } = useI18n();
  const isMobile = useIsMobile();
  const pickerLocale = usePickerLocale();
  const [form] = Form.useForm<FilterValues>();
  const [filter, setFilter] = useState<AuditFilter>(EMPTY_FILTER);
  const [paging, setPaging] = useState({ page: 1, pageSize: 50 });
  const audit = useAudit(filter, { limit: paging.pageSize, offset: (paging.page - 1) * paging.pageSize });
  // Phones pick whole days: the time columns make the picker wider than the screen.
  const precision = isMobile ? 'day' : 'minute';

  const apply = (values: FilterValues) => {
    const [from, to] = values.range ?? [null, null];
    setFilter({
      actor: values.actor?.trim() ?? '',
      action: values.action?.trim() ?? '',
      subjectType: values.subjectType?.trim() ?? '',
      subjectId: values.subjectId?.trim() ?? '',
      from: from ? beijingIso(from, 'start', precision) : '',
      to: to ? beijingIso(to, 'end', precision) : '',
    });
    setPaging((current) => ({ ...current, page: 1 }));
  };

  const actionLabel = (action: string): string | null => {
    const key = `audit.action.${action}`;
    return isMessageKey(key) ? t(key) : null;
  };
  const roleLabel = (role: string | null): string | null => {
    if (!role) return null;
    const key = `role.${role}`;
    return isMessageKey(key) ? t(key) : role;
  };
  const resultTag = (result: string) => (
    <Tag color={RESULT_COLORS[result] ?? 'default'}>
      {result === 'ok' || result === 'denied' || result === 'failed' ? t(`audit.result.${result}`) : result}
    </Tag>
  );
  const when = (entry: AuditEntry) => (
    <time dateTime={entry.at} className="jz-tabular">
      {formatDateTimeSeconds(locale, entry.at)}
    </time>
  );
  const actor = (entry: AuditEntry) => (
    <span>
      {entry.actor === 'seed' ? t('audit.system') : entry.actor}
      {roleLabel(entry.role) ? <span className="jz-muted jz-small"> · {roleLabel(entry.role)}</span> : null}
    </span>
  );
  const action = (entry: AuditEntry) => (
    <span className="jz-audit-action">
      {actionLabel(entry.action) ? <span>{actionLabel(entry.action)}</span> : null}
      <span className="jz-code">{entry.action}</span>
    </span>
  );
  const subject = (entry: AuditEntry) => (
    <span>
      {entry.subjectType}
      {entry.subjectId ? <span className="jz-code"> #{entry.subjectId}</span> : null}
    </span>
  );

  const phoneColumns: TableColumnsType<AuditEntry> = [
    {
      title: t('audit.title'),
      key: 'entry',
      render: (_, entry) => (
        <div className="jz-audit-card">
          <div>
            {resultTag(entry.result)} {when(entry)}
          </div>
          <div>{action(entry)}</div>
          <div className="jz-small">
            {actor(entry)} → {subject(entry)}
          </div>
        </div>
      ),
    },
  ];
  const columns: TableColumnsType<AuditEntry> = [
    { title: t('audit.at'), key: 'at', width: 170, render: (_, entry) => when(entry) },
    { title: t('audit.actor'), key: 'actor', width: 200, render: (_, entry) => actor(entry) },
    { title: t('audit.action'), key: 'action', width: 280, render: (_, entry) => action(entry) },
    { title: t('audit.subject'), key: 'subject', width: 180, render: (_, entry) => subject(entry) },
    { title: t('audit.result'), key: 'result', width: 80, render: (_, entry) => resultTag(entry.result) },
    {
      title: t('audit.ip'),
      dataIndex: 'ip',
      width: 130,
      render: (ip: string | null) => <span className="jz-code">{ip ?? '—'}</span>,
    },
    {
      title: t('audit.requestId'),
      dataIndex: 'requestId',
      ellipsis: true,
      render: (id: string | null) =>
        id ? (
          <Typography.Text className="jz-code" copyable={{ text: id }} title={id}>
            {id.slice(0, 8)}…
          </Typography.Text>
        ) : (
          '—'
        ),
    },
  ];

  return (
    <div className="jz-page">
      <header className="jz-page-header">
        <h1>{t('audit.title')}</h1>
        <p className="jz-muted">{t('audit.intro')}</p>
      </header>
      <Card size="small">
        <Form<FilterValues>
          form={form}
          layout="vertical"
          className="jz-audit-filters"
          onFinish={apply}
          data-testid="audit-filters"
        >
          <Form.Item name="actor" label={t('audit.actor')}>
            <Input allowClear maxLength={64} placeholder="admin" data-testid="audit-actor" />
          </Form.Item>
          <Form.Item name="action" label={t('audit.actionPrefix')}>
            <AutoComplete
              allowClear
              options={ACTION_PREFIXES.map((prefix) => ({
                value: `${prefix}.`,
                label: (
                  <span>
                    <span className="jz-code">{prefix}.</span> {t(`audit.prefix.${prefix}`)}
                  </span>
                ),
              }))}
            >
              <Input maxLength={64} placeholder="access." data-testid="audit-action" />
            </AutoComplete>
          </Form.Item>
          <Form.Item name="subjectType" label={t('audit.subjectType')}>
            <AutoComplete
              allowClear
              options={SUBJECT_TYPES.map((type) => ({ value: type }))}
              showSearch={{
                filterOption: (input, option) => String(option?.value ?? '').includes(input.trim()),
              }}
            >
              <Input maxLength={64} />
            </AutoComplete>
          </Form.Item>
          <Form.Item name="subjectId" label={t('audit.subjectId')}>
            <Input allowClear maxLength={64} />
          </Form.Item>
          <Form.Item name="range" label={t('audit.range')} className="jz-audit-range">
            <DatePicker.RangePicker
              key={precision}
              locale={pickerLocale}
              placement="bottomLeft"
              classNames={{ popup: { root: 'jz-range-popup' } }}
              showTime={precision === 'minute' ? { format: 'HH:mm' } : false}
              format={precision === 'minute' ? 'YYYY-MM-DD HH:mm' : 'YYYY-MM-DD'}
              allowEmpty={[true, true]}
              placeholder={[t('audit.rangeStart'), t('audit.rangeEnd')]}
              style={{ width: '100%' }}
            />
          </Form.Item>
          <div className="jz-filter-buttons">
            <Button type="primary" htmlType="submit" data-testid="audit-search">
              {t('audit.filter')}
            </Button>
            <Button
              onClick={() => {
                form.resetFields();
                apply({});
              }}
            >
              {t('people.reset')}
            </Button>
          </div>
        </Form>
        {audit.error ? <ErrorState error={audit.error} onRetry={audit.reload} /> : null}
        <div data-testid="audit-table">
          <Table<AuditEntry>
            size="small"
            rowKey="id"
            columns={isMobile ? phoneColumns : columns}
            dataSource={audit.error ? [] : (audit.data?.entries ?? [])}
            loading={audit.loading}
            scroll={isMobile ? undefined : { x: 1100 }}
            locale={{ emptyText: t('audit.empty') }}
            expandable={{
              expandedRowRender: (entry) =>
                hasDetails(entry.details) ? (
                  <div className="jz-audit-details">
                    {isMobile ? (
                      <div className="jz-small jz-muted">
                        {t('audit.ip')}: {entry.ip ?? '—'} · {t('audit.requestId')}: {entry.requestId ?? '—'}
                      </div>
                    ) : null}
                    <pre className="jz-json" data-testid="audit-details">
                      {JSON.stringify(entry.details, null, 2)}
                    </pre>
                  </div>
                ) : (
                  <span className="jz-muted">{t('audit.noDetails')}</span>
                ),
              rowExpandable: (entry) => hasDetails(entry.details) || isMobile,
            }}
            pagination={{
              current: paging.page,
              pageSize: paging.pageSize,
              total: audit.data?.total ?? 0,
              showSizeChanger: !isMobile,
              pageSizeOptions: [20, 50, 100, 200],
              showTotal: (total) => t('common.total', { n: total }),
              onChange: (page, pageSize) =>
                setPaging({ page: pageSize === paging.pageSize ? page : 1, pageSize }),
            }}
          />
        </div>
      </Card>
    </div>
  );
}
