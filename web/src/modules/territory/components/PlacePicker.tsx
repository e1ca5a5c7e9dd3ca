import { TreeSelect } from 'antd';
import { useMemo } from 'react';
import type { PlaceLevel, Scope, TreeResponse } from '#contracts';
import { useI18n } from '../../../app/i18n.ts';
import { usePlaceTree } from '../hooks/useTerritoryData.ts';

const DEPTH: Record<PlaceLevel, number> = { subdistrict: 1, community: 2, grid: 3, unit: 4 };

interface PickerNode {
  value: number;
  title: string;
  /** Searchable text: name and code. */
  search: string;
  level: PlaceLevel;
  selectable: boolean;
  children?: PickerNode[];
}

/**
 * The account's part of the territory as a searchable tree: a grid worker sees their grid, a
 * community secretary their community, the city everything (the server filters by scope anyway;
 * this only keeps other places out of the way).
 */
export function scopedPickerTree(
  tree: TreeResponse,
  scope: Scope,
  deepest: PlaceLevel,
  selectable: readonly PlaceLevel[] | null,
): PickerNode[] {
  const byId = new Map<number, PickerNode>();
  const roots: PickerNode[] = [];
  for (const node of tree.nodes) {
    if (DEPTH[node.level] > DEPTH[deepest]) continue;
    const picker: PickerNode = {
      value: node.id,
      title: node.name,
      search: `${node.name} ${node.code}`.toLowerCase(),
      level: node.level,
      selectable: selectable === null || selectable.includes(node.level),
    };
    if (node.level !== deepest) picker.children = [];
    byId.set(node.id, picker);
    const parent = node.parentId === null ? undefined : byId.get(node.parentId);
    if (parent) parent.children?.push(picker);
    else roots.push(picker);
  }
  const placeScoped = scope.level === 'subdistrict' || scope.level === 'community' || scope.level === 'grid';
  const own = placeScoped && scope.id !== null ? byId.get(scope.id) : undefined;
  return own ? [own] : roots;
}

interface PlacePickerProps {
  /** Optional, so that a Form.Item can inject them. */
  value?: number | null;
  onChange?: (placeId: number | null) => void;
  scope: Scope;
  /** Deepest level listed (default: grid). */
  deepest?: PlaceLevel;
  /** Levels that may be picked (default: all listed). */
  selectable?: readonly PlaceLevel[];
  placeholder?: string;
  allowClear?: boolean;
  testId?: string;
  className?: string;
}

/** A searchable tree of subdistricts, communities and grids (needs territory.read); usable as a form control. */
export function PlacePicker({
  value,
  onChange,
  scope,
  deepest = 'grid',
  selectable,
  placeholder,
  allowClear = true,
  testId,
  className,
}: PlacePickerProps) {
  const { t } = useI18n();
  const tree = usePlaceTree();
  const treeData = useMemo(
    () => (tree.data ? scopedPickerTree(tree.data, scope, deepest, selectable ?? null) : []),
    [tree.data, scope, deepest, selectable],
  );
  const expanded = treeData.length === 1 && treeData[0] ? [treeData[0].value] : undefined;
  return (
    <div data-testid={testId} className={className}>
      <TreeSelect<number | undefined>
        className="jz-place-picker"
        value={value ?? undefined}
        onChange={(next) => onChange?.(typeof next === 'number' ? next : null)}
        treeData={treeData}
        treeDefaultExpandedKeys={expanded}
        showSearch={{
          filterTreeNode: (input, node) =>
            typeof node.search === 'string' && node.search.includes(input.trim().toLowerCase()),
        }}
        placeholder={placeholder ?? t('people.placePlaceholder')}
        allowClear={allowClear}
        loading={tree.loading}
        status={tree.error ? 'error' : undefined}
        notFoundContent={tree.error ? tree.error.message : undefined}
        popupMatchSelectWidth={false}
        classNames={{ popup: { root: 'jz-place-picker-popup' } }}
        style={{ width: '100%' }}
      />
    </div>
  );
}
