// Builds the app with vite and serves the static build on a free localhost port (vite preview).
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { build, preview } from 'vite';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** A TCP port that was free a moment ago on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Build into dist/ (unless skipBuild) and start `vite preview`; returns { url, close }. */
export async function serveApp({ skipBuild = false } = {}) {
  if (!skipBuild) await build({ root, logLevel: 'warn' });
  const port = await freePort();
  const server = await preview({
    root,
    logLevel: 'warn',
    preview: { port, strictPort: true, host: '127.0.0.1' },
  });
  const url = `http://127.0.0.1:${port}/`;
  // closeAllConnections: keep-alive sockets would otherwise keep serving after close().
  const close = () =>
    new Promise((resolve) => {
      server.httpServer.close(() => resolve());
      server.httpServer.closeAllConnections?.();
    });
  return { url, close };
}
