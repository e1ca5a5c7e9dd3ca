import { useEffect, useState } from 'react';
import type { CaseCategory, CaseCategoryCatalogue, CategoryKind } from '#contracts';
import { fetchCategoryCatalogue } from '../api/categories.api.ts';

/**
 * The jurisdiction's category catalogue from the server (an administrator's edits included), loaded
 * once per page load and shared by every component that asks; `refreshCategoryCatalogue` after an
 * edit. The phone report page keeps its generated snapshot (catalogue.data.ts) to work offline.
 */

let shared: Promise<CaseCategoryCatalogue> | null = null;
const listeners = new Set<(catalogue: CaseCategoryCatalogue) => void>();

function load(): Promise<CaseCategoryCatalogue> {
  shared ??= fetchCategoryCatalogue().catch((error: unknown) => {
    shared = null;
    throw error;
  });
  return shared;
}

/** Loads the catalogue again and tells every mounted user of it. */
export async function refreshCategoryCatalogue(): Promise<CaseCategoryCatalogue> {
  shared = null;
  const catalogue = await load();
  for (const listener of listeners) listener(catalogue);
  return catalogue;
}

export interface CatalogueState {
  catalogue: CaseCategoryCatalogue | undefined;
  error: Error | undefined;
}

export function useCategoryCatalogue(): CatalogueState {
  const [state, setState] = useState<CatalogueState>({ catalogue: undefined, error: undefined });
  useEffect(() => {
    let live = true;
    const listener = (catalogue: CaseCategoryCatalogue) => {
      if (live) setState({ catalogue, error: undefined });
    };
    listeners.add(listener);
    load().then(listener, (error: unknown) => {
      if (live)
        setState({ catalogue: undefined, error: error instanceof Error ? error : new Error(String(error)) });
    });
    return () => {
      live = false;
      listeners.delete(listener);
    };
  }, []);
  return state;
}

export interface MajorGroup {
  code: string;
  name: string;
  kind: CategoryKind;
  categories: CaseCategory[];
}

/** Classes (大类) with their subcategories, in code order; `activeOnly` leaves out retired ones. */
export function groupByMajor(catalogue: CaseCategoryCatalogue | undefined, activeOnly = false): MajorGroup[] {
  const groups = new Map<string, MajorGroup>();
  for (const category of catalogue?.categories ?? []) {
    if (activeOnly && !category.active) continue;
    let group = groups.get(category.majorCode);
    if (!group) {
      group = { code: category.majorCode, name: category.majorName, kind: category.kind, categories: [] };
      groups.set(category.majorCode, group);
    }
    group.categories.push(category);
  }
  return [...groups.values()];
}
