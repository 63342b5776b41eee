import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { openLink } from './state/actions';
import { installTestHook } from './state/testHook';
import { listenToHash, markHashRead } from './state/urlSync';
import { App } from './ui/App';
import { installOutside } from './ui/outside';

installTestHook();
installOutside();
markHashRead();
openLink(window.location.hash);
listenToHash((hash) => openLink(hash));

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
