import type {
  HouseholdDetail,
  Resident,
  ResidentCreate,
  ResidentPage,
  ResidentQuery,
  UnmaskResult,
} from '#contracts';
import { authorize, hasPermission, type Principal, scopeCovers } from '../../platform/access.ts';
import { type Actor, recordAudit } from '../../platform/audit.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { findIdNumberProblem, readIdNumber } from '../../platform/personal-data.ts';
import {
  findHousehold,
  findHouseholds,
  type HouseholdRow,
  locationOfHousehold,
} from './household.repository.ts';
import { presentHousehold, presentResident, staffView } from './people.presenter.ts';
import type { Db } from './people.table.ts';
import type { Viewing } from './people-scope.ts';
import {
  findResident,
  findResidentPage,
  findResidentsOfHousehold,
  insertResident,
  type ResidentRow,
} from './resident.repository.ts';

/** Residents and households (居民与户): lookup, registration and unmasking, within the viewer's scope. */

/** A page of residents: filters apply inside the scope, so totals count only what the viewer may see. */
export async function findResidents(
  db: Db,
  options: Viewing & { query: ResidentQuery },
): Promise<ResidentPage> {
  const { query, cipher, principal } = options;
  const page = await findResidentPage(db, {
    viewer: principal,
    filter: {
      placeId: query.placeId,
      householdId: query.householdId,
      name: query.q,
      phoneHash: query.phone ? cipher.hash('phone', query.phone) : undefined,
      idNumberHash: query.idNumber ? cipher.hash('id_number', query.idNumber) : undefined,
      tag: query.tag,
    },
    limit: query.limit,
    offset: query.offset,
  });
  const households = new Map(
    (
      await findHouseholds(db, principal.jurisdictionId, [...new Set(page.rows.map((r) => r.household_id))])
    ).map((h) => [h.id, h]),
  );
  const view = staffView(principal.role, cipher);
  return {
    total: page.total,
    residents: page.rows.flatMap((row) => {
      const household = households.get(row.household_id);
      return household ? [presentResident(row, household, view)] : [];
    }),
  };
}

/** One resident; one outside the viewer's scope answers 404, as if it did not exist. */
export async function getResident(db: Db, options: Viewing & { residentId: number }): Promise<Resident> {
  const { principal } = options;
  const { resident, household } = await requireResident(db, principal, options.residentId);
  authorize(principal, 'residents.read', locationOf(resident, household), { notFoundAs: 'Resident' });
  return presentResident(resident, household, staffView(principal.role, options.cipher));
}

/** A household with its residents; outside the viewer's scope, 404. */
export async function getHousehold(
  db: Db,
  options: Viewing & { householdId: number },
): Promise<HouseholdDetail> {
  const { principal } = options;
  const household = await findHousehold(db, principal.jurisdictionId, options.householdId);
  if (!household) throw notFound('Household');
  authorize(principal, 'residents.read', locationOfHousehold(household), { notFoundAs: 'Household' });
  const residents = await findResidentsOfHousehold(db, principal.jurisdictionId, household.id);
  return presentHousehold(household, residents, staffView(principal.role, options.cipher));
}

/** Registers a resident in a household of the viewer's scope; phone and ID number stored encrypted. */
export async function createResident(
  trx: Db,
  options: Viewing & { request: ResidentCreate; actor: Actor; now: Date },
): Promise<Resident> {
  const { principal, request, cipher } = options;
  const household = await findHousehold(trx, principal.jurisdictionId, request.householdId);
  if (!household) throw notFound('Household');
  authorize(principal, 'residents.write', locationOfHousehold(household), { notFoundAs: 'Household' });
  const identity = request.idNumber ? checkIdNumber(request.idNumber, options.now) : null;
  const resident = await insertResident(trx, {
    jurisdictionId: principal.jurisdictionId,
    householdId: household.id,
    name: request.name,
    gender: request.gender ?? identity?.gender ?? null,
    birthYear: identity?.birthYear ?? null,
    phoneEnc: request.phone ? cipher.encrypt('phone', request.phone) : null,
    phoneHash: request.phone ? cipher.hash('phone', request.phone) : null,
    idNumberEnc: request.idNumber ? cipher.encrypt('id_number', request.idNumber) : null,
    idNumberHash: request.idNumber ? cipher.hash('id_number', request.idNumber) : null,
    tags: request.tags,
    partyMember: request.partyMember,
    now: options.now,
  });
  await recordAudit(trx, options.actor, {
    jurisdictionId: principal.jurisdictionId,
    action: 'people.create_resident',
    subjectType: 'resident',
    subjectId: resident.id,
    // Never the phone or ID number: the audit log is not encrypted.
    details: {
      householdId: household.id,
      tags: request.tags,
      withPhone: Boolean(request.phone),
      withIdNumber: Boolean(request.idNumber),
    },
  });
  return presentResident(resident, household, staffView(principal.role, cipher));
}

/**
 * Reveals one resident's phone and ID number, for a stated reason, and audits it. A refusal (no
 * such resident, or outside the viewer's scope) is audited too and answers null, so that the
 * caller can commit the audit entry before answering 404.
 */
export async function unmaskResident(
  trx: Db,
  options: Viewing & { residentId: number; reason: string; actor: Actor },
): Promise<UnmaskResult | null> {
  const { principal, cipher } = options;
  const resident = await findResident(trx, principal.jurisdictionId, options.residentId);
  const household = resident && (await findHousehold(trx, principal.jurisdictionId, resident.household_id));
  const allowed =
    resident !== undefined &&
    household !== undefined &&
    hasPermission(principal.role, 'residents.unmask') &&
    scopeCovers(principal, locationOf(resident, household));
  await recordAudit(trx, options.actor, {
    jurisdictionId: principal.jurisdictionId,
    action: 'people.unmask_resident',
    subjectType: 'resident',
    subjectId: options.residentId,
    result: allowed ? 'ok' : 'denied',
    details: { reason: options.reason, fields: ['phone', 'idNumber'] },
  });
  if (!allowed || !resident) return null;
  return {
    phone: resident.phone_enc ? cipher.decrypt('phone', resident.phone_enc) : null,
    idNumber: resident.id_number_enc ? cipher.decrypt('id_number', resident.id_number_enc) : null,
  };
}

async function requireResident(db: Db, principal: Principal, residentId: number) {
  const resident = await findResident(db, principal.jurisdictionId, residentId);
  const household = resident && (await findHousehold(db, principal.jurisdictionId, resident.household_id));
  if (!resident || !household) throw notFound('Resident');
  return { resident, household };
}

function locationOf(resident: ResidentRow, household: HouseholdRow) {
  return { ...locationOfHousehold(household), ownerAccountId: resident.account_id };
}

const ID_PROBLEMS = {
  length: 'it must have 18 characters',
  format: 'it must be 17 digits and a digit or X',
  region: 'its region code is not possible',
  birth_date: 'its birth date does not exist or lies in the future',
  check_digit: 'its check digit does not match (GB 11643)',
} as const;

function checkIdNumber(idNumber: string, now: Date) {
  const problem = findIdNumberProblem(idNumber, now);
  if (problem) {
    // The message names the problem, never the number: error messages are logged.
    throw new AppError('people.invalid_id_number', `The ID number is not valid: ${ID_PROBLEMS[problem]}`, {
      problem,
    });
  }
  return readIdNumber(idNumber);
}
