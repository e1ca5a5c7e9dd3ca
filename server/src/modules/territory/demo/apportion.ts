/**
 * Splits `total` whole items among weighted parties, each getting at least `minimum`
 * (Sainte-Laguë / Webster: the next item goes to the party with the highest weight / (held + 0.5)).
 * Deterministic; ties go to the lower index.
 */
export function apportion(total: number, weights: readonly number[], minimum: number): number[] {
  const counts = weights.map(() => minimum);
  let remaining = total - minimum * weights.length;
  if (remaining < 0) throw new Error(`cannot give ${weights.length} parties ${minimum} each out of ${total}`);
  while (remaining > 0) {
    let best = 0;
    let bestPriority = -Infinity;
    weights.forEach((weight, index) => {
      const priority = weight / ((counts[index] ?? 0) + 0.5);
      if (priority > bestPriority) {
        best = index;
        bestPriority = priority;
      }
    });
    counts[best] = (counts[best] ?? 0) + 1;
    remaining--;
  }
  return counts;
}
