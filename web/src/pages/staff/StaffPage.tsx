import { StaffDirectory } from '../../modules/people/index.ts';

/** `/staff`: the staff directory (people.read). */
export function StaffPage() {
  return <StaffDirectory />;
}
