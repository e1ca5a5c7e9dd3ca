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

export const AccountabilityBoardPage = () => (
  <div className="jz-page">
    <Board />
  </div>
);
export function AccountabilityTaskPage() {
  const { pathname } = useLocation();
  return (
    <div className="jz-page">
      <TaskView id={idAt(pathname, 3)} />
    </div>
  );
}
export const AccountabilityReportPage = () => (
  <div className="jz-page">
    <WeeklyReportForm />
  </div>
);
export const AccountabilityMeetingsPage = () => (
  <div className="jz-page">
    <Meetings />
  </div>
);
export const AccountabilityBulletinsPage = () => (
  <div className="jz-page">
    <BulletinEditor />
  </div>
);
export function AccountabilityBulletinPrintPage() {
  const { pathname } = useLocation();
  return <BulletinPrint id={idAt(pathname, 3)} />;
}
export const AccountabilityFlagsPage = () => (
  <div className="jz-page">
    <FlagReview />
  </div>
);
export const AccountabilityDutyListPage = () => (
  <div className="jz-page">
    <DutyRecordList />
  </div>
);
export function AccountabilityDutyPage() {
  const { pathname } = useLocation();
  return (
    <div className="jz-page">
      <DutyRecordView id={idAt(pathname, 3)} />
    </div>
  );
}
