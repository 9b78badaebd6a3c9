import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'out/', 'node_modules/', 'test-artifacts/', 'bench/.data/', '.cache/', '.gl/', '.device-tinylm/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', performance: 'readonly', fetch: 'readonly', AbortController: 'readonly' } },
    rules: { '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }] },
  },
  // The pure engine must stay free of editor and LSP dependencies.
  {
    files: ['server/src/trace/**', 'server/src/analysis/**', 'server/src/training/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['vscode', 'vscode-*', '**/lsp/**'] }] },
  },
);
