import type { CaseCategory, CaseCategoryCatalogue, CaseCategoryCreate, CaseCategoryPatch } from '#contracts';
import { apiGet, apiRequest } from '../../../app/api.ts';

/**
 * The category catalogue (案件分类, 权责清单) of the signed-in account's jurisdiction, and its
 * administration (contract: contracts/src/cases.ts; server: modules/cases/case-categories.routes.ts).
 */

export const fetchCategoryCatalogue = (signal?: AbortSignal): Promise<CaseCategoryCatalogue> =>
  apiGet<CaseCategoryCatalogue>('/api/cases/categories', undefined, signal);

export const createCategory = (body: CaseCategoryCreate): Promise<CaseCategory> =>
  apiRequest<CaseCategory>('/api/cases/categories', { method: 'POST', body });

export const updateCategory = (code: string, patch: CaseCategoryPatch): Promise<CaseCategory> =>
  apiRequest<CaseCategory>(`/api/cases/categories/${encodeURIComponent(code)}`, {
    method: 'PATCH',
    body: patch,
  });

export const deleteCategory = (code: string): Promise<null> =>
  apiRequest<null>(`/api/cases/categories/${encodeURIComponent(code)}`, { method: 'DELETE' });
