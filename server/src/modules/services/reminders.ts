import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { shanghaiDateOf } from '../../platform/working-calendar.ts';
import { findUnremindedAppointments } from './appointment.repository.ts';
import { withServicesTables } from './services.table.ts';

/**
 * Reminders the day before (随时约): the live bookings of tomorrow (Shanghai date) not yet reminded.
 *
 * HOOK: the in-app notification feed is not built yet. A scheduled job (once an hour, say) should
 * call `sendDueReminders(db, clock.now(), notify)` with `notify` writing to that feed (and later SMS);
 * until then nothing calls it, and `dueReminders` lets pages and tests see what would go out.
 */

export interface DueReminder {
  jurisdictionId: number;
  appointmentId: number;
  residentId: number;
  /** The resident's account, to address an in-app notice; null when the resident has no account. */
  residentAccountId: number | null;
  siteId: number;
  siteName: string;
  itemName: string;
  startsAt: Date;
  endsAt: Date;
}

const DAY_MS = 86_400_000;

export async function dueReminders(db: Kysely<Database>, now: Date): Promise<DueReminder[]> {
  const tomorrow = shanghaiDateOf(new Date(now.getTime() + DAY_MS));
  const from = new Date(`${tomorrow}T00:00:00+08:00`);
  const rows = await findUnremindedAppointments(
    withServicesTables(db),
    from,
    new Date(from.getTime() + DAY_MS),
  );
  return rows.map((row) => ({
    jurisdictionId: row.jurisdiction_id,
    appointmentId: row.id,
    residentId: row.resident_id,
    residentAccountId: row.resident_account_id,
    siteId: row.site_id,
    siteName: row.site_name,
    itemName: row.item_name,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
  }));
}

/** Sends each due reminder through `notify` and marks it sent, so that none goes out twice. */
export async function sendDueReminders(
  db: Kysely<Database>,
  now: Date,
  notify: (reminder: DueReminder) => Promise<void>,
): Promise<number> {
  const due = await dueReminders(db, now);
  const services = withServicesTables(db);
  for (const reminder of due) {
    await notify(reminder);
    await services
      .updateTable('appointment')
      .set({ reminded_at: now })
      .where('jurisdiction_id', '=', reminder.jurisdictionId)
      .where('id', '=', reminder.appointmentId)
      .execute();
  }
  return due.length;
}
