import { sql } from 'kysely';
import type {
  BallotRequest,
  MyMatters,
  Post,
  PostCreate,
  VoteChoice,
  VoteReceipt,
} from '#contracts/deliberation.ts';
import { type Principal, scopeCovers } from '../../platform/access.ts';
import { type Actor, recordAudit } from '../../platform/audit.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { findHouseholdOfAccount } from '../people/index.ts';
import { findHouseholdGrid } from '../territory/index.ts';
import { presentPost } from './deliberation.presenter.ts';
import {
  findGrid,
  findHouseholdVotes,
  findMatter,
  findMatterPage,
  findPost,
  insertPost,
  insertVote,
  placeChainOfGrid,
} from './deliberation.repository.ts';
import type { Db } from './deliberation.table.ts';
import {
  decideOrThrow,
  type LoadedMatter,
  loadMatter,
  presentLoaded,
  withTemplate,
} from './matter.service.ts';

/** Taking part on the online line (posts, comments), and the household vote, online or on paper. */

/** The resident's household and its grid; 404 when the account is linked to no resident. */
async function householdOf(db: Db, principal: Principal) {
  const household = await findHouseholdOfAccount(db, principal.jurisdictionId, principal.accountId);
  if (!household)
    throw new AppError(
      'deliberation.no_household',
      'This account is not linked to a resident of a household',
    );
  return household;
}

/** A matter of the resident's own grid (others answer 404, as if they did not exist). */
async function loadResidentMatter(
  db: Db,
  principal: Principal,
  matterId: number,
  lock?: 'share',
): Promise<{ loaded: LoadedMatter; householdId: number }> {
  const household = await householdOf(db, principal);
  const row = await findMatter(db, principal.jurisdictionId, matterId, lock ? { lock } : {});
  if (!row || row.grid_id !== household.gridId) throw notFound('Matter');
  return {
    loaded: await withTemplate(db, principal.jurisdictionId, row),
    householdId: household.householdId,
  };
}

function inScopeOf(principal: Principal, loaded: LoadedMatter): boolean {
  const { row } = loaded;
  return scopeCovers(principal, {
    placeChain: placeChainOfGrid({
      id: row.grid_id,
      community_id: row.community_id,
      subdistrict_id: row.subdistrict_id,
    }),
  });
}

async function checkParent(
  db: Db,
  loaded: LoadedMatter,
  parentId: number | null | undefined,
): Promise<number | null> {
  if (parentId == null) return null;
  const parent = await findPost(db, loaded.row.jurisdiction_id, loaded.row.id, parentId);
  if (!parent) throw notFound('Post');
  return parent.id;
}

/** A staff post at the current step (online line). */
export async function postOnMatter(
  trx: Db,
  options: { principal: Principal; matterId: number; request: PostCreate; now: Date },
): Promise<Post> {
  const { principal, request } = options;
  const loaded = await loadMatter(trx, principal, options.matterId, {
    permission: 'deliberation.read',
    lock: 'share',
  });
  decideOrThrow(
    loaded.state,
    { type: 'post' },
    { role: principal.role, inScope: inScopeOf(principal, loaded) },
  );
  const row = await insertPost(trx, {
    jurisdictionId: principal.jurisdictionId,
    matterId: loaded.row.id,
    stepIndex: loaded.state.stepIndex,
    parentId: await checkParent(trx, loaded, request.parentId),
    kind: 'post',
    authorAccountId: principal.accountId,
    authorRole: principal.role,
    authorLabel: principal.displayName,
    body: request.body,
    now: options.now,
  });
  return presentPost(row);
}

/** A resident's comment at the current step of a matter of their grid. */
export async function commentOnMatter(
  trx: Db,
  options: { principal: Principal; matterId: number; request: PostCreate; now: Date },
): Promise<Post> {
  const { principal, request } = options;
  const { loaded } = await loadResidentMatter(trx, principal, options.matterId, 'share');
  decideOrThrow(loaded.state, { type: 'comment' }, { role: principal.role, inScope: true });
  const row = await insertPost(trx, {
    jurisdictionId: principal.jurisdictionId,
    matterId: loaded.row.id,
    stepIndex: loaded.state.stepIndex,
    parentId: await checkParent(trx, loaded, request.parentId),
    kind: 'comment',
    authorAccountId: principal.accountId,
    authorRole: principal.role,
    authorLabel: '居民',
    body: request.body,
    now: options.now,
  });
  return presentPost(row);
}

async function castVote(
  trx: Db,
  options: {
    principal: Principal;
    loaded: LoadedMatter;
    householdId: number;
    choice: VoteChoice;
    channel: 'online' | 'paper';
    actor: Actor;
    now: Date;
  },
): Promise<VoteReceipt> {
  const { principal, loaded, householdId, channel } = options;
  const inserted = await insertVote(trx, {
    jurisdictionId: principal.jurisdictionId,
    matterId: loaded.row.id,
    householdId,
    choice: options.choice,
    channel,
    castByAccountId: principal.accountId,
    now: options.now,
  });
  if (!inserted)
    throw new AppError('deliberation.already_voted', 'This household has already voted on this matter', {
      householdId,
    });
  // Who cast a household's vote is audited; how it voted is not repeated in the log.
  await recordAudit(trx, options.actor, {
    jurisdictionId: principal.jurisdictionId,
    action: channel === 'online' ? 'deliberation.vote_cast' : 'deliberation.ballot_recorded',
    subjectType: 'deliberation_matter',
    subjectId: loaded.row.id,
    details: { householdId, channel },
  });
  return {
    matterId: loaded.row.id,
    householdId,
    choice: options.choice,
    channel,
    castAt: inserted.cast_at.toISOString(),
  };
}

/** A resident votes for their household, once (the vote table's key refuses a second). */
export async function voteOnMatter(
  trx: Db,
  options: { principal: Principal; matterId: number; choice: VoteChoice; actor: Actor; now: Date },
): Promise<VoteReceipt> {
  const { principal } = options;
  const { loaded, householdId } = await loadResidentMatter(trx, principal, options.matterId, 'share');
  decideOrThrow(loaded.state, { type: 'vote', channel: 'online' }, { role: principal.role, inScope: true });
  return castVote(trx, { ...options, loaded, householdId, channel: 'online' });
}

/** Staff record a household's paper ballot from a meeting (offline line). */
export async function recordBallot(
  trx: Db,
  options: { principal: Principal; matterId: number; request: BallotRequest; actor: Actor; now: Date },
): Promise<VoteReceipt> {
  const { principal, request } = options;
  const loaded = await loadMatter(trx, principal, options.matterId, {
    permission: 'deliberation.read',
    lock: 'share',
  });
  decideOrThrow(
    loaded.state,
    { type: 'vote', channel: 'paper' },
    { role: principal.role, inScope: inScopeOf(principal, loaded) },
  );
  const gridId = await findHouseholdGrid(trx, principal.jurisdictionId, request.householdId);
  if (gridId === undefined) throw notFound('Household');
  if (gridId !== loaded.row.grid_id)
    throw new AppError('deliberation.household_not_in_grid', 'The household is not in the matter’s grid');
  return castVote(trx, {
    ...options,
    loaded,
    householdId: request.householdId,
    choice: request.choice,
    channel: 'paper',
  });
}

/** The matters of the resident's grid, newest first, with how their household voted. */
export async function findMyMatters(db: Db, options: { principal: Principal }): Promise<MyMatters> {
  const { principal } = options;
  const household = await householdOf(db, principal);
  const grid = await findGrid(db, principal.jurisdictionId, household.gridId);
  if (!grid) throw notFound('Grid');
  const page = await findMatterPage(db, {
    jurisdictionId: principal.jurisdictionId,
    inScope: sql<boolean>`true`,
    gridId: grid.id,
    limit: 100,
    offset: 0,
  });
  const votes = await findHouseholdVotes(
    db,
    principal.jurisdictionId,
    household.householdId,
    page.rows.map((r) => r.id),
  );
  const matters = [];
  for (const row of page.rows) {
    const matter = await presentLoaded(db, await withTemplate(db, principal.jurisdictionId, row));
    matters.push({ ...matter, myVote: votes.get(row.id) ?? null });
  }
  return { grid: { id: grid.id, name: grid.name }, matters };
}
