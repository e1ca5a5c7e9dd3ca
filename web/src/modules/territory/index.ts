/** The territory feature: map, tree, search and place cards; a place picker for other pages. */
export { fetchGeoJson } from './api/territory.api.ts';
export { PlacePicker } from './components/PlacePicker.tsx';
export { TerritoryWorkspace } from './components/TerritoryWorkspace.tsx';
