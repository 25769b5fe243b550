// Builds the screen gallery (sim/gallery: the real renderer fed fixture snapshots) into
// dist/gallery, for the UX checks and the screenshots. Never part of a production build.
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'sim/gallery',
  base: './',
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: '../../dist/gallery',
    emptyOutDir: true,
    target: 'es2022',
    reportCompressedSize: false,
    // Lucide's icon files start with "use client", a directive for React Server Components
    // that means nothing in a browser bundle; the bundler would warn once per icon.
    rolldownOptions: {
      // The screens, and the parts the service point's screens embed (camera, signature).
      input: { index: 'sim/gallery/index.html', parts: 'sim/gallery/parts.html' },
      onwarn: (warning, warn) => {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  logLevel: 'warn',
});
