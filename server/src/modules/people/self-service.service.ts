import type { Resident, SelfExport } from '#contracts';
import { authorize, type Principal } from '../../platform/access.ts';
import { type Actor, recordAudit } from '../../platform/audit.ts';
import { AppError } from '../../platform/errors.ts';
import { findHousehold } from './household.repository.ts';
import { ownRecordView, presentResident } from './people.presenter.ts';
import type { Db } from './people.table.ts';
import type { Viewing } from './people-scope.ts';
import { findResidentByAccount, findUnmaskings } from './resident.repository.ts';

/** A resident's own records (居民自助): seen in full, and exported with who unmasked them (PIPL art. 45). */

async function requireOwnRecord(db: Db, principal: Principal) {
  const resident = await findResidentByAccount(db, principal.jurisdictionId, principal.accountId);
  const household = resident && (await findHousehold(db, principal.jurisdictionId, resident.household_id));
  if (!resident || !household) {
    throw new AppError('people.no_resident_record', 'This account is not linked to a resident record');
  }
  authorize(principal, 'self.read', { ownerAccountId: resident.account_id });
  return { resident, household };
}

export async function getOwnRecord(db: Db, options: Viewing): Promise<Resident> {
  const { resident, household } = await requireOwnRecord(db, options.principal);
  return presentResident(resident, household, ownRecordView(options.cipher));
}

/** Everything held about the signed-in resident, as one JSON document; the export itself is audited. */
export async function exportOwnData(
  trx: Db,
  options: Viewing & { actor: Actor; now: Date },
): Promise<SelfExport> {
  const { principal } = options;
  const { resident, household } = await requireOwnRecord(trx, principal);
  const unmaskings = await findUnmaskings(trx, principal.jurisdictionId, resident.id);
  await recordAudit(trx, options.actor, {
    jurisdictionId: principal.jurisdictionId,
    action: 'people.export_own_data',
    subjectType: 'resident',
    subjectId: resident.id,
  });
  return {
    exportedAt: options.now.toISOString(),
    resident: presentResident(resident, household, ownRecordView(options.cipher)),
    unmaskings: unmaskings.map((u) => ({
      at: u.at.toISOString(),
      actor: u.actor,
      role: u.role,
      reason: u.reason,
    })),
  };
}
