import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Card, Descriptions, Empty, Spin, Tag } from 'antd';
import { type ReactNode, useState } from 'react';
import type { Resident } from '#contracts';
import { ApiError } from '../../../app/api.ts';
import { useMe } from '../../../app/auth.tsx';
import { useI18n } from '../../../app/i18n.ts';
import { ErrorState } from '../../../ui/ErrorState.tsx';
import { useAsync } from '../../../ui/useAsync.ts';
import { fetchMyExport, fetchMyRecord } from '../api/people.api.ts';
import { beijingToday, orDash } from '../labels.ts';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A Resident as the contract has it (checked loosely: render what is there). */
function asResident(value: unknown): Resident | null {
  if (!isObject(value) || typeof value.name !== 'string' || !isObject(value.household)) return null;
  return value as unknown as Resident;
}

/** "No record of you", as opposed to a missing route or another failure. */
const isNoRecord = (error: Error): boolean =>
  error instanceof ApiError && error.code === 'people.no_resident_record';

function ResidentFacts({ resident }: { resident: Resident }) {
  const { t } = useI18n();
  const h = resident.household;
  return (
    <>
      <Descriptions size="small" column={{ xs: 1, sm: 1, md: 2 }} bordered title={t('me.record')}>
        <Descriptions.Item label={t('people.name')}>{resident.name}</Descriptions.Item>
        {resident.gender ? (
          <Descriptions.Item label={t('residents.gender')}>
            {t(resident.gender === 'male' ? 'residents.male' : 'residents.female')}
          </Descriptions.Item>
        ) : null}
        {resident.birthYear ? (
          <Descriptions.Item label={t('residents.birthYear')}>{resident.birthYear}</Descriptions.Item>
        ) : null}
        <Descriptions.Item label={t('people.phone')}>{orDash(resident.phone)}</Descriptions.Item>
        <Descriptions.Item label={t('people.idNumber')}>{orDash(resident.idNumber)}</Descriptions.Item>
        {resident.tags?.length ? (
          <Descriptions.Item label={t('residents.tags')}>
            {resident.tags.map((tag) => (
              <Tag key={tag}>{t(`tag.${tag}`)}</Tag>
            ))}
          </Descriptions.Item>
        ) : null}
        {resident.partyMember !== undefined ? (
          <Descriptions.Item label={t('people.partyMember')}>
            {t(resident.partyMember ? 'people.yes' : 'people.no')}
          </Descriptions.Item>
        ) : null}
      </Descriptions>
      <Descriptions
        className="jz-me-household"
        size="small"
        column={{ xs: 1, sm: 1, md: 2 }}
        bordered
        title={t('me.householdSection')}
      >
        {h.community ? (
          <Descriptions.Item label={t('residents.community')}>{h.community.name}</Descriptions.Item>
        ) : null}
        {h.grid ? <Descriptions.Item label={t('residents.grid')}>{h.grid.name}</Descriptions.Item> : null}
        {h.building ? (
          <Descriptions.Item label={t('residents.building')}>{h.building.name}</Descriptions.Item>
        ) : null}
        <Descriptions.Item label={t('residents.door')}>{h.doorNumber}</Descriptions.Item>
      </Descriptions>
    </>
  );
}

/** Anything else the server sends about the resident, shown plainly. */
function OtherFacts({ data }: { data: Json }) {
  const { t } = useI18n();
  const entries = Object.entries(data);
  if (entries.length === 0) return null;
  return (
    <Descriptions className="jz-me-other" size="small" column={1} bordered title={t('me.other')}>
      {entries.map(([key, value]) => (
        <Descriptions.Item key={key} label={key}>
          {value === null || typeof value !== 'object' ? (
            String(value ?? '—')
          ) : (
            <pre className="jz-json">{JSON.stringify(value, null, 2)}</pre>
          )}
        </Descriptions.Item>
      ))}
    </Descriptions>
  );
}

function saveJson(value: unknown, fileName: string): void {
  const blob = new Blob([JSON.stringify(value, null, 2)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = fileName;
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** 我的信息: a resident's own record and household, and an export of everything held about them. */
export function MyInformation() {
  const { t } = useI18n();
  const me = useMe();
  const { message } = App.useApp();
  const record = useAsync('people-me', fetchMyRecord);
  const [exporting, setExporting] = useState(false);

  const exportData = async () => {
    setExporting(true);
    try {
      const data = await fetchMyExport();
      const name = `jingzhi-${me.username}-${beijingToday()}.json`;
      saveJson(data, name);
      void message.success(t('me.exported', { name }));
    } catch (error) {
      void message.error(
        `${t('me.exportFailed')}: ${error instanceof Error ? error.message : String(error)}`,
      );
    } finally {
      setExporting(false);
    }
  };

  let body: ReactNode;
  if (record.error && isNoRecord(record.error)) body = <Empty description={t('me.empty')} />;
  else if (record.error) body = <ErrorState error={record.error} onRetry={record.reload} />;
  else if (record.loading && record.data === undefined) body = <Spin className="jz-pane-spin" />;
  else {
    const data = record.data;
    const direct = asResident(data);
    const nested = isObject(data) ? asResident(data.resident) : null;
    const resident = direct ?? nested;
    const rest: Json = isObject(data)
      ? Object.fromEntries(
          Object.entries(data).filter(([key]) => (direct ? false : nested ? key !== 'resident' : true)),
        )
      : {};
    body =
      resident || Object.keys(rest).length ? (
        <>
          {resident ? <ResidentFacts resident={resident} /> : null}
          <OtherFacts data={rest} />
        </>
      ) : (
        <Empty description={t('me.empty')} />
      );
  }

  return (
    <div className="jz-page">
      <header className="jz-page-header">
        <h1>{t('me.title')}</h1>
        <p className="jz-muted">{t('me.intro')}</p>
        <Button
          className="jz-me-export"
          type="primary"
          icon={<DownloadOutlined />}
          loading={exporting}
          onClick={() => void exportData()}
          data-testid="me-export"
        >
          {t('me.export')}
        </Button>
      </header>
      <Card size="small" data-testid="my-information">
        {body}
      </Card>
    </div>
  );
}
