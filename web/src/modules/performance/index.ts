/** The performance pages' components (履职考评). */
export { AssessmentTables } from './components/AssessmentTables.tsx';
export { LiaisonCalendar } from './components/LiaisonCalendar.tsx';
export { PledgeBoard } from './components/PledgeBoard.tsx';
export { ReportReview } from './components/ReportReview.tsx';
