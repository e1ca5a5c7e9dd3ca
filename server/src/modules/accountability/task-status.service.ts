import type { Task } from '#contracts/accountability.ts';
import type { TaskStatusChange } from '#contracts/accountability-dispatch.ts';
import type { Principal } from '../../platform/access.ts';
import { type Actor, recordAudit } from '../../platform/audit.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { findTaskRow } from './accountability.repository.ts';
import type { Db } from './accountability.table.ts';
import { updateTaskStatus } from './dispatch.repository.ts';
import { getTask } from './task.service.ts';
import { shanghaiDate } from './task-flags.ts';

/**
 * A task's status through the API (administrators): complete or suspend an in-progress task on a
 * day (no reports are owed from that day), resume a suspended one. Audited with the reason.
 */
export async function changeTaskStatus(
  trx: Db,
  options: { principal: Principal; id: number; request: TaskStatusChange; actor: Actor; now: Date },
): Promise<Task> {
  const { principal, request } = options;
  const jurisdictionId = principal.jurisdictionId;
  const task = await findTaskRow(trx, { jurisdictionId, id: options.id, forUpdate: true });
  if (!task) throw notFound('Task');
  const allowed = request.action === 'resume' ? task.status === 'suspended' : task.status === 'in_progress';
  if (!allowed)
    throw new AppError(
      'accountability.invalid_status_change',
      `A ${task.status} task cannot ${request.action}`,
      {
        status: task.status,
      },
    );
  const on = request.on ?? shanghaiDate(options.now);
  if (request.action !== 'resume' && on < task.starts_on)
    throw new AppError('accountability.invalid_status_change', 'The day is before the task starts', {
      startsOn: task.starts_on,
    });
  const status =
    request.action === 'complete' ? 'completed' : request.action === 'suspend' ? 'suspended' : 'in_progress';
  await updateTaskStatus(trx, {
    jurisdictionId,
    id: task.id,
    status,
    endedOn: status === 'in_progress' ? null : on,
    now: options.now,
  });
  await recordAudit(trx, options.actor, {
    jurisdictionId,
    action: `accountability.task_${request.action === 'complete' ? 'completed' : request.action === 'suspend' ? 'suspended' : 'resumed'}`,
    subjectType: 'accountability_task',
    subjectId: task.id,
    details: {
      from: task.status,
      to: status,
      on: status === 'in_progress' ? null : on,
      reason: request.reason,
    },
  });
  return getTask(trx, { principal, id: task.id, now: options.now });
}
