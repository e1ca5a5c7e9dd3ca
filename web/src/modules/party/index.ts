/** 党建: grid party branches, building party groups and anchor households. */
export { PartyWorkspace } from './components/PartyWorkspace.tsx';
