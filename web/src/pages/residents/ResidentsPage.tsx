import { ResidentsLookup } from '../../modules/people/index.ts';

/** `/residents`: resident and household lookup (residents.read). */
export function ResidentsPage() {
  return <ResidentsLookup />;
}
