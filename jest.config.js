/**
 * One jest configuration for the whole workspace, in ESM (ARCHITECTURE §9): ts-jest
 * transpiles TypeScript per file (type checking is `tsc -b`'s job), and workspace
 * packages resolve to their sources so tests never need a build first.
 */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  roots: ['<rootDir>/packages', '<rootDir>/services'],
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  moduleNameMapper: {
    // A package, or a service through its entry point (tests never reach into another service's folder).
    '^@voxmesh/([a-z-]+)$': ['<rootDir>/packages/$1/src/index.ts', '<rootDir>/services/$1/src/index.ts'],
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: '<rootDir>/tsconfig.jest.json', diagnostics: false }],
  },
  setupFiles: ['<rootDir>/jest.setup.js'],
  testTimeout: 30000,
  // Each test file loads its modules anew in ESM mode and a worker keeps what they leave
  // behind; on two cores one worker runs nearly every file, so it is replaced whenever it
  // ends a file holding more than this, instead of running out of heap near the end.
  workerIdleMemoryLimit: '1GB',
};
