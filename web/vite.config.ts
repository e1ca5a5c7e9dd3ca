import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const webRoot = path.dirname(fileURLToPath(import.meta.url));

/** Where `npm run dev:web` sends /api: the server started by `npm run dev` (PORT, default 3000). */
const apiTarget = `http://127.0.0.1:${process.env.API_PORT ?? process.env.PORT ?? 3000}`;

/** The web app: built into web/dist, which the server serves at `/`; in dev, /api goes to the server. */
export default defineConfig({
  root: webRoot,
  plugins: [react()],
  resolve: {
    // Import contract types from '#contracts' and limits from '#contracts/limits.ts': values from
    // the index would bundle every zod schema.
    alias: [
      { find: /^#contracts$/, replacement: path.resolve(webRoot, '../contracts/src/index.ts') },
      { find: /^#contracts\/(.*)$/, replacement: path.resolve(webRoot, '../contracts/src/$1') },
    ],
  },
  server: {
    port: 5173,
    proxy: {
      '/api': apiTarget,
      '/healthz': apiTarget,
    },
  },
  build: {
    outDir: path.resolve(webRoot, 'dist'),
    // Three entries: the app (Ant Design), the phone report page (随手拍, plain CSS, no antd) and the
    // public tracking page (查询进度 and the public map, plain CSS, no antd, no sign-in), served by the
    // server at /report and /track.
    rollupOptions: {
      input: {
        main: path.resolve(webRoot, 'index.html'),
        report: path.resolve(webRoot, 'report.html'),
        track: path.resolve(webRoot, 'track.html'),
      },
    },
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
  },
});
