// @ts-check
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'cdk.out/',
      '.data/',
      'coverage/',
      '.bench/',
      '.scratch/',
      'eslint.config.js',
      '.dependency-cruiser.cjs',
    ],
  },
  eslint.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // Lambda cold init: classic zod costs ~0.4x a bare SDK client; handlers use zod/mini through one module.
    files: ['functions/**/*.ts'],
    ignores: ['functions/schemas/zod.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'zod',
              message:
                "Import * as z from 'functions/schemas/zod.ts' (zod/mini): classic zod is too heavy for Lambda cold init.",
            },
            {
              name: 'zod/mini',
              message: "Import * as z from 'functions/schemas/zod.ts', which also loads the English messages.",
            },
          ],
        },
      ],
    },
  },
);
