import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

// Imported first so an invalid VITE_APP_* setting stops start-up with a message naming
// it, before any component renders.
import '@/config/env';
import { App } from '@/app';
import './index.css';

const root = document.getElementById('root');
if (!root) {
  throw new Error('index.html has no #root element to render the app into.');
}

createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
