import { useLocation } from '../../app/router.ts';
import {
  Board,
  BulletinEditor,
  BulletinPrint,
  DutyRecordList,
  DutyRecordView,
  FlagReview,
  Meetings,
  TaskView,
  WeeklyReportForm,
} from '../../modules/accountability/index.ts';

/** The battle map's pages (挂图作战); ids come from the path. */
const idAt = (pathname: string, index: number) => Number(pathname.split('/')[index]);

export const AccountabilityBoardPage = () => <Board />;
export function AccountabilityTaskPage() {
  const { pathname } = useLocation();
  return <TaskView id={idAt(pathname, 3)} />;
}
export const AccountabilityReportPage = () => <WeeklyReportForm />;
export const AccountabilityMeetingsPage = () => <Meetings />;
export const AccountabilityBulletinsPage = () => <BulletinEditor />;
export function AccountabilityBulletinPrintPage() {
  const { pathname } = useLocation();
  return <BulletinPrint id={idAt(pathname, 3)} />;
}
export const AccountabilityFlagsPage = () => <FlagReview />;
export const AccountabilityDutyListPage = () => <DutyRecordList />;
export function AccountabilityDutyPage() {
  const { pathname } = useLocation();
  return <DutyRecordView id={idAt(pathname, 3)} />;
}
