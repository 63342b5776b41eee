import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { loadFromHash } from './state/actions';
import { installTestHook } from './state/testHook';
import { listenToHash, markHashRead, readHash } from './state/urlSync';
import { App } from './ui/App';

installTestHook();
markHashRead();
loadFromHash(readHash());
listenToHash((reading) => loadFromHash(reading));

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
