import type { PartyStructure } from '#contracts';
import { authorize, type Principal } from '../../platform/access.ts';
import { notFound } from '../../platform/errors.ts';
import {
  findAnchorLinks,
  findAnchorsOfGrid,
  findBranchOfGrid,
  findGrid,
  findGroupsOfGrid,
} from './party.repository.ts';
import { presentPartyStructure } from './people.presenter.ts';
import type { Db } from './people.table.ts';

/** A grid's party structure: its branch, building groups and anchor households (党员联四邻). */
export async function getPartyStructure(
  db: Db,
  options: { principal: Principal; gridId: number },
): Promise<PartyStructure> {
  const { principal } = options;
  const jurisdictionId = principal.jurisdictionId;
  const grid = await findGrid(db, jurisdictionId, options.gridId);
  if (!grid) throw notFound('Grid');
  const placeChain = [grid.id, grid.community_id, grid.subdistrict_id].filter(
    (id): id is number => id !== null,
  );
  authorize(principal, 'party.read', { placeChain }, { notFoundAs: 'Grid' });
  const [branch, groups, anchors] = await Promise.all([
    findBranchOfGrid(db, jurisdictionId, grid.id),
    findGroupsOfGrid(db, jurisdictionId, grid.id),
    findAnchorsOfGrid(db, jurisdictionId, grid.id),
  ]);
  const links = await findAnchorLinks(
    db,
    jurisdictionId,
    anchors.map((a) => a.id),
  );
  return presentPartyStructure({
    grid: { id: grid.id, level: grid.level, code: grid.code, name: grid.name },
    branch,
    groups,
    anchors,
    links,
  });
}
