import react from '@vitejs/plugin-react';
import { defaultClientConditions, defineConfig } from 'vite';
import { bootstrapItaliaChrome } from './build/bootstrapItaliaChrome';

// The backend (`node server/dist/main.js`) listens here in development.
const backend = 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [react()],
  resolve: {
    // Bundle workspace packages (@trama/shared) from their TypeScript sources.
    conditions: ['source', ...defaultClientConditions],
  },
  css: {
    // Bootstrap Italia's stylesheet cut down to the chrome's components (no global reset).
    postcss: { plugins: [bootstrapItaliaChrome()] },
  },
  server: {
    proxy: {
      '/sync': { target: backend, ws: true, changeOrigin: true },
      '/health': { target: backend, changeOrigin: true },
    },
  },
  build: {
    target: 'es2022',
    sourcemap: true,
    // One bundle (~380 kB gzip: React, Tiptap/ProseMirror, Yjs, zod, React Flow) that browsers cache;
    // the board needs all of it before it can show anything, so splitting would not help.
    chunkSizeWarningLimit: 1300,
  },
});
