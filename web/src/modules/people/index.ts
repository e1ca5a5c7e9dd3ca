/** People (队伍与居民): the staff directory, resident and household lookup, a resident's own page. */
export { MyInformation } from './components/MyInformation.tsx';
export { ResidentsLookup } from './components/ResidentsLookup.tsx';
export { StaffDirectory } from './components/StaffDirectory.tsx';
