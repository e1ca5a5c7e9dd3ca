/** 边界变更: the history of boundary splits and merges. */
export { ChangesWorkspace } from './components/ChangesWorkspace.tsx';
