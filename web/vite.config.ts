/**
 * Builds the web pages from web/ into web/dist, which the server serves with an SPA fallback.
 * Run from the repository root: `vite build --config web/vite.config.ts`.
 * In development (`vite --config web/vite.config.ts`) API calls go to the server on port 3000.
 */
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    // The CSP allows no inline scripts or styles: keep every asset a file, however small.
    assetsInlineLimit: 0,
  },
  server: {
    proxy: {
      // X-Forwarded-For tells Portier the request came through a proxy: what it serves only to this
      // machine (the local mailbox, /metrics) stays closed to whoever reaches the dev server.
      '/api': { target: 'http://127.0.0.1:3000', xfwd: true },
    },
  },
});
