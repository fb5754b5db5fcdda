import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Built into dist/web, which the API serves under /app (apps/api/src/web-app).
export default defineConfig({
  root: __dirname,
  base: '/app/',
  plugins: [react()],
  resolve: { alias: { '@': path.join(__dirname, 'src') } },
  build: {
    outDir: path.join(__dirname, '..', '..', 'dist', 'web'),
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 600,
  },
  server: {
    // `vite` in apps/web for hot reload, with the API of `npm start` behind it on the same origin.
    proxy: { '^/(?!app/).*': 'http://localhost:3000' },
  },
});
