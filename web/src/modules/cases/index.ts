/** The cases feature (issue 4): queues, list, case page with moves. The phone report page is web/src/report. */
export { CaseDetailView } from './components/CaseDetailView.tsx';
export { CaseList } from './components/CaseList.tsx';
export { CaseMap, type LightFilter } from './components/CaseMap.tsx';
export { CaseQueue } from './components/CaseQueue.tsx';
export { CategoryAdmin } from './components/CategoryAdmin.tsx';
