// ESLint: typescript-eslint's strict rules over everything we write; Prettier owns the layout.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', '.cache/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        setImmediate: 'readonly',
        URL: 'readonly',
        fetch: 'readonly',
      },
    },
    rules: {
      // tsconfig sets noUncheckedIndexedAccess: an element we know is there is spelt `xs[0]!`.
      '@typescript-eslint/no-non-null-assertion': 'off',
      // Unused on purpose is spelt with a leading underscore.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
    },
  },
  {
    // The fakes and drivers read the platforms' JSON as the platforms send it: untyped, by design.
    files: ['test/support/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // The chat page's own script runs in the browser, beside Web Chat's bundle (window.WebChat).
    files: ['adapters/teams/webchat/page/**/*.js'],
    languageOptions: {
      sourceType: 'script',
      globals: {
        window: 'readonly',
        document: 'readonly',
        localStorage: 'readonly',
        location: 'readonly',
        CSS: 'readonly',
        fetch: 'readonly',
        setInterval: 'readonly',
        WeakMap: 'readonly',
      },
    },
  },
  { files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly' } } },
);
