// ESLint flat config: modest general rules (recommended, typescript-eslint recommended) and the import
// boundaries of the architecture (../shared/ARCHITECTURE.md), enforced here rather than by review.
// `npm run lint` runs it with --max-warnings=0; CI (.ci/run) fails on any finding.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import boundaries from './scripts/eslint-boundaries.js';

/** Where the Prisma client and its generated types may be imported: the stores, and the code that wires or seeds them. */
const DB_ALLOWED = [
  'src/db/**',
  // Composition root: opens the database and hands `prisma` to features and platform.
  'src/app.ts',
  'src/main.ts',
  // The type of the handle features receive (FeatureDeps.prisma); no query is written there.
  'src/features/deps.ts',
  // Repositories, read models and queries of the features.
  '**/repository.ts',
  '**/repositories/**',
  '**/read-model*.ts',
  '**/queries.ts',
  // Platform modules that are themselves stores (each owns its table(s)).
  'src/platform/audit.ts',
  'src/platform/events.ts',
  'src/platform/numbering.ts',
  'src/platform/objects.ts',
  'src/platform/outbox/**',
  'src/platform/scheduler/scheduler.ts',
  'src/platform/calendar/calendar-repository.ts',
  'src/platform/calendar/calendar-service.ts',
  'src/platform/export/deliver-file.ts',
  'src/platform/cards/store.ts',
  // Local mode (fake Lark, demo data, the local page's API) is infrastructure around the app.
  'src/local/**',
  // Command-line tools and scripts.
  '**/cli/**',
  'scripts/**',
  'prisma.config.ts',
];

/** The boundary table read by the `sanban/boundaries` rule (scripts/eslint-boundaries.js). */
const BOUNDARIES = [
  {
    id: 'prisma',
    modules: ['src/db/client.ts', 'src/db/generated/**', '@prisma/**'],
    allowIn: DB_ALLOWED,
    message: 'the Prisma client and its types belong in repositories, read models, queries and platform stores; move the access into one',
  },
  {
    id: 'db-handle',
    modules: ['src/db/handles.ts'],
    forbidIn: ['**/presenters/**', '**/domain/**', 'src/cards/**', 'src/router/**', 'src/ports/**', '**/schemas.ts', '**/policy.ts'],
    message: 'presenters, domain, cards, the router, ports, schemas and policies hold no database handle',
  },
  {
    id: 'lark-sdk',
    modules: ['@larksuiteoapi/**'],
    allowIn: ['src/adapters/**', 'src/transport/**'],
    message: 'the Lark SDK is used only in src/adapters and src/transport; elsewhere speak to the Messenger port',
  },
  {
    id: 'node-cron',
    modules: ['node-cron'],
    allowIn: ['src/adapters/cron-scheduler.ts'],
    message: 'node-cron is used only by its adapter (src/adapters/cron-scheduler.ts)',
  },
  {
    id: 'router-platform',
    modules: ['src/platform/**'],
    forbidIn: ['src/router/**'],
    message: 'the router imports nothing from src/platform; put the shared type in src/ports',
  },
  {
    id: 'feature-registry',
    modules: ['src/features/index.ts'],
    forbidIn: ['src/features/*/**'],
    message: 'a feature does not import the registry (src/features/index.ts): FeatureDeps is in src/features/deps.ts',
  },
];

/** A store call (`deps.prisma.x`, `app.db.prisma.x`, `prisma.x`, `tx.x`) in a layer that must not query the database. */
const NO_DB_CALLS = [
  {
    selector: "MemberExpression[object.type='MemberExpression'][object.property.name='prisma'][property.name!=/^\\$transaction$/]",
    message: 'no database access here: call a repository / read-model function',
  },
  {
    // `$transaction` opens a unit of work; every other member is a query.
    selector: "MemberExpression[object.type='Identifier'][object.name=/^(prisma|tx)$/][property.name!=/^\\$transaction$/]",
    message: 'no database access here: call a repository / read-model function',
  },
];

export default tseslint.config(
  {
    name: 'sanban/ignores',
    ignores: ['node_modules/**', 'src/db/generated/**', 'prisma/migrations/**', 'data/**', 'scratch/**', 'bench/results/**', 'test-artifacts/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    name: 'sanban/general',
    languageOptions: { ecmaVersion: 2022, sourceType: 'module', globals: { ...globals.node } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // Office text is full of U+3000 (the ideographic space) in strings and templates: only code is checked.
      'no-irregular-whitespace': ['error', { skipStrings: true, skipTemplates: true, skipComments: true, skipRegExps: true }],
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
      '@typescript-eslint/no-unused-expressions': ['error', { allowShortCircuit: true, allowTernary: true }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    name: 'sanban/browser',
    files: ['src/local/web/**/*.js'],
    languageOptions: { sourceType: 'module', globals: { ...globals.browser } },
  },
  {
    name: 'sanban/boundaries',
    files: ['**/*.{ts,js,mjs}'],
    plugins: { sanban: boundaries },
    rules: { 'sanban/boundaries': ['error', { boundaries: BOUNDARIES, features: 'src/features' }] },
  },
  {
    name: 'sanban/no-db-calls',
    files: [
      '**/presenters/**',
      '**/domain/**',
      'src/cards/**',
      'src/router/**',
      '**/commands.ts',
      '**/commands/**',
      '**/actions.ts',
      '**/*-actions.ts',
      // Use cases, jobs and the tracked-cards piece hold handles and call repositories; they write no query.
      'src/features/*/use-cases/**',
      'src/features/*/jobs/**',
      'src/features/*/jobs.ts',
      'src/features/*/audience.ts',
      'src/platform/cards/tracked-cards.ts',
    ],
    ignores: ['**/*.test.ts'],
    rules: { 'no-restricted-syntax': ['error', ...NO_DB_CALLS] },
  },
  {
    name: 'sanban/tests',
    files: ['**/*.test.ts', 'test/**', 'bench/**', 'drills/**'],
    rules: {
      // Tests, benchmarks and drills set up and inspect the database and the fakes directly.
      'sanban/boundaries': [
        'error',
        { boundaries: BOUNDARIES.filter((b) => !['prisma', 'lark-sdk', 'node-cron'].includes(b.id)), features: 'src/features', allowTestsAcrossFeatures: true },
      ],
    },
  },
);
