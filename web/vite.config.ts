import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const webRoot = path.dirname(fileURLToPath(import.meta.url));

/** The web app: built into web/dist, which the server serves at `/`; in dev, /api goes to the server. */
export default defineConfig({
  root: webRoot,
  plugins: [react()],
  resolve: {
    alias: {
      // Types only: importing contract values would bundle zod (see src/app/limits.ts).
      '#contracts': path.resolve(webRoot, '../contracts/src/index.ts'),
    },
  },
  server: {
    port: 5173,
    proxy: {
      '/api': 'http://127.0.0.1:3100',
      '/healthz': 'http://127.0.0.1:3100',
    },
  },
  build: {
    outDir: path.resolve(webRoot, 'dist'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
  },
});
