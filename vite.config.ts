// Builds the renderer (ui/) into dist/ui. The developer panel has its own config
// (vite.dev-panel.config.ts) so it never ends up in a production build.
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'ui',
  base: './',
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: '../dist/ui',
    emptyOutDir: true,
    target: 'es2022',
    reportCompressedSize: false,
    // Lucide's icon files start with "use client", a directive for React Server Components
    // that means nothing in a browser bundle; the bundler would warn once per icon.
    rolldownOptions: {
      onwarn: (warning, warn) => {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  logLevel: 'warn',
});
