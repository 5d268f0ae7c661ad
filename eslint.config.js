// Lint for the whole repository (`npm run lint`, part of `npm test`): typescript-eslint's
// recommended rules everywhere, React's hook rules in the renderer (components and hooks). Not
// type-aware, so it needs no program build and stays quick.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'dist-electron/**',
      'release/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      'artifacts/**',
      'bench/results/**',
      '.vite/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // Code runs in browsers, workers and Node; the layering test, not the linter, says which may use what.
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // `const { seq: _seq, ...rest } = row` is how this code drops a field: the rest is the point.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true, argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ...reactHooks.configs.flat.recommended,
    rules: {
      ...reactHooks.configs.flat.recommended.rules,
      // Only says the React Compiler would skip a component (useVirtualizer); the app does not use the compiler.
      'react-hooks/incompatible-library': 'off',
    },
  },
);
