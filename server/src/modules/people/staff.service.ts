import type { MovePostingRequest, StaffMember, StaffPage, StaffQuery } from '#contracts';
import { authorize } from '../../platform/access.ts';
import { type Actor, recordAudit } from '../../platform/audit.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { updateAccountScope } from '../access/index.ts';
import { presentStaffMember, staffView } from './people.presenter.ts';
import type { Db } from './people.table.ts';
import type { Viewing } from './people-scope.ts';
import { canBePostedAt, chinaDate, defaultPostingTitle, postingLevelsOf, scopeOfPost } from './postings.ts';
import {
  closePosting,
  findOpenPosting,
  findPostingPlace,
  findPostings,
  findStaffMember,
  findStaffPage,
  insertPosting,
  lockStaffMember,
} from './staff.repository.ts';

/** The staff directory (队伍) and postings (定岗). */

/** Staff whose current post lies in the viewer's scope, each with their postings (newest first). */
export async function findStaff(db: Db, options: Viewing & { query: StaffQuery }): Promise<StaffPage> {
  const { principal, query } = options;
  const page = await findStaffPage(db, {
    viewer: principal,
    filter: { placeId: query.placeId, kind: query.kind, name: query.q },
    limit: query.limit,
    offset: query.offset,
  });
  const postings = await findPostings(
    db,
    principal.jurisdictionId,
    page.rows.map((row) => row.id),
  );
  const view = staffView(principal.role, options.cipher);
  return {
    total: page.total,
    staff: page.rows.map((row) =>
      presentStaffMember(
        row,
        postings.filter((p) => p.staff_member_id === row.id),
        view,
      ),
    ),
  };
}

/**
 * Moves a staff member to another place: closes the current posting on `startsOn`, opens the new
 * one, and — when the person has an account — moves the account's scope with it, which the next
 * request of that account already sees. Audited with the reason.
 */
export async function moveStaffPosting(
  trx: Db,
  options: Viewing & { staffId: number; request: MovePostingRequest; actor: Actor; now: Date },
): Promise<StaffMember> {
  const { principal, request } = options;
  const jurisdictionId = principal.jurisdictionId;
  // One move of a person at a time: a second waits here, then sees the posting the first opened.
  await lockStaffMember(trx, jurisdictionId, options.staffId);
  const staff = await findStaffMember(trx, jurisdictionId, options.staffId);
  if (!staff) throw notFound('Staff member');
  const current = await findOpenPosting(trx, jurisdictionId, staff.id);
  authorize(
    principal,
    'people.write',
    current
      ? {
          placeChain: current.place_chain,
          buildingId: current.building_id,
          departmentId: current.department_id,
        }
      : {},
    { notFoundAs: 'Staff member' },
  );
  const place = await findPostingPlace(trx, jurisdictionId, request.placeId);
  if (!place) throw notFound('Place');
  const chain = [place.id, place.grid_id, place.community_id, place.subdistrict_id].filter(
    (id): id is number => id !== null,
  );
  authorize(principal, 'people.write', { placeChain: chain }, { notFoundAs: 'Place' });
  if (place.valid_to !== null || !canBePostedAt(staff.kind, place.level)) {
    throw new AppError(
      'people.invalid_posting_place',
      place.valid_to !== null
        ? 'The place was split or merged away; post to a current place'
        : `A ${staff.kind} is not posted to a ${place.level}`,
      { allowedLevels: postingLevelsOf(staff.kind) },
    );
  }
  if (request.startsOn > chinaDate(options.now) || (current && request.startsOn < current.starts_on)) {
    throw new AppError(
      'people.invalid_posting_date',
      'A new posting starts today or earlier, and not before the current one started',
      { currentStartsOn: current?.starts_on ?? null },
    );
  }
  if (current) await closePosting(trx, jurisdictionId, current.id, request.startsOn);
  await insertPosting(trx, {
    jurisdictionId,
    staffMemberId: staff.id,
    placeId: place.id,
    title: current?.title ?? defaultPostingTitle(staff.kind),
    startsOn: request.startsOn,
  });
  const accountScope = staff.account_id === null ? null : scopeOfPost(place.level, place.id);
  if (staff.account_id !== null && accountScope !== null) {
    const account = { jurisdiction_id: jurisdictionId, id: staff.account_id };
    await updateAccountScope(trx, account, accountScope, options.now);
  }
  await recordAudit(trx, options.actor, {
    jurisdictionId,
    action: 'people.move_posting',
    subjectType: 'staff_member',
    subjectId: staff.id,
    details: {
      fromPlaceId: current?.place_id ?? null,
      toPlaceId: place.id,
      startsOn: request.startsOn,
      reason: request.reason,
      accountScope,
    },
  });
  const postings = await findPostings(trx, jurisdictionId, [staff.id]);
  return presentStaffMember(staff, postings, staffView(principal.role, options.cipher));
}
