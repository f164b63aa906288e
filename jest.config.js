// Projects split by location: unit tests sit next to the code (cross-service ones in test/component),
// integration tests live in test/,
// and test/pipe runs against the stacks deployed with publisher=pipe.
const transform = { '^.+\\.ts$': ['ts-jest', {}] };

module.exports = {
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      transform,
      roots: [
        '<rootDir>/shared/src',
        '<rootDir>/services',
        '<rootDir>/scripts',
        '<rootDir>/bench',
        '<rootDir>/explorer',
        '<rootDir>/test/component',
      ],
      testMatch: ['**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', '/.esbuild/', '/.serverless/'],
    },
    {
      displayName: 'integration',
      testEnvironment: 'node',
      transform,
      roots: ['<rootDir>/test'],
      testMatch: ['**/*.int.ts'],
      // Run by make test after the outbox services are redeployed with publisher=pipe.
      testPathIgnorePatterns: ['/test/pipe/'],
      // Every suite's faults on before the first suite starts, off after the last (faultPresets.ts).
      globalSetup: '<rootDir>/test/support/integrationGlobalSetup.ts',
      globalTeardown: '<rootDir>/test/support/globalTeardown.ts',
      setupFilesAfterEnv: ['<rootDir>/test/support/timeouts.ts'],
    },
    {
      displayName: 'pipe',
      testEnvironment: 'node',
      transform,
      roots: ['<rootDir>/test/pipe'],
      testMatch: ['**/*.int.ts'],
      globalSetup: '<rootDir>/test/support/globalSetup.ts',
      setupFilesAfterEnv: ['<rootDir>/test/support/timeouts.ts'],
    },
  ],
};
