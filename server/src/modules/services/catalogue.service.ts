import type {
  OpeningHours,
  ServiceItem,
  ServiceItemPage,
  ServiceKind,
  ServiceSite,
  ServiceSitePage,
  SiteKind,
} from '#contracts/services.ts';
import type { Principal } from '../../platform/access.ts';
import { authorize } from '../../platform/access.ts';
import { type Actor, jsonb, recordAudit } from '../../platform/audit.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { findItemRow, findItemRows, findSiteRow, findSiteRows, lockSiteRow } from './catalogue.repository.ts';
import { servicesPermission } from './services.policy.ts';
import { presentItem, presentSite } from './services.presenter.ts';
import type { Db } from './services.table.ts';
import { worksAt } from './services-scope.ts';

/** Read use cases of the catalogue (every signed-in role with `services.read`), and a site's hours. */

export async function findServiceItems(
  db: Db,
  options: {
    principal: Principal;
    query: {
      kind?: ServiceKind | undefined;
      q?: string | undefined;
      bookable?: boolean | undefined;
      limit: number;
      offset: number;
    };
  },
): Promise<ServiceItemPage> {
  const { rows, total } = await findItemRows(db, options.principal.jurisdictionId, options.query);
  return { total, items: rows.map(presentItem) };
}

export async function getServiceItem(
  db: Db,
  options: { principal: Principal; itemId: number },
): Promise<ServiceItem> {
  const row = await findItemRow(db, options.principal.jurisdictionId, options.itemId);
  if (!row) throw notFound('Service item');
  return presentItem(row);
}

export async function findServiceSites(
  db: Db,
  options: {
    principal: Principal;
    query: { kind?: SiteKind | undefined; placeId?: number | undefined; limit: number; offset: number };
  },
): Promise<ServiceSitePage> {
  const { rows, total } = await findSiteRows(db, options.principal.jurisdictionId, options.query);
  return { total, sites: rows.map(presentSite) };
}

export async function getServiceSite(
  db: Db,
  options: { principal: Principal; siteId: number },
): Promise<ServiceSite> {
  const row = await findSiteRow(db, options.principal.jurisdictionId, options.siteId);
  if (!row) throw notFound('Service site');
  return presentSite(row);
}

/** Publishes a site's opening hours (错峰延时, weekends, holidays); staff of the site only. */
export async function setSiteOpening(
  trx: Db,
  options: { principal: Principal; siteId: number; opening: OpeningHours; actor: Actor },
): Promise<ServiceSite> {
  const { principal } = options;
  authorize(principal, servicesPermission('appointments.manage'), null);
  const site = await lockSiteRow(trx, principal.jurisdictionId, options.siteId);
  if (!site) throw notFound('Service site');
  if (!worksAt(principal, site)) throw new AppError('access.forbidden', 'Not a site of the account’s place');
  await trx
    .updateTable('service_site')
    .set({ opening: jsonb(options.opening) })
    .where('jurisdiction_id', '=', principal.jurisdictionId)
    .where('id', '=', site.id)
    .execute();
  await recordAudit(trx, options.actor, {
    jurisdictionId: principal.jurisdictionId,
    action: 'services.site_hours_set',
    subjectType: 'service_site',
    subjectId: site.id,
  });
  return presentSite({ ...site, opening: options.opening });
}
