/** Services for residents (幸福365, issue 6): phone pages, the one-window desk, schedules, stewards. */
export { ResidentServices } from './components/ResidentServices.tsx';
export { OneWindowDesk, SiteSchedulePage, StewardBoard } from './components/StaffServices.tsx';
