// @ts-check
// One jest run, one project per part of the product, plus `static` (typecheck, lint, the bootstrap's decisions).
// @swc/jest compiles TypeScript (≈3x faster than ts-jest), global setup files included.
const swc = ['@swc/jest', { jsc: { parser: { syntax: 'typescript', tsx: true }, transform: { react: { runtime: 'automatic' } }, target: 'es2022' }, module: { type: 'commonjs' } }];

const base = {
  transform: { '^.+\\.(t|j)sx?$': swc },
  moduleFileExtensions: ['ts', 'tsx', 'js', 'jsx', 'json'],
};

/** @type {import('jest').Config} */
module.exports = {
  testTimeout: 30000,
  projects: [
    {
      // The repository's own checks as tests, so `npm test` counts a type error or a lint finding as a failed test.
      ...base,
      displayName: 'static',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/scripts/**/*.test.ts'],
    },
    { ...base, displayName: 'shared', testEnvironment: 'node', testMatch: ['<rootDir>/shared/**/*.test.ts', '<rootDir>/testing/**/*.test.ts'] },
    // The bench's own instruments (its load generator), so that a figure in the README cannot come from a broken one.
    { ...base, displayName: 'bench', testEnvironment: 'node', testMatch: ['<rootDir>/bench/**/*.test.ts'] },
    { ...base, displayName: 'bff', testEnvironment: 'node', testMatch: ['<rootDir>/bff/**/*.test.ts'] },
    { ...base, displayName: 'sandbox', testEnvironment: 'node', testMatch: ['<rootDir>/sandbox/**/*.test.ts'] },
    {
      // Mini-program screens and services in jsdom: Taro APIs are a test double, components are Taro's H5 ones.
      ...base,
      displayName: 'miniapp',
      testEnvironment: 'jsdom',
      testMatch: ['<rootDir>/miniapp/**/*.test.ts', '<rootDir>/miniapp/**/*.test.tsx'],
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/miniapp/test/weapp/'],
      setupFilesAfterEnv: ['<rootDir>/miniapp/test/setup.ts'],
      moduleNameMapper: {
        '^@tarojs/taro$': '<rootDir>/miniapp/test/taro-mock.ts',
        '^@tarojs/components$': '<rootDir>/miniapp/test/components.ts',
        '\\.(css|scss|sass|less)$': '<rootDir>/miniapp/test/style-mock.ts',
      },
      // Taro's H5 components ship as ES modules.
      transformIgnorePatterns: ['/node_modules/(?!(@tarojs)/)'],
    },
    {
      // The compiled weapp output (dist/weapp) rendered by miniprogram-simulate; globalSetup rebuilds it when stale.
      ...base,
      displayName: 'weapp',
      // miniprogram-simulate renders into a DOM.
      testEnvironment: 'jsdom',
      testMatch: ['<rootDir>/miniapp/test/weapp/**/*.test.ts'],
      // The compiled output runs as shipped (it is already CommonJS-style script for the WeChat runtime).
      transformIgnorePatterns: ['/node_modules/', '<rootDir>/dist/'],
      globalSetup: '<rootDir>/miniapp/test/weapp/globalSetup.ts',
    },
    {
      // Browser journeys: Chromium against the running product (Redis, sandbox, BFF serving a snapshot of dist/h5).
      ...base,
      displayName: 'e2e',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/e2e/**/*.e2e.test.ts'],
      globalSetup: '<rootDir>/e2e/globalSetup.ts',
      globalTeardown: '<rootDir>/e2e/globalTeardown.ts',
    },
  ],
};
