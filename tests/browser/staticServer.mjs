// A plain static file server for dist/ under a sub-path, WITHOUT the COOP/COEP headers: checks
// that the build works from any path and does not need crossOriginIsolated (SharedArrayBuffer).
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './server.mjs';

const DIST = fileURLToPath(new URL('../../dist/', import.meta.url));
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
};

/** Serve dist/ at http://127.0.0.1:port/<prefix>/ ; returns { url, close }. */
export async function serveStatic(prefix = 'some/deep/path') {
  const port = await freePort();
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const base = `/${prefix}/`;
    if (!path.startsWith(base)) {
      res.writeHead(404).end('not found');
      return;
    }
    let rel = normalize(path.slice(base.length));
    if (rel === '.' || rel === '' || rel.endsWith('/')) rel = join(rel, 'index.html');
    if (rel.startsWith('..')) {
      res.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(join(DIST, rel));
      res.writeHead(200, { 'Content-Type': TYPES[extname(rel)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${port}/${prefix}/`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
