import { type Expression, type SqlBool, sql, type Updateable } from 'kysely';
import type {
  StewardRequest,
  StewardRequestCreate,
  StewardRequestPage,
  StewardRequestStatus,
  StewardStats,
  StewardVisit,
  StewardVisitCreate,
  StewardVisitPage,
} from '#contracts/stewards.ts';
import { authorize, type Principal } from '../../platform/access.ts';
import { type Actor, jsonb, recordAudit } from '../../platform/audit.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import {
  countStewardsOfBuilding,
  findResidentRef,
  findResidentRefOfAccount,
  findResidentRefs,
  findStaffPostOfAccount,
} from '../people/index.ts';
import {
  type BuildingWhereabouts,
  findBuildingWhereabouts,
  findHouseholdWhereabouts,
  findPlaceNames,
} from '../territory/index.ts';
import { servicesPermission } from './services.policy.ts';
import type { Db } from './services.table.ts';
import type { StewardRequestTable, StewardVisitTable } from './stewards.table.ts';

/**
 * Stewards' help (善治红管家): a resident, or a worker for them, asks for one of the six basic
 * services; it goes to the stewards of the resident's building (to the grid's stewards when the
 * building has none); a steward takes it, does it and records what was done; the resident confirms.
 * Who sees what:
 * - a resident: their own requests;
 * - a steward: the requests of their building, and those routed to their building's grid;
 * - grid, community and subdistrict staff: those in their place (the request's place chain);
 * - the jurisdiction: all. Departments: none.
 */

type Moving = { principal: Principal; actor: Actor; now: Date };
type RequestRow = Omit<StewardRequestTable, 'id' | 'place_chain'> & { id: number };

function chainOf(where: BuildingWhereabouts): number[] {
  return [where.gridId, where.communityId, where.subdistrictId].filter((id): id is number => id !== null);
}

/** The steward an account is: their staff record, building and that building's grid. */
async function stewardOf(db: Db, principal: Principal) {
  const post = await findStaffPostOfAccount(db, principal.jurisdictionId, principal.accountId);
  if (post?.kind !== 'steward' || post.buildingId === null) {
    throw new AppError('access.forbidden', 'The account is not a steward posted to a building');
  }
  const where = await findBuildingWhereabouts(db, principal.jurisdictionId, post.buildingId);
  if (!where) throw notFound('Building');
  return { ...post, buildingId: post.buildingId, where };
}

function covers(principal: Principal, chain: readonly number[]): boolean {
  const { scope } = principal;
  if (scope.level === 'jurisdiction') return true;
  if (scope.level === 'subdistrict' || scope.level === 'community' || scope.level === 'grid') {
    return scope.id !== null && chain.includes(scope.id);
  }
  return false;
}

/** What the viewer may see, as SQL over `steward_request` aliased `r` (the twin of `canSee`). */
async function visibleTo(db: Db, principal: Principal): Promise<Expression<SqlBool>> {
  const { scope } = principal;
  switch (scope.level) {
    case 'jurisdiction':
      return sql<SqlBool>`true`;
    case 'subdistrict':
    case 'community':
    case 'grid':
      return scope.id === null ? sql<SqlBool>`false` : sql<SqlBool>`${scope.id}::bigint = any(r.place_chain)`;
    case 'self': {
      const own = await findResidentRefOfAccount(db, principal.jurisdictionId, principal.accountId);
      return own ? sql<SqlBool>`r.resident_id = ${own.id}` : sql<SqlBool>`false`;
    }
    case 'building': {
      if (principal.role !== 'steward') return sql<SqlBool>`false`;
      const steward = await stewardOf(db, principal);
      const grid = steward.where.gridId;
      return grid === null
        ? sql<SqlBool>`r.building_id = ${steward.buildingId}`
        : sql<SqlBool>`(r.building_id = ${steward.buildingId} or (r.routed_to = 'grid' and r.grid_id = ${grid}))`;
    }
    case 'department':
      return sql<SqlBool>`false`;
  }
}

const requestColumns = [
  'r.jurisdiction_id',
  'r.id',
  'r.kind',
  'r.resident_id',
  'r.building_id',
  'r.grid_id',
  'r.routed_to',
  'r.status',
  'r.description',
  'r.asked_by_account_id',
  'r.steward_id',
  'r.steward_name',
  'r.result',
  'r.asked_at',
  'r.taken_at',
  'r.done_at',
  'r.confirmed_at',
  'r.updated_at',
] as const;

async function findVisibleRequest(db: Db, principal: Principal, id: number, lock = false) {
  let query = db
    .selectFrom('steward_request as r')
    .select(requestColumns)
    .where('r.jurisdiction_id', '=', principal.jurisdictionId)
    .where('r.id', '=', id)
    .where(await visibleTo(db, principal));
  if (lock) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row) throw notFound('Steward request');
  return row;
}

async function present(db: Db, jurisdictionId: number, rows: RequestRow[]): Promise<StewardRequest[]> {
  const residents = await findResidentRefs(
    db,
    jurisdictionId,
    rows.map((r) => r.resident_id),
  );
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    status: r.status,
    description: r.description,
    resident: { id: r.resident_id, name: residents.get(r.resident_id)?.name ?? '居民' },
    buildingId: r.building_id,
    gridId: r.grid_id,
    routedTo: r.routed_to,
    steward: r.steward_id !== null ? { id: r.steward_id, name: r.steward_name ?? '' } : null,
    result: r.result,
    askedAt: r.asked_at.toISOString(),
    takenAt: iso(r.taken_at),
    doneAt: iso(r.done_at),
    confirmedAt: iso(r.confirmed_at),
  }));
}

async function presentOne(db: Db, principal: Principal, id: number): Promise<StewardRequest> {
  const row = await findVisibleRequest(db, principal, id);
  const [one] = await present(db, principal.jurisdictionId, [row]);
  if (!one) throw notFound('Steward request');
  return one;
}

export async function askSteward(
  trx: Db,
  options: Moving & { request: StewardRequestCreate },
): Promise<StewardRequest> {
  const { principal, now, request } = options;
  const { jurisdictionId } = principal;
  authorize(principal, servicesPermission('stewards.ask'), null);
  const resident =
    principal.role === 'resident'
      ? await findResidentRefOfAccount(trx, jurisdictionId, principal.accountId)
      : request.residentId !== undefined
        ? await findResidentRef(trx, jurisdictionId, request.residentId)
        : undefined;
  if (!resident) {
    if (principal.role === 'resident' || request.residentId === undefined) {
      throw new AppError('services.no_resident_record', 'Name the resident (residentId)');
    }
    throw notFound('Resident');
  }
  const where = await findHouseholdWhereabouts(trx, jurisdictionId, resident.householdId);
  if (!where) throw notFound('Household');
  const chain = chainOf(where);
  if (principal.role !== 'resident' && !covers(principal, chain)) throw notFound('Resident');
  const stewards = await countStewardsOfBuilding(trx, jurisdictionId, where.buildingId);
  const { id } = await trx
    .insertInto('steward_request')
    .values({
      jurisdiction_id: jurisdictionId,
      kind: request.kind,
      resident_id: resident.id,
      building_id: where.buildingId,
      grid_id: where.gridId,
      place_chain: chain,
      routed_to: stewards > 0 ? 'building' : 'grid',
      status: 'open',
      description: request.description,
      asked_by_account_id: principal.accountId,
      asked_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordAudit(trx, options.actor, {
    jurisdictionId,
    action: 'stewards.request_asked',
    subjectType: 'steward_request',
    subjectId: id,
    details: { kind: request.kind, routedTo: stewards > 0 ? 'building' : 'grid' },
  });
  return presentOne(trx, principal, id);
}

type StewardMove = 'take' | 'complete' | 'confirm' | 'cancel';
const FROM: Record<StewardMove, StewardRequestStatus> = {
  take: 'open',
  complete: 'taken',
  confirm: 'done',
  cancel: 'open',
};

async function moveStewardRequest(
  trx: Db,
  options: Moving & { requestId: number; move: StewardMove; result?: string },
): Promise<StewardRequest> {
  const { principal, now, move } = options;
  const { jurisdictionId } = principal;
  authorize(
    principal,
    servicesPermission(move === 'take' || move === 'complete' ? 'stewards.serve' : 'stewards.ask'),
    null,
  );
  const row = await findVisibleRequest(trx, principal, options.requestId, true);
  if (row.status !== FROM[move]) {
    throw new AppError('services.invalid_transition', `A ${row.status} request cannot be ${move}d`, {
      status: row.status,
    });
  }
  let set: Updateable<StewardRequestTable> = {};
  if (move === 'take') {
    const steward = await stewardOf(trx, principal);
    set = { status: 'taken', steward_id: steward.staffMemberId, steward_name: steward.name, taken_at: now };
  } else if (move === 'complete') {
    const steward = await stewardOf(trx, principal);
    if (row.steward_id !== steward.staffMemberId) {
      throw new AppError('access.forbidden', 'Only the steward who took the request records it done');
    }
    set = { status: 'done', result: options.result ?? '', done_at: now };
  } else {
    // Confirm and cancel: the resident themselves, or the worker who asked for them.
    const own = await findResidentRefOfAccount(trx, jurisdictionId, principal.accountId);
    const mayAct = own?.id === row.resident_id || row.asked_by_account_id === principal.accountId;
    if (!mayAct)
      throw new AppError('access.forbidden', 'Only the resident (or who asked for them) may do this');
    set = move === 'confirm' ? { status: 'confirmed', confirmed_at: now } : { status: 'cancelled' };
  }
  await trx
    .updateTable('steward_request')
    .set({ ...set, updated_at: now })
    .where('jurisdiction_id', '=', jurisdictionId)
    .where('id', '=', row.id)
    .execute();
  await recordAudit(trx, options.actor, {
    jurisdictionId,
    action: `stewards.request_${move}`,
    subjectType: 'steward_request',
    subjectId: row.id,
  });
  return presentOne(trx, principal, row.id);
}

export const takeStewardRequest = (trx: Db, options: Moving & { requestId: number }) =>
  moveStewardRequest(trx, { ...options, move: 'take' });
export const completeStewardRequest = (trx: Db, options: Moving & { requestId: number; result: string }) =>
  moveStewardRequest(trx, { ...options, move: 'complete' });
export const confirmStewardRequest = (trx: Db, options: Moving & { requestId: number }) =>
  moveStewardRequest(trx, { ...options, move: 'confirm' });
export const cancelStewardRequest = (trx: Db, options: Moving & { requestId: number }) =>
  moveStewardRequest(trx, { ...options, move: 'cancel' });

export async function getStewardRequest(db: Db, principal: Principal, requestId: number) {
  authorize(principal, servicesPermission('stewards.read'), null);
  return presentOne(db, principal, requestId);
}

export async function findStewardRequests(
  db: Db,
  principal: Principal,
  query: {
    status?: StewardRequestStatus | undefined;
    mine?: boolean | undefined;
    limit: number;
    offset: number;
  },
): Promise<StewardRequestPage> {
  authorize(principal, servicesPermission('stewards.read'), null);
  let base = db
    .selectFrom('steward_request as r')
    .where('r.jurisdiction_id', '=', principal.jurisdictionId)
    .where(await visibleTo(db, principal));
  if (query.status) base = base.where('r.status', '=', query.status);
  if (query.mine && principal.role === 'steward') {
    const steward = await stewardOf(db, principal);
    base = base.where('r.steward_id', '=', steward.staffMemberId);
  }
  const [rows, count] = await Promise.all([
    base
      .select(requestColumns)
      .orderBy('r.asked_at', 'desc')
      .orderBy('r.id', 'desc')
      .limit(query.limit)
      .offset(query.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { total: Number(count.n), requests: await present(db, principal.jurisdictionId, rows) };
}

/** Services done (done or confirmed) and open, per grid and per steward, in the viewer's scope. */
export async function stewardStats(db: Db, principal: Principal): Promise<StewardStats> {
  authorize(principal, servicesPermission('stewards.read'), null);
  const visible = await visibleTo(db, principal);
  const doneExpr = sql<string | number>`count(*) filter (where r.status in ('done', 'confirmed'))`;
  const openExpr = sql<string | number>`count(*) filter (where r.status in ('open', 'taken'))`;
  const [grids, stewards] = await Promise.all([
    db
      .selectFrom('steward_request as r')
      .select(['r.grid_id', doneExpr.as('done'), openExpr.as('open')])
      .where('r.jurisdiction_id', '=', principal.jurisdictionId)
      .where(visible)
      .groupBy('r.grid_id')
      .execute(),
    db
      .selectFrom('steward_request as r')
      .select(['r.steward_id', sql<string>`max(r.steward_name)`.as('name'), doneExpr.as('done')])
      .where('r.jurisdiction_id', '=', principal.jurisdictionId)
      .where('r.steward_id', 'is not', null)
      .where(visible)
      .groupBy('r.steward_id')
      .execute(),
  ]);
  const names = await findPlaceNames(
    db,
    principal.jurisdictionId,
    grids.flatMap((g) => (g.grid_id === null ? [] : [g.grid_id])),
  );
  const byGrid = grids
    .map((g) => ({
      gridId: g.grid_id,
      gridName: g.grid_id === null ? '（无网格）' : (names.get(g.grid_id) ?? String(g.grid_id)),
      done: Number(g.done),
      open: Number(g.open),
    }))
    .sort((a, b) => b.done - a.done || a.gridName.localeCompare(b.gridName));
  const bySteward = stewards
    .flatMap((s) =>
      s.steward_id === null ? [] : [{ stewardId: s.steward_id, name: s.name, done: Number(s.done) }],
    )
    .sort((a, b) => b.done - a.done || a.stewardId - b.stewardId);
  return {
    done: byGrid.reduce((sum, g) => sum + g.done, 0),
    open: byGrid.reduce((sum, g) => sum + g.open, 0),
    byGrid,
    bySteward,
  };
}

// ---- 网格访听12条: visits -----------------------------------------------------------------------

type VisitRow = Omit<StewardVisitTable, 'id' | 'place_chain' | 'checklist'> & {
  id: number;
  checklist: StewardVisit['checklist'];
};

function presentVisit(row: VisitRow): StewardVisit {
  return {
    id: row.id,
    steward: { id: row.steward_id, name: row.steward_name },
    buildingId: row.building_id,
    doorNumber: row.door_number,
    checklist: row.checklist,
    note: row.note,
    visitedAt: row.visited_at.toISOString(),
  };
}

export async function recordStewardVisit(
  trx: Db,
  options: Moving & { visit: StewardVisitCreate },
): Promise<StewardVisit> {
  const { principal, now, visit } = options;
  authorize(principal, servicesPermission('stewards.serve'), null);
  const steward = await stewardOf(trx, principal);
  const row = await trx
    .insertInto('steward_visit')
    .values({
      jurisdiction_id: principal.jurisdictionId,
      steward_id: steward.staffMemberId,
      steward_name: steward.name,
      building_id: steward.buildingId,
      grid_id: steward.where.gridId,
      place_chain: chainOf(steward.where),
      door_number: visit.doorNumber,
      checklist: jsonb(visit.checklist),
      note: visit.note || null,
      visited_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordAudit(trx, options.actor, {
    jurisdictionId: principal.jurisdictionId,
    action: 'stewards.visit_recorded',
    subjectType: 'steward_visit',
    subjectId: row.id,
  });
  return presentVisit(row);
}

export async function findStewardVisits(
  db: Db,
  principal: Principal,
  query: { limit: number; offset: number },
): Promise<StewardVisitPage> {
  authorize(principal, servicesPermission('stewards.read'), null);
  const { scope } = principal;
  let filter: Expression<SqlBool>;
  if (scope.level === 'jurisdiction') filter = sql<SqlBool>`true`;
  else if (scope.level === 'subdistrict' || scope.level === 'community' || scope.level === 'grid')
    filter = scope.id === null ? sql<SqlBool>`false` : sql<SqlBool>`${scope.id}::bigint = any(v.place_chain)`;
  else if (principal.role === 'steward') {
    const steward = await stewardOf(db, principal);
    filter = sql<SqlBool>`v.steward_id = ${steward.staffMemberId}`;
  } else filter = sql<SqlBool>`false`;
  const base = db
    .selectFrom('steward_visit as v')
    .where('v.jurisdiction_id', '=', principal.jurisdictionId)
    .where(filter);
  const [rows, count] = await Promise.all([
    base
      .select([
        'v.jurisdiction_id',
        'v.id',
        'v.steward_id',
        'v.steward_name',
        'v.building_id',
        'v.grid_id',
        'v.door_number',
        'v.checklist',
        'v.note',
        'v.visited_at',
      ])
      .orderBy('v.visited_at', 'desc')
      .orderBy('v.id', 'desc')
      .limit(query.limit)
      .offset(query.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { total: Number(count.n), visits: rows.map((r) => presentVisit(r as VisitRow)) };
}
