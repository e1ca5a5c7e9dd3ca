/** 考核指标 (issue 4 §6): its own entry, so that ECharts loads only with the measures page. */
export { CaseMeasuresView } from './CaseMeasuresView.tsx';
