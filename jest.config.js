// Before anything resolves a module: the resolver reads the vendor bundle's entries.
require('./test/vendor-bundle').prepareVendorBundle();

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': '<rootDir>/test/esbuild-transform.js' },
  snapshotFormat: { escapeString: false, printBasicPrototype: false },
  testTimeout: 60000,
  // Jest's default is one worker per core but one: on two cores, one. Many suites mostly wait on real
  // servers (Prometheus' scrapes, Alertmanager's grouping), so four at once keep both cores busy:
  // 276 s → 172 s of jest here, with every assertion kept (six workers: no faster).
  maxWorkers: 4,
  // The packages nearly every suite loads come from one bundle (test/vendor-bundle.js).
  resolver: '<rootDir>/test/vendor-resolver.js',
  coveragePathIgnorePatterns: ['/node_modules/', '<rootDir>/dist/'],
  setupFilesAfterEnv: ['<rootDir>/test/stack-traces.js'],
  globalSetup: '<rootDir>/test/global-setup.js',
  globalTeardown: '<rootDir>/test/global-teardown.js',
};
