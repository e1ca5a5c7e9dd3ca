import { type GetRef, Tree } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { TreeResponse } from '#contracts';
import { useI18n } from '../../../app/i18n.ts';
import { kindColors } from '../kinds.ts';
import { ancestorKeys, buildPlaceTree, type PlaceTreeNode, ROOT_KEY } from '../placeTree.ts';

type TreeRef = GetRef<typeof Tree>;

interface PlaceTreeProps {
  tree: TreeResponse;
  selectedId: number | null;
  onSelect: (placeId: number | null) => void;
  /** Pixel height: the list is virtual and renders only the rows in view. */
  height: number;
}

function NodeTitle({ node }: { node: PlaceTreeNode }) {
  return (
    <span className="jz-tree-title">
      {node.kind ? <span className="jz-tree-dot" style={{ background: kindColors[node.kind] }} /> : null}
      <span>{node.title}</span>
      {node.level === 'grid' || node.level === 'unit' ? (
        <span className="jz-tree-code">{node.code.slice(-3)}</span>
      ) : null}
    </span>
  );
}

/** City → subdistrict → community → grid → unit; follows the selection made elsewhere. */
export function PlaceTree({ tree, selectedId, onSelect, height }: PlaceTreeProps) {
  const { t } = useI18n();
  const index = useMemo(() => buildPlaceTree(tree), [tree]);
  const treeRef = useRef<TreeRef>(null);
  const [expandedKeys, setExpandedKeys] = useState<React.Key[]>([ROOT_KEY]);

  // Open the way down to the selected place and scroll it into view.
  useEffect(() => {
    if (selectedId === null || !index.parentOf.has(selectedId)) return;
    // The place's ancestors, and the place itself so that its children show.
    const keys = [...ancestorKeys(index, selectedId), String(selectedId)];
    setExpandedKeys((current) => {
      const missing = keys.filter((key) => !current.includes(key));
      return missing.length ? [...current, ...missing] : current;
    });
    const frame = window.requestAnimationFrame(() => {
      treeRef.current?.scrollTo({ key: String(selectedId), align: 'top', offset: 48 });
    });
    return () => window.cancelAnimationFrame(frame);
  }, [index, selectedId]);

  return (
    <section data-testid="place-tree" className="jz-tree" aria-label={t('territory.tree')}>
      <Tree<PlaceTreeNode>
        ref={treeRef}
        treeData={[index.root]}
        height={height}
        virtual
        blockNode
        showLine={false}
        expandedKeys={expandedKeys}
        onExpand={(keys) => setExpandedKeys(keys)}
        selectedKeys={selectedId === null ? [] : [String(selectedId)]}
        onSelect={(_keys, info) => {
          const key = String(info.node.key);
          onSelect(key === ROOT_KEY ? null : Number(key));
        }}
        titleRender={(node) => <NodeTitle node={node} />}
      />
    </section>
  );
}
