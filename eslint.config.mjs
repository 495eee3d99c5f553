// ESLint: the rules Prettier (layout) and tsc (types) do not cover. typescript-eslint's recommended set without
// type information keeps the lint step to seconds; tsc in the build already does the type-aware checking.
// The layer rules on imports live in .dependency-cruiser.cjs; the one rule on globals lives here, because a global
// is not an import: only the platform adapters and the entry module may touch Apps Script's services.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Apps Script's service globals: reaching them outside src/platform/ and src/main.ts hides a side effect. */
const APPS_SCRIPT_SERVICES = [
  'AdminDirectory',
  'BigQuery',
  'CacheService',
  'CalendarApp',
  'CardService',
  'Charts',
  'ContentService',
  'DocumentApp',
  'DriveApp',
  'FormApp',
  'GmailApp',
  'HtmlService',
  'LanguageApp',
  'LockService',
  'Logger',
  'MailApp',
  'Maps',
  'PropertiesService',
  'ScriptApp',
  'Session',
  'Sheets',
  'SlidesApp',
  'SpreadsheetApp',
  'UrlFetchApp',
  'Utilities',
  'XmlService',
];

export default tseslint.config(
  { ignores: ['build/**', 'out/**', 'node_modules/**', '.local/**', 'coverage/**', 'test/fixtures/layers/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2022, sourceType: 'module' },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // Unused names are dead code; a leading underscore marks a parameter kept for its position.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // Type-only imports vanish from the bundle; saying so keeps build/Code.js free of accidental runtime edges.
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      // An emulated object's methods return the object itself, so closures name it before it exists: `let self`.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
      // Japanese text uses the ideographic space (U+3000) on purpose, in strings, templates and patterns alike.
      'no-irregular-whitespace': ['error', { skipStrings: true, skipTemplates: true, skipRegExps: true }],
      'no-console': 'off',
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/platform/**', 'src/main.ts'],
    rules: {
      'no-restricted-globals': [
        'error',
        ...APPS_SCRIPT_SERVICES.map((name) => ({
          name,
          message: `layer rule "apps-script-at-the-edge": only src/platform/ and src/main.ts may use ${name}; take it through a platform adapter`,
        })),
      ],
    },
  },
  {
    // Tests and the benchmark read GitHub's published example payloads, which have no types worth writing out.
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // TypeScript resolves names itself (and knows Apps Script's and Node's globals per tsconfig): no-undef would
    // only repeat it, wrongly, as typescript-eslint advises.
    files: ['**/*.ts'],
    rules: { 'no-undef': 'off' },
  },
  {
    // Node-side scripts, the CommonJS helpers and the sidebar's own script run outside Apps Script.
    files: ['**/*.cjs', '**/*.mjs'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
