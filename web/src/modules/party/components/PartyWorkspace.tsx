import { Card, Empty, Spin } from 'antd';
import { type ReactNode, useEffect } from 'react';
import { useAuth, useMe } from '../../../app/auth.tsx';
import { useI18n } from '../../../app/i18n.ts';
import { ErrorState } from '../../../ui/ErrorState.tsx';
import { PlacePicker } from '../../territory/index.ts';
import { usePartyStructure } from '../hooks/usePartyStructure.ts';
import { PartyStructureView } from './PartyStructureView.tsx';

const GRID_ONLY = ['grid'] as const;

interface PartyWorkspaceProps {
  gridId: number | null;
  onSelect: (gridId: number | null) => void;
}

/** 党建: pick a grid (tree with search), see its branch, building groups and anchor households. */
export function PartyWorkspace({ gridId, onSelect }: PartyWorkspaceProps) {
  const { t } = useI18n();
  const me = useMe();
  const { can } = useAuth();
  const structure = usePartyStructure(gridId);

  // A grid worker's own grid opens at once.
  useEffect(() => {
    if (gridId === null && me.scope.level === 'grid' && me.scope.id !== null) onSelect(me.scope.id);
  }, [gridId, me.scope, onSelect]);

  const fresh = structure.data && structure.dataKey === `party:${gridId}` ? structure.data : undefined;
  let body: ReactNode;
  if (gridId === null) body = <Empty description={t('party.pickGridHint')} />;
  else if (structure.error) body = <ErrorState error={structure.error} onRetry={structure.reload} />;
  else if (!fresh) body = <Spin className="jz-pane-spin" />;
  else body = <PartyStructureView structure={fresh} />;

  return (
    <div className="jz-page">
      <header className="jz-page-header">
        <h1>{t('party.title')}</h1>
        <p className="jz-muted">{t('party.intro')}</p>
      </header>
      {can('territory.read') ? (
        <Card size="small" className="jz-party-picker">
          <div className="jz-field-label">{t('party.pickGrid')}</div>
          <PlacePicker
            value={gridId}
            onChange={onSelect}
            scope={me.scope}
            selectable={GRID_ONLY}
            placeholder={t('party.pickGrid')}
            allowClear={false}
            testId="party-grid"
          />
        </Card>
      ) : null}
      {body}
    </div>
  );
}
