const { aliases } = require('./scripts/aliases');

const swc = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
};

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/workflows', '<rootDir>/test'],
  testMatch: ['**/*.spec.ts'],
  // ESM-only dependencies are compiled to CommonJS for Jest's module system.
  transform: { '^.+\\.(ts|js)$': ['@swc/jest', swc] },
  // ESM-only packages Jest must transform: cel-js; jose and oidc-provider (with the ESM packages it pulls in) for the identity tests.
  transformIgnorePatterns: [
    '/node_modules/(?!(@marcbachmann/cel-js|@nestjs/terminus|jose|oidc-provider|quick-lru|nanoid|got|@sindresorhus|@szmarczak|cacheable-lookup|cacheable-request|mimic-response|normalize-url|responselike|lowercase-keys|form-data-encoder|p-cancelable)/)',
  ],
  moduleNameMapper: Object.fromEntries(Object.entries(aliases()).map(([alias, dir]) => [`^${alias}$`, dir])),
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 60_000,
  maxWorkers: 2,
};
