import { SearchOutlined } from '@ant-design/icons';
import { AutoComplete, Input, Spin, Tag } from 'antd';
import { useState } from 'react';
import type { SearchHit } from '#contracts';
import { useI18n } from '../../../app/i18n.ts';
import { usePlaceSearch } from '../hooks/usePlaceSearch.ts';
import { levelLabelKey } from '../kinds.ts';

interface PlaceSearchProps {
  /** Called with the place to open (for a building: its unit). */
  onPick: (placeId: number) => void;
}

interface HitOption {
  value: string;
  label: React.ReactNode;
  hit: SearchHit;
}

function HitLabel({ hit }: { hit: SearchHit }) {
  const { t } = useI18n();
  return (
    <div className="jz-hit">
      <div className="jz-hit-main">
        <Tag className="jz-hit-level">{t(levelLabelKey(hit.level))}</Tag>
        <span className="jz-hit-name">{hit.name}</span>
        {hit.current ? null : <Tag color="default">{t('territory.historical')}</Tag>}
      </div>
      <div className="jz-hit-sub">
        <span className="jz-code">{hit.code}</span>
        {hit.path ? <span> · {hit.path}</span> : null}
      </div>
    </div>
  );
}

/** Search by code or name; picking a hit opens it on the map. */
export function PlaceSearch({ onPick }: PlaceSearchProps) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const { hits, loading, error, query } = usePlaceSearch(text);
  const options: HitOption[] = hits.map((hit) => ({
    value: `${hit.level}:${hit.id}`,
    label: <HitLabel hit={hit} />,
    hit,
  }));
  let notFound: React.ReactNode = null;
  if (loading) notFound = <Spin size="small" />;
  else if (error) notFound = <span className="jz-error-text">{error.message}</span>;
  else if (query) notFound = t('territory.searchEmpty');

  return (
    <AutoComplete<string, HitOption>
      className="jz-search"
      value={text}
      options={options}
      onChange={(value, option) =>
        // Picking an option reports its value ("unit:600"); show the place's name instead.
        setText(option && !Array.isArray(option) && 'hit' in option ? option.hit.name : value)
      }
      onSelect={(_value, option) => {
        setText(option.hit.name);
        onPick(option.hit.placeId);
      }}
      notFoundContent={notFound}
      // Enter opens the first hit.
      defaultActiveFirstOption
      popupMatchSelectWidth={false}
      classNames={{ popup: { root: 'jz-search-popup' } }}
    >
      <Input
        data-testid="territory-search"
        allowClear
        prefix={<SearchOutlined />}
        placeholder={t('territory.searchPlaceholder')}
        aria-label={t('common.search')}
      />
    </AutoComplete>
  );
}
