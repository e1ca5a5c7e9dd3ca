import { caseViewOf } from '#contracts';
import type { Principal } from '../../platform/access.ts';
import type { CaseActor } from './case.lifecycle.ts';
import { type CaseWhereabouts, coversCase } from './case-scope.ts';

/**
 * The facts about the signed-in account that `transition` needs, from the principal and where the
 * case is. Department staff are in scope while their department has a current task on the case;
 * residents and riders for the cases they reported; staff posted to places for cases in them.
 */
export function actorFacts(
  principal: Principal,
  where: CaseWhereabouts & { currentDepartmentIds: readonly number[] },
  ownDepartment: { id: number; code: string } | null,
): CaseActor {
  const isReporter = where.reporterAccountId !== null && where.reporterAccountId === principal.accountId;
  const view = caseViewOf(principal.role);
  const inScope =
    view === 'department'
      ? ownDepartment !== null && where.currentDepartmentIds.includes(ownDepartment.id)
      : view === 'own_reports'
        ? isReporter
        : coversCase(principal, where);
  return {
    role: principal.role,
    inScope,
    isReporter,
    // Department moves name the actor's own department (filled by the service, never from the body).
    departmentMatches: principal.role === 'department_staff' && ownDepartment !== null,
  };
}
