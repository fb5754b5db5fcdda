// `npm run lint`: ESLint with typescript-eslint, typed rules on every TypeScript file.
// Each TypeScript file is checked against the tsconfig.json nearest to it (the project service):
// apps/web/src against apps/web/tsconfig.json (DOM, JSX), everything else against the root one.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

// Everything a workflow imports is replayed: it must be deterministic and do no I/O (STYLE.md,
// "Workflows orchestrate and decide; they never do I/O"). test/workflow-determinism.spec.ts walks
// the import graph for the same reason; this rule names the offending line while you type.
const nodeBuiltins = builtinModules.filter((name) => !name.startsWith('_'));
const workflowImportRestrictions = {
  paths: [
    ...nodeBuiltins.map((name) => ({ name, message: 'Workflow code is replayed: Node built-ins do I/O or read the world. Use an activity.' })),
    // `import type` is erased from the bundle: workflows type their activities with it, as Temporal's samples do.
    { name: '@accord/activities', allowTypeImports: true, message: 'Workflows reach activities through proxyActivities; import their types only.' },
    { name: '@accord/persistence', allowTypeImports: true, message: 'Workflows never touch the database: use an activity.' },
    { name: '@accord/runtime', allowTypeImports: true, message: 'The runtime reads configuration and opens connections: not for workflow code.' },
    { name: 'typeorm', message: 'Workflows never touch the database: use an activity.' },
    { name: 'pg', message: 'Workflows never touch the database: use an activity.' },
    { name: '@temporalio/client', message: 'A workflow talks to other workflows with @temporalio/workflow (signals, child workflows), not the client.' },
    { name: '@temporalio/worker', message: 'The worker runs workflows; workflows never import it.' },
    { name: '@temporalio/activity', message: 'Activity context does not exist inside a workflow.' },
  ],
  patterns: [
    { group: ['node:*'], message: 'Workflow code is replayed: Node built-ins do I/O or read the world. Use an activity.' },
    { group: ['@nestjs/*'], message: 'NestJS belongs to the API and the worker, not to replayed workflow code.' },
  ],
};

// What the Temporal sandbox does with each global (node_modules/@temporalio/workflow/src/global-overrides.ts,
// docs.temporal.io/typescript/determinism):
// - `Date` and `Date.now()` are replaced by the workflow clock (the time of the current workflow task):
//   they ARE the workflow clock in the TypeScript SDK, so they stay allowed.
// - `Math.random()` is replaced by a PRNG seeded from history: deterministic, but every call draws from one
//   shared sequence (uuid4() too), so a call added to the code shifts every later value when a running
//   project replays its history. Ids come from inputs (STYLE.md).
// - `setTimeout`/`clearTimeout` are replaced by timers that do not play well with cancellation scopes:
//   use `sleep()` or `condition(fn, timeout)`.
// - `setInterval`/`clearInterval`, `setImmediate` and `process` do not exist there: the worker starts each
//   sandbox from an empty vm context (@temporalio/worker, vm.createContext({})) and adds only the above.
//   Configuration comes in as workflow input.
const workflowGlobalRestrictions = [
  { name: 'setTimeout', message: 'Use sleep() or condition(fn, timeout) from @temporalio/workflow: they are cancellable timers.' },
  { name: 'clearTimeout', message: 'Use a CancellationScope around sleep() or condition().' },
  { name: 'setInterval', message: 'The workflow sandbox has no setInterval: loop over sleep() or condition().' },
  { name: 'clearInterval', message: 'The workflow sandbox has no setInterval: loop over sleep() or condition().' },
  { name: 'setImmediate', message: 'The workflow sandbox has no setImmediate.' },
  { name: 'process', message: 'Workflows get configuration as input; process does not exist in the sandbox.' },
  { name: 'WeakRef', message: 'Garbage collection is not deterministic: the sandbox forbids WeakRef.' },
  { name: 'FinalizationRegistry', message: 'Garbage collection is not deterministic: the sandbox forbids FinalizationRegistry.' },
];
// The globals of the CommonJS Node scripts (the `globals` package is not installed; these are all they use).
const nodeGlobals = Object.fromEntries(
  [
    'require',
    'module',
    'exports',
    '__dirname',
    '__filename',
    'process',
    'console',
    'Buffer',
    'setTimeout',
    'clearTimeout',
    'setInterval',
    'clearInterval',
    'setImmediate',
    'URL',
    'URLSearchParams',
    'fetch',
    'AbortController',
    'AbortSignal',
    'structuredClone',
    'TextEncoder',
    'TextDecoder',
    'globalThis',
  ].map((name) => [name, 'readonly']),
);

const workflowPropertyRestrictions = [
  { object: 'Math', property: 'random', message: 'One seeded sequence per workflow: a new call shifts every later value on replay. Take ids from inputs.' },
  { object: 'globalThis', property: 'setTimeout', message: 'Use sleep() or condition(fn, timeout) from @temporalio/workflow.' },
  { object: 'globalThis', property: 'setInterval', message: 'The workflow sandbox has no setInterval.' },
  { object: 'performance', property: 'now', message: 'Wall-clock time is not deterministic: use Date, which is the workflow clock.' },
];

export default defineConfig(
  {
    ignores: ['**/node_modules/**', 'dist/**', '**/dist/**', '.tools/**', '.data/**', '.test-results/**', 'coverage/**', 'apps/web/src/lib/api/schema.gen.ts'],
  },
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      // Also on JSX attributes: the web app's handlers call TanStack Query's mutate(), which returns nothing,
      // so an async onClick/onSubmit (whose rejection React would drop) is flagged, not allowed.
      '@typescript-eslint/no-misused-promises': 'error',
      // A switch without a default must name every member of its union. A `default` is the author saying
      // "everything else" (timeline rows people do not look for, the domain services behind one call):
      // listing thirty members there would restate the union, not find a forgotten case. Where a new
      // member must be handled, the code ends in `default: { const unknown: never = … }`, which tsc checks.
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          args: 'after-used',
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
    },
  },
  {
    files: ['scripts/**/*.js', '*.js', '*.mjs'],
    languageOptions: { sourceType: 'commonjs', globals: nodeGlobals },
    rules: {
      // These are CommonJS Node scripts: require() is how they load modules.
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  { files: ['*.mjs'], languageOptions: { sourceType: 'module' } },
  {
    files: ['workflows/**/*.ts', 'bench/**/*.workflow.ts', 'libs/contracts/src/**/*.ts', 'libs/approvals/src/**/*.ts', 'libs/domain/src/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': ['error', workflowImportRestrictions],
      'no-restricted-globals': ['error', ...workflowGlobalRestrictions],
      'no-restricted-properties': ['error', ...workflowPropertyRestrictions],
    },
  },
);
