/// <reference types="vitest/config" />
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { offline } from './vite.offline.ts';

// COOP/COEP make the page crossOriginIsolated (SharedArrayBuffer available). The app never
// depends on it: workers fall back to transferring typed arrays when it is false.
const isolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

/**
 * Content-Security-Policy of the built app (defence in depth: no injection path is known). The
 * app loads only its own files: scripts, module workers, the stylesheet; it draws with WebGL (no
 * CSP directive governs that) and talks to nothing. blob:/data: stay allowed for images and
 * workers (three's texture loaders and inline workers use them), never for scripts; no eval, no
 * inline script or style element (React sets styles through the CSSOM, which CSP leaves alone).
 * 'wasm-unsafe-eval' lets the workers compile the app's own WebAssembly (the near field's pair
 * loop, fastsum/nearWasm.ts, bundled as bytes); it allows no JavaScript eval.
 * The dev server gets none (Vite injects inline scripts for hot reload).
 */
const CSP = [
  "default-src 'none'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self' blob:",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
].join('; ');

/** The policy as a <meta> tag in the built index.html, so it travels with the static files. */
const cspMeta: Plugin = {
  name: 'csp-meta',
  apply: 'build',
  transformIndexHtml: () => [
    {
      tag: 'meta',
      attrs: { 'http-equiv': 'Content-Security-Policy', content: CSP },
      injectTo: 'head-prepend',
    },
  ],
};

export default defineConfig({
  // Relative base: the static build works under any path (GitHub pages, a lecture USB stick…).
  base: './',
  plugins: [react(), cspMeta, offline()],
  worker: { format: 'es' },
  // three.js alone is ~700 kB minified; one chunk loads faster than a waterfall on a lecture-hall link.
  build: { chunkSizeWarningLimit: 1600 },
  server: { headers: isolation },
  // any page may embed the lab (ui=min / ui=none, driven by postMessage); it has no logged-in state
  // a frame could trick a user into changing
  preview: { headers: { ...isolation, 'Content-Security-Policy': `${CSP}; frame-ancestors *` } },
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    pool: 'threads',
  },
});
