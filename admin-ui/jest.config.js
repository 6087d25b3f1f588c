// Component tests: jest-preset-angular (ts-jest + Angular's JIT transforms) in jsdom, zoneless
// (setup-jest.ts). Run with `npm test -w admin-ui`.
const { createCjsPreset } = require('jest-preset-angular/presets');

/** @type {import('jest').Config} */
module.exports = {
  ...createCjsPreset({ tsconfig: '<rootDir>/tsconfig.spec.json' }),
  displayName: 'admin-ui',
  // eventsource-parser ships ESM only; let ts-jest turn it into CommonJS like Angular's .mjs.
  transformIgnorePatterns: [
    'node_modules/(?!(.*\\.mjs$|@angular/common/locales/.*\\.js$|eventsource-parser/))',
  ],
  rootDir: __dirname,
  roots: ['<rootDir>/src'],
  setupFilesAfterEnv: ['<rootDir>/setup-jest.ts'],
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
