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

export default {
  // Booting the app on a fresh embedded database takes seconds; requests themselves are fast.
  testTimeout: 60_000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/src/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      globalTeardown: '<rootDir>/test/support/global-teardown.mjs',
    },
  ],
};
