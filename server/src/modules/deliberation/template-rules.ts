import type { TemplateStep } from '#contracts/deliberation.ts';

/**
 * What makes a template usable (pure): unique keys, exactly one vote step, and the two disclosures
 * — the resolution after the vote, the result after the resolution — each exactly once, with the
 * result last. Residents never act at a step (they comment and vote); the public disclosures
 * are written online, so they cannot be offline-only. Returns the first problem, or null.
 */
export function findTemplateProblem(steps: readonly TemplateStep[]): string | null {
  const keys = new Set(steps.map((s) => s.key));
  if (keys.size !== steps.length) return 'step keys must be unique';
  const votes = steps.flatMap((s, i) => (s.vote ? [i] : []));
  if (votes.length !== 1) return 'exactly one step must be the vote';
  const resolution = steps.flatMap((s, i) => (s.disclosure === 'resolution' ? [i] : []));
  const result = steps.flatMap((s, i) => (s.disclosure === 'result' ? [i] : []));
  if (resolution.length !== 1 || result.length !== 1)
    return 'the resolution and the result must each be disclosed at exactly one step';
  const [vote] = votes as [number];
  const [resolutionAt] = resolution as [number];
  const [resultAt] = result as [number];
  if (resolutionAt <= vote) return 'the resolution is disclosed after the vote';
  if (resultAt !== steps.length - 1) return 'the result is disclosed at the last step';
  if (steps.some((s) => s.vote && s.disclosure !== null)) return 'the vote step cannot be a disclosure';
  if (steps.some((s) => s.disclosure !== null && s.mode === 'offline'))
    return 'a disclosure is published online: its step cannot be offline only';
  if (steps.some((s) => s.roles.includes('resident')))
    return 'residents comment and vote; they do not act for the council at a step';
  return null;
}
