import './report.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ReportApp } from './ReportApp.tsx';

/** The phone report page's entry (web/report.html): React and plain CSS only, no Ant Design. */
const container = document.getElementById('root');
if (!container) throw new Error('report.html has no #root element');
createRoot(container).render(
  <StrictMode>
    <ReportApp />
  </StrictMode>,
);
