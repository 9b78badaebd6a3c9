import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// The walls between the parts (docs/design.md, "Layers"), as import rules per folder. The
// compiler holds the same walls through project references (tsconfig.json); the linter names the
// rule and the allowed module in its message.
const walls = {
  protocol: {
    group: ['**/client/**', '**/server/**', '**/media/**', 'vscode', 'vscode-languageclient*', 'vscode-languageserver*'],
    message: 'protocol/ is the contract between the processes: it imports none of them.',
  },
  engine: {
    group: ['vscode', 'vscode-*', '**/lsp/**', '**/cli/**', '**/cli.js', '**/report/**', '**/client/**', '**/media/**'],
    message: 'The engine (server/src/trace, analysis, training, util) imports nothing above it: no editor, LSP, CLI or report code.',
  },
  client: {
    group: ['**/server/**', '**/media/**', 'vscode-languageserver*', 'vscode-jsonrpc*'],
    message:
      'The extension host talks to the rest through protocol/ (and vscode-languageclient) only: engine work runs in the language server or a child process.',
  },
  media: {
    group: ['**/server/**', '**/client/**', 'node:*', 'vscode', 'vscode-*'],
    message: 'Webviews run in a browser and import only protocol/ (and chart.js).',
  },
};
const wall = (files, ...names) => ({
  files,
  rules: { 'no-restricted-imports': ['error', { patterns: names.map((n) => walls[n]) }] },
});

export default tseslint.config(
  { ignores: ['dist/', 'out/', 'node_modules/', 'test-artifacts/', 'bench/.data/', '.cache/', '.gl/', '.device-tinylm/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        performance: 'readonly',
        fetch: 'readonly',
        AbortController: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }] },
  },
  // Phrasing-family generators by outside authors (test data, not product code): their loops
  // initialise variables that each retry assigns again.
  { files: ['test/phrasing/families*/**'], rules: { 'no-useless-assignment': 'off' } },
  wall(['protocol/**'], 'protocol'),
  wall(['server/src/trace/**', 'server/src/analysis/**', 'server/src/training/**', 'server/src/util/**'], 'engine'),
  wall(['client/**'], 'client'),
  wall(['media/**'], 'media'),
);
