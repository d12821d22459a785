// eslint.config.mjs
import phoenix from 'eslint-plugin-phoenix';

export default [phoenix.configs.recommended];
