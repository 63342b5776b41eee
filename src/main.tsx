import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { routeHash } from './state/study';
import { installTestHook } from './state/testHook';
import { listenToHash, markHashRead } from './state/urlSync';
import { App } from './ui/App';
import { installOutside } from './ui/outside';

installTestHook();
installOutside();
markHashRead();
routeHash(window.location.hash);
listenToHash((hash) => routeHash(hash));

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
