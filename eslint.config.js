import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import { layerImports } from './tools/eslint/layer-imports.js';
import { noLiteralUiText } from './tools/eslint/no-literal-ui-text.js';
import { areas, faces } from './tools/eslint/layers.js';

const root = import.meta.dirname;

export default tseslint.config(
  { ignores: ['dist/**', 'var/**', 'node_modules/**', 'bench/results.json'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.node } },
    plugins: {
      kiosk: { rules: { 'layer-imports': layerImports, 'no-literal-ui-text': noLiteralUiText } },
    },
    rules: {
      'kiosk/layer-imports': ['error', { root, areas, faces }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['ui/**', 'sim/dev-panel/**', 'sim/gallery/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // The renderer's bundle decides how fast a kiosk starts (P6): schemas shared with it are
    // written with the tree-shakable zod/mini, never the whole of zod; icons come one file each.
    files: ['src/api/**', 'ui/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'zod',
              message: "Use 'zod/mini' in code the renderer loads (bundle size, P6).",
            },
            {
              name: 'lucide-react',
              message:
                "Import each icon from 'lucide-react/icons/<name>', so only those reach the bundle (P6).",
            },
          ],
        },
      ],
    },
  },
  {
    // Every word on screen comes from ui/i18n/messages.ts; single taps only (R11).
    files: ['ui/**/*.tsx'],
    rules: {
      'kiosk/no-literal-ui-text': 'error',
      'no-restricted-syntax': [
        'error',
        {
          selector:
            'JSXAttribute[name.name=/^on(Touch|DoubleClick|ContextMenu|Drag|Wheel|Gesture|PointerMove)/]',
          message: 'Single taps only (ux-electron.md R11): no gesture handlers in the kiosk UI',
        },
      ],
    },
  },
);
