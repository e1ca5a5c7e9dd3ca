import { Card, Col, Empty, Row } from 'antd';
import { useState } from 'react';
import type { LegacyLayer } from '#contracts';
import { useAuth } from '../../../app/auth.tsx';
import { useI18n } from '../../../app/i18n.ts';
import { ErrorState } from '../../../ui/ErrorState.tsx';
import { useLegacyLayers } from '../hooks/useLegacyLayers.ts';
import { ImportFailureReport } from './ImportFailureReport.tsx';
import { LegacyLayerTable } from './LegacyLayerTable.tsx';
import { LegacyMappingTable } from './LegacyMappingTable.tsx';
import { type ImportFailure, LegacyUploadForm } from './LegacyUploadForm.tsx';

interface LegacyLayersWorkspaceProps {
  selectedId: number | null;
  onSelect: (layerId: number) => void;
}

/** 多网合一: the imported layers, the upload form, and the selected layer's grid mapping. */
export function LegacyLayersWorkspace({ selectedId, onSelect }: LegacyLayersWorkspaceProps) {
  const { t } = useI18n();
  const { can } = useAuth();
  /** Importing a layer is a territory write; readers see the layers and mappings only. */
  const mayImport = can('territory.write');
  const layers = useLegacyLayers();
  const [failure, setFailure] = useState<ImportFailure | null>(null);
  const list = layers.data?.layers ?? [];
  // With none chosen yet, the first layer's mapping is shown.
  const selected: LegacyLayer | undefined =
    selectedId === null ? list[0] : list.find((layer) => layer.id === selectedId);

  return (
    <div className="jz-page">
      <header className="jz-page-header">
        <h1>{t('legacy.title')}</h1>
        <p className="jz-muted">{t('legacy.intro')}</p>
      </header>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={mayImport ? 15 : 24}>
          <Card title={t('legacy.layers')} size="small" className="jz-fill-card">
            {layers.error ? (
              <ErrorState error={layers.error} onRetry={layers.reload} />
            ) : (
              <LegacyLayerTable
                layers={list}
                loading={layers.loading}
                selectedId={selected?.id ?? null}
                onSelect={onSelect}
              />
            )}
          </Card>
        </Col>
        {mayImport ? (
          <Col xs={24} xl={9}>
            <Card title={t('legacy.upload')} size="small">
              <LegacyUploadForm
                onFailure={setFailure}
                onCreated={(layer) => {
                  layers.reload();
                  onSelect(layer.id);
                }}
              />
            </Card>
          </Col>
        ) : null}
        {failure && mayImport ? (
          <Col span={24}>
            <ImportFailureReport failure={failure} onClose={() => setFailure(null)} />
          </Col>
        ) : null}
        <Col span={24}>
          <Card
            size="small"
            title={
              selected
                ? t('legacy.mapping', { name: `${selected.department} · ${selected.name}` })
                : t('legacy.mappingPick')
            }
          >
            {selected ? (
              <LegacyMappingTable key={selected.id} layer={selected} />
            ) : (
              <Empty description={t('legacy.mappingPick')} />
            )}
          </Card>
        </Col>
      </Row>
    </div>
  );
}
