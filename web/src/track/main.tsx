import './track.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { TrackApp } from './TrackApp.tsx';

/** The public tracking page's entry (web/track.html): React and plain CSS only, no Ant Design, no sign-in. */
const container = document.getElementById('root');
if (!container) throw new Error('track.html has no #root element');
createRoot(container).render(
  <StrictMode>
    <TrackApp />
  </StrictMode>,
);
