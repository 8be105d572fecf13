// @ts-check
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import pluginVue from 'eslint-plugin-vue';
import globals from 'globals';

/**
 * Layering, enforced here rather than by review (as VS Code's `code-layering` does):
 *   shared ← core ← main;  shared ← server;  shared ← ui ← renderer;  shared ← ui ← portal;
 *   core ← browser-host;   preload imports only electron and shared types;
 *   only main and preload import electron; renderer, portal and ui never import Node built-ins.
 *   `ui` holds the Vue components the desktop and the portal must show identically (the stand).
 * tests/lint/layering.test.ts proves each rule fires.
 */
const TOP_FOLDERS = ['shared', 'core', 'main', 'preload', 'renderer', 'portal', 'ui', 'server', 'browser-host', 'launcher'];

/** A relative import that climbs out of its folder into one of the named top-level folders. */
const intoFolders = (folders) => ({
  regex: `^(\\.\\./)+(${folders.join('|')})(/|$)`,
  message: `Layering: this folder may not import from src/{${folders.join(',')}} (see eslint.config.mjs).`,
});
const others = (...allowed) => TOP_FOLDERS.filter((f) => !allowed.includes(f));

const nodeBuiltins = {
  regex: `^(node:.*|${builtinModules.filter((m) => !m.startsWith('_')).map((m) => m.replace(/[/]/g, '\\/')).join('|')})(\\/.*)?$`,
  message: 'Layering: no Node built-ins here — this code must also run in a browser.',
};
const electron = { regex: '^electron(/.*)?$', message: 'Layering: only src/main and src/preload may import electron.' };
const vueWorld = {
  regex: '^(vue|vuetify|pinia|vue-router|vue-i18n|@vue/.*)(/.*)?$',
  message: 'Layering: UI libraries belong to src/renderer, src/portal and src/ui only.',
};
const serverOnly = {
  regex: '^(typeorm|sqlite3|pg|express|socket\\.io|peer|redis|@socket\\.io/.*|nodemailer|pino|@node-rs/.*|reflect-metadata|ws)(/.*)?$',
  message: 'Layering: server/database libraries cannot run in the browser.',
};
const rendererAlias = { regex: '^@renderer(/.*)?$', message: 'Layering: @renderer is only for src/renderer.' };

const restrict = (...patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

/** Why `tx.db` is not read from outside a transaction (TransactionRunner's JSDoc says more). */
const TX_DB_READ =
  'Read through tx.read / tx.job, or outside a transaction through tx.reads: on SQLite tx.db is the one connection every transaction runs on, so a read there sees the open transaction\'s uncommitted rows.';
const TX_DB_ALIAS =
  'Use tx.db only in place (tx.db.getRepository(Entity).create(…), tx.db.options): held in a variable or handed on, the connection (or a repository of it) escapes the rules that keep its reads and writes inside transactions.';

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '.data/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...pluginVue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'] } },
  },
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'eslint-comments/no-unused-disable': 'off',
      'vue/multi-word-component-names': 'error',
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
      'no-console': 'off',
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
  {
    files: ['src/renderer/**', 'src/portal/**', 'src/ui/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
  // ---- layering, one block per folder -------------------------------------------------------
  { files: ['src/shared/**'], rules: restrict(intoFolders(others('shared')), nodeBuiltins, electron, vueWorld, serverOnly, rendererAlias) },
  { files: ['src/core/**'], rules: restrict(intoFolders(others('shared', 'core')), electron, vueWorld, rendererAlias) },
  { files: ['src/main/**'], rules: restrict(intoFolders(others('shared', 'core', 'main')), vueWorld, rendererAlias) },
  {
    files: ['src/preload/**'],
    rules: restrict(intoFolders(others('shared', 'preload')), vueWorld, serverOnly, nodeBuiltins, rendererAlias),
  },
  { files: ['src/server/**'], rules: restrict(intoFolders(others('shared', 'server')), electron, vueWorld, rendererAlias) },
  {
    files: ['src/browser-host/**'],
    rules: restrict(intoFolders(others('shared', 'core', 'browser-host')), electron, vueWorld, rendererAlias),
  },
  {
    files: ['src/launcher/**'],
    rules: restrict(intoFolders(others('shared', 'launcher')), electron, vueWorld, rendererAlias),
  },
  {
    files: ['src/renderer/**'],
    rules: restrict(intoFolders(others('shared', 'ui', 'renderer')), nodeBuiltins, electron, serverOnly),
  },
  {
    files: ['src/portal/**'],
    rules: restrict(intoFolders(others('shared', 'ui', 'portal')), nodeBuiltins, electron, serverOnly, rendererAlias),
  },
  {
    files: ['src/ui/**'],
    rules: restrict(intoFolders(others('shared', 'ui')), nodeBuiltins, electron, serverOnly, rendererAlias),
  },
  // On SQLite every statement shares one connection: a write that bypasses the TransactionRunner runs
  // inside whatever transaction is open at that moment and is rolled back with it. Server writes go
  // through `tx.write` / `tx.job`, which queue transactions one after another.
  {
    files: ['src/server/**'],
    ignores: ['**/*.test.ts', 'src/server/seed/**', 'src/server/sync/testWorld.ts', 'src/server/db/testDatabases.ts', 'src/server/db/transactions.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.property.name=/^(insert|update|delete|save|remove|upsert|increment|decrement|softDelete|clear)$/][callee.object.callee.property.name='getRepository']",
          message: 'Write through the TransactionRunner (tx.write / tx.job): on SQLite a direct write can land in, and be rolled back with, another transaction.',
        },
        {
          selector: "CallExpression[callee.property.name='transaction'][callee.object.property.name='db']",
          message: 'Open transactions through the TransactionRunner, which queues them on SQLite.',
        },
        // Reads outside a transaction on `tx.db` (building an entity with `create` reads nothing).
        {
          selector:
            "CallExpression[callee.object.callee.property.name='getRepository'][callee.object.callee.object.property.name='db']:matches([callee.object.callee.object.object.name='tx'], [callee.object.callee.object.object.property.name='tx'])[callee.property.name!=/^(create|merge|insert|update|delete|save|remove|upsert|increment|decrement|softDelete|clear)$/]",
          message: TX_DB_READ,
        },
        {
          selector: "MemberExpression[property.name=/^(query|manager|createQueryBuilder)$/][object.property.name='db']:matches([object.object.name='tx'], [object.object.property.name='tx'])",
          message: TX_DB_READ,
        },
        // The rules above see only chained calls: `const db = tx.db`, `const { db } = tx`,
        // `f(tx.db)` or `const users = tx.db.getRepository(User)` would slip past them.
        {
          selector: "MemberExpression[property.name='db']:matches([object.name='tx'], [object.property.name='tx']):not(MemberExpression > MemberExpression.object)",
          message: TX_DB_ALIAS,
        },
        {
          selector: "VariableDeclarator:matches([init.name='tx'], [init.property.name='tx']) > ObjectPattern.id > Property[key.name='db']",
          message: TX_DB_ALIAS,
        },
        {
          selector:
            "CallExpression[callee.property.name='getRepository'][callee.object.property.name='db']:matches([callee.object.object.name='tx'], [callee.object.object.property.name='tx']):not(MemberExpression > CallExpression.object)",
          message: TX_DB_ALIAS,
        },
      ],
    },
  },
  // Tests may reach across layers to wire real parts together; they never ship.
  { files: ['**/*.test.ts', 'tests/**', 'bench/**'], rules: { 'no-restricted-imports': 'off' } },
);
