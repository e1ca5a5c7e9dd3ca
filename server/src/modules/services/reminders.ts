import type { AppointmentReminderList } from '#contracts/stewards.ts';
import type { Principal } from '../../platform/access.ts';
import { notFound } from '../../platform/errors.ts';
import { shanghaiDateOf } from '../../platform/working-calendar.ts';
import { notify } from '../notifications/index.ts';
import { findResidentRefs } from '../people/index.ts';
import { findUnremindedAppointments } from './appointment.repository.ts';
import type { Db } from './services.table.ts';

/**
 * Reminders the day before (随时约), in the app: a scheduled job (services.jobs.ts) finds tomorrow's
 * live bookings (Shanghai date) not yet reminded, claims each with a row in `appointment_reminder`
 * (unique per appointment and slot time, so two servers never remind twice), and hands it to
 * `deliverReminder`. The rows are the resident's in-app reminders (`GET /api/services/reminders`).
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

export async function dueReminders(db: Db, now: Date): Promise<DueReminder[]> {
  const tomorrow = shanghaiDateOf(new Date(now.getTime() + DAY_MS));
  const from = new Date(`${tomorrow}T00:00:00+08:00`);
  const rows = await findUnremindedAppointments(db, from, new Date(from.getTime() + DAY_MS));
  const byJurisdiction = new Map<number, number[]>();
  for (const row of rows) {
    byJurisdiction.set(row.jurisdiction_id, [
      ...(byJurisdiction.get(row.jurisdiction_id) ?? []),
      row.resident_id,
    ]);
  }
  const accounts = new Map<string, number | null>();
  for (const [jurisdictionId, ids] of byJurisdiction) {
    for (const [id, ref] of await findResidentRefs(db, jurisdictionId, ids)) {
      accounts.set(`${jurisdictionId}:${id}`, ref.accountId);
    }
  }
  return rows.map((row) => ({
    jurisdictionId: row.jurisdiction_id,
    appointmentId: row.id,
    residentId: row.resident_id,
    residentAccountId: accounts.get(`${row.jurisdiction_id}:${row.resident_id}`) ?? null,
    siteId: row.site_id,
    siteName: row.site_name,
    itemName: row.item_name,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
  }));
}

const shanghaiTime = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  month: 'numeric',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

export function reminderMessage(reminder: DueReminder): string {
  return `预约提醒：您预约了明天 ${shanghaiTime.format(reminder.startsAt)} 在${reminder.siteName}办理「${reminder.itemName}」，请按时前往。`;
}

/**
 * Tells the resident in the app (the bell, pushed live), in the transaction that claims the
 * reminder: a reminder is announced exactly when its row is written. A resident without an account
 * has the reminder row only (staff see it on the schedule).
 */
export async function deliverReminder(trx: Db, reminder: DueReminder & { message: string }): Promise<void> {
  if (reminder.residentAccountId === null) return;
  await notify(
    trx,
    { jurisdictionId: reminder.jurisdictionId, accountIds: [reminder.residentAccountId] },
    {
      topic: 'appointment_reminder',
      title: `预约提醒：明天 ${shanghaiTime.format(reminder.startsAt)} ${reminder.itemName}`,
      body: reminder.message,
      link: '/my/services',
      subjectType: 'appointment',
      subjectId: reminder.appointmentId,
    },
  );
}

/**
 * Claims and delivers the due reminders. Each is claimed by inserting its reminder row (the unique
 * key decides between concurrent runs), delivered, and marked on the appointment, in one transaction
 * per reminder so that a failed delivery is retried by the next run.
 */
export async function sendDueReminders(
  db: Db,
  now: Date,
  deliver: (trx: Db, reminder: DueReminder & { message: string }) => Promise<void> = deliverReminder,
): Promise<number> {
  const due = await dueReminders(db, now);
  let sent = 0;
  for (const reminder of due) {
    const message = reminderMessage(reminder);
    const claimed = await db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('appointment_reminder')
        .values({
          jurisdiction_id: reminder.jurisdictionId,
          appointment_id: reminder.appointmentId,
          resident_id: reminder.residentId,
          resident_account_id: reminder.residentAccountId,
          message,
          starts_at: reminder.startsAt,
          created_at: now,
          delivered_at: now,
        })
        .onConflict((c) => c.columns(['jurisdiction_id', 'appointment_id', 'starts_at']).doNothing())
        .returning('id')
        .executeTakeFirst();
      if (!row) return false;
      await deliver(trx, { ...reminder, message });
      await trx
        .updateTable('appointment')
        .set({ reminded_at: now })
        .where('jurisdiction_id', '=', reminder.jurisdictionId)
        .where('id', '=', reminder.appointmentId)
        .execute();
      return true;
    });
    if (claimed) sent += 1;
  }
  return sent;
}

/** The signed-in account's reminders, newest first (the last 50). */
export async function findOwnReminders(db: Db, principal: Principal): Promise<AppointmentReminderList> {
  const rows = await db
    .selectFrom('appointment_reminder')
    .select(['id', 'appointment_id', 'message', 'starts_at', 'created_at', 'read_at'])
    .where('jurisdiction_id', '=', principal.jurisdictionId)
    .where('resident_account_id', '=', principal.accountId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(50)
    .execute();
  return {
    reminders: rows.map((r) => ({
      id: r.id,
      appointmentId: r.appointment_id,
      message: r.message,
      startsAt: r.starts_at.toISOString(),
      createdAt: r.created_at.toISOString(),
      readAt: r.read_at?.toISOString() ?? null,
    })),
  };
}

export async function markReminderRead(db: Db, principal: Principal, id: number, now: Date): Promise<void> {
  const result = await db
    .updateTable('appointment_reminder')
    .set({ read_at: now })
    .where('jurisdiction_id', '=', principal.jurisdictionId)
    .where('id', '=', id)
    .where('resident_account_id', '=', principal.accountId)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) throw notFound('Reminder');
}
