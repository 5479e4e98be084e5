// @ts-check
// The house lint rules: typescript-eslint with type information, React hook rules, no import cycles; Prettier owns layout.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import { createNodeResolver, flatConfigs as importX } from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Test code: files that only run under jest or drive the product from outside. */
const TEST_FILES = ['**/*.test.ts', '**/*.test.tsx', '**/testing/**', '**/testing.ts', 'e2e/**', 'bench/**', 'bff/test/**', 'miniapp/test/**', 'sandbox/testSupport.ts'];

export default tseslint.config(
  // Generated output and caches (see .gitignore): never linted.
  { ignores: ['dist/**', 'artifacts/**', '.swc/**', 'coverage/**', '.data/**', 'node_modules/**'] },

  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      // The one tsconfig.json gives every file its types (projectService finds it per file).
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },

  // Import cycles: a cycle between modules is a layering mistake (routes → services → stores, shared ← both sides).
  {
    plugins: { 'import-x': importX.recommended.plugins['import-x'] },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.d.ts', '.js', '.mjs', '.cjs', '.json'] })],
      'import-x/extensions': ['.ts', '.tsx', '.js', '.mjs', '.cjs'],
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },

  // React hooks in the mini-program.
  {
    files: ['miniapp/**/*.ts', 'miniapp/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      // A hook returns an object of closures (`const { save } = useChangeDraft()`), never `this`-bound methods.
      '@typescript-eslint/unbound-method': 'off',
    },
  },

  // What a demanding team keeps everywhere.
  {
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { prefer: 'type-imports', fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/no-explicit-any': 'error',
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-console': 'off',
    },
  },

  // Tests read untyped JSON bodies and poke at internals on purpose; the product's any-leak and promise rules stay on
  // for the code they import.
  {
    files: TEST_FILES,
    languageOptions: { globals: { ...globals.jest } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/unbound-method': 'off',
      // An async callback without await is how a test hands a value to a Promise-taking helper (eventually, fakes).
      '@typescript-eslint/require-await': 'off',
    },
  },

  // Plain JavaScript (configs, the dependency-free bootstrap): CommonJS or ESM without the type-aware rules' types.
  {
    files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },

  // Layout is Prettier's (`prettier --check` in `npm run lint`): turn off every rule that would fight it.
  prettier,
);
