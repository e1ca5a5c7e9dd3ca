/** The territory feature: map, tree, search and place cards. */
export { TerritoryWorkspace } from './components/TerritoryWorkspace.tsx';
