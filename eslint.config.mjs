import { defineConfig, globalIgnores } from 'eslint/config';
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTypescript from 'eslint-config-next/typescript';

export default defineConfig([
  ...nextVitals,
  ...nextTypescript,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      // lib/ is the domain: it never reaches into the UI.
      'no-restricted-imports': ['error', { patterns: [] }],
    },
  },
  {
    files: ['lib/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@/app/*', '@/components/*'],
              message: 'lib/ must not import from app/ or components/.',
            },
          ],
        },
      ],
    },
  },
  globalIgnores([
    '.next/**',
    'node_modules/**',
    'lib/db/generated/**',
    'data/**',
    'models/**',
    'public/widget.js',
    'public/widget/**',
    'next-env.d.ts',
    'tests/fixtures/generated/**',
  ]),
]);
