/** The battle map (挂图作战, issue 5 §1): board, task, Monday report, meetings, bulletin, flags, duty record. */
export { Board } from './components/Board.tsx';
export { BulletinEditor } from './components/BulletinEditor.tsx';
export { BulletinPrint } from './components/BulletinPrint.tsx';
export { DutyRecordList, DutyRecordView } from './components/DutyRecordView.tsx';
export { FlagReview } from './components/FlagReview.tsx';
export { Meetings } from './components/Meetings.tsx';
export { TaskView } from './components/TaskView.tsx';
export { WeeklyReportForm } from './components/WeeklyReportForm.tsx';
