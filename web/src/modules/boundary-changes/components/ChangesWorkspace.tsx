import { Alert, Button, Card } from 'antd';
import { useI18n } from '../../../app/i18n.ts';
import { ChangesTable } from './ChangesTable.tsx';

interface ChangesWorkspaceProps {
  placeId: number | null;
  onClearFilter: () => void;
}

/** 边界变更: the history of splits and merges. */
export function ChangesWorkspace({ placeId, onClearFilter }: ChangesWorkspaceProps) {
  const { t } = useI18n();
  return (
    <div className="jz-page">
      <header className="jz-page-header">
        <h1>{t('changes.title')}</h1>
        <p className="jz-muted">{t('changes.intro')}</p>
      </header>
      {placeId !== null ? (
        <Alert
          className="jz-filter-alert"
          type="info"
          showIcon
          title={t('changes.filteredBy', { id: placeId })}
          action={
            <Button size="small" onClick={onClearFilter}>
              {t('changes.clearFilter')}
            </Button>
          }
        />
      ) : null}
      <Card size="small">
        <ChangesTable key={placeId ?? 'all'} placeId={placeId} />
      </Card>
    </div>
  );
}
