// eslint.config.mjs — with TypeScript files read by @typescript-eslint/parser
import phoenix from 'eslint-plugin-phoenix';
import tsParser from '@typescript-eslint/parser';

export default [
  phoenix.configs.recommended,
  { files: ['**/*.ts', '**/*.mts', '**/*.cts', '**/*.tsx'], languageOptions: { parser: tsParser } },
];
