/** The grid council (网格善治会, issue 6): workspace, a resident's part, the public notice board. */
export { MyMatters } from './components/MyMatters.tsx';
export { NoticeBoard } from './components/NoticeBoard.tsx';
export { MatterList, MatterPrint, MatterWorkspace } from './components/Workspace.tsx';
