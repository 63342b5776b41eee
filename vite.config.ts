/// <reference types="vitest/config" />
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// COOP/COEP make the page crossOriginIsolated (SharedArrayBuffer available). The app never
// depends on it: workers fall back to transferring typed arrays when it is false.
const isolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  // Relative base: the static build works under any path (GitHub pages, a lecture USB stick…).
  base: './',
  plugins: [react()],
  worker: { format: 'es' },
  // three.js alone is ~700 kB minified; one chunk loads faster than a waterfall on a lecture-hall link.
  build: { chunkSizeWarningLimit: 1600 },
  server: { headers: isolation },
  preview: { headers: isolation },
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    pool: 'threads',
  },
});
