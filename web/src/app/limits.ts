import type { territoryLimits } from '#contracts';

type TerritoryLimits = typeof territoryLimits;

/**
 * The contract limits the web forms use. Importing `territoryLimits` itself would pull every zod schema
 * of contracts (and zod) into the bundle, so the values are repeated here and `satisfies` checks them
 * against the contract's literal types: if a limit changes in contracts, the web stops type-checking.
 */
export const webLimits = {
  maxNameLength: 100,
  maxSearchResults: 50,
} as const satisfies Pick<TerritoryLimits, 'maxNameLength' | 'maxSearchResults'>;
