/** The services module's public surface (幸福365): other modules import only from here. */
import './services.policy.ts';

export { isServicesEmpty, seedDemoServices } from './demo/seed-services.ts';
export {
  type DueReminder,
  deliverReminder,
  dueReminders,
  reminderMessage,
  sendDueReminders,
} from './reminders.ts';
export { servicesErrors } from './services.errors.ts';
export { servicesJobs } from './services.jobs.ts';
export { ServicesModule, type ServicesOptions } from './services.module.ts';
export { SERVICES_POLICY, type ServicesPermission } from './services.policy.ts';
export { servicesRoutes } from './services.routes.ts';
export type { ServicesTables } from './services.table.ts';
