import { randomBytes } from 'node:crypto';

// Names this run's template database; workers inherit it (see test/support/test-database.ts).
process.env.CRM_TEST_RUN_ID ??= `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;

// NestJS 12 is ESM-only, so Jest runs in its ESM mode (see package.json "test").
const swcTypeScript = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'es6' },
  },
];
// A few ESM-only packages are require()d by CommonJS dependencies; Jest cannot, so compile them to CommonJS.
const swcEsmPackages = ['@swc/jest', { jsc: { parser: { syntax: 'ecmascript' }, target: 'es2022' }, module: { type: 'commonjs' } }];

const common = {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': swcTypeScript, '^.+\\.m?js$': swcEsmPackages },
  transformIgnorePatterns: ['/node_modules/(?!(content-disposition|cookie|htmlparser2|domhandler|domutils|dom-serializer|domelementtype|entities)/)'],
};

const unit = { ...common, displayName: 'unit', testMatch: ['<rootDir>/src/**/*.spec.ts'] };
const e2e = {
  ...common,
  displayName: 'e2e',
  testMatch: ['<rootDir>/test/*.e2e-spec.ts'],
  setupFilesAfterEnv: ['<rootDir>/test/support/setup-timeouts.ts'],
  globalSetup: '<rootDir>/test/support/global-setup.mjs',
  globalTeardown: '<rootDir>/test/support/global-teardown.mjs',
};
// Real server processes and services the tests start themselves: `npm run test:faults` (CI runs both tiers).
const faults = {
  ...common,
  displayName: 'faults',
  testMatch: ['<rootDir>/test/faults/*.fault-spec.ts'],
  setupFilesAfterEnv: ['<rootDir>/test/support/setup-timeouts.ts'],
  globalSetup: '<rootDir>/test/support/global-setup.mjs',
  globalTeardown: '<rootDir>/test/support/global-teardown.mjs',
};

export default {
  // A test's own deadline; setup hooks have theirs (test/support/setup-timeouts.ts).
  testTimeout: 60_000,
  // Two cores: one file per core. Each file leaves its module graph behind in its worker, so a
  // worker whose heap grew past this after a file is replaced before GC on a large heap slows it.
  maxWorkers: 2,
  workerIdleMemoryLimit: '1200MB',
  projects: process.env.CRM_TEST_TIER === 'faults' ? [faults] : [unit, e2e],
};
