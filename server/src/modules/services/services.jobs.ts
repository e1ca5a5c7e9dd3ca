import type { Job } from '../../platform/jobs.ts';
import { sendDueReminders } from './reminders.ts';
import type { ServicesModule } from './services.module.ts';

/** The services module's scheduled jobs, for the runner main.ts starts (`JOBS=on`). */
export function servicesJobs(services: ServicesModule, options: { reminderIntervalMs?: number } = {}): Job[] {
  return [
    {
      // 随时约: tomorrow's bookings get their in-app reminder (safe on two servers: see reminders.ts).
      name: 'services.appointment_reminders',
      intervalMs: options.reminderIntervalMs ?? 10 * 60_000,
      run: async () => ({ sent: await sendDueReminders(services.db, services.clock.now()) }),
    },
  ];
}
