import { MyInformation } from '../../modules/people/index.ts';

/** `/me`: a resident's own records and export (self.read). */
export function MyInfoPage() {
  return <MyInformation />;
}
