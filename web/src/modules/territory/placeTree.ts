import type { CommunityKind, PlaceLevel, TreeResponse } from '#contracts';

export const ROOT_KEY = 'root';

/** One node of the antd Tree: the city, a subdistrict, community, grid or unit. */
export interface PlaceTreeNode {
  key: string;
  title: string;
  code: string;
  level: PlaceLevel | 'jurisdiction';
  kind: CommunityKind | null;
  isLeaf?: boolean;
  children?: PlaceTreeNode[];
}

export interface PlaceTreeIndex {
  root: PlaceTreeNode;
  /** Parent id of every place (null under the city). */
  parentOf: Map<number, number | null>;
}

/** Builds the nested tree from the server's flat list (parents come before children). */
export function buildPlaceTree(tree: TreeResponse): PlaceTreeIndex {
  const root: PlaceTreeNode = {
    key: ROOT_KEY,
    title: tree.jurisdiction.name,
    code: tree.jurisdiction.code,
    level: 'jurisdiction',
    kind: null,
    children: [],
  };
  const byId = new Map<number, PlaceTreeNode>();
  const parentOf = new Map<number, number | null>();
  for (const node of tree.nodes) {
    const treeNode: PlaceTreeNode = {
      key: String(node.id),
      title: node.name,
      code: node.code,
      level: node.level,
      kind: node.kind,
    };
    if (node.level === 'unit') treeNode.isLeaf = true;
    else treeNode.children = [];
    byId.set(node.id, treeNode);
    parentOf.set(node.id, node.parentId);
    const parent = (node.parentId === null ? undefined : byId.get(node.parentId)) ?? root;
    parent.children?.push(treeNode);
  }
  return { root, parentOf };
}

/** Keys of the place's ancestors, city first (the place itself excluded). */
export function ancestorKeys(index: PlaceTreeIndex, placeId: number): string[] {
  const keys: string[] = [];
  let parent = index.parentOf.get(placeId) ?? null;
  for (let guard = 0; parent !== null && guard < 16; guard += 1) {
    keys.unshift(String(parent));
    parent = index.parentOf.get(parent) ?? null;
  }
  return [ROOT_KEY, ...keys];
}
