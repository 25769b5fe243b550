// Builds the developer panel (sim/dev-panel) into dist/dev-panel. Never part of a production build.
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'sim/dev-panel',
  base: './',
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: '../../dist/dev-panel',
    emptyOutDir: true,
    target: 'es2022',
    reportCompressedSize: false,
  },
  logLevel: 'warn',
});
