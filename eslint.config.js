import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import { layerImports } from './tools/eslint/layer-imports.js';
import { areas } from './tools/eslint/layers.js';

const root = import.meta.dirname;

export default tseslint.config(
  { ignores: ['dist/**', 'var/**', 'node_modules/**', 'bench/results.json'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.node } },
    plugins: { kiosk: { rules: { 'layer-imports': layerImports } } },
    rules: {
      'kiosk/layer-imports': ['error', { root, areas }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['ui/**', 'sim/dev-panel/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
);
