// One jest run, one project per part of the product. @swc/jest compiles TypeScript (≈3x faster than ts-jest).
const swc = ['@swc/jest', { jsc: { parser: { syntax: 'typescript', tsx: true }, transform: { react: { runtime: 'automatic' } }, target: 'es2022' }, module: { type: 'commonjs' } }];

const base = {
  transform: { '^.+\\.(t|j)sx?$': swc },
  moduleFileExtensions: ['ts', 'tsx', 'js', 'jsx', 'json'],
};

/** @type {import('jest').Config} */
module.exports = {
  testTimeout: 30000,
  projects: [
    { ...base, displayName: 'shared', testEnvironment: 'node', testMatch: ['<rootDir>/shared/**/*.test.ts', '<rootDir>/testing/**/*.test.ts'] },
    { ...base, displayName: 'bff', testEnvironment: 'node', testMatch: ['<rootDir>/bff/**/*.test.ts'] },
    { ...base, displayName: 'sandbox', testEnvironment: 'node', testMatch: ['<rootDir>/sandbox/**/*.test.ts'] },
  ],
};
