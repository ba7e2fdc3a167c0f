// ESM mode: NestJS 12 ships ES modules only. @swc/jest compiles TS with decorator metadata,
// without which Nest injection silently yields undefined.
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2022',
    },
    module: { type: 'es6' },
  },
];

/**
 * @fastify/static (CommonJS, for the API docs' assets) requires content-disposition 2, an ES module: Node
 * loads that (require of ESM), Jest's module loader does not before Node 24.9, so Jest compiles it to CommonJS.
 */
const esmRequiredFromCjs = ['@swc/jest', { module: { type: 'commonjs' } }];

const common = {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': swc, '/node_modules/@fastify/static/node_modules/content-disposition/.+\\.js$': esmRequiredFromCjs },
  transformIgnorePatterns: ['/node_modules/(?!@fastify/static/node_modules/content-disposition/|content-disposition/dist/)'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1', '^\\$api/(.*)\\.js$': '<rootDir>/api/src/$1' },
  testMatch: ['**/*.spec.ts'],
};

/**
 * Two projects: `unit` (rules beside their code, and the SQL marts on DuckDB fixtures) needs no PostgreSQL, so
 * `npm run test:unit` (jest --selectProjects unit) starts none; `database` (integration, e2e, architecture) gets
 * the embedded server and the demo template from its global setup, which runs only when one of its tests does.
 */
export default {
  testTimeout: 60000,
  maxWorkers: 2,
  projects: [
    {
      ...common,
      displayName: 'unit',
      roots: ['<rootDir>/api', '<rootDir>/jobs', '<rootDir>/dashboard/src', '<rootDir>/test/sql'],
    },
    {
      ...common,
      displayName: 'database',
      roots: ['<rootDir>/test'],
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/sql/'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
  ],
};
