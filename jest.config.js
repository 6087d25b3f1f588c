// One jest project per Node workspace, plus the integration project (real services from infra/).
// admin-ui has its own jest config (jest-preset-angular); `npm run test:ui` runs it.
/** @type {import('jest').Config['transform']} */
const transform = {
  '^.+\\.(t|j|mj)s$': [
    '@swc/jest',
    {
      jsc: { parser: { syntax: 'typescript' }, target: 'es2023' },
      module: { type: 'commonjs' },
    },
  ],
};

// ESM-only packages that jest must transform to CommonJS.
const esmPackages = ['eventsource-parser'];

const common = {
  testEnvironment: 'node',
  transform,
  transformIgnorePatterns: [`/node_modules/(?!(${esmPackages.join('|')})/)`],
  moduleNameMapper: {
    '^@llmfb/shared$': '<rootDir>/shared/src/index.ts',
    '^@llmfb/shared/node$': '<rootDir>/shared/src/node/index.ts',
    '^@llmfb/shared/(events|analytics|node/analytics|node/bus)$':
      '<rootDir>/shared/src/$1/index.ts',
    '^@llmfb/workers$': '<rootDir>/workers/src/index.ts',
    '^@llmfb/workers/start-workers$': '<rootDir>/workers/src/start-workers.ts',
  },
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  rootDir: __dirname,
};

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    { ...common, displayName: 'shared', testMatch: ['<rootDir>/shared/src/**/*.test.ts'] },
    { ...common, displayName: 'gateway', testMatch: ['<rootDir>/gateway/src/**/*.test.ts'] },
    { ...common, displayName: 'workers', testMatch: ['<rootDir>/workers/src/**/*.test.ts'] },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/*/test/**/*.int.test.ts'],
      globalSetup: '<rootDir>/infra/jest/global-setup.js',
      setupFilesAfterEnv: ['<rootDir>/infra/jest/integration-setup.js'],
    },
  ],
};
