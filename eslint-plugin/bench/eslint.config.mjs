// The plugin as built in this repository (../lib), with its recommended config only, so
// ESLint's time is its own start-up and parse plus the plugin's lint.
import phoenix from '../lib/index.js';

export default [
  phoenix.configs.recommended,
  { linterOptions: { reportUnusedDisableDirectives: 'off' } },
];
