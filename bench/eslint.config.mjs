// ESLint's nearest equivalent of phoenix-lint's three rules, written only with
// `no-restricted-syntax` selectors (esquery), for the comparison benchmark.
//
// What selectors can express: node types, attribute values (`callee.name`), parent/child
// and ancestor relations, `:has`/`:not`, and "inside any function" (`:function`).
// What they cannot: scope resolution (which declaration a name refers to, whether it is
// module-level or local, shadowing), following a value through a variable (`session(opts)`,
// `multer({ storage })` where `storage` came from `diskStorage`), whether a function is a
// request handler, or `require`/`import` tracing (`multer` is matched as a name, whatever
// it is bound to). So the no-global-state approximation flags every write to a bare name,
// or every mutating method call, made inside any function (locals included), and the
// session selector flags options it cannot see into. Each message starts with the rule it
// stands for, so compare.sh can count findings per rule.

const restricted = [
  // no-local-uploads
  {
    selector:
      "CallExpression[callee.name='multer'] > ObjectExpression:not(:has(Property[key.name='storage'])) > Property[key.name='dest']",
    message: '[no-local-uploads] multer `dest` writes uploads to this server\'s disk.',
  },
  {
    selector: "CallExpression[callee.object.name='multer'][callee.property.name='diskStorage']",
    message: "[no-local-uploads] multer.diskStorage writes uploads to this server's disk.",
  },
  // no-local-sessions
  {
    selector: "CallExpression[callee.name='session']:not(:has(Property[key.name='store']))",
    message: '[no-local-sessions] session() without a `store` keeps sessions in process memory.',
  },
  {
    selector: "NewExpression[callee.object.name='session'][callee.property.name='MemoryStore']",
    message: '[no-local-sessions] MemoryStore keeps sessions in process memory.',
  },
  // no-global-state (no scope resolution: locals inside functions are flagged too)
  {
    selector: ':function UpdateExpression[argument.type=\'Identifier\']:not(ForStatement > UpdateExpression.update)',
    message: '[no-global-state] a variable is incremented inside a function.',
  },
  {
    selector: ":function AssignmentExpression[left.type='Identifier']",
    message: '[no-global-state] a variable is assigned inside a function.',
  },
  {
    selector:
      ":function AssignmentExpression[left.type='MemberExpression'][left.object.name=/^(global|globalThis)$/]",
    message: '[no-global-state] a global is written inside a function.',
  },
  {
    selector:
      ":function CallExpression[callee.object.type='Identifier'][callee.property.name=/^(push|unshift|splice|set|add|delete|clear)$/]",
    message: '[no-global-state] a collection is changed inside a function.',
  },
];

export default [
  {
    files: ['**/*.js'],
    languageOptions: { ecmaVersion: 'latest', sourceType: 'commonjs' },
    linterOptions: { reportUnusedDisableDirectives: 'off' },
    rules: { 'no-restricted-syntax': ['error', ...restricted] },
  },
];
