// Lint rules, including the architecture's one-way dependency rule (docs/ARCHITECTURE.md):
// src/domain and src/language are pure — no framework, driver, process.env or wall clock.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const frameworksAndDrivers = [
  'botbuilder',
  'botbuilder-*',
  'botframework-*',
  '@microsoft/teams-ai',
  '@microsoft/teams-js',
  '@azure/msal-node',
  'restify',
  'restify-*',
  'better-sqlite3',
  'pg',
  'kysely',
  'pino',
  'prom-client',
  'react',
  'react-dom',
  '@fluentui/*',
  'node:fs',
  'node:http',
  'node:https',
  'node:net',
  'node:child_process',
  'fs',
  'http',
  'https',
];

const outerLayers = [
  '**/storage/**',
  '**/teams/**',
  '**/http/**',
  '**/integrations/**',
  '**/config/**',
  '**/main.js',
  '**/cli.js',
];

const pureRules = {
  'no-restricted-imports': [
    'error',
    {
      patterns: [
        { group: frameworksAndDrivers, message: 'Pure code: no framework, database driver or I/O here.' },
        { group: outerLayers, message: 'Dependencies point inward: the pure core imports no outer layer.' },
      ],
    },
  ],
  'no-restricted-properties': [
    'error',
    { object: 'process', property: 'env', message: 'Only src/config reads the environment.' },
    { object: 'Date', property: 'now', message: 'Pass a Clock in; pure code does not read the wall clock.' },
  ],
  'no-restricted-syntax': [
    'error',
    {
      selector: "NewExpression[callee.name='Date'][arguments.length=0]",
      message: 'Pass a Clock in; pure code does not read the wall clock.',
    },
  ],
};

export default tseslint.config(
  {
    ignores: ['node_modules/', 'dist/', 'tab/dist/', 'devTools/', 'data/', 'coverage/', 'appPackage/build/'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src/domain/**/*.ts', 'src/language/**/*.ts', 'src/i18n/**/*.ts', 'src/demo/**/*.ts'],
    rules: pureRules,
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/config/**'],
    rules: {
      'no-restricted-properties': pureRules['no-restricted-properties'].slice(0, 2),
    },
  },
  {
    files: ['src/domain/**/*.ts', 'src/language/**/*.ts', 'src/i18n/**/*.ts', 'src/demo/**/*.ts'],
    rules: { 'no-restricted-properties': pureRules['no-restricted-properties'] },
  },
  { files: ['tab/src/**/*.{ts,tsx}'], languageOptions: { globals: { ...globals.browser } } },
);
