import { ApartmentOutlined } from '@ant-design/icons';
import { Alert, Button, Drawer, Spin } from 'antd';
import { useMemo, useRef, useState } from 'react';
import type { TreeResponse } from '#contracts';
import type { AppConfig } from '../../../app/app-config.ts';
import { useI18n } from '../../../app/i18n.ts';
import { ErrorState } from '../../../ui/ErrorState.tsx';
import type { AsyncState } from '../../../ui/useAsync.ts';
import { useElementHeight } from '../../../ui/useElementHeight.ts';
import { useIsMobile } from '../../../ui/useMediaQuery.ts';
import {
  useAppConfig,
  usePlaceCard,
  usePlaceTree,
  useTerritoryLayers,
  useTerritorySummary,
} from '../hooks/useTerritoryData.ts';
import { KindLegend } from './KindLegend.tsx';
import { PlaceCardView } from './PlaceCardView.tsx';
import { PlaceSearch } from './PlaceSearch.tsx';
import { PlaceTree } from './PlaceTree.tsx';
import { type FocusPadding, type MapFocus, TerritoryMap } from './TerritoryMap.tsx';
import { TerritorySummaryBar } from './TerritorySummaryBar.tsx';

/** Without a configured basemap (or when the config cannot be read) nothing is loaded from the internet. */
const NO_BASEMAP: AppConfig = { mapTileUrl: null, mapTileAttribution: null };

/** Share of the phone screen the card drawer takes; the map above stays usable. */
const CARD_DRAWER_SHARE = 0.58;

interface TerritoryWorkspaceProps {
  selectedId: number | null;
  onSelect: (placeId: number | null) => void;
}

interface TreePaneProps extends TerritoryWorkspaceProps {
  tree: AsyncState<TreeResponse>;
  height: number;
}

function TreePane({ tree, selectedId, onSelect, height }: TreePaneProps) {
  if (tree.error) return <ErrorState error={tree.error} onRetry={tree.reload} />;
  if (!tree.data) return <Spin className="jz-pane-spin" />;
  return <PlaceTree tree={tree.data} selectedId={selectedId} onSelect={onSelect} height={height} />;
}

/**
 * The territory page's working area: summary and search on top; tree, map and card side by side on
 * desktop; on phones the map takes the width and the tree and card open in drawers.
 */
export function TerritoryWorkspace({ selectedId, onSelect }: TerritoryWorkspaceProps) {
  const { t } = useI18n();
  const isMobile = useIsMobile();
  const appConfig = useAppConfig();
  const summary = useTerritorySummary();
  const layers = useTerritoryLayers();
  const tree = usePlaceTree();
  const card = usePlaceCard(selectedId);
  const kindOfCommunity = useMemo(
    () =>
      new Map((tree.data?.nodes ?? []).flatMap((node) => (node.kind ? [[node.id, node.kind] as const] : []))),
    [tree.data],
  );
  const [zoomRequest, setZoomRequest] = useState(0);
  const [treeOpen, setTreeOpen] = useState(false);
  const [cardClosedFor, setCardClosedFor] = useState<number | null>(null);
  const treePaneRef = useRef<HTMLDivElement>(null);
  const treeHeight = useElementHeight(treePaneRef, 480);

  const select = (placeId: number | null) => {
    setCardClosedFor(null);
    setTreeOpen(false);
    onSelect(placeId);
  };
  const loadedCard = card.data && card.dataKey === `place:${selectedId}` ? card.data : undefined;
  const focus: MapFocus | null = loadedCard
    ? { key: `${loadedCard.id}:${zoomRequest}`, geometry: loadedCard.geometry }
    : null;
  const config = appConfig.data ?? (appConfig.error ? NO_BASEMAP : undefined);
  const community = loadedCard?.ancestors.find((ancestor) => ancestor.level === 'community');
  const communityKind = community ? (kindOfCommunity.get(community.id) ?? null) : null;
  // On phones the card drawer covers the lower part of the map: zoom into the part left visible.
  const focusPadding: FocusPadding | undefined = isMobile
    ? { topLeft: [16, 16], bottomRight: [16, Math.round(window.innerHeight * CARD_DRAWER_SHARE) + 8] }
    : undefined;

  let map: React.ReactNode;
  if (layers.error) {
    map = (
      <ErrorState
        variant="page"
        title={t('territory.mapFailed')}
        error={layers.error}
        onRetry={layers.reload}
      />
    );
  } else if (!layers.data || !config) {
    map = (
      <div className="jz-map-loading">
        <Spin size="large" />
        <span>{t('territory.mapLoading')}</span>
      </div>
    );
  } else {
    map = (
      <TerritoryMap
        appConfig={config}
        layers={layers.data}
        focus={focus}
        focusPadding={focusPadding}
        onSelectUnit={select}
        tooltips={!isMobile}
      >
        <KindLegend counts={summary.data?.communityKinds} />
      </TerritoryMap>
    );
  }

  const cardView =
    selectedId === null ? null : (
      <PlaceCardView
        placeId={selectedId}
        state={card}
        communityKind={communityKind}
        onZoom={() => setZoomRequest((n) => n + 1)}
        onClose={isMobile ? () => setCardClosedFor(selectedId) : () => select(null)}
      />
    );

  return (
    <div className={isMobile ? 'jz-territory jz-territory-mobile' : 'jz-territory'}>
      <div className="jz-territory-top">
        {summary.error ? (
          <Alert type="warning" showIcon title={summary.error.message} />
        ) : (
          <TerritorySummaryBar summary={summary.data} />
        )}
        <div className="jz-territory-tools">
          {isMobile ? (
            <Button icon={<ApartmentOutlined />} onClick={() => setTreeOpen(true)} data-testid="tree-button">
              {t('territory.showTree')}
            </Button>
          ) : null}
          <PlaceSearch onPick={select} />
        </div>
      </div>
      <div className="jz-territory-main">
        {isMobile ? null : (
          <aside className="jz-tree-pane">
            <div className="jz-pane-title">{t('territory.tree')}</div>
            <div className="jz-tree-pane-body" ref={treePaneRef}>
              <TreePane tree={tree} selectedId={selectedId} onSelect={select} height={treeHeight} />
            </div>
          </aside>
        )}
        <div className="jz-map-pane">{map}</div>
        {!isMobile && cardView ? <aside className="jz-card-pane">{cardView}</aside> : null}
      </div>
      {isMobile ? (
        <>
          <Drawer
            placement="left"
            size="86%"
            title={t('territory.tree')}
            open={treeOpen}
            onClose={() => setTreeOpen(false)}
            styles={{ body: { padding: 8 } }}
          >
            <TreePane
              tree={tree}
              selectedId={selectedId}
              onSelect={select}
              height={Math.max(240, window.innerHeight - 90)}
            />
          </Drawer>
          <Drawer
            placement="bottom"
            size={`${CARD_DRAWER_SHARE * 100}%`}
            closable={false}
            mask={false}
            rootClassName="jz-card-drawer"
            open={selectedId !== null && cardClosedFor !== selectedId}
            onClose={() => setCardClosedFor(selectedId)}
            styles={{ body: { padding: 12 } }}
          >
            {cardView}
          </Drawer>
        </>
      ) : null}
    </div>
  );
}
