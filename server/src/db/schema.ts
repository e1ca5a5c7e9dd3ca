import type { AccessTables } from '../modules/access/access.table.ts';
import type { AccountabilityTables } from '../modules/accountability/accountability.table.ts';
import type { CalendarTables } from '../modules/calendar/calendar.table.ts';
import type { CasesTables } from '../modules/cases/case.table.ts';
import type { CaseImportTables } from '../modules/cases/hotline-import/case-import.table.ts';
import type { DeliberationTables } from '../modules/deliberation/deliberation.table.ts';
import type { NotificationsTables } from '../modules/notifications/notifications.table.ts';
import type { Open311Tables } from '../modules/open311/open311.table.ts';
import type { PeopleTables } from '../modules/people/people.table.ts';
import type { PerformanceTables } from '../modules/performance/performance.table.ts';
import type { ServicesTables } from '../modules/services/services.table.ts';
import type { TerritoryTables } from '../modules/territory/territory.table.ts';
import type { AuditTables } from '../platform/audit.ts';

/** Every table in the one schema, composed from the tables each module owns. */
export interface Database
  extends AuditTables,
    TerritoryTables,
    AccessTables,
    PeopleTables,
    CasesTables,
    CaseImportTables,
    DeliberationTables,
    ServicesTables,
    Open311Tables,
    AccountabilityTables,
    NotificationsTables,
    CalendarTables,
    PerformanceTables {
  schema_migration: { version: number; name: string; applied_at: Date };
}
