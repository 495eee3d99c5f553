/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // Type checking is done once by `tsc` in the build; ts-jest only transpiles, which keeps the suite fast.
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.node.json' }] },
  // The runtime formats dates in the script's time zone; tests run in the same one as appsscript.json.
  globalSetup: '<rootDir>/test/globalSetup.cjs',
  setupFilesAfterEnv: ['<rootDir>/test/seed.cjs'],
  testTimeout: 60000,
};
