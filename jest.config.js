// Jest runs the TypeScript sources through swc; type checking is `tsc --noEmit` in `npm test`.
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022' } }] },
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  // A test's first run loads much of the tool cold; on a loaded CI machine that alone can pass Jest's
  // 5 s default. A hang still fails, after 30 s.
  testTimeout: 30_000,
};
