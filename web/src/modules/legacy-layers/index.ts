/** 多网合一: legacy grid layers of the departments and their mapping onto the unified grids. */
export { LegacyLayersWorkspace } from './components/LegacyLayersWorkspace.tsx';
